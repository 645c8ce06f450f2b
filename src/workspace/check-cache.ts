// The check cache of `okr check --cache`: what checking found, kept in the git folder, so that a
// re-check reads and analyses only the goal files that changed. Like the history index it is a
// cache and never the truth: one header line names its format and key (okr's version and build,
// the workspace's folder, the file size limit) and carries a sha256 of the body; anything
// unexpected in it (a bad checksum, another key, a shape that does not decode) makes it ignored and
// rebuilt. A clone without it gets the same findings.
//
// What it holds: every goal file of the workspace in load order, each with its *shape* (a digest of
// everything the checks across files read from it) when the checks across files ran; for the files
// that were exactly a blob git has, that blob's id, the findings of the file on its own, and the
// stale-checkin findings of its key results. Then the findings of the checks across files, and what
// the stale findings were found for (`staleKey`: HEAD and the day).
//
// File: `<git dir>/okr/check-cache-<workspace>` (one per workspace folder of the repository): a JSON
// header line, a JSON line {cross, stale_key}, then a line a file: path, shape, blob, findings,
// stale, separated by tabs (findings as JSON, empty for none).
import { createHash } from 'node:crypto';
import { readCacheFile, writeCacheFile } from './cache-file.js';
import type { Finding, FindingTarget } from '../model/findings.js';

const FORMAT = 1;

/** A goal file as the cache knows it. */
export interface CachedFile {
  readonly file: string;
  /** Digest of what the checks across files read from the file (see check-shape.ts). */
  readonly shape: string;
  /** The blob the findings below are of; undefined when the file was not a blob git has (not cached). */
  readonly blob?: string;
  /** The findings of the file on its own (reading, schema, model). */
  readonly findings: readonly Finding[];
  /** The stale-checkin findings of its key results (valid under the cache's staleKey). */
  readonly stale: readonly Finding[];
}

export interface CheckCache {
  /** The findings of the checks across files, found for the files and shapes of `files`. */
  readonly cross: readonly Finding[];
  /** What the files' stale findings were found for (HEAD and the day). */
  readonly staleKey: string;
  /** Every goal file in load order. */
  readonly files: readonly CachedFile[];
  /**
   * The latest change of each key result of the workspace that has one, by team, from the history
   * the stale findings were found in; undefined when they needed none.
   */
  readonly lastChanges?: LastChanges;
}

/**
 * The cache's files as read: compared in place with what git lists, and decoded only where asked (a
 * re-check of 10,000 teams compares 20,000 lines and decodes the few with findings or changes:
 * decoding every line cost ~60 ms CPU, about a sixth of such a run).
 */
export interface CachedFiles {
  readonly length: number;
  /** Whether file `i` is at path `file`. */
  isFile(i: number, file: string): boolean;
  /** Whether file `i`'s findings are cached for exactly blob `blob`. */
  isBlob(i: number, blob: string | undefined): boolean;
  /** Whether file `i` has findings (its own or stale ones). */
  hasFindings(i: number): boolean;
  /** File `i`, decoded; throws MalformedCache when its line is malformed (then the cache is not used). */
  at(i: number): CachedFile;
}

/** The cache as read: its files decoded only as far as asked. */
export interface ReadCheckCache extends Omit<CheckCache, 'files'> {
  readonly files: CachedFiles;
}

/** When, by whom and in which commit a key result's value last changed. */
export interface LastChange {
  readonly commit: string;
  readonly date: string;
  readonly authorName: string;
}

type Table = ReadonlyMap<string, LastChange>;

/** Key results' latest changes by team, each team's by `objective/kr` (undefined: that record is malformed). */
export interface LastChanges {
  of(team: string): Table | undefined;
  /** Every team's (undefined when one is malformed). */
  all(): ReadonlyMap<string, Table> | undefined;
}

const EMPTY: Table = new Map();

/** The latest changes of `refs` (`team/objective/kr`), teams apart. */
export function lastChangesOf(refs: Iterable<[string, LastChange]>): LastChanges {
  const byTeam = new Map<string, Map<string, LastChange>>();
  for (const [ref, change] of refs) {
    const slash = ref.indexOf('/');
    const team = ref.slice(0, slash);
    let table = byTeam.get(team);
    if (!table) byTeam.set(team, (table = new Map()));
    table.set(ref.slice(slash + 1), change);
  }
  return { of: (team) => byTeam.get(team) ?? EMPTY, all: () => byTeam };
}

