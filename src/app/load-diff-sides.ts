// Loads the two sides of `okr diff` sharing the work: a goal file with the same content on both sides
// (the same git blob) is read and analysed once. A pull request touches a few files of thousands, so
// the diff costs about one load, not two.
import { BlobReader } from '../git/blob-reader.js';
import type { ResolvedDiff, ResolvedSide } from '../git/diff-sides.js';
import type { Repository } from '../git/repository.js';
import { LINK_MODE } from '../git/tree-listing.js';
import { blobId, type BlobHash } from '../workspace/blob-id.js';
import { analyzeFiles, assembleWorkspace, type FileAnalysis, type LoadedWorkspace } from '../workspace/load.js';
import { listGoalFilesAt, readEntry, type GoalTreeEntry } from '../workspace/revision-files.js';
import type { RawFile } from '../workspace/source.js';
import type { Session } from './session.js';

/** The goal files of one side, each with a content key: equal keys mean equal bytes (git blob ids). */
interface SideFiles {
  readonly entries: readonly { readonly file: string; readonly key: string }[];
  /** Reads the named files (the RawFiles, in the order asked). */
  read(files: readonly string[]): Promise<RawFile[]>;
}

export interface LoadedSides {
  readonly base: LoadedWorkspace;
  readonly head: LoadedWorkspace;
}

export async function loadDiffSides(session: Session, repository: Repository, ends: ResolvedDiff): Promise<LoadedSides> {
  const { env } = session;
  const options = {
    maxBytes: session.maxFileBytes,
    debug: env.vars.OKR_DEBUG === '1' ? (message: string) => env.stderr.write(`okr: debug: ${message}\n`) : undefined,
  };
  const reader = ends.base.kind === 'revision' || ends.head.kind === 'revision' ? new BlobReader(repository.git, options.maxBytes) : undefined;
  try {
    // Revisions first: their object ids say which hash the work tree's keys must use (sha1 or sha256).
    const listings = new Map<ResolvedSide, SideFiles>();
    for (const end of [ends.base, ends.head])
      if (end.kind === 'revision' && reader) listings.set(end, await revisionFiles(end, repository, reader, options.maxBytes));
    const algorithm = [...listings.values()].some((l) => l.entries.some((e) => /^blob:[0-9a-f]{64}$/.test(e.key))) ? 'sha256' : 'sha1';
    const worktree = ends.base.kind === 'worktree' || ends.head.kind === 'worktree' ? (await session.readWorkTree()).files : [];
    const sideOf = (end: ResolvedSide) => listings.get(end) ?? worktreeFiles(worktree, algorithm);
    const baseFiles = sideOf(ends.base);
    const headFiles = sideOf(ends.head);

    // Head is read and analysed whole; base only where its content differs.
    const headRaws = await headFiles.read(headFiles.entries.map((e) => e.file));
    const headAnalyses = byFile(analyzeFiles(headRaws));
    const headKeys = new Map(headFiles.entries.map((e) => [e.file, e.key]));
    const different = baseFiles.entries.filter((e) => headKeys.get(e.file) !== e.key).map((e) => e.file);
    const baseRaws = await baseFiles.read(different);
    const baseAnalyses = byFile(analyzeFiles(baseRaws));
    options.debug?.(`diff: ${baseFiles.entries.length - different.length} files the same on both sides, analysed once; ${different.length} differ`);

    const headTexts = new Map(headRaws.map((r) => [r.file, r.text]));
    const baseKeys = new Set(baseFiles.entries.map((e) => e.file));
    const baseTexts = new Map(baseRaws.map((r) => [r.file, r.text]));
    const head = assembleWorkspace(inOrder(headFiles, (file) => headAnalyses.get(file)), (file) => headTexts.get(file));
    const base = assembleWorkspace(
      inOrder(baseFiles, (file) => baseAnalyses.get(file) ?? headAnalyses.get(file)),
      (file) => (baseTexts.has(file) ? baseTexts.get(file) : baseKeys.has(file) ? headTexts.get(file) : undefined),
    );
    return { base, head };
  } finally {
    reader?.close();
  }
}

function byFile(analyses: readonly FileAnalysis[]): Map<string, FileAnalysis> {
  return new Map(analyses.map((a) => [a.file, a]));
}

/** The side's analyses in its listing order (the order objectives are in file order by). */
function inOrder(side: SideFiles, analysisOf: (file: string) => FileAnalysis | undefined): FileAnalysis[] {
  const out: FileAnalysis[] = [];
  for (const { file } of side.entries) {
    const analysis = analysisOf(file);
    if (analysis) out.push(analysis);
  }
  return out;
}

async function revisionFiles(side: { commit: string }, repository: Repository, reader: BlobReader, maxBytes: number): Promise<SideFiles> {
  const entries = await listGoalFilesAt(repository, side.commit);
  const byName = new Map(entries.map((e) => [e.file, e]));
  return {
    entries: entries.map((e) => ({ file: e.file, key: treeKey(e) })),
    read: (files) => Promise.all(files.map((f) => readEntry(reader, byName.get(f)!, maxBytes))),
  };
}

/**
 * The work tree (with a sparse checkout's missing files as the index has them): every file is read to
 * know its content; the key is the blob id git would give it.
 */
function worktreeFiles(raws: readonly RawFile[], algorithm: BlobHash): SideFiles {
  const byName = new Map(raws.map((r) => [r.file, r]));
  return {
    entries: raws.map((r) => ({ file: r.file, key: r.text === undefined ? `unreadable:${r.file}` : `blob:${blobId(r.text, algorithm)}` })),
    read: async (files) => files.map((f) => byName.get(f)!),
  };
}

function treeKey(entry: GoalTreeEntry): string {
  // A link is reported, not read: it must never share a key with a file's content.
  return entry.mode === LINK_MODE ? `link:${entry.object}` : entry.type === 'blob' ? `blob:${entry.object}` : `other:${entry.file}`;
}
