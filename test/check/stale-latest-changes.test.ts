// The latest-changes cache (.git/okr/history-latest): each key result's latest change at one HEAD,
// grouped by commit, which is all okr check's stale-checkin rule reads of history. okr check must say
// exactly what it says without it (cold, warm, damaged, forged into something malformed), must use
// it at the same HEAD (a forged one is believed), and must not use it for --at, --as-of or once HEAD
// moved. The reader parses only the commits it is asked about.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { History, HistoryPoint } from '../../src/model/history.js';
import { cachePath } from '../../src/workspace/cache-file.js';
import { readLatestChanges, writeLatestChanges } from '../../src/workspace/latest-changes.js';
import { EXAMPLES, okrProcess } from '../support/run-cli.js';
import { commitAll, makeRepo } from '../support/temp-repo.js';
import { forgeCacheFile as forge } from '../support/cache-file.js';

const P95 = 'payments/faster-checkout/p95-latency';
const FILE = 'teams/payments/2026-Q4.yaml';
const on = (day: string) => ({ GIT_AUTHOR_DATE: `${day}T10:00:00Z`, GIT_COMMITTER_DATE: `${day}T10:00:00Z` });
const latestOf = (dir: string) => cachePath(join(dir, '.git'), 'history-latest');

/** The acme example committed on 2026-11-01, p95-latency edited on 2026-11-20: on 2026-11-25 most key results are stale, p95 is not. */
function acmeRepository(): string {
  const dir = makeRepo();
  cpSync(join(EXAMPLES, 'acme'), dir, { recursive: true });
  commitAll(dir, 'import acme', on('2026-11-01'));
  const file = join(dir, FILE);
  writeFileSync(file, readFileSync(file, 'utf8').replace('current: 410', 'current: 400'));
  commitAll(dir, 'p95 down', on('2026-11-20'));
  return dir;
}

const check = (dir: string, ...more: string[]) => okrProcess(['check', '--format', 'json', ...more], { cwd: dir });
const staleMessages = (stdout: string) =>
  (JSON.parse(stdout) as { findings: { rule: string; message: string }[] }).findings.filter((f) => f.rule === 'stale-checkin').map((f) => f.message);

