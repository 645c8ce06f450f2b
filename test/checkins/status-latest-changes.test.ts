// okr status reads each key result's latest change from the latest-changes cache
// (.git/okr/history-latest) instead of decoding every point of every key result, and reads the
// points only when a metric it shows has enough of them for a forecast (the cache names those).
// It must say exactly what it says without the cache (cold), with the cache damaged or malformed,
// and with forecasts to make; a forged cache is believed at the same HEAD (so it is used), not with
// --as-of.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { History, HistoryPoint } from '../../src/model/history.js';
import { cachePath } from '../../src/workspace/cache-file.js';
import { readLatestChanges, writeLatestChanges } from '../../src/workspace/latest-changes.js';
import { EXAMPLES, okrProcess } from '../support/run-cli.js';
import { commitAll, makeRepo } from '../support/temp-repo.js';
import { forgeCacheFile as forge } from '../support/cache-file.js';

const FILE = 'teams/payments/2026-Q4.yaml';
const on = (day: string) => ({ GIT_AUTHOR_DATE: `${day}T10:00:00Z`, GIT_COMMITTER_DATE: `${day}T10:00:00Z` });
const latestOf = (dir: string) => cachePath(join(dir, '.git'), 'history-latest');

/** The acme example committed on 2026-11-01, then p95-latency checked in at these values and days. */
function acmeRepository(checkins: readonly [number, string][]): string {
  const dir = makeRepo();
  cpSync(join(EXAMPLES, 'acme'), dir, { recursive: true });
  commitAll(dir, 'import acme', on('2026-11-01'));
  const file = join(dir, FILE);
  let current = 410;
  for (const [value, day] of checkins) {
    writeFileSync(file, readFileSync(file, 'utf8').replace(`current: ${current}\n`, `current: ${value}\n`));
    current = value;
    commitAll(dir, `p95 ${value}`, on(day));
  }
  return dir;
}

const lastLine = (text: string) => (body: string) => body.replace(/[^\n]*\n$/, `${text}\n`);

type Row = { team: string; last_checkin: string | null; stale: number | null; forecast_below_target: number | null };
const status = (dir: string, ...more: string[]) => okrProcess(['status', '--json', ...more], { cwd: dir });
const payments = (stdout: string) => (JSON.parse(stdout) as { teams: Row[] }).teams.find((t) => t.team === 'payments')!;

