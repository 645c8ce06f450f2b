// The latest-changes cache: for each key result in the history at one commit, its latest change
// (commit, date, author), which is all the stale-checkin rule of `okr check` reads of history. It
// is kept beside the points cache (same key, same commit). With it, okr check in git no longer
// decodes every point of every key result only to find the few that are not fresh. Decoding the
// points cache cost ~250 ms CPU and ~90 MB at 10,000 teams (120,000 key results); this file costs
// a read and a checksum.
//
// Key results are grouped by the commit of their latest change, one line a commit, so a reader
// parses only the lines of the commits it asks for: the stale rule asks for those older than its
// window, which in a goals repository checked in on time are none or few.
//
// okr status reads it too: each key result's latest day is all it needs of history, except for the
// forecasts of metrics with enough points for one (SPEC 10): the file names those key results, so
// status reads their points only when there are some.
//
// File: `<git dir>/okr/history-latest` (cache-file.ts). Body: a JSON line [[commit id, date, author
// name, number of key results], ...], then one JSON line a commit, in the same order: the refs of
// the key results whose latest change it is; then a JSON line of the refs that have at least
// FORECAST_MIN_POINTS numeric points (the only ones a forecast can be made for). As with every
// cache, anything unexpected in what is read makes it absent: the history is read instead.
import { readCacheFile, writeCacheFile } from './cache-file.js';
import { keyText, type IndexKey } from './history-index.js';
import { FORECAST_MIN_POINTS } from '../model/forecast.js';
import type { History, HistoryPoint } from '../model/history.js';

const FORMAT = 2;
const FILE = 'history-latest';

/** When, by whom and in which commit a key result's value last changed. */
export type LatestChange = Pick<HistoryPoint, 'commit' | 'date' | 'authorName'>;

export interface LatestChanges {
  /**
   * The latest change of every key result whose latest change is on a date `wanted` accepts
   * (asked once a commit); undefined when what it had to read is malformed.
   */
  where(wanted: (date: string) => boolean): ReadonlyMap<string, LatestChange> | undefined;
  /**
   * Every key result's `value(its latest change)`, the function called once a commit (its key
   * results share the value); undefined when what it had to read is malformed.
   */
  every<V>(value: (change: LatestChange) => V): Map<string, V> | undefined;
  /**
   * The key results with at least FORECAST_MIN_POINTS numeric points: no other can have a forecast.
   * Undefined when that line is malformed.
   */
  forecastable(): ReadonlySet<string> | undefined;
}

const latestKey = (key: IndexKey, rev: string) => JSON.stringify([keyText(key), rev]);

/** The latest changes at `rev` as cached, or undefined when there are none for `key` and `rev`, or the file is malformed. */
export function readLatestChanges(gitDir: string, key: IndexKey, rev: string): LatestChanges | undefined {
  const body = readCacheFile(gitDir, FILE, FORMAT, latestKey(key, rev));
  if (!body) return undefined;
  try {
    return decode(body);
  } catch {
    return undefined;
  }
}

/** Caches the latest change of each key result of `history` at `rev` (a history with a shallow clone's cut is not cached). */
export function writeLatestChanges(gitDir: string, key: IndexKey, rev: string, history: History): void {
  if (history.cut) return;
  writeCacheFile(gitDir, FILE, FORMAT, latestKey(key, rev), Buffer.from(encode(history), 'utf8'));
}

function encode(history: History): string {
  const byCommit = new Map<string, { change: LatestChange; refs: string[] }>();
  const forecastable: string[] = [];
  for (const [ref, points] of history.points) {
    const last = points[points.length - 1];
    if (!last) continue;
    if (numericPoints(points) >= FORECAST_MIN_POINTS) forecastable.push(ref);
    let group = byCommit.get(last.commit);
    if (!group) byCommit.set(last.commit, (group = { change: last, refs: [] }));
    group.refs.push(ref);
  }
  const groups = [...byCommit.values()];
  const lines = [JSON.stringify(groups.map(({ change, refs }) => [change.commit, change.date, change.authorName, refs.length]))];
  for (const { refs } of groups) lines.push(JSON.stringify(refs));
  lines.push(JSON.stringify(forecastable));
  return `${lines.join('\n')}\n`;
}

function numericPoints(points: readonly HistoryPoint[]): number {
  let n = 0;
  for (const p of points) if (typeof p.value === 'number') n++;
  return n;
}

class Malformed extends Error {}
const fail = (): never => {
  throw new Malformed();
};
const str = (x: unknown): string => (typeof x === 'string' ? x : fail());
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : fail());
const count = (x: unknown): number => (Number.isInteger(x) && (x as number) >= 0 ? (x as number) : fail());

/** Decodes the commit line at once; a commit's line of refs only when asked for. */
function decode(body: Buffer): LatestChanges {
  // Where each line starts (a scan for newlines: the lines not asked for are never parsed).
  const starts = [0];
  for (let at = body.indexOf(10); at >= 0; at = body.indexOf(10, at + 1)) starts.push(at + 1);
  if (starts[starts.length - 1] !== body.length) fail(); // the last line ends with a newline
  const line = (i: number) => body.toString('utf8', starts[i]!, starts[i + 1]! - 1);
  const commits = arr(JSON.parse(line(0))).map((entry) => {
    const [commit, date, authorName, size, ...rest] = arr(entry);
    if (rest.length > 0) fail();
    return { change: { commit: str(commit), date: str(date), authorName: str(authorName) }, size: count(size) };
  });
  // A line for each commit and one of forecastable refs, each ended by a newline.
  if (starts.length - 3 !== commits.length) fail();
  const refsWhere = <V>(wanted: (date: string) => boolean, value: (change: LatestChange) => V): Map<string, V> | undefined => {
    try {
      const found = new Map<string, V>();
      commits.forEach(({ change, size }, i) => {
        if (!wanted(change.date)) return;
        const refs = arr(JSON.parse(line(i + 1)));
        if (refs.length !== size) fail();
        const v = value(change);
        for (const ref of refs) {
          // A ref seen before leaves the size as it was (one look-up a ref, not two: 120,000 at 10,000 teams).
          const before = found.size;
          if (found.set(str(ref), v).size === before) fail();
        }
      });
      return found;
    } catch {
      return undefined;
    }
  };
  return {
    where: (wanted) => refsWhere(wanted, (change) => change),
    every: (value) => refsWhere(() => true, value),
    forecastable() {
      try {
        const refs = new Set<string>();
        for (const ref of arr(JSON.parse(line(commits.length + 1)))) {
          if (refs.has(str(ref))) fail();
          refs.add(ref as string);
        }
        return refs;
      } catch {
        return undefined;
      }
    },
  };
}
