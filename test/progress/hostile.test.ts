// Broken and hostile goals: read commands still show what can be shown, say on stderr that the goals
// have errors (exit 0), and never hang, overflow the stack or grow without bound.
import { describe, expect, it } from 'vitest';
import { runStatus } from '../../src/commands/status.js';
import type { Environment } from '../../src/env.js';
import { okr } from '../support/run-cli.js';
import { commitAll, copyExample, makeRepo, tempDir, writeFiles } from '../support/temp-repo.js';

const OKR_YAML = `version: 1
mission: Survive.
cycles:
  - {id: 2026-Q4, start: 2026-10-01, end: 2026-12-31}
`;
const TEAM = 'name: Team\n';

describe('goals with errors', () => {
  it('the broken example still gives a tree, with one line on stderr counting the errors', async () => {
    // A copy outside this repository: in place, --as-of would read the example as committed on that
    // day, and say so, whenever a later commit has changed it.
    const dir = copyExample('broken');
    const check = JSON.parse((await okr(['check', '--json', '-C', dir])).stdout);
    expect(check.errors).toBeGreaterThan(5);
    for (const argv of [['tree'], ['tree', '--json'], ['status'], ['show', 'checkout/one-click']]) {
      const result = await okr([...argv, '--as-of', '2026-11-25', '-C', dir]);
      expect(result.code, argv.join(' ')).toBe(0);
      expect(result.stderr).toBe(`okr: the goals have ${check.errors} errors; run "okr check" for details\n`);
      expect(result.stdout.length).toBeGreaterThan(100);
    }
    const tree = JSON.parse((await okr(['tree', '--json', '--as-of', '2026-11-25', '-C', dir])).stdout);
    // The objective aligned to a misspelt goal is shown, as unaligned.
    expect(tree.unaligned.map((n: { ref: string }) => n.ref)).toContain('checkout/checkout-speed');
  });

  it('warnings alone print nothing on stderr', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'okr.yaml': OKR_YAML,
      'teams/a/team.yaml': TEAM,
      'teams/a/2026-Q4.yaml': 'objectives:\n  - {id: o, title: O, key_results: [{id: k, title: K, done: false}]}\n', // require-alignment: warn
    });
    expect(JSON.parse((await okr(['check', '--json', '-C', dir])).stdout)).toMatchObject({ errors: 0, warnings: 1 });
    const result = await okr(['tree', '-C', dir]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Unaligned');
  });

  it('okr.yaml without usable cycles is a data error with a hint', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'okr.yaml': 'version: 1\nmission: M\ncycles:\n  - {id: x, start: 2026-02-30, end: 2026-03-01}\n' });
    const result = await okr(['status', '-C', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('okr: cycle "x" has no valid dates (start 2026-02-30, end 2026-03-01)');
  });
});

describe('hostile shapes', () => {
  it('alignment cycles terminate everywhere', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'okr.yaml': OKR_YAML,
      'teams/a/team.yaml': TEAM,
      'teams/a/2026-Q4.yaml': `objectives:
  - {id: x, title: X, aligns_to: [mission, a/y/r], key_results: [{id: r, title: R, rollup: true}]}
  - {id: y, title: Y, aligns_to: a/x/r, key_results: [{id: r, title: R, rollup: true}]}
  - {id: self, title: Self, aligns_to: a/self/r, key_results: [{id: r, title: R, rollup: true}]}
`,
    });
    for (const argv of [['tree'], ['tree', '--json'], ['status', '--json'], ['show', 'a/x', '--json'], ['tree', 'a/y']]) {
      const result = await okr([...argv, '-C', dir]);
      expect(result.code, argv.join(' ')).toBe(0);
      expect(result.stderr).toMatch(/the goals have \d+ errors/);
    }
    const text = (await okr(['tree', '--no-krs', '-C', dir])).stdout;
    expect(text).toContain('alignment cycle, shown above');
  });

  it('a chain 3,000 objectives deep renders as text and as JSON that parses', async () => {
    const n = 3000;
    const lines = ['objectives:'];
    for (let i = 0; i < n; i++)
      lines.push(`  - {id: o${i}, title: Level ${i}, aligns_to: ${i === 0 ? 'mission' : `o${i - 1}`}, key_results: [{id: k, title: K, done: ${i === n - 1}}]}`);
    const dir = tempDir();
    writeFiles(dir, { 'okr.yaml': OKR_YAML, 'teams/a/team.yaml': TEAM, 'teams/a/2026-Q4.yaml': lines.join('\n') + '\n' });

    const json = await okr(['tree', '--json', '-C', dir]);
    expect(json.code).toBe(0);
    let node = JSON.parse(json.stdout).roots[0];
    let depth = 1;
    while (node.children.length) {
      node = node.children[0];
      depth++;
    }
    expect(depth).toBe(n);
    expect(node.ref).toBe(`a/o${n - 1}`);
    // Indentation stops growing past a depth: the text stays linear in the number of objectives.
    expect(json.stdout.length).toBeLessThan(n * 2000);

    const text = await okr(['tree', '--no-krs', '-C', dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`\\(level ${n}\\) Level.*100%  done\\s+a/o${n - 1}\n`));
    expect(text.stdout.length).toBeLessThan(n * 400);
  });
});