describe('okr status from the latest-changes cache', () => {
  it('says the same cold, warm, for one team, with the cache damaged or malformed; a forged cache is believed at HEAD, not with --as-of', async () => {
    const dir = acmeRepository([[400, '2026-11-20']]);
    const cold = await status(dir);
    expect(cold.code).toBe(0);
    expect(payments(cold.stdout)).toMatchObject({ last_checkin: '2026-11-20', forecast_below_target: 0 });
    const stale = payments(cold.stdout).stale!;
    expect(existsSync(latestOf(dir))).toBe(true);
    expect(await status(dir)).toEqual(cold);
    const text = await okrProcess(['status'], { cwd: dir });
    const team = await status(dir, '--team', 'payments');
    const asOf = await status(dir, '--as-of', '2026-11-25');
    rmSync(join(dir, '.git', 'okr'), { recursive: true });
    expect(await okrProcess(['status'], { cwd: dir })).toEqual(text);
    expect(await okrProcess(['status'], { cwd: dir })).toEqual(text);
    expect(await status(dir, '--team', 'payments')).toEqual(team);
    const good = readFileSync(latestOf(dir), 'utf8');
    for (const damage of [lastLine('{}'), lastLine('["x",1]'), lastLine('["a","a"]'), lastLine('garbage')]) {
      writeFileSync(latestOf(dir), good);
      forge(latestOf(dir), damage);
      expect(await status(dir)).toEqual(cold);
    }
    writeFileSync(latestOf(dir), 'garbage');
    expect(await status(dir)).toEqual(cold);
    expect(readFileSync(latestOf(dir), 'utf8')).toBe(good); // rewritten
    // Forged: p95-latency's latest change moved back to October: stale now, the team's last check-in older.
    forge(latestOf(dir), (b) => b.replace(/"2026-11-20T10:00:00(Z|\+00:00)"/, '"2026-10-02T10:00:00Z"'));
    expect(payments((await status(dir)).stdout)).toMatchObject({ last_checkin: '2026-11-01', stale: stale + 1 });
    expect(payments((await status(dir, '--team', 'payments')).stdout)).toMatchObject({ last_checkin: '2026-11-01', stale: stale + 1 });
    expect(await status(dir, '--as-of', '2026-11-25')).toEqual(asOf);
  });

  it('reads the points where a metric shown has enough for a forecast', async () => {
    const dir = acmeRepository([
      [405, '2026-11-04'],
      [402, '2026-11-11'],
      [400, '2026-11-20'],
    ]);
    const cold = await status(dir);
    expect(payments(cold.stdout)).toMatchObject({ last_checkin: '2026-11-20', forecast_below_target: 1 });
    expect(await status(dir)).toEqual(cold);
    expect(readFileSync(latestOf(dir), 'utf8')).toMatch(/\n\["payments\/faster-checkout\/p95-latency"\]\n$/);
    expect(await status(dir, '--team', 'payments')).toEqual(await status(dir, '--team', 'payments', '--at', 'HEAD'));
    const good = readFileSync(latestOf(dir), 'utf8');
    forge(latestOf(dir), lastLine('garbage'));
    expect(await status(dir)).toEqual(cold);
    writeFileSync(latestOf(dir), good);
    // Forged: no metric forecastable. Believed: no forecast then (so the line is what sends status to the points).
    forge(latestOf(dir), lastLine('[]'));
    expect(payments((await status(dir)).stdout)).toMatchObject({ last_checkin: '2026-11-20', forecast_below_target: 0 });
  });
});

describe('okr status: key results that share a reference, and rollups with a past', () => {
  const OKR = 'version: 1\norganization: H\ncycles:\n  - id: 2026-Q3\n    start: 2026-07-01\n    end: 2026-09-30\n  - id: 2026-Q4\n    start: 2026-10-01\n    end: 2026-12-31\ncheckins:\n  stale_after_days: 14\n';
  const a = (metric: number) =>
    `objectives:\n  - id: o\n    title: Carried over\n    key_results:\n      - id: k\n        title: metric\n        start: 0\n        target: 100\n        current: ${metric}\n      - id: k\n        title: same id\n        done: false\n      - id: m\n        title: milestone\n        done: false\n`;
  const b = (r: string) => `objectives:\n  - id: o\n    title: B\n    key_results:\n      - id: r\n        title: r\n${r}      - id: s\n        title: s\n        done: false\n      - id: d\n        title: done the same day as s\n        done: true\n`;
  const metric = (value: number) => `        start: 0\n        target: 10\n        current: ${value}\n`;

  it('counts each key result of a stale reference, says nothing of a rollup that once had values, the same cold and warm', async () => {
    const dir = makeRepo();
    const write = (files: Record<string, string>) => {
      for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
    };
    mkdirSync(join(dir, 'teams', 'a'), { recursive: true });
    mkdirSync(join(dir, 'teams', 'b'), { recursive: true });
    write({ 'okr.yaml': OKR, 'teams/a/team.yaml': 'name: A\n', 'teams/b/team.yaml': 'name: B\n', 'teams/a/2026-Q3.yaml': a(10), 'teams/b/2026-Q4.yaml': b(metric(1)) });
    commitAll(dir, 'start', on('2026-09-01'));
    write({ 'teams/a/2026-Q4.yaml': a(20), 'teams/b/2026-Q4.yaml': b(metric(2)) });
    commitAll(dir, 'carried over, r moved', on('2026-10-20'));
    write({ 'teams/a/2026-Q4.yaml': a(30), 'teams/b/2026-Q4.yaml': b('        rollup: true\n') });
    commitAll(dir, 'k moved, r a rollup now', on('2026-11-20'));
    const rows = (stdout: string) => (JSON.parse(stdout) as { teams: Row[] }).teams.map(({ team, last_checkin, stale, forecast_below_target }) => ({ team, last_checkin, stale, forecast_below_target }))
        .sort((x, y) => (x.team < y.team ? -1 : 1));
    const cold = await status(dir);
    expect(existsSync(latestOf(dir))).toBe(true);
    expect(await status(dir)).toEqual(cold);
    // a/o/k: a metric and a milestone in Q4 share it (both counted); the Q3 copies are of an ended
    // cycle. b/o/r is a rollup now: its last value (2026-10-20) is not b's last check-in. b/o/d,
    // done, is not stale, though s, changed in the same commit, is.
    expect(rows(cold.stdout)).toEqual([
      { team: 'a', last_checkin: '2026-11-20', stale: 1, forecast_below_target: 0 },
      { team: 'b', last_checkin: '2026-09-01', stale: 1, forecast_below_target: 0 },
    ]);
    expect(rows((await status(dir, '--as-of', '2026-12-20')).stdout)).toEqual([
      { team: 'a', last_checkin: '2026-11-20', stale: 3, forecast_below_target: 0 },
      { team: 'b', last_checkin: '2026-09-01', stale: 1, forecast_below_target: 0 },
    ]);
    expect(await okrProcess(['status', '--json'], { cwd: dir, today: '2026-12-20' })).toEqual(await status(dir, '--as-of', '2026-12-20'));
  });
});