describe('latest-changes cache', () => {
  const point = (ref: string, commit: string, date: string, authorName: string): HistoryPoint => ({
    ref,
    commit,
    date,
    authorName,
    authorEmail: 'x@example.test',
    subject: 's',
    value: 1,
    previous: undefined,
    confidence: undefined,
    unit: undefined,
    note: undefined,
    source: undefined,
    via: 'edit',
  });
  const A = point('t/o/a', 'a'.repeat(40), '2026-01-02T10:00:00+01:00', 'Ann');
  const B = point('t/o/b', 'b'.repeat(40), '2026-03-04T10:00:00Z', 'Bo\n"b"'); // a name JSON must escape
  const history = (): History => ({
    // A renamed team's key results share one list; t/o/c changed last in B's commit too.
    points: new Map([
      ['old/o/a', [A]],
      ['t/o/a', [A]],
      ['t/o/b', [A, B]],
      ['t/o/c', [{ ...B, ref: 't/o/c' }]],
      ['t/o/empty', []],
    ]),
    commitCount: 2,
  });
  const KEY = { okr: '1', prefix: '', maxBytes: 100, shallow: [] };
  const change = (p: HistoryPoint) => ({ commit: p.commit, date: p.date, authorName: p.authorName });

  it('reads back each key result latest change, only the commits asked for, only for its key and commit', () => {
    const dir = makeRepo();
    const gitDir = join(dir, '.git');
    writeLatestChanges(gitDir, KEY, 'c1', history());
    const latest = readLatestChanges(gitDir, KEY, 'c1')!;
    expect([...latest.where(() => true)!.entries()]).toEqual([
      ['old/o/a', change(A)],
      ['t/o/a', change(A)],
      ['t/o/b', change(B)],
      ['t/o/c', change(B)],
    ]);
    const asked: string[] = [];
    const early = latest.where((date) => (asked.push(date), date < '2026-02'))!;
    expect(asked.sort()).toEqual([A.date, B.date]); // once a commit
    expect([...early.keys()]).toEqual(['old/o/a', 't/o/a']);
    expect(latest.where(() => false)!.size).toBe(0);
    expect(readLatestChanges(gitDir, KEY, 'c2')).toBeUndefined();
    for (const other of [{ ...KEY, okr: '2' }, { ...KEY, prefix: 'x/' }, { ...KEY, maxBytes: 99 }, { ...KEY, shallow: ['c0'] }])
      expect(readLatestChanges(gitDir, other, 'c1')).toBeUndefined();
    // A shallow clone's history (with its cut) is never written.
    rmSync(latestOf(dir));
    writeLatestChanges(gitDir, KEY, 'c1', { ...history(), cut: { commits: [], refs: new Map() } });
    expect(existsSync(latestOf(dir))).toBe(false);
  });

  it('anything wrong in what it reads makes it absent: damaged bytes, forged commit lines, forged key-result lines', () => {
    const dir = makeRepo();
    const gitDir = join(dir, '.git');
    writeLatestChanges(gitDir, KEY, 'c1', history());
    const good = readFileSync(latestOf(dir), 'utf8');
    for (const text of [good.replace('"Ann"', '"Bob"'), good.slice(0, -10), good.slice(0, good.indexOf('\n')), 'garbage', '']) {
      writeFileSync(latestOf(dir), text);
      expect(readLatestChanges(gitDir, KEY, 'c1')).toBeUndefined();
    }
    const lines = (body: string) => body.split('\n');
    const withLine = (i: number, text: string) => (body: string) => lines(body).map((l, j) => (j === i ? text : l)).join('\n');
    // The commit line, and the number of lines, are checked when the file is read.
    const unreadable: ((body: string) => string)[] = [
      withLine(0, '{}'),
      withLine(0, '[["x","2026-01-02",1,1]]'), // an author that is not a string (and one commit for two lines)
      (b) => b.replace(/,2\]\]/, ',-1]]'), // a negative count
      (b) => b.replace(/,2\]\]/, ',2,0]]'), // a field more
      (b) => `${b}[]\n`, // a line more than commits
      (b) => b.slice(0, -1), // the last line without its end
      (b) => lines(b).slice(0, 2).join('\n') + '\n', // a line short
    ];
    for (const forgery of unreadable) {
      writeFileSync(latestOf(dir), good);
      forge(latestOf(dir), forgery);
      expect(readFileSync(latestOf(dir), 'utf8')).not.toBe(good);
      expect(readLatestChanges(gitDir, KEY, 'c1')).toBeUndefined();
    }
    // A commit's line of key results is checked when asked for (and only then parsed at all).
    const commitLine = (body: string, name: string) => 1 + (JSON.parse(lines(body)[0]!) as string[][]).findIndex((c) => c[2] === name);
    const badLines = ['garbage', '{}', '["t/o/a"]', '["t/o/b",7]', '["t/o/b","t/o/b"]'];
    for (const bad of badLines) {
      writeFileSync(latestOf(dir), good);
      forge(latestOf(dir), (b) => withLine(commitLine(b, B.authorName), bad)(b));
      const latest = readLatestChanges(gitDir, KEY, 'c1')!;
      expect(latest.where((date) => date === B.date)).toBeUndefined();
      expect([...latest.where((date) => date === A.date)!.keys()]).toEqual(['old/o/a', 't/o/a']);
    }
    // A ref in two commits asked for together.
    writeFileSync(latestOf(dir), good);
    forge(latestOf(dir), (b) => withLine(commitLine(b, B.authorName), '["t/o/a","t/o/c"]')(b));
    expect(readLatestChanges(gitDir, KEY, 'c1')!.where(() => true)).toBeUndefined();
  });

  it('okr check says the same cold, warm, with the cache damaged or malformed; and finds its stale key results from it', async () => {
    const dir = acmeRepository();
    const cold = await check(dir);
    const stale = staleMessages(cold.stdout);
    expect(stale.length).toBeGreaterThan(5);
    expect(stale.join('\n')).not.toContain('"p95-latency"');
    expect(stale.join('\n')).toContain('(last 2026-11-01 by Test Author');
    expect(existsSync(latestOf(dir))).toBe(true);
    expect(await check(dir)).toEqual(cold);
    const text = await okrProcess(['check'], { cwd: dir });
    rmSync(join(dir, '.git', 'okr'), { recursive: true });
    expect(await okrProcess(['check'], { cwd: dir })).toEqual(text);
    expect(await okrProcess(['check'], { cwd: dir })).toEqual(text);
    const good = readFileSync(latestOf(dir), 'utf8');
    writeFileSync(latestOf(dir), 'garbage');
    expect(await check(dir)).toEqual(cold);
    expect(readFileSync(latestOf(dir), 'utf8')).toBe(good); // rewritten
    // Malformed where the stale rule must read (the old commit's key results): the history instead.
    forge(latestOf(dir), (b) => b.split('\n').map((l, i) => (i > 0 && l.includes('sre/') ? '{}' : l)).join('\n'));
    expect(await check(dir)).toEqual(cold);
  });

  it('is used at the same HEAD (a forged one is believed), not with --at or --as-of, not once HEAD moved', async () => {
    const dir = acmeRepository();
    const cold = await check(dir);
    const atHead = await check(dir, '--at', 'HEAD');
    const asOf = await check(dir, '--as-of', '2026-11-25');
    // Forged: p95-latency's latest change moved back to October.
    forge(latestOf(dir), (b) => b.replace(/"2026-11-20T10:00:00(Z|\+00:00)"/, '"2026-10-02T10:00:00Z"'));
    const forged = await check(dir);
    expect(staleMessages(forged.stdout).filter((m) => m.includes('"p95-latency"'))).toEqual([
      expect.stringContaining('has had no check-in for 54 days (last 2026-10-02 by Test Author'),
    ]);
    expect(await check(dir, '--at', 'HEAD')).toEqual(atHead);
    expect(await check(dir, '--as-of', '2026-11-25')).toEqual(asOf);
    expect(staleMessages(atHead.stdout)).toEqual(staleMessages(cold.stdout));
    // A new commit: the forged cache is for the HEAD before.
    writeFileSync(join(dir, 'README.md'), 'goals\n');
    commitAll(dir, 'readme', on('2026-11-21'));
    expect(await check(dir)).toEqual(cold);
    expect(readFileSync(latestOf(dir), 'utf8')).not.toContain('2026-10-02');
  });

  it('keeps the rule own boundary: 14 days after the latest change fresh, 15 stale', async () => {
    const dir = acmeRepository();
    const on = (today: string) => okrProcess(['check', '--format', 'json'], { cwd: dir, today });
    for (const [today, stale] of [
      ['2026-11-15', false],
      ['2026-11-16', true],
    ] as const) {
      rmSync(join(dir, '.git', 'okr'), { recursive: true, force: true });
      const cold = await on(today);
      expect(existsSync(latestOf(dir))).toBe(true);
      expect(await on(today)).toEqual(cold);
      expect(staleMessages(cold.stdout).some((m) => m.includes('for 15 days (last 2026-11-01'))).toBe(stale);
    }
  });

  it('okr check --cache keeps the latest changes it read from it (a changed file is checked against them)', async () => {
    const dir = acmeRepository();
    await check(dir); // writes the latest changes at this HEAD
    const cached = await check(dir, '--cache');
    expect(cached).toEqual(await check(dir));
    // One file changed, values only: its stale findings come from the check cache's latest changes.
    const file = join(dir, 'teams/sre/2026-Q4.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/confidence: 0\.(\d)/, 'confidence: 0.$1$1'));
    const plain = await check(dir);
    expect(staleMessages(plain.stdout).some((m) => m.includes('2026-11-01'))).toBe(true);
    expect(await check(dir, '--cache')).toEqual(plain);
    // The check cache written from a malformed latest-changes cache: from the history instead.
    for (const name of readdirSync(join(dir, '.git', 'okr'))) if (name.startsWith('check-cache-')) rmSync(join(dir, '.git', 'okr', name));
    forge(latestOf(dir), (b) => b.split('\n').map((l, i) => (i > 0 && l.includes('sre/') ? '{}' : l)).join('\n'));
    expect(await check(dir, '--cache')).toEqual(plain);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/confidence: 0\.(\d+)/, 'confidence: 0.5'));
    expect(await check(dir, '--cache')).toEqual(await check(dir));
  });
});
