// The history points cache: what buildHistory made of the whole workspace's history at one commit
// (every key result's points), kept beside the history index so that a command asking for the
// history at the same HEAD again (okr stale, status, log, history REF, check's stale rule) neither
// decodes the commits nor rebuilds the points. Valid for one commit only (the key names it, with
// okr's version and the index's settings); never written for a shallow clone or an --as-of view;
// a checksum and a strict decoder make anything unexpected read as absent (then history is built
// again and the file rewritten). A clean clone without it gives the same answers.
//
// File: `<git dir>/okr/history-points` (cache-file.ts). Body (JSON): {commitCount, strings (refs,
// authors, e-mail addresses, units, notes, sources), commits ([id, date, author, e-mail, subject]),
// lists (each a flat run of 9-field points), refs (flat: ref string, list)}. Refs whose points are
// one shared list (a renamed team's key results) name the same list, so they share it again.
import { readCacheFile, writeCacheFile } from './cache-file.js';
import { keyText, type IndexKey } from './history-index.js';
import type { History, HistoryPoint } from '../model/history.js';
import type { KeyResultValue } from '../model/types.js';

const FORMAT = 1;
const FILE = 'history-points';
const FIELDS = 9;

const pointsKey = (key: IndexKey, rev: string) => JSON.stringify([keyText(key), rev]);

/** The history at `rev` as cached, or undefined when there is none for `key` and `rev`, or anything in it is wrong. */
export function readHistoryPoints(gitDir: string, key: IndexKey, rev: string): History | undefined {
  const body = readCacheFile(gitDir, FILE, FORMAT, pointsKey(key, rev));
  if (!body) return undefined;
  try {
    return decode(JSON.parse(body.toString('utf8')));
  } catch {
    return undefined;
  }
}

/** Caches the history at `rev` (a history with a shallow clone's cut is not cached). */
export function writeHistoryPoints(gitDir: string, key: IndexKey, rev: string, history: History): void {
  if (history.cut) return;
  writeCacheFile(gitDir, FILE, FORMAT, pointsKey(key, rev), Buffer.from(JSON.stringify(encode(history)), 'utf8'));
}

// A value or confidence: booleans and finite numbers as JSON has them; -0, infinities and NaN
// (which JSON cannot hold) as their names: values are never strings, so a name is unambiguous.
type EncodedNumber = number | string;
const SPECIAL = new Map<string, number>([
  ['-0', -0],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['NaN', NaN],
]);
const encodeNumber = (n: number): EncodedNumber => (Number.isFinite(n) && !Object.is(n, -0) ? n : String(Object.is(n, -0) ? '-0' : n));
const encodeValue = (v: KeyResultValue): EncodedNumber | boolean => (typeof v === 'boolean' ? v : encodeNumber(v));

interface Encoded {
  commitCount: number;
  strings: string[];
  commits: [string, string, number, number, string][];
  lists: (string | number | boolean | null)[][];
  refs: number[];
}

function encode(history: History): Encoded {
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const string = (s: string | undefined) => {
    if (s === undefined) return -1;
    let id = stringIds.get(s);
    if (id === undefined) stringIds.set(s, (id = strings.push(s) - 1));
    return id;
  };
  const commits: Encoded['commits'] = [];
  const commitIds = new Map<string, number>();
  const commit = (p: HistoryPoint) => {
    let id = commitIds.get(p.commit);
    if (id === undefined) commitIds.set(p.commit, (id = commits.push([p.commit, p.date, string(p.authorName), string(p.authorEmail), p.subject]) - 1));
    return id;
  };
  const lists: Encoded['lists'] = [];
  const listIds = new Map<readonly HistoryPoint[], number>();
  const refs: number[] = [];
  for (const [ref, points] of history.points) {
    let id = listIds.get(points);
    if (id === undefined) {
      const flat: Encoded['lists'][number] = [];
      for (const p of points)
        flat.push(
          string(p.ref),
          commit(p),
          encodeValue(p.value),
          p.previous === undefined ? null : encodeValue(p.previous),
          p.confidence === undefined ? null : encodeNumber(p.confidence),
          string(p.unit),
          string(p.note),
          string(p.source),
          p.via === 'checkin' ? 1 : 0,
        );
      listIds.set(points, (id = lists.push(flat) - 1));
    }
    refs.push(string(ref), id);
  }
  return { commitCount: history.commitCount, strings, commits, lists, refs };
}

class Malformed extends Error {}
const fail = (): never => {
  throw new Malformed();
};
const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const str = (x: unknown): string => (typeof x === 'string' ? x : fail());
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : fail());
const index = (x: unknown, below: number): number => (Number.isInteger(x) && (x as number) >= 0 && (x as number) < below ? (x as number) : fail());
const decodeNumber = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : typeof x === 'string' && SPECIAL.has(x) ? SPECIAL.get(x)! : fail());
const decodeValue = (x: unknown): KeyResultValue => (typeof x === 'boolean' ? x : decodeNumber(x));

function decode(raw: unknown): History {
  if (!isRecord(raw)) return fail();
  const commitCount = index(raw.commitCount, Number.MAX_SAFE_INTEGER);
  const strings = arr(raw.strings).map(str);
  const stringAt = (x: unknown) => strings[index(x, strings.length)]!;
  const optionalString = (x: unknown) => (x === -1 ? undefined : stringAt(x));
  const commits = arr(raw.commits).map((c) => {
    const [id, date, authorName, authorEmail, subject] = arr(c);
    return { commit: str(id), date: str(date), authorName: stringAt(authorName), authorEmail: stringAt(authorEmail), subject: str(subject) };
  });
  const lists = arr(raw.lists).map((l): HistoryPoint[] => {
    const flat = arr(l);
    if (flat.length % FIELDS) fail();
    const points: HistoryPoint[] = [];
    for (let i = 0; i < flat.length; i += FIELDS) {
      const via = flat[i + 8];
      if (via !== 0 && via !== 1) fail();
      const c = commits[index(flat[i + 1], commits.length)]!;
      points.push({
        ref: stringAt(flat[i]),
        commit: c.commit,
        date: c.date,
        authorName: c.authorName,
        authorEmail: c.authorEmail,
        subject: c.subject,
        value: decodeValue(flat[i + 2]),
        previous: flat[i + 3] === null ? undefined : decodeValue(flat[i + 3]),
        confidence: flat[i + 4] === null ? undefined : decodeNumber(flat[i + 4]),
        unit: optionalString(flat[i + 5]),
        note: optionalString(flat[i + 6]),
        source: optionalString(flat[i + 7]),
        via: via === 1 ? 'checkin' : 'edit',
      });
    }
    return points;
  });
  const flatRefs = arr(raw.refs);
  if (flatRefs.length % 2) fail();
  const points = new Map<string, readonly HistoryPoint[]>();
  for (let i = 0; i < flatRefs.length; i += 2) {
    const ref = stringAt(flatRefs[i]);
    if (points.has(ref)) fail();
    points.set(ref, lists[index(flatRefs[i + 1], lists.length)]!);
  }
  return { points, commitCount };
}
