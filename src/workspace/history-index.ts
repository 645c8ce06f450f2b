// The history index: what reading the check-in history of a repository found (each commit that
// touched the goal files, with the key-result states of its files before and after), kept in the git
// folder so the next run reads only the commits made since. It is a cache and never the truth: it
// names the commit it is valid for, okr's version and the settings that shape it, carries a checksum
// of its content, and anything unexpected in it (a bad checksum, another version, a shape that does
// not decode) makes it ignored and rebuilt from git. A clean clone without it gives the same answers.
//
// File: `<git dir>/okr/history-index`, one JSON header line ({format, key, sha256}) then the body
// (JSON; see cache-file.ts). States are interned (a string table of `objective/kr`, a table of states, a table of
// file versions), so 20,000 commits of single-value changes stay small.
import { cachePath, readCacheFile, writeCacheFile } from './cache-file.js';
import { checkinTrailers } from '../model/checkin-message.js';
import type { ChangedFile, CommitInfo, FileStates, KeyResultState } from '../model/history.js';

const FORMAT = 1;
const FILE = 'history-index';

/** What the index holds: the commits read up to `rev` (the revision it was read from), newest first. */
export interface HistoryIndex {
  /** The commit the history was read from (HEAD then). */
  readonly rev: string;
  /** The newest commit that touched the goal files (the head buildHistory starts from), if any. */
  readonly top: string | undefined;
  readonly commits: readonly CommitInfo[];
}

/**
 * The settings the content depends on besides the commits: okr's version, the workspace's folder
 * in the repository, the size limit of a file, the shallow clone's cut. Another key: ignored.
 */
export interface IndexKey {
  readonly okr: string;
  readonly prefix: string;
  readonly maxBytes: number;
  readonly shallow: readonly string[];
}

export function indexPath(gitDir: string): string {
  return cachePath(gitDir, FILE);
}

/** The index for `key`, or undefined when there is none, or it is for another key, or anything in it is wrong. */
export function readHistoryIndex(gitDir: string, key: IndexKey): HistoryIndex | undefined {
  const body = readCacheFile(gitDir, FILE, FORMAT, keyText(key));
  if (!body) return undefined;
  try {
    return decode(JSON.parse(body.toString('utf8')));
  } catch {
    return undefined;
  }
}

/** Writes the index (atomically); a git folder okr may not write to is left alone. */
export function writeHistoryIndex(gitDir: string, key: IndexKey, index: HistoryIndex): void {
  writeCacheFile(gitDir, FILE, FORMAT, keyText(key), Buffer.from(JSON.stringify(encode(index)), 'utf8'));
}

export const keyText = (key: IndexKey) => JSON.stringify([key.okr, key.prefix, key.maxBytes, [...key.shallow].sort()]);
const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

// Encoded shapes. A state: [kind, value, confidence | null, unit | null]. A file version: flat
// [local index, state index, ...]. A commit: [id, parents, author name, author email, author date,
// committer date | 0 (the author date), subject, body, trailers (flat key, value, ...), files (flat
// old team, new team, before version | -1, after version | -1, ...)]; a parent the index holds is its
// position there. History needs a commit's body and trailers only when it is a check-in (the note):
// other commits keep neither.
type EncodedState = [string, number | boolean, number | null, string | null];
type EncodedCommit = [string, (string | number)[], string, string, string, string | 0, string, string, string[], (string | number | null)[]];
interface Encoded {
  rev: string;
  top: string | null;
  locals: string[];
  states: EncodedState[];
  versions: number[][];
  commits: EncodedCommit[];
}

