// examples/broken: a workspace with one of each mistake. Its findings are pinned here exactly, and
// the README shows the very output a user gets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, okr, okrProcess, PROJECT_ROOT } from '../support/run-cli.js';
import { where, type JsonReport } from './workspace.js';

const BROKEN = join(EXAMPLES, 'broken');

const EXPECTED = [
  'okr.yaml:19:10 error invalid-date',
  'okr.yaml:25:3 error unknown-rule',
  'teams/checkout/2026-Q4.yaml:5:16 error unknown-reference',
  'teams/checkout/2026-Q4.yaml:19:14 error unknown-value',
  'teams/checkout/2026-Q4.yaml:23:9 error schema',
  'teams/checkout/2026-Q4.yaml:34:16 error alignment-cycle',
  'teams/checkout/2026-Q4.yaml:39:9 error schema',
  'teams/checkout/2026.yaml:5:5 error duplicate-key',
  'teams/checkout/2026.yaml:13:9 error require-alignment',
  'teams/fraud/2026-Q4.yaml:3:9 error schema',
  'teams/fraud/2026-Q4.yaml:19:13 error schema',
  'teams/fraud/2027-Q1.yaml:1:1 error undeclared-cycle',
  'teams/fraud/team.yaml:3:9 error unknown-parent',
  'teams/growth/2026-Q4.yaml:1:1 error missing-team-file',
  'teams/mobile/2026-Q4.yaml:4:12 error yaml-syntax',
  'teams/payments/2026-Q4.yaml:10:17 error start-equals-target',
  'teams/payments/2026-Q4.yaml:27:18 error objective-without-key-results',
  'teams/payments/2026.yaml:16:9 warning rollup-without-children',
  'teams/payments/2026.yaml:18:9 error duplicate-id',
  'teams/payments/2026.yaml:26:17 error schema',
  'teams/payments/2026.yaml:33:16 error cycle-not-covered',
  'teams/treasury/team.yaml:3:9 error team-cycle',
];

describe('examples/broken', () => {
  it('reports exactly its mistakes, each at its node', async () => {
    const result = await okr(['check', '--format', 'json', '-C', BROKEN]);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.findings.map(where)).toEqual(EXPECTED);
    expect(report).toMatchObject({ ok: false, errors: 21, warnings: 1 });
    expect(result.code).toBe(1);
  });

  it('explains each finding in words a person can act on', async () => {
    const report = JSON.parse((await okr(['check', '--json', '-C', BROKEN])).stdout) as JsonReport;
    const message = (rule: string) => report.findings.find((f) => f.rule === rule)!.message;
    expect(message('unknown-reference')).toBe('"payments/faster-chekout" does not name an objective: did you mean "payments/faster-checkout"?');
    expect(message('unknown-value')).toBe('value "custmer-trust" is not declared in okr.yaml: did you mean "customer-trust"?');
    expect(message('unknown-rule')).toBe('unknown rule "max-objectivs-per-team": did you mean "max-objectives-per-team"?');
    expect(message('yaml-syntax')).toBe(
      'a mapping cannot start inside this value: put a value that contains ": " in quotes (title: "Fix: crashes on Android 15"), or check the indentation of the next line',
    );
    expect(message('team-cycle')).toBe('team parents form a cycle: ledger → treasury → ledger; one of these teams needs another parent, or none');
    expect(report.findings.filter((f) => f.rule === 'schema').map((f) => f.message)).toEqual([
      'unknown key "titel": did you mean "title"?',
      'key result mixes kinds: "start" makes it a metric, "done" a milestone; a key result is exactly one kind',
      '"-x" is not a valid id: it looks like a command-line flag; ids start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 64)',
      '"../x" is not a valid id: it looks like a path; ids start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 64)',
      '"target" must be a number, not the string "300": write 300 (no quotes)',
    ]);
  });

  it('the README shows the output okr check prints for it', async () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const shown = /<!-- check-output: examples\/broken -->\n```text\n\$ okr check -C examples\/broken\n([\s\S]*?)```/.exec(readme);
    expect(shown, 'README.md has the output of okr check -C examples/broken').not.toBeNull();
    const result = await okr(['check', '-C', 'examples/broken'], { cwd: PROJECT_ROOT });
    expect(shown![1]).toBe(result.stdout);
  });

  it('exits 1 as a real process, and examples/acme exits 0', async () => {
    const broken = await okrProcess(['check', '-C', 'examples/broken']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/✖ 21 errors, 1 warning in 15 files\n$/);
    expect(broken.stderr).toBe('');
    expect((await okrProcess(['check', '-C', 'examples/acme'])).code).toBe(0);
  });
});
