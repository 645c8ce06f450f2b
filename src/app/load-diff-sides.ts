// Loads the two sides of `okr diff` sharing the work: a goal file with the same content on both sides
// (the same git blob) is read and analysed once. A pull request touches a few files of thousands, so
// the diff costs about one load, not two.
//
// At 10,000 teams a revision's goal files are 25 MB that git streams through one cat-file. Reading
// them all and only then parsing left okr idle while git worked, and git idle while okr parsed. Here
// both trees are listed at once (two git processes side by side), every head file is asked of
// cat-file in one go, and each file is analysed as soon as its bytes are in: git reads the next
// files on the other core meanwhile.
//
// okr diff only says how many errors each side has: head is checked whole, and base only where it
// differs from head (model/diff-side-errors.ts), so the second side costs little beyond its own files.
import { BlobReader } from '../git/blob-reader.js';
import type { ResolvedDiff } from '../git/diff-sides.js';
import type { Repository } from '../git/repository.js';
import { LINK_MODE } from '../git/tree-listing.js';
import { blobId, type BlobHash } from '../workspace/blob-id.js';
import { checkInParts, errorsOf, errorsOfSharingSide } from '../model/diff-side-errors.js';
import type { Finding } from '../model/findings.js';
import type { SideDifference } from '../model/side-difference.js';
import type { Objective, Workspace } from '../model/types.js';
import { analyzeFiles, assembleUnchecked, type FileAnalysis } from '../workspace/load.js';
import { listGoalFilesAt, readEntry, type GoalTreeEntry } from '../workspace/revision-files.js';
import type { RawFile } from '../workspace/source.js';
import type { Session } from './session.js';

/** The goal files of one side, each with a content key: equal keys mean equal bytes (git blob ids). */
interface SideFiles {
  readonly entries: readonly { readonly file: string; readonly key: string }[];
  /** Reads and analyses the entries at these positions (in the order asked), each as soon as it is read. */
  analyse(positions: readonly number[]): Promise<AnalysedFile[]>;
}

/** A file as read, and what it contributes (nothing for a file that is no goal file and has no problem). */
interface AnalysedFile {
  readonly file: string;
  readonly analysis: FileAnalysis | undefined;
}

/** What okr diff needs of a side: its goals, the files considered, and how many errors okr check reports. */
export interface DiffSideLoad {
  readonly workspace: Workspace;
  readonly files: readonly string[];
  readonly errors: number;
}

export interface LoadedSides {
  readonly base: DiffSideLoad;
  readonly head: DiffSideLoad;
  /**
   * What is not shared between the sides (every other objective is one object on both), and whether
   * okr check found no alignment cycle in head: what model/diff-base-progress.ts needs to take base's
   * roll-up from head's.
   */
  readonly difference: SideDifference;
  readonly headAcyclic: boolean;
}

