// okr history, log and stale against real git: values come from every committed version of the
// goal file (okr check-ins, hand edits, merged branches, a renamed team folder), trailers add notes.
import { describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { commitAll, git, tempDir, writeFiles } from '../support/temp-repo.js';
import { at, CONVERSION, EDGE, FILE, OKR_YAML, P95, PAYMENTS_Q4, PAYMENTS_TEAM, paymentsRepo, read } from './workspace.js';

interface Point {
  commit: string;
  date: string;
  author: string;
  value: number | boolean;
  confidence: number | null;
  note: string | null;
}

const historyOf = async (dir: string, ref: string, extra: string[] = []) => {
  const result = await okr(['history', ref, '--json', ...extra], { cwd: dir });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as { ref: string; kind: string; unit: string | null; points: Point[] };
};

/** Replaces the value line of p95-latency in the work tree. */
const setP95 = (dir: string, value: number) => writeFiles(dir, { [FILE]: read(dir).replace(/current: \d+(\.\d+)?( +# measured weekly)/, `current: ${value}$2`) });

describe('okr history', () => {
  it('lists every value oldest first: the import, okr check-ins and hand edits, with notes from trailers', async () => {
    const dir = paymentsRepo('2026-10-01');
    git(dir, ['commit', '-q', '--allow-empty', '-m', 'unrelated'], at('2026-10-02'));
    // A check-in made by okr (dated now: the history follows the commits, not their dates).
    const checkin = await okr(['checkin', `${P95}=600`, '-m', 'First region live', '--confidence', '0.6'], { cwd: dir });
    expect(checkin.code).toBe(0);
    setP95(dir, 550);
    commitAll(dir, 'Hand edit after the review', { ...at('2026-11-20'), GIT_AUTHOR_NAME: 'Bo', GIT_AUTHOR_EMAIL: 'bo@acme.example' });
    const history = await historyOf(dir, P95);
    expect(history).toMatchObject({ ref: P95, kind: 'metric', unit: 'ms' });
    expect(history.points.map((p) => [p.value, p.confidence, p.note])).toEqual([
      [640, null, null],
      [600, 0.6, 'First region live'],
      [550, 0.6, null],
    ]);
    expect(history.points[0]).toMatchObject({ date: '2026-10-01T10:00:00+00:00', author: 'Test Author <author@example.test>' });
    expect(history.points[2]).toMatchObject({ date: '2026-11-20T10:00:00+00:00', author: 'Bo <bo@acme.example>' });
    expect(history.points[2]!.commit).toBe(git(dir, ['rev-parse', 'HEAD']).trim());
  });

  it('shows a table and a sparkline to people', async () => {
    const dir = paymentsRepo('2026-10-01');
    for (const [value, day] of [[700, '2026-10-08'], [500, '2026-10-15'], [450, '2026-10-22']] as const) {
      setP95(dir, value);
      commitAll(dir, `p95 now ${value}`, at(day));
    }
    const result = await okr(['history', P95], { cwd: dir });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`${P95} · Cut p95 checkout latency`);
    expect(lines[1]).toBe('metric, 900 ms → 300 ms (lower is better) · now 450 ms · 4 values since 2026-10-01');
    expect(lines[2]).toBe('▆█▂▁');
    expect(result.stdout).toMatch(/2026-10-15\s+500 ms\s+-\s+Test Author\s+[0-9a-f]{7}\s+edited: p95 now 500/);
  });

  it('counts a value merged from a branch once, credited to the branch commit that set it', async () => {
    const dir = paymentsRepo('2026-10-01');
    git(dir, ['checkout', '-q', '-b', 'update']);
    setP95(dir, 610);
    commitAll(dir, 'checkin(payments): p95-latency 640 → 610 ms\n\nFrom the branch\n\nOkr-Checkin: payments/faster-checkout/p95-latency\nOkr-Value: 610', {
      ...at('2026-10-05'),
      GIT_AUTHOR_NAME: 'Cy',
      GIT_AUTHOR_EMAIL: 'cy@acme.example',
    });
    const branchCommit = git(dir, ['rev-parse', 'HEAD']).trim();
    git(dir, ['checkout', '-q', 'main']);
    writeFiles(dir, { [FILE]: read(dir).replace('done: false', 'done: true') });
    commitAll(dir, 'edge cache shipped', at('2026-10-06'));
    git(dir, ['merge', '-q', '--no-ff', 'update', '-m', 'Merge branch update'], at('2026-10-07'));
    // A second branch whose change loses the merge (main keeps its own value).
    git(dir, ['checkout', '-q', '-b', 'lost', 'HEAD~1']);
    setP95(dir, 999);
    commitAll(dir, 'never lands', at('2026-10-08'));
    git(dir, ['checkout', '-q', 'main']);
    git(dir, ['merge', '-q', '-s', 'ours', 'lost', '-m', 'Merge branch lost, keeping ours'], at('2026-10-09'));

    const history = await historyOf(dir, P95);
    expect(history.points.map((p) => p.value)).toEqual([640, 610]);
    expect(history.points[1]).toMatchObject({ commit: branchCommit, author: 'Cy <cy@acme.example>', note: 'From the branch' });
    const edge = await historyOf(dir, EDGE);
    expect(edge.points.map((p) => p.value)).toEqual([false, true]);
  });

  it('follows a renamed file and a renamed team folder', async () => {
    const dir = paymentsRepo('2026-10-01');
    setP95(dir, 600);
    commitAll(dir, 'before the move', at('2026-10-02'));
    git(dir, ['mv', 'teams/payments', 'teams/money']);
    commitAll(dir, 'rename the team', at('2026-10-03'));
    const moved = 'teams/money/2026-Q4.yaml';
    writeFiles(dir, { [moved]: read(dir, moved).replace('current: 600', 'current: 580') });
    commitAll(dir, 'after the move', at('2026-10-04'));
    const history = await historyOf(dir, 'money/faster-checkout/p95-latency');
    expect(history.points.map((p) => [p.value, p.date.slice(0, 10)])).toEqual([
      [640, '2026-10-01'],
      [600, '2026-10-02'],
      [580, '2026-10-04'],
    ]);
  });

  it('skips a version that is not valid YAML, and a history of one objective lists each key result', async () => {
    const dir = paymentsRepo('2026-10-01');
    writeFiles(dir, { [FILE]: `${PAYMENTS_Q4}  - [broken\n` });
    commitAll(dir, 'broken', at('2026-10-02'));
    writeFiles(dir, { [FILE]: PAYMENTS_Q4.replace('current: 640', 'current: 630') });
    commitAll(dir, 'fixed', at('2026-10-03'));
    const result = await okr(['history', 'payments/faster-checkout', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const objective = JSON.parse(result.stdout) as { ref: string; key_results: { ref: string; points: Point[] }[] };
    expect(objective.ref).toBe('payments/faster-checkout');
    expect(objective.key_results.map((k) => k.ref)).toEqual([P95, EDGE, 'payments/faster-checkout/error-rate', CONVERSION, 'payments/faster-checkout/adoption']);
    expect(objective.key_results[0]!.points.map((p) => p.value)).toEqual([640, 630]);
    expect(objective.key_results[3]!.points.map((p) => p.value)).toEqual([61]);
    expect(objective.key_results[4]!.points).toEqual([]);
  });

  it('reads history as it was at a revision (--at) and up to a day (--as-of)', async () => {
    const dir = paymentsRepo('2026-10-01');
    setP95(dir, 600);
    commitAll(dir, 'october', at('2026-10-20'));
    setP95(dir, 500);
    commitAll(dir, 'november', at('2026-11-20'));
    expect((await historyOf(dir, P95, ['--at', 'HEAD~1'])).points.map((p) => p.value)).toEqual([640, 600]);
    // --as-of also reads the goals as committed on that day, and says so on stderr.
    const october = await okr(['history', P95, '--json', '--as-of', '2026-10-31'], { cwd: dir });
    expect(october.stderr).toMatch(/^okr: as of 2026-10-31: reading the goals as committed on 2026-10-20 /);
    expect((JSON.parse(october.stdout) as { points: Point[] }).points.map((p) => p.value)).toEqual([640, 600]);
    const september = await okr(['history', P95, '--json', '--as-of', '2026-09-30'], { cwd: dir });
    expect((JSON.parse(september.stdout) as { points: Point[] }).points).toEqual([]);
  });

  it('refuses clearly: outside git, an unknown reference, the mission', async () => {
    const plain = tempDir();
    writeFiles(plain, { 'okr.yaml': OKR_YAML, 'teams/payments/team.yaml': PAYMENTS_TEAM, [FILE]: PAYMENTS_Q4 });
    const outside = await okr(['history', P95], { cwd: plain });
    expect(outside.code).toBe(1);
    expect(outside.stderr).toMatch(/^okr: not a git repository: .*\nCheck-in history is read from git/);
    const dir = paymentsRepo();
    const unknown = await okr(['history', 'payments/faster-checkout/p95-latncy'], { cwd: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('did you mean "payments/faster-checkout/p95-latency"?');
    expect((await okr(['history', 'mission'], { cwd: dir })).code).toBe(2);
    expect((await okr(['history', '../x'], { cwd: dir })).code).toBe(2);
  });
});

describe('okr log', () => {
  it('lists recent check-ins across the workspace, newest first, without the additions', async () => {
    const dir = paymentsRepo('2026-10-01');
    setP95(dir, 600);
    commitAll(dir, 'week 1', at('2026-11-10'));
    writeFiles(dir, { [FILE]: read(dir).replace('done: false', 'done: true') });
    commitAll(dir, 'week 2', at('2026-11-18'));
    writeFiles(dir, { [FILE]: `${read(dir)}      - id: new-kr\n        title: Added mid-quarter\n        done: false\n` });
    commitAll(dir, 'a new key result is not a check-in', at('2026-11-19'));
    const json = JSON.parse((await okr(['log', '--json'], { cwd: dir })).stdout);
    expect(json.since).toBe('2026-10-26');
    expect(json.until).toBe('2026-11-25');
    expect(json.checkins.map((c: { ref: string; previous: unknown; value: unknown }) => [c.ref, c.previous, c.value])).toEqual([
      [EDGE, false, true],
      [P95, 640, 600],
    ]);
    const week = JSON.parse((await okr(['log', '--since', '1w', '--json'], { cwd: dir })).stdout);
    expect(week.checkins.map((c: { ref: string }) => c.ref)).toEqual([EDGE]);
    const text = await okr(['log', '--since', '2026-11-01'], { cwd: dir });
    expect(text.stdout).toMatch(/2026-11-18\s+payments\/faster-checkout\/edge-cache\s+not-done → done/);
    expect(text.stdout).toContain('2 changes to 2 key results');
  });

  it('--team narrows to a team, and an unknown team gets a suggestion', async () => {
    const dir = paymentsRepo('2026-10-01');
    setP95(dir, 600);
    commitAll(dir, 'week 1', at('2026-11-10'));
    expect(JSON.parse((await okr(['log', '--team', 'payments', '--json'], { cwd: dir })).stdout).checkins).toHaveLength(1);
    const wrong = await okr(['log', '--team', 'paymnts'], { cwd: dir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('did you mean "payments"?');
    expect((await okr(['log', '--since', 'yesterday'], { cwd: dir })).code).toBe(2);
  });
});

describe('okr stale', () => {
  it('lists key results with no change for longer than stale_after_days, longest first', async () => {
    const dir = paymentsRepo('2026-10-01');
    setP95(dir, 600);
    commitAll(dir, 'recent', at('2026-11-20'));
    const json = JSON.parse((await okr(['stale', '--json'], { cwd: dir })).stdout);
    expect(json).toMatchObject({ as_of: '2026-11-25', stale_after_days: 14, checked: 4 });
    // error-rate is a guardrail that holds: nothing left to report, never stale (SPEC 9).
    expect(json.stale.map((s: { ref: string; days: number }) => [s.ref, s.days])).toEqual([
      [CONVERSION, 55],
      [EDGE, 55],
    ]);
    expect(json.stale[0]).toMatchObject({ owners: ['ana@acme.example'], last_checkin: { date: '2026-10-01T10:00:00+00:00' } });
    const byOwner = JSON.parse((await okr(['stale', '--by-owner', '--json'], { cwd: dir })).stdout);
    expect(byOwner.owners.map((o: { owner: string; key_results: unknown[] }) => [o.owner, o.key_results.length])).toEqual([['ana@acme.example', 2]]);
    const text = await okr(['stale', '--by-owner'], { cwd: dir });
    expect(text.stdout).toContain('2 of 4 key results stale as of 2026-11-25');
    expect(text.stdout).toContain('ana@acme.example (2 stale)');
  });

  it('nothing is stale before the cycle starts, or when every key result moved recently', async () => {
    const dir = paymentsRepo('2026-10-01');
    expect(JSON.parse((await okr(['stale', '--json', '--as-of', '2026-10-10'], { cwd: dir })).stdout).stale).toEqual([]);
    const result = await okr(['stale', '--as-of', '2026-10-10'], { cwd: dir });
    expect(result.stdout).toContain('✔ no stale key results as of 2026-10-10: 4 checked, stale after 14 days without a check-in');
  });
});

describe('okr check: the stale-checkin rule', () => {
  it('warns at the value of a key result not checked in for too long, in git only', async () => {
    const dir = paymentsRepo('2026-10-01');
    setP95(dir, 600);
    commitAll(dir, 'recent', at('2026-11-20'));
    const result = await okr(['check', '--format', 'json'], { cwd: dir });
    const stale = JSON.parse(result.stdout).findings.filter((f: { rule: string }) => f.rule === 'stale-checkin');
    // edge-cache (not done) and conversion (at its start); error-rate, a guardrail that holds, is not due.
    expect(stale.map((f: { line: number; severity: string }) => [f.line, f.severity])).toEqual([
      [17, 'warning'],
      [19, 'warning'],
    ]);
    expect(stale[0].message).toMatch(/key result "edge-cache" has had no check-in for 55 days \(last 2026-10-01 by Test Author, [0-9a-f]{7}; stale after 14\): run okr checkin payments\/faster-checkout\/edge-cache=<value>/);
    expect(result.code).toBe(0);

    const plain = tempDir();
    writeFiles(plain, { 'okr.yaml': OKR_YAML, 'teams/payments/team.yaml': PAYMENTS_TEAM, [FILE]: PAYMENTS_Q4 });
    const outside = JSON.parse((await okr(['check', '--format', 'json'], { cwd: plain })).stdout);
    expect(outside.findings.filter((f: { rule: string }) => f.rule === 'stale-checkin')).toEqual([]);
  });

  it('follows the rule setting: error fails the check, off skips it', async () => {
    const dir = paymentsRepo('2026-10-01', { 'okr.yaml': `${OKR_YAML}rules:\n  stale-checkin: error\n` });
    const failing = await okr(['check', '--format', 'json'], { cwd: dir });
    expect(failing.code).toBe(1);
    expect(JSON.parse(failing.stdout).findings.filter((f: { rule: string }) => f.rule === 'stale-checkin')).toHaveLength(3);
    writeFiles(dir, { 'okr.yaml': `${OKR_YAML}rules:\n  stale-checkin: 'off'\n` });
    const off = await okr(['check', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(off.stdout).findings.filter((f: { rule: string }) => f.rule === 'stale-checkin')).toEqual([]);
  });
});

describe('history: hostile versions', () => {
  it('skips versions that are links, too large or not UTF-8, and keeps going', async () => {
    const { symlinkSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = paymentsRepo('2026-10-01');
    rmSync(join(dir, FILE));
    symlinkSync('/etc/passwd', join(dir, FILE));
    commitAll(dir, 'a link', at('2026-10-02'));
    rmSync(join(dir, FILE));
    writeFiles(dir, { [FILE]: `${PAYMENTS_Q4.replace('current: 640', 'current: 1')}# ${'x'.repeat(3000)}\n` });
    commitAll(dir, 'too large', at('2026-10-03'));
    writeFiles(dir, { [FILE]: Buffer.concat([Buffer.from(PAYMENTS_Q4.replace('current: 640', 'current: 2')), Buffer.from([0xff, 0xfe, 0x0a])]) });
    commitAll(dir, 'not UTF-8', at('2026-10-04'));
    writeFiles(dir, { [FILE]: PAYMENTS_Q4.replace('current: 640', 'current: 620') });
    commitAll(dir, 'fine again', at('2026-10-05'));
    const result = await okr(['history', P95, '--json'], { cwd: dir, vars: { OKR_MAX_FILE_BYTES: '2500' } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).points.map((p: Point) => p.value)).toEqual([640, 620]);
  });
});
