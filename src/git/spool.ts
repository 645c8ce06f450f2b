// git's output through a temporary file rather than a pipe. A pipe holds ~64 KB: git stops at that
// mark while okr does synchronous work (a workspace's load), and some commands flush each line (git
// rev-list wrote 20,000 commit ids in 8,755 reads: 200 ms through a pipe, 115 ms into a file).
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Git } from './git.js';
import { GIT_MISSING } from './process.js';

/**
 * Runs git with its stdout going to a temporary file, and resolves with that output once git exits
 * with 0; undefined where no temporary file can be made or git fails (the caller then runs it through
 * a pipe, which says why). The file is removed from its folder as soon as it is open, so okr killed
 * leaves nothing behind. Aborting `signal` ends git, and the call rejects.
 */
export function runSpooled(git: Git, args: readonly string[], signal?: AbortSignal): Promise<Buffer | undefined> {
  const spool = openSpool();
  if (!spool) return Promise.resolve(undefined);
  return new Promise<Buffer | undefined>((resolve, reject) => {
    const child = git.spawnToFile(args, spool.fd, signal);
    child.stderr!.resume(); // said again through the pipe, if it fails
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? GIT_MISSING() : error));
    child.on('close', (code) => {
      try {
        resolve(code === 0 ? readWhole(spool.fd) : undefined);
      } catch (error) {
        reject(error);
      }
    });
  }).finally(() => spool.close());
}

/** An open, empty temporary file, already removed from its folder where the system allows it. */
function openSpool(): { readonly fd: number; close(): void } | undefined {
  let dir: string;
  try {
    dir = mkdtempSync(join(tmpdir(), 'okr-git-'));
  } catch {
    return undefined;
  }
  const remove = () => rmSync(dir, { recursive: true, force: true });
  let fd: number;
  try {
    fd = openSync(join(dir, 'out'), 'w+', 0o600);
  } catch {
    remove();
    return undefined;
  }
  let removed = false;
  try {
    remove(); // POSIX keeps an open file's contents; a system that refuses is tidied up at close
    removed = true;
  } catch {
    // removed below
  }
  return {
    fd,
    close() {
      closeSync(fd);
      if (!removed) remove();
    },
  };
}

/** The whole contents of an open file, read from its start. */
function readWhole(fd: number): Buffer {
  const buffer = Buffer.allocUnsafe(fstatSync(fd).size);
  let done = 0;
  while (done < buffer.length) {
    const read = readSync(fd, buffer, done, buffer.length - done, done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done);
}
