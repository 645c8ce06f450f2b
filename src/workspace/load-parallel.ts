// Loads large workspaces on both cores: a worker thread reads and analyses the second part of the
// files while this thread does the first. Parsing YAML is ~90% of a check, and files are independent,
// so 10,000 teams check in about half the time. Small workspaces stay on one thread (a worker costs
// ~50 ms to start), and OKR_THREADS=1 turns workers off.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { analyzeFile, assembleWorkspace, type FileAnalysis, type LoadedWorkspace } from './load.js';
import { listWorkspaceFolder, readFolderEntry, type FolderEntry, type RawFile } from './source.js';

/** A file to analyse: one still to read from the work tree, or one already read (from git). */
export type AnalysisJob = { readonly entry: FolderEntry; readonly raw?: undefined } | { readonly raw: RawFile; readonly entry?: undefined };

export interface AnalysisBatch {
  readonly jobs: readonly AnalysisJob[];
  readonly realRoot: string;
  readonly maxBytes: number;
  /**
   * False in the worker: sending 10 MB of text back costs more than reading again the few files
   * that turn out to have findings (see `textOf` in assembleWorkspace).
   */
  readonly keepTexts: boolean;
}

/** Below this many files one thread is faster than starting a worker. */
export const PARALLEL_THRESHOLD = 1500;
/** The worker starts late (module loading), so it takes a little less than half. */
const WORKER_SHARE = 0.46;

export function analyzeJobs({ jobs, realRoot, maxBytes, keepTexts }: AnalysisBatch): FileAnalysis[] {
  const out: FileAnalysis[] = [];
  for (const job of jobs) {
    const raw = job.raw ?? readFolderEntry(job.entry!, realRoot, maxBytes);
    const analysis = analyzeFile(raw);
    if (analysis) out.push(keepTexts || analysis.text === undefined ? analysis : { ...analysis, text: undefined });
    else if (raw.problem) out.push({ file: raw.file, findings: [raw.problem] });
  }
  return out;
}

const workerScript = fileURLToPath(new URL('./analyze-worker.js', import.meta.url));

async function analyzeInParallel(batch: AnalysisBatch, options: ParallelOptions): Promise<FileAnalysis[]> {
  // Running from TypeScript sources (tests) there is no compiled worker script: one thread.
  if (!options.threads || batch.jobs.length < PARALLEL_THRESHOLD || !existsSync(workerScript)) return analyzeJobs(batch);
  const split = Math.floor(batch.jobs.length * (1 - WORKER_SHARE));
  const theirs: AnalysisBatch = { ...batch, jobs: batch.jobs.slice(split), keepTexts: false };
  let worker: Worker;
  try {
    // No execArgv: V8 flags of the parent (--max-old-space-size ...) are refused by workers.
    worker = new Worker(workerScript, { workerData: theirs, execArgv: [] });
  } catch (error) {
    options.debug?.(`no worker thread (${(error as Error).message}); analysing all files here`);
    return analyzeJobs(batch);
  }
  const fromWorker = new Promise<FileAnalysis[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`analysis worker exited with code ${code}`)));
  });
  fromWorker.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
  const ours = analyzeJobs({ ...batch, jobs: batch.jobs.slice(0, split) });
  let rest: FileAnalysis[];
  try {
    rest = await fromWorker;
    options.debug?.(`analysed ${split} files here and ${theirs.jobs.length} in a worker thread`);
  } catch (error) {
    options.debug?.(`the worker thread failed (${(error as Error).message}); analysing its files here`);
    rest = analyzeJobs({ ...theirs, keepTexts: true }); // a worker that failed to start or died: do its share here
  } finally {
    void worker.terminate();
  }
  return ours.concat(rest);
}

export interface ParallelOptions {
  readonly maxBytes: number;
  /** False to stay on one thread (OKR_THREADS=1). */
  readonly threads: boolean;
  /** Where to say how the work was split (OKR_DEBUG=1). */
  readonly debug?: (message: string) => void;
}

/** Reads and loads the workspace folder at `root`, on both cores when it is large. */
export async function loadWorkspaceFolder(root: string, options: ParallelOptions): Promise<LoadedWorkspace> {
  const { realRoot, entries, problems } = listWorkspaceFolder(root);
  const batch = { jobs: entries.map((entry) => ({ entry })), realRoot, maxBytes: options.maxBytes, keepTexts: true };
  const analyses = await analyzeInParallel(batch, options);
  for (const raw of problems) analyses.push({ file: raw.file, findings: raw.problem ? [raw.problem] : [] });
  const byFile = new Map(entries.map((entry) => [entry.file, entry]));
  return assembleWorkspace(analyses, (file) => {
    const entry = byFile.get(file);
    return entry ? readFolderEntry(entry, realRoot, options.maxBytes).text : undefined;
  });
}

/**
 * Analyses files already read, on both cores when there are many: the per-file half of
 * loadWorkspaceFiles, for callers that share analyses between workspaces (okr diff: a file the
 * same on both sides is analysed once). Analyses from the worker come without their text.
 */
export function analyzeFiles(files: readonly RawFile[], options: ParallelOptions): Promise<FileAnalysis[]> {
  return analyzeInParallel({ jobs: files.map((raw) => ({ raw })), realRoot: '', maxBytes: options.maxBytes, keepTexts: true }, options);
}

/** Loads a workspace from files already read (a git revision), on both cores when there are many. */
export async function loadWorkspaceFiles(files: readonly RawFile[], options: ParallelOptions): Promise<LoadedWorkspace> {
  const batch = { jobs: files.map((raw) => ({ raw })), realRoot: '', maxBytes: options.maxBytes, keepTexts: true };
  const analyses = await analyzeInParallel(batch, options);
  const byFile = new Map(files.map((raw) => [raw.file, raw.text]));
  return assembleWorkspace(analyses, (file) => byFile.get(file));
}
