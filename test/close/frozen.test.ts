// After okr close: the cycle is frozen (check-ins refused, the closed-cycle-changed rule compares it
// with its close commit, nothing in it is stale), and every view shows the grades.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { commitAll, git, tempDir, writeFiles } from '../support/temp-repo.js';
import { at, CHECKOUT, closeRepo, commitCount, FILES, P95, Q3, read } from './workspace.js';

const AFTER_Q3 = '2026-10-02';

/** A repository whose 2026-Q3 was closed on AFTER_Q3 by okr close. */
async function closedRepo(extra: Record<string, string> = {}): Promise<string> {
  const dir = closeRepo(extra);
  const result = await okr(['close', '2026-Q3'], { cwd: dir, today: AFTER_Q3, vars: at(AFTER_Q3) });
  expect(result.code).toBe(0);
  return dir;
}

const findings = async (dir: string, today = '2026-10-20') => {
  const result = await okr(['check', '--format', 'json'], { cwd: dir, today });
  const report = JSON.parse(result.stdout);
  return { code: result.code, report, lines: report.findings.map((f: { file: string; line: number; column: number; severity: string; rule: string; message: string }) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`) };
};

describe('a closed cycle is frozen', () => {
  it('okr checkin refuses its key results, writing nothing', async () => {
    const dir = await closedRepo();
    const before = read(dir, Q3);
    const result = await okr(['checkin', `${P95}=400`], { cwd: dir, today: '2026-10-03' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`okr: ${P95} belongs to cycle 2026-Q3, closed on ${AFTER_Q3}: a closed cycle's numbers are frozen`);
    expect(result.stderr).toContain('okr plan NEXT --from 2026-Q3');
    expect(read(dir, Q3)).toBe(before);
    expect(commitCount(dir)).toBe(2);
  });

  it('okr measure leaves its sources alone', async () => {
    const dir = await closedRepo({
      [CHECKOUT]: FILES[CHECKOUT]!.replace('        unit: "%"\n', '        unit: "%"\n        source: {file: metrics.json, pointer: /conversion}\n'),
      'metrics.json': '{"conversion": 66}\n',
    });
    const result = await okr(['measure'], { cwd: dir, today: '2026-10-03' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('every key result with a source belongs to a closed cycle');
    expect(commitCount(dir)).toBe(2);
  });

  it('a clean closed cycle passes okr check, in the work tree and in CI', async () => {
    const dir = await closedRepo();
    const { code, report } = await findings(dir);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('okr check reports each value, target or grade changed after the close, and goals added or removed', async () => {
    const dir = await closedRepo();
    writeFiles(dir, {
      [Q3]: read(dir, Q3)
        .replace('current: 450', 'current: 400')
        .replace('target: 300', 'target: 350')
        .replace('    grade: 0.91\n', '    grade: 0.95\n')
        .replace("title: 'Ship the edge cache'\n        done: true", "title: 'Ship the edge cache'\n        done: false")
        .replace('keep_below: 0.1, current: 0.08, grade: 1}', 'keep_below: 0.1, current: 0.08, grade: 1}\n      - {id: extra, title: Extra, done: true}'),
      [CHECKOUT]: 'objectives: []\n',
    });
    commitAll(dir, 'quietly better numbers', at('2026-10-10'));
    const { code, lines } = await findings(dir);
    expect(code).toBe(1);
    expect(lines).toEqual([
      'teams/checkout/2026-Q3.yaml:1:1 error closed-cycle-changed objective "one-click" was removed from closed cycle 2026-Q3 after its close (' +
        git(dir, ['rev-parse', '--short=7', 'okr/2026-Q3^{commit}']).trim() +
        '): a closed cycle is frozen; put it back, or reopen the cycle (remove its closed: line in okr.yaml)',
      expect.stringMatching(/^teams\/payments\/2026-Q3\.yaml:5:12 error closed-cycle-changed objective "faster-checkout" of closed cycle 2026-Q3 has grade 0\.95, but 0\.91 at its close \([0-9a-f]{7}\)/),
      expect.stringMatching(/^teams\/payments\/2026-Q3\.yaml:12:17 error closed-cycle-changed key result "p95-latency" of closed cycle 2026-Q3 has target 350, but 300 at its close/),
      expect.stringMatching(/^teams\/payments\/2026-Q3\.yaml:13:18 error closed-cycle-changed key result "p95-latency" of closed cycle 2026-Q3 has current 400, but 450 at its close/),
      expect.stringMatching(/^teams\/payments\/2026-Q3\.yaml:19:15 error closed-cycle-changed key result "edge-cache" of closed cycle 2026-Q3 is not done, but was done at its close \([0-9a-f]{7}\)/),
      expect.stringMatching(/^teams\/payments\/2026-Q3\.yaml:22:14 error closed-cycle-changed key result "extra" was added to closed cycle 2026-Q3 after its close/),
    ]);
  });

  it('a later commit that copies the Okr-Close trailer does not become the reference', async () => {
    const dir = await closedRepo();
    writeFiles(dir, { [Q3]: read(dir, Q3).replace('current: 450', 'current: 400'), 'okr.yaml': `${read(dir, 'okr.yaml')}# touched\n` });
    commitAll(dir, 'close(2026-Q3): again\n\nOkr-Close: 2026-Q3', at('2026-10-10'));
    const { code, lines } = await findings(dir);
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/has current 400, but 450 at its close/)]);
  });

  it('finds the close by its tag when the trailer is gone (an amended or squashed close)', async () => {
    const dir = await closedRepo();
    git(dir, ['commit', '--amend', '-q', '-m', 'squashed: close the quarter'], at(AFTER_Q3));
    writeFiles(dir, { [Q3]: read(dir, Q3).replace('current: 450', 'current: 400') });
    const { lines } = await findings(dir);
    expect(lines).toEqual([expect.stringMatching(/has current 400, but 450 at its close \(okr\/2026-Q3, [0-9a-f]{7}\)/)]);
  });

  it('warns when no close commit can be found for a cycle marked closed by hand', async () => {
    const dir = closeRepo({ 'okr.yaml': FILES['okr.yaml']!.replace('    end: 2026-09-30     # grading day\n', '    end: 2026-09-30     # grading day\n    closed: "2026-10-01"\n') });
    const { code, lines } = await findings(dir);
    expect(lines).toEqual([expect.stringMatching(/^okr\.yaml:10:13 warning closed-cycle-changed cycle 2026-Q3 is marked closed, but no close commit was found .* its numbers cannot be checked/)]);
    expect(code).toBe(0);
  });

  it('can be turned off, and is skipped outside git', async () => {
    const dir = await closedRepo();
    writeFiles(dir, { [Q3]: read(dir, Q3).replace('current: 450', 'current: 400') });
    expect((await findings(dir)).code).toBe(1);
    writeFiles(dir, { 'okr.yaml': read(dir, 'okr.yaml').replace('  require-alignment: error\n', '  require-alignment: error\n  closed-cycle-changed: off\n') });
    expect((await findings(dir)).lines).toEqual([]);
    const copy = tempDir();
    for (const file of [...Object.keys(FILES)]) writeFiles(copy, { [file]: read(dir, file) });
    expect((await findings(copy)).lines).toEqual([]);
  });

  it('nothing of it is stale: not in okr check, okr stale or okr status', async () => {
    const dir = await closedRepo();
    // The year's objective is still running; the closed quarter's key results, silent for weeks, are not due.
    const day = '2026-12-20';
    const { lines } = await findings(dir, day);
    expect(lines.filter((l: string) => l.includes('stale-checkin'))).toEqual([]);
    const stale = JSON.parse((await okr(['stale', '--json', '--cycle', '2026-Q3'], { cwd: dir, today: day })).stdout);
    expect(stale.stale).toEqual([]);
    const status = JSON.parse((await okr(['status', '--json', '--cycle', '2026-Q3'], { cwd: dir, today: day })).stdout);
    expect(status.teams.map((t: { team: string; stale: number }) => [t.team, t.stale])).toEqual([
      ['checkout', 0],
      ['payments', 0],
    ]);
  });
});