export async function loadDiffSides(session: Session, repository: Repository, ends: ResolvedDiff): Promise<LoadedSides> {
  const { env } = session;
  const maxBytes = session.maxFileBytes;
  const debug = env.vars.OKR_DEBUG === '1' ? (message: string) => env.stderr.write(`okr: debug: ${message}\n`) : undefined;
  const reader = ends.base.kind === 'revision' || ends.head.kind === 'revision' ? new BlobReader(repository.git, maxBytes) : undefined;
  try {
    const listings = {
      base: ends.base.kind === 'revision' ? handledLater(listGoalFilesAt(repository, ends.base.commit)) : undefined,
      head: ends.head.kind === 'revision' ? handledLater(listGoalFilesAt(repository, ends.head.commit)) : undefined,
    };
    const sideFiles = async (own: Promise<GoalTreeEntry[]> | undefined, other: Promise<GoalTreeEntry[]> | undefined): Promise<SideFiles> => {
      if (own) return revisionFiles(await own, reader!, maxBytes);
      // The work tree: the other side, a revision, says by its object ids which hash the keys must use.
      const files = (await session.readWorkTree()).files;
      return worktreeFiles(files, other ? hashOf(await other) : 'sha1');
    };

    // Head is read and analysed whole, streaming; base only where its content differs. Files are
    // matched by position in the listings and by name, not through maps of every file's analysis
    // and text: those cost more than the matching itself.
    const headFiles = await sideFiles(listings.head, listings.base);
    const headRead = handledLater(headFiles.analyse(headFiles.entries.map((_, i) => i)));
    const baseFiles = await sideFiles(listings.base, listings.head);
    const headPosition = new Map<string, number>();
    headFiles.entries.forEach((e, i) => headPosition.set(e.file, i));
    /** For each base entry: the position of the head entry with the same content, or -1 - its position among the differing ones. */
    const sources: number[] = [];
    const different: number[] = [];
    baseFiles.entries.forEach((e, i) => {
      const h = headPosition.get(e.file);
      if (h !== undefined && headFiles.entries[h]!.key === e.key) sources.push(h);
      else {
        sources.push(-1 - different.length);
        different.push(i);
      }
    });
    const [headAnalysed, baseDiffering] = await Promise.all([headRead, baseFiles.analyse(different)]);
    debug?.(`diff: ${baseFiles.entries.length - different.length} files the same on both sides, analysed once; ${different.length} differ`);

    const baseAnalysed = sources.map((s) => (s >= 0 ? headAnalysed[s]! : baseDiffering[-1 - s]!));
    const head = assembleUnchecked(analysesOf(headAnalysed));
    const base = assembleUnchecked(analysesOf(baseAnalysed));
    // Head is checked whole; base only where it differs (model/diff-side-errors.ts).
    const files = new Set<string>();
    const baseObjectives: Objective[] = [];
    different.forEach((position, i) => {
      files.add(baseFiles.entries[position]!.file);
      for (const o of baseDiffering[i]!.analysis?.objectives ?? []) baseObjectives.push(o);
    });
    const shared = new Uint8Array(headFiles.entries.length);
    for (const s of sources) if (s >= 0) shared[s] = 1;
    const headObjectives: Objective[] = [];
    headFiles.entries.forEach((e, i) => {
      if (shared[i]) return;
      files.add(e.file);
      for (const o of headAnalysed[i]!.analysis?.objectives ?? []) headObjectives.push(o);
    });
    const difference: SideDifference = { files, baseObjectives, headObjectives };
    const headChecked = checkInParts(head.workspace);
    return {
      head: { workspace: head.workspace, files: head.files, errors: errorCount(head.findings) + errorsOf(headChecked) },
      base: { workspace: base.workspace, files: base.files, errors: errorCount(base.findings) + errorsOfSharingSide(headChecked, base.workspace, difference) },
      difference,
      headAcyclic: headChecked.alignmentCycles.length === 0,
    };
  } finally {
    reader?.close();
  }
}

/**
 * Marks a promise as handled now, while it is awaited later: a listing or read that fails while
 * okr is still busy with the other side must reject at its `await`, not as an unhandled rejection.
 */
function handledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** The analyses of a side's files, in its listing order (the order objectives are in file order by). */
function analysesOf(files: readonly AnalysedFile[]): FileAnalysis[] {
  const out: FileAnalysis[] = [];
  for (const { analysis } of files) if (analysis) out.push(analysis);
  return out;
}

function errorCount(findings: readonly Finding[]): number {
  let n = 0;
  for (const f of findings) if (f.severity === 'error') n++;
  return n;
}

/** What one file read contributes, as `analyzeFiles` makes it. */
function analysedFile(raw: RawFile): AnalysedFile {
  return { file: raw.file, analysis: analyzeFiles([raw])[0] };
}

function revisionFiles(entries: readonly GoalTreeEntry[], reader: BlobReader, maxBytes: number): SideFiles {
  return {
    entries: entries.map((e) => ({ file: e.file, key: treeKey(e) })),
    analyse: (positions) => Promise.all(positions.map((i) => readEntry(reader, entries[i]!, maxBytes).then(analysedFile))),
  };
}

/** Which hash a revision's object ids are (a repository uses one): sha256 ids are 64 digits long. */
function hashOf(entries: readonly GoalTreeEntry[]): BlobHash {
  const blob = entries.find((e) => e.mode !== LINK_MODE && e.type === 'blob');
  return blob && /^[0-9a-f]{64}$/.test(blob.object) ? 'sha256' : 'sha1';
}

/**
 * The work tree (with a sparse checkout's missing files as the index has them): every file is read to
 * know its content; the key is the blob id git would give it.
 */
function worktreeFiles(raws: readonly RawFile[], algorithm: BlobHash): SideFiles {
  return {
    entries: raws.map((r) => ({ file: r.file, key: r.text === undefined ? `unreadable:${r.file}` : blobId(r.text, algorithm) })),
    analyse: async (positions) => positions.map((i) => analysedFile(raws[i]!)),
  };
}

/** A file's content key: its blob id as git lists it (no new string for 20,000 files); anything else is marked so it never equals one. */
function treeKey(entry: GoalTreeEntry): string {
  // A link is reported, not read: it must never share a key with a file's content.
  return entry.mode === LINK_MODE ? `link:${entry.object}` : entry.type === 'blob' ? entry.object : `other:${entry.file}`;
}