function encode(index: HistoryIndex): Encoded {
  const locals: string[] = [];
  const localIds = new Map<string, number>();
  const states: EncodedState[] = [];
  const stateIds = new Map<KeyResultState, number>();
  const versions: number[][] = [];
  const versionIds = new Map<FileStates, number>();
  const local = (name: string) => {
    let id = localIds.get(name);
    if (id === undefined) localIds.set(name, (id = locals.push(name) - 1));
    return id;
  };
  const state = (s: KeyResultState) => {
    let id = stateIds.get(s);
    if (id === undefined) stateIds.set(s, (id = states.push([s.kind, s.value, s.confidence ?? null, s.unit ?? null]) - 1));
    return id;
  };
  const version = (v: FileStates | undefined) => {
    if (v === undefined) return -1;
    let id = versionIds.get(v);
    if (id === undefined) {
      const flat: number[] = [];
      for (const [name, s] of v) flat.push(local(name), state(s));
      versionIds.set(v, (id = versions.push(flat) - 1));
    }
    return id;
  };
  const position = new Map(index.commits.map((c, i) => [c.id, i]));
  const commits = index.commits.map((c): EncodedCommit => {
    const checkin = checkinTrailers(c.trailers).size > 0;
    return [
      c.id,
      c.parents.map((p) => position.get(p) ?? p),
      c.authorName,
      c.authorEmail,
      c.authorDate,
      c.committerDate === c.authorDate ? 0 : c.committerDate,
      c.subject,
      checkin ? c.body : '',
      checkin ? c.trailers.flatMap((t) => [t.key, t.value]) : [],
      c.files.flatMap((f) => [f.oldTeam ?? null, f.newTeam ?? null, version(f.before), version(f.after)]),
    ];
  });
  return { rev: index.rev, top: index.top ?? null, locals, states, versions, commits };
}

class Malformed extends Error {}
const fail = (): never => {
  throw new Malformed();
};
const str = (x: unknown): string => (typeof x === 'string' ? x : fail());
const strOrNull = (x: unknown): string | undefined => (x === null ? undefined : str(x));
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : fail());
const int = (x: unknown, below: number): number => (Number.isInteger(x) && (x as number) >= -1 && (x as number) < below ? (x as number) : fail());
const KINDS = new Set(['metric', 'milestone', 'guardrail']);

function decode(raw: unknown): HistoryIndex {
  if (!isRecord(raw)) return fail();
  const locals = arr(raw.locals).map(str);
  const states = arr(raw.states).map((s): KeyResultState => {
    const [kind, value, confidence, unit] = arr(s);
    if (!KINDS.has(str(kind))) fail();
    if (!(typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))) fail();
    if (!(confidence === null || (typeof confidence === 'number' && Number.isFinite(confidence)))) fail();
    return {
      kind: kind as KeyResultState['kind'],
      value: value as number | boolean,
      ...(confidence !== null ? { confidence: confidence as number } : {}),
      ...(unit !== null ? { unit: str(unit) } : {}),
    };
  });
  const versions = arr(raw.versions).map((v): FileStates => {
    const flat = arr(v);
    if (flat.length % 2) fail();
    const map = new Map<string, KeyResultState>();
    for (let i = 0; i < flat.length; i += 2) map.set(locals[int(flat[i], locals.length)] ?? fail(), states[int(flat[i + 1], states.length)] ?? fail());
    return map;
  });
  const versionAt = (x: unknown) => {
    const i = int(x, versions.length);
    return i < 0 ? undefined : versions[i];
  };
  const encoded = arr(raw.commits).map(arr);
  const ids = encoded.map((c) => str(c[0]));
  const parentId = (p: unknown) => (typeof p === 'number' ? ids[int(p, ids.length)] ?? fail() : str(p));
  const commits = encoded.map((c): CommitInfo => {
    const [id, parents, authorName, authorEmail, authorDate, committerDate, subject, body, trailers, files] = c;
    const flatTrailers = arr(trailers).map(str);
    const flatFiles = arr(files);
    if (flatTrailers.length % 2 || flatFiles.length % 4) fail();
    const changed: ChangedFile[] = [];
    for (let i = 0; i < flatFiles.length; i += 4)
      changed.push({ oldTeam: strOrNull(flatFiles[i]), newTeam: strOrNull(flatFiles[i + 1]), before: versionAt(flatFiles[i + 2]), after: versionAt(flatFiles[i + 3]) });
    const pairs: { key: string; value: string }[] = [];
    for (let i = 0; i < flatTrailers.length; i += 2) pairs.push({ key: flatTrailers[i]!, value: flatTrailers[i + 1]! });
    return {
      id: str(id),
      parents: arr(parents).map(parentId),
      authorName: str(authorName),
      authorEmail: str(authorEmail),
      authorDate: str(authorDate),
      committerDate: committerDate === 0 ? str(authorDate) : str(committerDate),
      subject: str(subject),
      body: str(body),
      trailers: pairs,
      files: changed,
    };
  });
  return { rev: str(raw.rev), top: strOrNull(raw.top), commits };
}
