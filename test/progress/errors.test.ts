// Mistakes on the command line and in the data: a clear message, a hint, and the right exit code.
import { describe, expect, it } from 'vitest';
import { EXAMPLES, okr } from '../support/run-cli.js';

const ACME = `${EXAMPLES}acme`;
const run = (argv: string[]) => okr([...argv, '-C', ACME]);

describe('usage errors (exit 2)', () => {
  it('an unknown --cycle names the closest and every declared cycle', async () => {
    for (const command of ['tree', 'status', 'show mission']) {
      const result = await run([...command.split(' '), '--cycle', '2026-Q5']);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe('okr: unknown cycle "2026-Q5": did you mean "2026-Q3"?\nCycles declared in okr.yaml: 2026, 2026-Q3, 2026-Q4.\n');
    }
  });

  it('a REF that is not a reference, or is a team, says how to write one', async () => {
    const flagLike = await okr(['tree', '-C', ACME, '--', '-x']);
    expect(flagLike.code).toBe(2);
    expect(flagLike.stderr).toContain('"-x" is not a goal reference');
    const path = await run(['show', '../etc/passwd']);
    expect(path.code).toBe(2);
    expect(path.stderr).toMatch(/not a goal reference\nWrite team\/objective/);
    const team = await run(['show', 'payments']);
    expect(team.code).toBe(2);
    expect(team.stderr).toContain('"payments" is a team, not a goal');
    expect(team.stderr).toContain('okr tree --team payments');
  });

  it('REF and --team together, a bad --depth or --as-of', async () => {
    expect((await run(['tree', 'payments/faster-checkout', '--team', 'payments'])).code).toBe(2);
    const depth = await run(['tree', '--depth', 'two']);
    expect(depth.code).toBe(2);
    expect(depth.stderr).toContain('expected a whole number');
    const day = await run(['status', '--as-of', '2026-02-30']);
    expect(day.code).toBe(2);
    expect(day.stderr).toContain('YYYY-MM-DD');
  });

  it('no workspace', async () => {
    const result = await okr(['tree'], { cwd: '/' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no workspace found');
  });
});

describe('data errors (exit 1)', () => {
  it('an unknown objective or key result suggests the nearest', async () => {
    const objective = await run(['show', 'payments/faster-chekout']);
    expect(objective.code).toBe(1);
    expect(objective.stderr).toBe(
      'okr: no objective payments/faster-chekout: team payments has no objective "faster-chekout": did you mean "payments/faster-checkout"?\nRun "okr tree" to see every goal with its reference.\n',
    );
    const kr = await run(['tree', 'payments/faster-checkout/p95-latnecy']);
    expect(kr.code).toBe(1);
    expect(kr.stderr).toContain('did you mean "payments/faster-checkout/p95-latency"?');
    const team = await run(['show', 'paymnets/faster-checkout']);
    expect(team.stderr).toContain('there is no team "paymnets"');
  });

  it('an unknown --team suggests the nearest team (a bad option value, as an unknown --cycle: exit 2)', async () => {
    const result = await run(['tree', '--team', 'chekout']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^okr: no team "chekout": did you mean "checkout"\?\nTeams are the folders under teams\/: checkout, engineering,/);
  });

  it('a goal outside the chosen cycle says which cycle to ask for', async () => {
    const result = await run(['tree', 'checkout/partner-sdk', '--cycle', '2026']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'okr: checkout/partner-sdk belongs to cycle 2026-Q4, which is not in view of cycle 2026\nRun "okr tree checkout/partner-sdk --cycle 2026-Q4".\n',
    );
  });

  it('a team with no objectives in the cycle gets the mission and a note', async () => {
    const result = await run(['tree', '--team', 'product', '--cycle', '2026-Q4']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const support = await run(['tree', '--team', 'support', '--cycle', '2026', '--json']);
    expect(support.code).toBe(0);
    expect(JSON.parse(support.stdout)).toMatchObject({ roots: [], unaligned: [] });
    expect(support.stderr).toBe('okr: team support has no objectives in cycle 2026\n');
  });
});
