// The reader thread of workspace/folder-reader.ts: lists the team folders it is given and reads
// their goal files with the same functions as the main thread (so every problem is decided and
// worded the same way), writing the raw bytes into slots of memory shared with the main thread.
// Decoding and parsing stay on the main thread: only bytes cross, never parsed results (cloning
// those back cost more than the parsing saved: workspace/load.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { isPrintableAscii, listTeamFolder, readFolderEntryBytes, type RawFile, type TeamFolder } from './source.js';

/** What the main thread gives the reader. */
export interface ReaderTask {
  readonly realRoot: string;
  readonly teams: readonly TeamFolder[];
  readonly maxBytes: number;
  /**
   * `slotCount` slots of `slotBytes` each. Batch n is written into slot n % slotCount. A fixed ring,
   * not a new buffer a batch: freed batch buffers stayed resident (+8 to 13 MB peak RSS at 30,000 teams).
   */
  readonly slots: SharedArrayBuffer;
  readonly slotCount: number;
  readonly slotBytes: number;
  /** A batch is sent once it holds about this many bytes (a slot holds at least this, and at least maxBytes). */
  readonly batchBytes: number;
  /** [0]: how many batches the main thread has taken. The reader waits for a slot to be taken before writing it again. */
  readonly taken: Int32Array;
}

/** One batch of files, in listing order. */
export interface ReaderBatch {
  readonly kind: 'batch';
  readonly slot: number;
  readonly files: readonly string[];
  /** Where each file's bytes end in the slot; -1 for a file that could not be read (its problem is in `problems`). */
  readonly ends: readonly number[];
  /**
   * 1 where the file's bytes are all printable ASCII or LF (RawFile.printableAscii). This thread
   * copies the bytes anyway and waits for the parser most of the time; the main thread then skips
   * its search for characters outside the YAML subset.
   */
  readonly printable: readonly number[];
  /** The problems of the files that could not be read, by their index in `files`. */
  readonly problems: readonly (readonly [number, RawFile])[];
  /** Team folders linked out of the workspace and files okr ignores (2026-Q4.yml), found while listing this batch (they go after every file). */
  readonly listingProblems: readonly RawFile[];
}

export interface ReaderDone {
  readonly kind: 'done';
}

/** A batch is sent once it holds this many files (or `batchBytes`): few messages, and parsing starts early. */
const BATCH_FILES = 128;

function run(task: ReaderTask, post: (message: ReaderBatch | ReaderDone) => void): void {
  const memory = new Uint8Array(task.slots);
  let sent = 0;
  let slotFree = false;
  let used = 0;
  let files: string[] = [];
  let ends: number[] = [];
  let printable: number[] = [];
  let problems: [number, RawFile][] = [];
  let listingProblems: RawFile[] = [];

  /** Waits until the main thread has taken the batch that last used the next slot. */
  const takeSlot = () => {
    for (let taken; sent - (taken = Atomics.load(task.taken, 0)) >= task.slotCount; ) Atomics.wait(task.taken, 0, taken);
    slotFree = true;
  };
  const send = () => {
    if (files.length === 0 && listingProblems.length === 0) return;
    post({ kind: 'batch', slot: sent % task.slotCount, files, ends, printable, problems, listingProblems });
    sent++;
    slotFree = false;
    used = 0;
    files = [];
    ends = [];
    printable = [];
    problems = [];
    listingProblems = [];
  };

  for (const team of task.teams) {
    const listed = listTeamFolder(team, task.realRoot);
    if (listed.problem) listingProblems.push(listed.problem);
    for (const ignored of listed.ignored) listingProblems.push(ignored);
    for (const entry of listed.entries) {
      const read = readFolderEntryBytes(entry, task.realRoot, task.maxBytes);
      if (read instanceof Uint8Array) {
        // A file is at most maxBytes, and a slot holds that much: a file never spans two slots.
        if (used > 0 && used + read.length > task.batchBytes) send();
        if (!slotFree) takeSlot();
        memory.set(read, (sent % task.slotCount) * task.slotBytes + used);
        used += read.length;
        ends.push(used);
        printable.push(isPrintableAscii(read) ? 1 : 0);
      } else {
        problems.push([files.length, read]);
        ends.push(-1);
        printable.push(0);
      }
      files.push(entry.file);
      if (files.length >= BATCH_FILES) send();
    }
  }
  send();
  post({ kind: 'done' });
}

if (parentPort) {
  const port = parentPort;
  run(workerData as ReaderTask, (message) => port.postMessage(message));
}
