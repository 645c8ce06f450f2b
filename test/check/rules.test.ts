// Every rule `okr check` reports, triggered on purpose, pinned to the exact file:line:column of the
// offending YAML node, with nothing else reported beside it.
import { readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_CATALOG } from '../../src/model/rules.js';
import { commitAll, git, makeRepo } from '../support/temp-repo.js';
import { checkJson, OKR_YAML, where, workspace } from './workspace.js';


interface Case {
  readonly rule: string;
  readonly title: string;
  readonly files: Record<string, string | Buffer | null>;
  readonly vars?: Record<string, string>;
  /** Runs after the files are written (links). */
  readonly prepare?: (dir: string) => void;
  /** Makes the workspace a git repository whose one commit has this date. */
  readonly committedOn?: string;
  /** Every finding, as "file:line:column severity rule". */
  readonly expected: readonly string[];
  readonly message: RegExp;
}

const goal = (body: string) => `objectives:\n${body}`;
const milestone = '    key_results:\n      - {id: done-it, title: Do it, done: false}\n';

const cases: Case[] = [
  {
    rule: 'yaml-syntax',
    title: 'an unquoted ": " inside a value',
    files: { 'teams/platform/2026-Q4.yaml': goal('  - id: fix\n    title: Fix: crashes\n    aligns_to: mission\n' + milestone) },
    expected: ['teams/platform/2026-Q4.yaml:3:12 error yaml-syntax'],
    message: /put a value that contains ": " in quotes/,
  },
  {
    rule: 'duplicate-key',
    title: 'a key twice in one mapping, pointing at the second',
    files: { 'teams/platform/2026-Q4.yaml': goal('  - id: fix\n    title: One\n    aligns_to: mission\n    title: Two\n' + milestone) },
    expected: ['teams/platform/2026-Q4.yaml:5:5 error duplicate-key'],
    message: /^duplicate key "title"/,
  },
  {
    rule: 'schema',
    title: 'a wrong type at /objectives/2/key_results/0/target points at that value',
    files: {
      'teams/platform/2026-Q4.yaml': goal(
        ['a', 'b'].map((id) => `  - id: ${id}\n    title: ${id}\n    aligns_to: mission\n${milestone}`).join('') +
          '  - id: c\n    title: C\n    aligns_to: mission\n    key_results:\n      - id: payouts\n        title: Payouts\n        start: 0\n        target: "300"\n',
      ),
    },
    expected: ['teams/platform/2026-Q4.yaml:19:17 error schema'],
    message: /^"target" must be a number, not the string "300": write 300 \(no quotes\)$/,
  },
  {
    rule: 'invalid-encoding',
    title: 'a byte that is not UTF-8, at its line and column',
    files: { 'teams/platform/2026-Q4.yaml': Buffer.from('objectives:\n  - id: caf\xe9\n', 'latin1') },
    expected: ['teams/platform/2026-Q4.yaml:2:12 error invalid-encoding'],
    message: /not valid UTF-8.*line 2, column 12/,
  },
  {
    rule: 'file-too-large',
    title: 'a file over OKR_MAX_FILE_BYTES',
    files: { 'teams/platform/2026-Q4.yaml': `objectives: []\n# ${'x'.repeat(2000)}\n` },
    vars: { OKR_MAX_FILE_BYTES: '1000' },
    expected: ['teams/platform/2026-Q4.yaml:1:1 error file-too-large'],
    message: /over the limit of 1000 bytes.*OKR_MAX_FILE_BYTES/,
  },
  {
    rule: 'unsafe-path',
    title: 'a metric source outside the repository',
    files: {
      'teams/platform/2026-Q4.yaml': goal(
        '  - id: fast\n    title: Fast\n    aligns_to: mission\n    key_results:\n      - id: p95\n        title: p95\n        start: 900\n        target: 300\n        source:\n          file: ../../etc/passwd\n          pointer: /p95\n',
      ),
    },
    expected: ['teams/platform/2026-Q4.yaml:11:17 error unsafe-path'],
    message: /source file "..\/..\/etc\/passwd" must be a relative path inside the repository/,
  },
  {
    rule: 'unreadable-file',
    title: 'a goal file that is a dangling link',
    files: {},
    prepare: (dir) => symlinkSync('gone.yaml', join(dir, 'teams/platform/2026-Q4.yaml')),
    expected: ['teams/platform/2026-Q4.yaml:1:1 error unreadable-file'],
    message: /cannot read the file/,
  },
  {
    rule: 'invalid-id',
    title: 'a team folder named like a flag',
    files: { 'teams/-rf/team.yaml': 'name: Flag\n' },
    expected: ['teams/-rf/team.yaml:1:1 error invalid-id'],
    message: /team folder name: "-rf" is not a valid id: it looks like a command-line flag/,
  },
  {
    rule: 'ignored-file',
    title: 'a cycle file named .yml',
    files: { 'teams/platform/2026-Q4.yml': goal('  - id: fix\n    title: Fix\n    aligns_to: mission\n' + milestone) },
    expected: ['teams/platform/2026-Q4.yml:1:1 warning ignored-file'],
    message: /okr reads only files named \*\.yaml, so it ignores 2026-Q4\.yml: rename it to 2026-Q4\.yaml/,
  },
  {
    rule: 'missing-team-file',
    title: 'a team folder with goals but no team.yaml',
    files: { 'teams/ghost/2026.yaml': goal('  - id: haunt\n    title: Haunt\n    aligns_to: mission\n' + milestone) },
    expected: ['teams/ghost/2026.yaml:1:1 error missing-team-file'],
    message: /teams\/ghost\/ has no team.yaml/,
  },
  {
    rule: 'duplicate-id',
    title: 'an objective id used in two cycle files of one team',
    files: { 'teams/platform/2026-Q4.yaml': goal('  - id: reliable\n    title: Again\n    aligns_to: mission\n' + milestone) },
    expected: ['teams/platform/2026.yaml:2:9 error duplicate-id'],
    message: /duplicate objective id "reliable" in team platform: also in teams\/platform\/2026-Q4.yaml/,
  },
  {
    rule: 'unknown-reference',
    title: 'aligns_to naming no objective, with a suggestion',
    files: { 'teams/platform/2026-Q4.yaml': goal('  - id: steady\n    title: Steady\n    aligns_to: platform/reliabel\n' + milestone) },
    expected: ['teams/platform/2026-Q4.yaml:4:16 error unknown-reference'],
    message: /"platform\/reliabel" does not name an objective: did you mean "platform\/reliable"\?/,
  },
  {
    rule: 'alignment-cycle',
    title: 'two objectives aligned to each other',
    files: {
      'teams/platform/2026-Q4.yaml': goal(
        `  - id: a\n    title: A\n    aligns_to: b\n${milestone}  - id: b\n    title: B\n    aligns_to: [mission, a]\n${milestone}`,
      ),
    },
    expected: ['teams/platform/2026-Q4.yaml:9:26 error alignment-cycle'],
    message: /alignment forms a cycle: platform\/a → platform\/b → platform\/a/,
  },
  {
    rule: 'team-cycle',
    title: 'two teams that are each other’s parent',
    files: {
      'teams/platform/team.yaml': 'name: Platform\nparent: infra\n',
      'teams/infra/team.yaml': 'name: Infra\nparent: platform\n',
    },
    expected: ['teams/platform/team.yaml:2:9 error team-cycle'],
    message: /team parents form a cycle: infra → platform → infra/,
  },
  {
    rule: 'unknown-parent',
    title: 'a parent team that does not exist',
    files: { 'teams/platform/team.yaml': 'name: Platform\nparent: engineerin\n', 'teams/engineering/team.yaml': 'name: Engineering\n' },
    expected: ['teams/platform/team.yaml:2:9 error unknown-parent'],
    message: /parent team "engineerin" does not exist: did you mean "engineering"\?/,
  },
  {
    rule: 'undeclared-cycle',
    title: 'a cycle file for a cycle okr.yaml does not declare',
    files: { 'teams/platform/2027.yaml': goal('  - id: later\n    title: Later\n    aligns_to: mission\n' + milestone) },
    expected: ['teams/platform/2027.yaml:1:1 error undeclared-cycle'],
    message: /cycle "2027" \(the file name\) is not declared in okr.yaml \(declared: 2026, 2026-Q4\)/,
  },
  {
    rule: 'cycle-not-covered',
    title: 'a yearly objective aligned to a quarterly one',
    files: {
      'teams/platform/2026-Q4.yaml': goal('  - id: quarter\n    title: Quarter\n    aligns_to: mission\n' + milestone),
      'teams/platform/2026.yaml': goal('  - id: year\n    title: Year\n    aligns_to: quarter\n' + milestone),
    },
    expected: ['teams/platform/2026.yaml:4:16 error cycle-not-covered'],
    message: /platform\/quarter belongs to cycle 2026-Q4 .* does not cover this objective's cycle 2026/,
  },
  {
    rule: 'invalid-date',
    title: 'a day that is not in the calendar',
    files: { 'okr.yaml': OKR_WITH('  - id: 2026-Q1\n    start: 2026-01-01\n    end: 2026-02-30\n') },
    expected: ['okr.yaml:16:10 error invalid-date'],
    message: /end "2026-02-30" is not a calendar date/,
  },
  {
    rule: 'start-equals-target',
    title: 'a metric whose start is its target',
    files: {
      'teams/platform/2026-Q4.yaml': goal(
        '  - id: still\n    title: Still\n    aligns_to: mission\n    key_results:\n      - id: flat\n        title: Flat\n        start: 50\n        target: 50\n',
      ),
    },
    expected: ['teams/platform/2026-Q4.yaml:9:17 error start-equals-target'],
    message: /key result "flat" has start and target both 50/,
  },
  {
    rule: 'objective-without-key-results',
    title: 'an objective with an empty key_results list',
    files: { 'teams/platform/2026-Q4.yaml': goal('  - id: vague\n    title: Vague\n    aligns_to: mission\n    key_results: []\n') },
    expected: ['teams/platform/2026-Q4.yaml:5:18 error objective-without-key-results'],
    message: /objective "vague" has no key results/,
  },
  {
    rule: 'unknown-value',
    title: 'a value okr.yaml does not declare',
    files: { 'teams/platform/2026-Q4.yaml': goal('  - id: kind\n    title: Kind\n    aligns_to: mission\n    values: [customer-trust, custmer-trust]\n' + milestone) },
    expected: ['teams/platform/2026-Q4.yaml:5:30 error unknown-value'],
    message: /value "custmer-trust" is not declared in okr.yaml: did you mean "customer-trust"\?/,
  },
  {
    rule: 'unknown-rule',
    title: 'a misspelt rule name in okr.yaml',
    files: { 'okr.yaml': `${OKR_WITH('')}rules:\n  require-alignement: error\n` },
    expected: ['okr.yaml:15:3 error unknown-rule'],
    message: /unknown rule "require-alignement": did you mean "require-alignment"\?/,
  },
  {
    rule: 'max-objectives-per-team',
    title: 'one objective too many, at the first one over the limit',
    files: {
      'okr.yaml': `${OKR_WITH('')}rules:\n  max-objectives-per-team: [error, 1]\n`,
      'teams/platform/2026.yaml': goal(['a', 'b', 'c'].map((id) => `  - id: ${id}\n    title: ${id}\n    aligns_to: mission\n${milestone}`).join('')),
    },
    expected: ['teams/platform/2026.yaml:7:9 error max-objectives-per-team'],
    message: /team platform has more than 1 objectives in cycle 2026/,
  },
  {
    rule: 'max-key-results-per-objective',
    title: 'too many key results, at the first one over the limit (a warning by default)',
    files: {
      'okr.yaml': `${OKR_WITH('')}rules:\n  max-key-results-per-objective: [warn, 1]\n`,
      'teams/platform/2026.yaml': goal(
        '  - id: many\n    title: Many\n    aligns_to: mission\n    key_results:\n      - {id: one, title: One, done: false}\n      - {id: two, title: Two, done: true}\n',
      ),
    },
    expected: ['teams/platform/2026.yaml:7:14 warning max-key-results-per-objective'],
    message: /objective "many" has 2 key results \(at most 1\)/,
  },
  {
    rule: 'require-alignment',
    title: 'an objective that aligns to nothing (a warning by default)',
    files: { 'teams/platform/2026-Q4.yaml': goal('  - id: alone\n    title: Alone\n' + milestone) },
    expected: ['teams/platform/2026-Q4.yaml:2:9 warning require-alignment'],
    message: /objective "alone" does not say what it aligns to/,
  },
  {
    rule: 'rollup-without-children',
    title: 'a rollup key result nothing aligns to (a warning by default)',
    files: {
      'teams/platform/2026-Q4.yaml': goal('  - id: adopt\n    title: Adopt\n    aligns_to: mission\n    key_results:\n      - id: teams\n        title: Teams adopt\n        rollup: true\n'),
    },
    expected: ['teams/platform/2026-Q4.yaml:8:9 warning rollup-without-children'],
    message: /rollup key result "teams" has no objectives aligned to it.*aligns_to: platform\/adopt\/teams/,
  },
  {
    rule: 'stale-checkin',
    title: 'a key result of a running cycle with no check-in for longer than stale_after_days (a warning by default)',
    committedOn: '2026-10-02',
    files: {
      'teams/platform/2026.yaml': null,
      'teams/platform/2026-Q4.yaml': goal(
        '  - id: fast\n    title: Fast\n    aligns_to: mission\n    key_results:\n      - id: p95\n        title: p95\n        start: 900\n        target: 300\n        current: 700\n',
      ),
    },
    expected: ['teams/platform/2026-Q4.yaml:10:18 warning stale-checkin'],
    message: /key result "p95" has had no check-in for 54 days/,
  },
  {
    rule: 'closed-cycle-changed',
    title: 'a value of a closed cycle that differs from its close commit (needs git history)',
    files: {
      'teams/platform/2026.yaml': null,
      'okr.yaml': OKR_YAML.replace('    end: 2026-12-31\n', '    end: 2026-12-31\n    closed: "2026-12-31"\n').replace('  - id: 2026-Q4\n    start: 2026-10-01\n    end: 2026-12-31\n', ''),
      'teams/platform/2026.yaml.closed': goal(
        '  - id: fast\n    title: Fast\n    aligns_to: mission\n    grade: 0.5\n    key_results:\n      - id: p95\n        title: p95\n        start: 900\n        target: 300\n        current: 600\n        grade: 0.5\n',
      ),
    },
    prepare: (dir) => {
      // The close commit, as okr close writes it, then the value edited after it in the work tree.
      const closed = join(dir, 'teams/platform/2026.yaml');
      renameSync(`${closed}.closed`, closed);
      git(dir, ['init', '-q', '-b', 'main']);
      commitAll(dir, 'close(2026): mission 50%, 1 objective graded\n\nOkr-Close: 2026');
      writeFileSync(closed, readFileSync(closed, 'utf8').replace('current: 600', 'current: 700'));
    },
    expected: ['teams/platform/2026.yaml:11:18 error closed-cycle-changed'],
    message: /^key result "p95" of closed cycle 2026 has current 700, but 600 at its close \([0-9a-f]{7}\)/,
  },
  {
    rule: 'unsafe-url',
    title: 'a member URL that runs a program (ext::)',
    files: { 'okr.yaml': `${OKR_YAML}members:\n  - id: mobile\n    url: "ext::sh -c touch% /tmp/x"\n` },
    expected: ['okr.yaml:16:10 error unsafe-url'],
    message: /^member "mobile": "ext::" is a git remote helper: it runs a program/,
  },
  {
    rule: 'upstream-not-fetched',
    title: 'an upstream that okr fetch has not fetched yet',
    files: { 'okr.yaml': `${OKR_YAML}upstream:\n  url: ../org.git\n` },
    prepare: (dir) => {
      git(dir, ['init', '-q', '-b', 'main']);
      commitAll(dir, 'goals');
    },
    expected: ['okr.yaml:14:1 error upstream-not-fetched'],
    message: /^the upstream has not been fetched.*run "okr fetch"/,
  },
  {
    rule: 'team-clash',
    title: 'a team id of this repository that the upstream has too',
    files: { 'okr.yaml': `${OKR_YAML}upstream:\n  url: ../org.git\n` },
    prepare: (dir) => {
      const upstream = makeRepo({ 'okr.yaml': OKR_YAML, 'teams/platform/team.yaml': 'name: Platform\n' });
      git(dir, ['init', '-q', '-b', 'main']);
      commitAll(dir, 'goals');
      git(dir, ['fetch', '-q', '--no-tags', upstream, '+HEAD:refs/okr/upstream']);
    },
    expected: ['teams/platform/2026.yaml:1:1 error team-clash'],
    message: /^team "platform" is in two repositories: the upstream \(upstream:teams\/platform\/\) and this repository \(teams\/platform\/\)/,
  },
];