describe('the grades in every view', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await closedRepo();
  });

  it('okr tree --json carries grade on objectives and key results (null where not graded) and the day closed', async () => {
    const tree = JSON.parse((await okr(['tree', '--json', '--cycle', '2026-Q3'], { cwd: dir, today: '2026-10-20' })).stdout);
    expect(tree).toMatchObject({ cycle: '2026-Q3', closed: AFTER_Q3 });
    const instant = tree.roots[0];
    expect(instant).toMatchObject({ ref: 'payments/instant', grade: null });
    expect(instant.key_results[0]).toMatchObject({ ref: 'payments/instant/speed', grade: null });
    const [oneClick, faster] = instant.children;
    expect(oneClick).toMatchObject({ ref: 'checkout/one-click', grade: 0.1 });
    expect(faster).toMatchObject({ ref: 'payments/faster-checkout', grade: 0.91 });
    expect(faster.key_results.map((k: { grade: number }) => k.grade)).toEqual([0.75, 1, 1]);
    const open = JSON.parse((await okr(['tree', '--json', '--cycle', '2026-Q4'], { cwd: dir, today: '2026-10-20' })).stdout);
    expect(open.closed).toBeNull();
  });

  it('okr tree, status and show print the grade as a number, coloured by score (green, yellow, red)', async () => {
    const tree = await okr(['tree', '--cycle', '2026-Q3'], { cwd: dir, today: '2026-10-20' });
    expect(tree.stdout).toContain(`cycle 2026-Q3 (2026-07-01 – 2026-09-30), closed ${AFTER_Q3}`);
    expect(tree.stdout).toMatch(/Make checkout feel instant +\d+% +\S+ +grade 0\.91 +payments\/faster-checkout/);
    expect(tree.stdout).toMatch(/· Cut p95 checkout latency +75% +\S+ +grade 0\.75/);
    expect(tree.stdout).toMatch(/One-click checkout +10% +\S+ +grade 0\.10/);

    const coloured = await okr(['tree', '--cycle', '2026-Q3'], { cwd: dir, today: '2026-10-20', vars: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain('\u001b[32mgrade 0.91\u001b[39m'); // >= 0.7 green
    expect(coloured.stdout).toContain('\u001b[31mgrade 0.10\u001b[39m'); // < 0.4 red
    const yellow = await okr(['show', 'checkout/one-click/conversion'], { cwd: dir, today: '2026-10-20', vars: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(yellow.stdout).toContain('\u001b[31m0.20\u001b[39m');

    const status = await okr(['status', '--cycle', '2026-Q3'], { cwd: dir, today: '2026-10-20' });
    expect(status.stdout).toMatch(/TEAM +OBJECTIVES +PROGRESS +GRADE +OFF TRACK/);
    expect(status.stdout).toMatch(/payments +3 +\d+% +0\.95 /); // (0.91 + 1) / 2
    const statusJson = JSON.parse((await okr(['status', '--json', '--cycle', '2026-Q3'], { cwd: dir, today: '2026-10-20' })).stdout);
    expect(statusJson.closed).toBe(AFTER_Q3);
    expect(statusJson.teams.map((t: { team: string; grade: number | null }) => [t.team, t.grade])).toEqual([
      ['checkout', 0.1],
      ['payments', expect.closeTo(0.955, 12)],
    ]);
    const open = await okr(['status', '--cycle', '2026-Q4'], { cwd: dir, today: '2026-10-20' });
    expect(open.stdout).not.toContain('GRADE');

    const show = await okr(['show', 'payments/faster-checkout'], { cwd: dir, today: '2026-10-20' });
    expect(show.stdout).toMatch(/\n {2}grade +0\.91\n/);
    expect(show.stdout).toContain(`cycle       2026-Q3 (2026-07-01 – 2026-09-30), closed ${AFTER_Q3}`);
    expect(show.stdout).toMatch(/p95-latency +75% +\S+ +grade 0\.75 +Cut p95 checkout latency/);
    const shown = JSON.parse((await okr(['show', 'payments/faster-checkout', '--json'], { cwd: dir, today: '2026-10-20' })).stdout);
    expect(shown.grade).toBe(0.91);
    expect(shown.key_results.map((k: { grade: number }) => k.grade)).toEqual([0.75, 1, 1]);
    const kr = JSON.parse((await okr(['show', P95, '--json'], { cwd: dir, today: '2026-10-20' })).stdout);
    expect(kr).toMatchObject({ type: 'key_result', grade: 0.75, objective: { ref: 'payments/faster-checkout', grade: 0.91 } });
  });

  it('okr diff names the close: cycle-closed and grade-changed, in text, markdown and JSON', async () => {
    const json = JSON.parse((await okr(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], { cwd: dir, today: '2026-10-20' })).stdout);
    expect(json.changes[0]).toEqual({ kind: 'cycle-closed', ref: '2026-Q3', team: null, before: null, after: AFTER_Q3, unit: null, made_easier: false, effect: [] });
    expect(json.changes.filter((c: { kind: string }) => c.kind === 'grade-changed')).toHaveLength(9);
    expect(json.changes.find((c: { ref: string }) => c.ref === P95)).toMatchObject({ kind: 'grade-changed', team: 'payments', before: null, after: 0.75 });
    const text = (await okr(['diff', 'HEAD~1', 'HEAD'], { cwd: dir, today: '2026-10-20' })).stdout;
    expect(text).toContain(`~ cycle 2026-Q3 closed: on ${AFTER_Q3}`);
    expect(text).toContain(`~ ${P95}  grade: none → 0.75`);
    const markdown = (await okr(['diff', 'HEAD~1', 'HEAD', '--format', 'markdown'], { cwd: dir, today: '2026-10-20' })).stdout;
    expect(markdown).toContain(`| ✏️ |  | cycle 2026-Q3 closed: on ${AFTER_Q3} |  |  |`);
    expect(markdown).toContain(`| ✏️ | \`${P95}\` | grade | none | 0.75 |`);
  });
});

describe('hostile okr.yaml around closing', () => {
  it('a closed: that is no date, or before the cycle starts, is an error with its position', async () => {
    const dir = tempDir();
    writeFiles(dir, { ...FILES, 'okr.yaml': FILES['okr.yaml']!.replace('    end: 2026-09-30     # grading day\n', '    end: 2026-09-30     # grading day\n    closed: 2026-02-30\n') });
    const { lines } = await findings(dir);
    expect(lines).toEqual(['okr.yaml:10:13 error invalid-date closed "2026-02-30" is not a calendar date: February 2026 has 28 days']);
    writeFileSync(join(dir, 'okr.yaml'), FILES['okr.yaml']!.replace('    end: 2026-09-30     # grading day\n', '    end: 2026-09-30     # grading day\n    closed: "2026-06-30"\n'));
    expect((await findings(dir)).lines).toEqual(['okr.yaml:10:13 error invalid-date cycle "2026-Q3" is closed (2026-06-30) before it starts (2026-07-01)']);
  });

  it('a grade outside 0..1, or not a number, is a schema error and no grade', async () => {
    const dir = tempDir();
    writeFiles(dir, { ...FILES, [Q3]: FILES[Q3]!.replace('        unit: ms\n', '        unit: ms\n        grade: 1.5\n').replace('    title: Instant payouts\n', '    title: Instant payouts\n    grade: high\n') });
    const { lines } = await findings(dir);
    expect(lines).toEqual([
      'teams/payments/2026-Q3.yaml:14:16 error schema "grade" must be <= 1, not number 1.5',
      'teams/payments/2026-Q3.yaml:23:12 error schema "grade" must be a number, not the string "high"',
    ]);
    const tree = JSON.parse((await okr(['tree', '--json', '--cycle', '2026-Q3'], { cwd: dir, today: '2026-10-20' })).stdout);
    expect(tree.roots[0].children[1].key_results[0].grade).toBeNull();
  });
});
