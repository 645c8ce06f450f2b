// Reads a workspace folder's goal files while the caller parses them. Listing and reading 10,000
// teams' 20,000 files is ~0.45 s of system calls (readdir, open, read, close) the main thread
// would wait for; on a machine with a second core, a reader thread makes them while the main
// thread decodes and parses what was read so far. The files come in the order and with the
// problems readWorkspaceFolder gives (the thread runs the same listing and reading functions).
import { Worker } from 'node:worker_threads';
import type { ReaderBatch, ReaderDone, ReaderTask } from './folder-reader-worker.js';
import { decodeFile, listTeamFolder, listWorkspaceTop, readFolderEntry, type FolderEntry, type RawFile, type TeamFolder } from './source.js';

export interface FolderReaderOptions {
  /** The reader thread's module (tests name the compiled one; the default is beside this module, in dist/ or beside the bundle's dist/workspace/). */
  readonly workerUrl?: URL;
  /** Fewer team folders than this are read on the main thread: starting a thread costs more than it saves. */
  readonly minTeamsForThread?: number;
  /** How many teams the main thread reads while the thread starts. */
  readonly headTeams?: number;
  readonly debug?: ((message: string) => void) | undefined;
}

/**
 * Below ~2,000 teams reading takes about what a thread costs (~45 µs a team against ~20-30 ms for a
 * thread to start on a loaded 2-core machine, and ~15 ms of its CPU a 1,000 teams), and the history
 * commands then want the second core for git: at 1,000 teams and 20,000 commits, `okr history REF`
 * with no .git/okr took 1033 -> 938 ms (CPU 1467 -> 1281 ms) and `okr log --since 30d` 1057 -> 994
 * ms with the threshold at 2,000 instead of 1,000 (alternating runs, load 2). Small workspaces
 * (examples/acme, start-up < 150 ms) never pay for a thread.
 */
const MIN_TEAMS_FOR_THREAD = 2000;

/**
 * Teams read on the main thread while the reader thread starts: a thread takes ~20-30 ms to send
 * its first files (more on a loaded machine), about what reading and parsing 256 teams takes.
 */
const HEAD_TEAMS = 256;

/** Batches read ahead of the parser: about 1 MB (~800 files, ~50 ms of parsing: the thread can be descheduled a while on a loaded machine), never the whole workspace. */
const SLOT_COUNT = 8;
const BATCH_BYTES = 128 * 1024;

/** With a larger limit on a file's size (OKR_MAX_FILE_BYTES), the main thread reads: slots hold the largest file. */
const MAX_FILE_BYTES_FOR_THREAD = 16 * 1024 * 1024;

/**
 * Gives each goal file of the workspace folder at `root` to `take`, in readWorkspaceFolder's order
 * (okr.yaml, teams/<team>/<file> by team and name, then the team folders that could not be listed
 * and the files okr ignores: 2026-Q4.yml),
 * with the same texts and problems. Large workspaces are read by a thread while `take` runs.
 */
export async function readWorkspaceFolderEach(root: string, maxBytes: number, take: (raw: RawFile) => void, options: FolderReaderOptions = {}): Promise<void> {
  const top = listWorkspaceTop(root);
  take(readFolderEntry(top.config, top.realRoot, maxBytes));
  const later: RawFile[] = [...top.ignored, ...top.problems];
  // Here, the folders are listed, then the files read, then taken: measured at 10,000 teams, reading
  // and parsing file by file on one thread cost ~100 ms more CPU than each step over all the files.
  const readHere = (teams: readonly TeamFolder[]) => {
    const entries: FolderEntry[] = [];
    for (const team of teams) {
      const listed = listTeamFolder(team, top.realRoot);
      if (listed.problem) later.push(listed.problem);
      for (const entry of listed.entries) entries.push(entry);
      for (const ignored of listed.ignored) later.push(ignored);
    }
    const raws = entries.map((entry) => readFolderEntry(entry, top.realRoot, maxBytes));
    for (const raw of raws) take(raw);
  };
  const inThread = top.teams.length >= (options.minTeamsForThread ?? MIN_TEAMS_FOR_THREAD) && maxBytes <= MAX_FILE_BYTES_FOR_THREAD;
  if (!inThread) readHere(top.teams);
  else {
    // The first teams are read here while the thread starts (its messages wait until this yields).
    const headCount = options.headTeams ?? HEAD_TEAMS;
    const head = top.teams.slice(0, headCount);
    const rest = top.teams.slice(headCount);
    const reading = readInThread(top.realRoot, rest, maxBytes, take, later, options.workerUrl ?? new URL('../workspace/folder-reader-worker.js', import.meta.url));
    readHere(head);
    if (await reading) options.debug?.(`read ${rest.length} of ${top.teams.length} team folders in a reader thread`);
    else readHere(rest);
  }
  for (const problem of later) take(problem);
}

/**
 * Reads the team folders in a thread. False when the thread could not start (then nothing was
 * taken, and the caller reads them itself); an error once files have come is the load's error.
 */
function readInThread(realRoot: string, teams: readonly TeamFolder[], maxBytes: number, take: (raw: RawFile) => void, later: RawFile[], workerUrl: URL): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const slotBytes = Math.max(BATCH_BYTES, maxBytes);
    const slots = new SharedArrayBuffer(SLOT_COUNT * slotBytes);
    const taken = new Int32Array(new SharedArrayBuffer(4));
    const task: ReaderTask = { realRoot, teams, maxBytes, slots, slotCount: SLOT_COUNT, slotBytes, batchBytes: BATCH_BYTES, taken };
    let worker: Worker;
    try {
      worker = new Worker(workerUrl, { workerData: task });
    } catch {
      resolve(false);
      return;
    }
    let started = false;
    let finished = false;
    const fail = (error: unknown) => {
      finished = true;
      void worker.terminate();
      if (started) reject(error);
      else resolve(false);
    };
    worker.on('message', (message: ReaderBatch | ReaderDone) => {
      if (finished) return;
      started = true;
      if (message.kind === 'done') {
        finished = true;
        resolve(true);
        return;
      }
      try {
        takeBatch(message, new Uint8Array(slots, message.slot * slotBytes, slotBytes), maxBytes, take, later);
      } catch (error) {
        fail(error);
        return;
      }
      Atomics.add(taken, 0, 1);
      Atomics.notify(taken, 0);
    });
    worker.on('error', (error) => {
      if (!finished) fail(error);
    });
    worker.on('exit', (code) => {
      if (!finished) fail(new Error(`the goal file reader thread stopped (exit code ${code}) before reading every file`));
    });
  });
}

function takeBatch(batch: ReaderBatch, bytes: Uint8Array, maxBytes: number, take: (raw: RawFile) => void, later: RawFile[]): void {
  let start = 0;
  let problem = 0;
  for (let i = 0; i < batch.files.length; i++) {
    const end = batch.ends[i]!;
    if (end < 0) take(batch.problems[problem++]![1]);
    else {
      take(decodeFile(batch.files[i]!, bytes.subarray(start, end), maxBytes, batch.printable[i] === 1));
      start = end;
    }
  }
  for (const p of batch.listingProblems) later.push(p);
}