function OKR_WITH(extraCycles: string): string {
  return OKR_YAML + extraCycles;
}

describe('okr check: every rule, at the offending node', () => {
  it.each(cases)('$rule: $title', async ({ files, vars, prepare, committedOn, expected, message }) => {
    const dir = workspace(files);
    prepare?.(dir);
    if (committedOn) {
      git(dir, ['init', '-q', '-b', 'main']);
      const date = `${committedOn}T12:00:00Z`;
      commitAll(dir, 'goals', { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    }
    const { code, report } = await checkJson(dir, [], { vars });
    expect(report.findings.map(where)).toEqual(expected);
    expect(report.findings[0]!.message).toMatch(message);
    const errors = expected.filter((e) => e.includes(' error ')).length;
    expect(code).toBe(errors ? 1 : 0);
    expect(report).toMatchObject({ ok: errors === 0, errors, warnings: expected.length - errors });
  });

  it('covers every rule of the catalog that check reports', () => {
    const covered = new Set(cases.map((c) => c.rule));
    const missing = [...RULE_CATALOG.keys()].filter((rule) => !covered.has(rule));
    expect(missing).toEqual([]);
  });

  it('the base workspace is clean', async () => {
    const { code, report } = await checkJson(workspace());
    expect(report).toEqual({ ok: true, errors: 0, warnings: 0, findings: [] });
    expect(code).toBe(0);
  });
});