describe('--at reads the goals as they were at a revision', () => {
  it('tree and show evaluate the committed values, not the work tree', async () => {
    const file = (current: number) => `objectives:
  - id: o
    title: O
    aligns_to: mission
    key_results:
      - {id: m, title: M, start: 0, target: 10, current: ${current}}
`;
    const repo = makeRepo({ 'okr.yaml': OKR_YAML, 'teams/a/team.yaml': TEAM, 'teams/a/2026-Q4.yaml': file(2) });
    writeFiles(repo, { 'teams/a/2026-Q4.yaml': file(7) });
    commitAll(repo, 'checkin');
    writeFiles(repo, { 'teams/a/2026-Q4.yaml': file(9) }); // uncommitted
    const progress = async (argv: string[]) => JSON.parse((await okr([...argv, '--json', '-C', repo])).stdout);
    expect((await progress(['tree'])).mission.progress).toBe(0.9);
    expect((await progress(['tree', '--at', 'HEAD'])).mission.progress).toBe(0.7);
    expect((await progress(['show', 'a/o/m', '--at', 'HEAD~1'])).progress).toBe(0.2);
    expect((await progress(['status', '--at', 'HEAD~1'])).teams[0].progress).toBe(0.2);
  });
});

describe('okr status with check-in history', () => {
  it('aggregates the last check-in, stale key results and forecasts below target per team when a source gives them', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'okr.yaml': OKR_YAML,
      'teams/a/team.yaml': TEAM,
      'teams/b/team.yaml': TEAM,
      'teams/a/2026-Q4.yaml': 'objectives:\n  - {id: o, title: O, aligns_to: mission, key_results: [{id: k1, title: K, done: true}, {id: k2, title: K, done: true}]}\n',
      'teams/b/2026-Q4.yaml': 'objectives:\n  - {id: o, title: O, aligns_to: mission, key_results: [{id: k, title: K, done: true}]}\n',
    });
    let stdout = '';
    const env: Environment = {
      cwd: dir,
      stdout: { write: (s) => void (stdout += s), isTTY: false },
      stderr: { write: () => undefined, isTTY: false },
      vars: { NO_COLOR: '1' },
      today: '2026-11-25',
    };
    const facts = (lastCheckin: string | undefined, stale: boolean, forecastBelowTarget: boolean) => ({ lastCheckin, stale, unknown: false, forecastBelowTarget });
    const code = await runStatus(env, { json: true }, async () => ({
      byRef: new Map([
        ['a/o/k1', facts('2026-11-01', true, false)],
        ['a/o/k2', facts('2026-11-20', false, false)],
        ['b/o/k', facts(undefined, false, true)],
      ]),
    }));
    expect(code).toBe(0);
    const rows = JSON.parse(stdout).teams;
    expect(rows).toEqual([
      expect.objectContaining({ team: 'a', last_checkin: '2026-11-20', stale: 1, forecast_below_target: 0 }),
      expect.objectContaining({ team: 'b', last_checkin: null, stale: 0, forecast_below_target: 1 }),
    ]);
  });
});
