// okr check --cache: check the work tree reading only the goal files that changed since the last
// check. git says which files are exactly a blob it has (the index's blob ids, `git diff-files` for
// those that changed, `git ls-files -o` for those it does not track); what the cache learnt from
// those blobs is taken as it is, and every other file (changed, untracked, renamed, or one git does
// not compare) is read from disk, and analysed unless it is still the blob cached. The checks across files are taken from the cache only when no
// file's shape changed (a check-in changes values, not shapes); the stale-checkin findings only for
// the same HEAD and day, the changed files' from the latest changes of their key results the cache
// keeps. Anything else — no cache, another okr, a changed shape, another HEAD or day, a cycle
// marked closed — checks everything, as okr check does, and writes the cache for next time.
// Where the cache does not apply, see check-cache-start.ts: plain okr check, same result.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { Repository } from '../git/repository.js';
import type { Finding } from '../model/findings.js';
import type { Config, Day, Workspace } from '../model/types.js';
import { namesRemotes } from '../model/remotes.js';
import { datedCycles } from '../model/view.js';
import { blobId, blobIdOfBytes, hashOf } from '../workspace/blob-id.js';
import { buildConfig } from '../workspace/build-model.js';
import { lastChangesOf, MalformedCache, writeCheckCache, type CachedFile, type CheckCacheKey, type LastChange, type ReadCheckCache } from '../workspace/check-cache.js';
import { shapeOf } from '../workspace/check-shape.js';
import { analyzeFile, analyzeRawFile, assembleWorkspace, type FileAnalysis, type SourceTexts } from '../workspace/load.js';
import { CONFIG_FILE, decodeFile, readFolderEntry, readFolderEntryBytes, type FolderEntry, type RawFile } from '../workspace/source.js';
import type { CacheBegun, ListedFile } from './check-cache-start.js';
import { evaluationDay } from './cycle-view.js';
import type { OpenedWorkspace, ReadOptions, Session } from './session.js';
import { staleCheckin, staleFindingsOf } from './stale-checkin-rule.js';

/** What okr check reports on: every finding, and what positions, source lines and --cycle need. */
export interface CheckedWorkspace {
  /** The goals; from the cache, okr.yaml's alone (what --cycle needs). */
  readonly workspace: Workspace;
  readonly texts: SourceTexts;
  /** Every goal file considered, in load order. */
  readonly files: readonly string[];
  /** The files' own findings, those across files, stale-checkin and closed-cycle-changed. */
  readonly findings: readonly Finding[];
}

/** Everything okr check finds, the way without a cache: every file read. */
export async function checkEverything(session: Session, options: ReadOptions): Promise<CheckedWorkspace> {
  return everythingOf(session, options, await session.load(options));
}

async function everythingOf(session: Session, options: ReadOptions, opened: OpenedWorkspace): Promise<CheckedWorkspace> {
  const { findings: stale } = await staleCheckin(session, opened, options);
  const { closedCycleFindings } = await import('./closed-cycle-rule.js');
  const closed = await closedCycleFindings(session, opened, options);
  return { workspace: opened.workspace, texts: opened.texts, files: opened.files, findings: [...opened.findings, ...stale, ...closed] };
}