describe('latest-changes cache: forecastable key results', () => {
  const point = (ref: string, value: HistoryPoint['value'], date: string): HistoryPoint => ({
    ref,
    commit: date.slice(0, 10).replace(/-/g, '').padEnd(40, 'a'),
    date,
    authorName: 'Ann',
    authorEmail: 'x@example.test',
    subject: 's',
    value,
    previous: undefined,
    confidence: undefined,
    unit: undefined,
    note: undefined,
    source: undefined,
    via: 'edit',
  });
  const dates = ['2026-01-02T10:00:00Z', '2026-01-09T10:00:00Z', '2026-01-16T10:00:00Z'];
  const history: History = {
    points: new Map([
      ['t/o/three', dates.map((d, i) => point('t/o/three', i, d))],
      ['t/o/two-and-a-boolean', dates.map((d, i) => point('t/o/two-and-a-boolean', i === 1 ? true : i, d))],
      ['t/o/two', dates.slice(1).map((d, i) => point('t/o/two', i, d))],
      ['t/o/empty', []],
    ]),
    commitCount: 3,
  };
  const KEY = { okr: '1', prefix: '', maxBytes: 100, shallow: [] };

  it('names the key results with at least 3 numeric points; a malformed line reads as undefined, the rest still reads', () => {
    const dir = makeRepo();
    const gitDir = join(dir, '.git');
    writeLatestChanges(gitDir, KEY, 'c1', history);
    expect([...readLatestChanges(gitDir, KEY, 'c1')!.forecastable()!]).toEqual(['t/o/three']);
    const good = readFileSync(latestOf(dir), 'utf8');
    for (const bad of ['garbage', '{}', '[1]', '["t/o/three","t/o/three"]']) {
      writeFileSync(latestOf(dir), good);
      forge(latestOf(dir), lastLine(bad));
      const latest = readLatestChanges(gitDir, KEY, 'c1')!;
      expect(latest.forecastable()).toBeUndefined();
      expect([...latest.where(() => true)!.keys()]).toEqual(['t/o/three', 't/o/two-and-a-boolean', 't/o/two']);
    }
    // Without the line (as the first format wrote it): absent.
    writeFileSync(latestOf(dir), good);
    forge(latestOf(dir), (b) => b.replace(/[^\n]*\n$/, ''));
    expect(readLatestChanges(gitDir, KEY, 'c1')).toBeUndefined();
  });
});