/** What the cache's content depends on besides the files: another key, and it is ignored. */
export interface CheckCacheKey {
  /** okr's version and the fingerprint of the build's sources. */
  readonly okr: string;
  /** The workspace's folder: its real path and its path in the repository. */
  readonly root: string;
  readonly prefix: string;
  readonly maxBytes: number;
}

/** The cache file's name for the workspace at `key.root`/`key.prefix` (each workspace of a repository has its own). */
export function checkCacheName(key: CheckCacheKey): string {
  return `check-cache-${createHash('sha256').update(JSON.stringify([key.root, key.prefix])).digest('hex').slice(0, 16)}`;
}

/** The cache for `key`, or undefined when there is none, or it is for another key, or anything in it is wrong. */
export function readCheckCache(gitDir: string, key: CheckCacheKey): ReadCheckCache | undefined {
  const body = readCacheFile(gitDir, checkCacheName(key), FORMAT, keyText(key));
  if (body === undefined) return undefined;
  try {
    return decode(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Writes the cache (atomically); a git folder okr may not write to is left alone. */
export function writeCheckCache(gitDir: string, key: CheckCacheKey, cache: CheckCache): void {
  const text = encode(cache);
  if (text !== undefined) writeCacheFile(gitDir, checkCacheName(key), FORMAT, keyText(key), Buffer.from(text, 'utf8'));
}

const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const keyText = (key: CheckCacheKey) => JSON.stringify([key.okr, key.root, key.prefix, key.maxBytes]);

// A finding as [rule, severity, message, file, path | null, line | null, column | null, on | null].
type EncodedFinding = [string, string, string, string, (string | number)[] | null, number | null, number | null, string | null];

function encodeFinding(f: Finding): EncodedFinding {
  const t = f.target;
  return 'path' in t
    ? [f.rule, f.severity, f.message, t.file, [...t.path], null, null, t.on ?? null]
    : [f.rule, f.severity, f.message, t.file, null, t.line, t.column, null];
}

/** The file's text; undefined when a path holds a tab or a line break (such a workspace is not cached). */
function encode(cache: CheckCache): string | undefined {
  const unsafe = (text: string) => /[\t\n\r]/.test(text);
  const list = (findings: readonly Finding[]) => (findings.length === 0 ? '' : JSON.stringify(findings.map(encodeFinding)));
  const lines: string[] = [];
  for (const f of cache.files) {
    if (unsafe(f.file)) return undefined;
    lines.push(`${f.file}\t${f.shape}\t${f.blob ?? ''}\t${list(f.findings)}\t${list(f.stale)}`);
  }
  // The latest changes: a table of commits, then a line a team: its key results and commit numbers.
  let commits: [string, string, string][] | null = null;
  if (cache.lastChanges) {
    const tables = cache.lastChanges.all();
    if (!tables) return undefined;
    commits = [];
    const numbers = new Map<string, number>();
    for (const [team, table] of tables) {
      if (unsafe(team)) return undefined;
      const fields = [team];
      for (const [local, change] of table) {
        if (unsafe(local)) return undefined;
        let n = numbers.get(change.commit);
        if (n === undefined) numbers.set(change.commit, (n = commits.push([change.commit, change.date, change.authorName]) - 1));
        fields.push(local, String(n));
      }
      lines.push(fields.join('\t'));
    }
  }
  const globals = { cross: cache.cross.map(encodeFinding), stale_key: cache.staleKey, files: cache.files.length, commits };
  return [JSON.stringify(globals), ...lines].join('\n');
}

/** Something in the cache that does not decode: the cache is ignored and rebuilt. */
export class MalformedCache extends Error {}
const fail = (): never => {
  throw new MalformedCache('malformed check cache');
};
const str = (x: unknown): string => (typeof x === 'string' ? x : fail());
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : fail());
const positive = (x: unknown): number => (Number.isInteger(x) && (x as number) >= 1 ? (x as number) : fail());
const NONE: readonly Finding[] = Object.freeze([]);

function decodeFinding(raw: unknown): Finding {
  const [rule, rawSeverity, message, file, path, line, column, on] = arr(raw);
  const severity = rawSeverity === 'error' || rawSeverity === 'warning' ? rawSeverity : fail();
  let target: FindingTarget;
  if (path === null) {
    if (on !== null) fail();
    target = { file: str(file), line: positive(line), column: positive(column) };
  } else {
    if (line !== null || column !== null) fail();
    const nodes = arr(path).map((p) => (typeof p === 'string' || (Number.isInteger(p) && (p as number) >= 0) ? (p as string | number) : fail()));
    if (on === null) target = { file: str(file), path: nodes };
    else target = { file: str(file), path: nodes, on: on === 'key' || on === 'value' ? on : fail() };
  }
  return { rule: str(rule), severity, message: str(message), target };
}

const decodeFindings = (text: string): readonly Finding[] => {
  if (text === '') return NONE;
  const list = arr(JSON.parse(text));
  return list.length === 0 ? fail() : list.map(decodeFinding);
};

function decode(text: string): ReadCheckCache {
  const lines = text.split('\n');
  const globals = JSON.parse(lines[0]!) as unknown;
  if (!isRecord(globals)) return fail();
  const cross = arr(globals.cross).map(decodeFinding);
  const staleKey = str(globals.stale_key);
  const count = Number.isInteger(globals.files) && (globals.files as number) < lines.length ? (globals.files as number) : fail();
  const files = cachedFiles(lines.slice(1, count + 1));
  if (globals.commits === null) {
    if (lines.length !== count + 1) fail();
    return { cross, staleKey, files };
  }
  const commits = arr(globals.commits).map((c): LastChange => {
    const [commit, date, authorName] = arr(c);
    return { commit: str(commit), date: str(date), authorName: str(authorName) };
  });
  // A team's line is read only when one of its files changed.
  const teamLines = new Map<string, string>();
  for (let i = count + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const tab = line.indexOf('\t');
    const team = tab < 0 ? line : line.slice(0, tab);
    if (team === '' || teamLines.has(team)) fail();
    teamLines.set(team, line);
  }
  const decoded = new Map<string, Table | undefined>();
  const of = (team: string) => {
    if (!teamLines.has(team)) return EMPTY;
    if (!decoded.has(team)) decoded.set(team, decodeTeam(teamLines.get(team)!, commits));
    return decoded.get(team);
  };
  const all = () => {
    const tables = new Map<string, Table>();
    for (const team of teamLines.keys()) {
      const table = of(team);
      if (!table) return undefined;
      tables.set(team, table);
    }
    return tables;
  };
  return { cross, staleKey, files, lastChanges: { of, all } };
}

function decodeTeam(line: string, commits: readonly LastChange[]): Table | undefined {
  const fields = line.split('\t');
  if (fields.length % 2 !== 1) return undefined;
  const table = new Map<string, LastChange>();
  for (let i = 1; i < fields.length; i += 2) {
    const n = Number(fields[i + 1]);
    const change = Number.isInteger(n) && n >= 0 ? commits[n] : undefined;
    if (change === undefined || fields[i] === '' || table.has(fields[i]!)) return undefined;
    table.set(fields[i]!, change);
  }
  return table;
}

/**
 * The file lines `path TAB shape TAB blob TAB findings TAB stale`: each line's tabs are found (and
 * counted) at once, its fields sliced only when asked.
 */
function cachedFiles(lines: readonly string[]): CachedFiles {
  const tabs = new Int32Array(lines.length * 4);
  lines.forEach((line, i) => {
    let at = -1;
    for (let t = 0; t < 4; t++) {
      at = line.indexOf('\t', at + 1);
      if (at < 0) fail();
      tabs[i * 4 + t] = at;
    }
    if (line.indexOf('\t', at + 1) >= 0) fail();
    if (tabs[i * 4] === 0 || tabs[i * 4 + 1] === tabs[i * 4]! + 1) fail(); // a path and a shape
  });
  const tab = (i: number, t: number) => tabs[i * 4 + t]!;
  return {
    length: lines.length,
    isFile: (i, file) => tab(i, 0) === file.length && lines[i]!.startsWith(file),
    // A blob id is only ever compared with the one git gives: what is not one matches nothing.
    isBlob: (i, blob) => blob !== undefined && blob !== '' && tab(i, 2) - tab(i, 1) - 1 === blob.length && lines[i]!.startsWith(blob, tab(i, 1) + 1),
    hasFindings: (i) => tab(i, 3) !== tab(i, 2) + 1 || tab(i, 3) !== lines[i]!.length - 1,
    at(i) {
      const line = lines[i]!;
      const file = line.slice(0, tab(i, 0));
      const shape = line.slice(tab(i, 0) + 1, tab(i, 1));
      const blob = line.slice(tab(i, 1) + 1, tab(i, 2));
      const findings = decodeFindings(line.slice(tab(i, 2) + 1, tab(i, 3)));
      const stale = decodeFindings(line.slice(tab(i, 3) + 1));
      return blob === '' ? { file, shape, findings, stale } : { file, shape, blob, findings, stale };
    },
  };
}