/** okr check with the cache begun by `begin` (check-cache-start.ts), or undefined where it does not apply (then: checkEverything). */
export async function checkWithCache(session: Session, options: ReadOptions, begun: CacheBegun): Promise<CheckedWorkspace | undefined> {
  const { repository, key, cache, listed, head } = begun;
  const day = evaluationDay(session.env, options);
  const reused = cache && (await fromCache(session, options, repository, key, cache, listed, head, day).catch(missIfMalformed));
  return reused ?? (await checkAndCache(session, options, repository, key, listed, head, day));
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
/** What the stale-checkin findings depend on besides the files: nothing when the rule is off. */
function staleKeyOf(config: Config, head: string | undefined, day: Day): string {
  const setting = config.rules['stale-checkin'];
  return !setting || setting.severity === 'off' ? 'off' : JSON.stringify([head ?? null, day]);
}
const configOf = (analysis: FileAnalysis | undefined): Config => analysis?.config ?? buildConfig(CONFIG_FILE, {}).config;

/** Whether the closed-cycle-changed rule has anything to compare (it needs every file of those cycles). */
function comparesClosedCycles(config: Config): boolean {
  const setting = config.rules['closed-cycle-changed'];
  if (!setting || setting.severity === 'off') return false;
  return [...datedCycles({ config, teams: new Map(), objectives: [], goalFiles: [] }).values()].some((c) => c.closed !== undefined);
}

/** Reads a listed file from disk: its bytes (valid until the next read), or why they cannot be read. */
function readListed(listed: ListedFile, root: string, realRoot: string, maxBytes: number): Uint8Array | RawFile {
  const entry: FolderEntry = { file: listed.file, abs: join(root, ...listed.file.split('/')), isLink: listed.isLink };
  return readFolderEntryBytes(entry, realRoot, maxBytes);
}

/** Analyses a file read by readListed. */
function analyzeRead(file: string, read: Uint8Array | RawFile, maxBytes: number): FileAnalysis {
  const raw = read instanceof Uint8Array ? decodeFile(file, read, maxBytes) : read;
  return analyzeFile(raw) ?? { file: raw.file, findings: raw.problem ? [raw.problem] : [] };
}

/** Whether `text` is exactly the blob `blob` (else what was read is not what git has: not cached under that id). */
const isBlob = (text: string | undefined, blob: string | undefined): blob is string => text !== undefined && blob !== undefined && blobId(text, hashOf(blob)) === blob;

/** A cache line that does not decode is a miss: everything is checked again. */
function missIfMalformed(error: unknown): undefined {
  if (error instanceof MalformedCache) return undefined;
  throw error;
}

/**
 * The findings from the cache and the files that changed, or undefined when the cache cannot
 * answer: other files, a changed shape (okr.yaml's included), another HEAD or day, a closed cycle
 * to compare.
 */
async function fromCache(
  session: Session,
  options: ReadOptions,
  repository: Repository,
  key: CheckCacheKey,
  cache: ReadCheckCache,
  listed: readonly ListedFile[],
  head: string | undefined,
  day: Day,
): Promise<CheckedWorkspace | undefined> {
  const cached = cache.files;
  if (listed.length !== cached.length) return undefined;
  const realRoot = realpathSync(session.root);
  const fresh = new Map<string, FileAnalysis>();
  for (let i = 0; i < listed.length; i++) {
    const file = listed[i]!;
    if (!cached.isFile(i, file.file)) return undefined;
    if (file.ignored) {
      // Not read: the warning is all there is to it.
      const analysis = analyzeRawFile(file.ignored)!;
      if (shapeOf(analysis) !== cached.at(i).shape) return undefined;
      fresh.set(file.file, analysis);
      continue;
    }
    if (file.file !== CONFIG_FILE && file.vouched && cached.isBlob(i, file.blob)) continue;
    const read = readListed(file, session.root, realRoot, session.maxFileBytes);
    // A file git does not vouch for may still be the very blob cached: git's stat cache goes out of
    // date when a work tree is copied or its files touched, and then every file looks changed.
    // Hashing it costs a fraction of analysing it (10,000 teams, every file touched, load 14: CPU
    // 3.3-3.9 -> 0.9-1.0 s).
    if (file.file !== CONFIG_FILE && !file.isLink && file.blob !== undefined && read instanceof Uint8Array && cached.isBlob(i, blobIdOfBytes(read, hashOf(file.blob)))) continue;
    const analysis = analyzeRead(file.file, read, session.maxFileBytes);
    if (shapeOf(analysis) !== cached.at(i).shape) return undefined;
    fresh.set(file.file, analysis);
  }
  const config = configOf(fresh.get(CONFIG_FILE));
  // Goals of other repositories (SPEC 13) are read from their fetched refs: not what this cache knows.
  if (namesRemotes(config)) return undefined;
  if (cache.staleKey !== staleKeyOf(config, head, day) || comparesClosedCycles(config)) return undefined;

  // The changed cycle files' stale-checkin findings, from the latest changes of their teams' key
  // results (the same key results as before: their shapes did not change; HEAD did not move).
  const changed = [...fresh.values()].filter((a) => a.role?.kind === 'cycle');
  const staleOfChanged = new Map<string, Finding[]>();
  if (changed.length > 0) {
    const points = new Map<string, LastChange[]>();
    for (const team of new Set(changed.map((a) => (a.role?.kind === 'cycle' ? a.role.team : '')))) {
      const table = cache.lastChanges ? cache.lastChanges.of(team) : new Map<string, LastChange>();
      if (!table) return undefined;
      for (const [local, change] of table) points.set(`${team}/${local}`, [change]);
    }
    const workspace: Workspace = { config, teams: new Map(), objectives: changed.flatMap((a) => a.objectives ?? []), goalFiles: [] };
    for (const f of staleFindingsOf(workspace, { points }, day)) push(staleOfChanged, f.target.file, f);
  }

  const own: Finding[] = [];
  const stale: Finding[] = [];
  // A version committed since (a re-read file that is exactly its blob): cached under it, so that next time it is not read.
  const learnt = new Map<number, CachedFile>();
  for (let i = 0; i < listed.length; i++) {
    const file = listed[i]!.file;
    const analysis = fresh.get(file);
    if (!analysis) {
      if (!cached.hasFindings(i)) continue;
      const { findings, stale: fileStale } = cached.at(i);
      for (const f of findings) own.push(f);
      for (const f of fileStale) stale.push(f);
      continue;
    }
    const fileStale = staleOfChanged.get(file) ?? NO_FINDINGS;
    for (const f of analysis.findings) own.push(f);
    for (const f of fileStale) stale.push(f);
    const blob = listed[i]!.blob;
    if (file === CONFIG_FILE || !isBlob(analysis.text, blob) || cached.isBlob(i, blob)) continue;
    learnt.set(i, { file, shape: cached.at(i).shape, blob, findings: analysis.findings, stale: fileStale });
  }
  if (learnt.size > 0) {
    const files = Array.from({ length: cached.length }, (_, i) => learnt.get(i) ?? cached.at(i));
    writeCheckCache(repository.gitDir, key, { ...cache, files });
  }
  let byFile: Map<string, ListedFile> | undefined; // only files with findings are looked up (for their source lines)
  return {
    workspace: { config, teams: new Map(), objectives: [], goalFiles: [] },
    texts: textsOf(fresh, (file) => {
      const listedFile = (byFile ??= new Map(listed.map((l) => [l.file, l]))).get(file);
      return listedFile && readText(listedFile, session.root, realRoot, session.maxFileBytes);
    }),
    files: listed.map((l) => l.file),
    findings: [...own, ...cache.cross, ...stale],
  };
}

/** Checks every file, as okr check does, and writes what it found to the cache. */
async function checkAndCache(
  session: Session,
  options: ReadOptions,
  repository: Repository,
  key: CheckCacheKey,
  listed: readonly ListedFile[],
  head: string | undefined,
  day: Day,
): Promise<CheckedWorkspace> {
  const analyses = await session.analyzeWorkTree();
  if (namesRemotes(analyses.find((a) => a.role?.kind === 'config')?.config)) return checkEverything(session, options);
  const loaded = assembleWorkspace(analyses);
  const opened: OpenedWorkspace = { root: session.root, ...loaded };
  const { findings: stale, latestChange } = await staleCheckin(session, opened, options, true);
  const { closedCycleFindings } = await import('./closed-cycle-rule.js');
  const closed = await closedCycleFindings(session, opened, options);

  const ownCount = analyses.reduce((n, a) => n + a.findings.length, 0);
  const staleByFile = new Map<string, Finding[]>();
  for (const f of stale) push(staleByFile, f.target.file, f);
  const blobs = new Map(listed.filter((l) => l.blob !== undefined).map((l) => [l.file, l.blob!]));
  const cached = analyses.map((analysis): CachedFile => {
    const shape = shapeOf(analysis);
    const blob = blobs.get(analysis.file);
    // okr.yaml is read every time (its shape says whether it changed); so is a file not exactly its blob.
    if (analysis.file === CONFIG_FILE || !analysis.role || !isBlob(analysis.text, blob)) return { file: analysis.file, shape, findings: NO_FINDINGS, stale: NO_FINDINGS };
    return { file: analysis.file, shape, blob, findings: analysis.findings, stale: staleByFile.get(analysis.file) ?? NO_FINDINGS };
  });
  writeCheckCache(repository.gitDir, key, {
    cross: loaded.findings.slice(ownCount),
    staleKey: staleKeyOf(loaded.workspace.config, head, day),
    files: cached,
    ...(latestChange ? { lastChanges: lastChangesOf(latestChanges(loaded.workspace, latestChange)) } : {}),
  });
  return { workspace: loaded.workspace, texts: loaded.texts, files: loaded.files, findings: [...loaded.findings, ...stale, ...closed] };
}

/** The latest point of each key result of the workspace that has one. */
function* latestChanges(workspace: Workspace, latestChange: (ref: string) => LastChange | undefined): Iterable<[string, LastChange]> {
  for (const objective of workspace.objectives)
    for (const kr of objective.keyResults) {
      const last = latestChange(kr.ref);
      if (last) yield [kr.ref, { commit: last.commit, date: last.date, authorName: last.authorName }];
    }
}

function readText(listed: ListedFile, root: string, realRoot: string, maxBytes: number): string | undefined {
  return readFolderEntry({ file: listed.file, abs: join(root, ...listed.file.split('/')), isLink: listed.isLink }, realRoot, maxBytes).text;
}

/** The texts of the files read, the others read from disk when asked (the few with findings). */
function textsOf(fresh: ReadonlyMap<string, FileAnalysis>, readOther: (file: string) => string | undefined): SourceTexts {
  const read = new Map<string, string | undefined>();
  return {
    get(file) {
      const analysis = fresh.get(file);
      if (analysis) return analysis.text;
      if (!read.has(file)) read.set(file, readOther(file));
      return read.get(file);
    },
  };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
