// One okr transaction at a time per repository: an exclusive lock file in the git folder, taken
// around read → edit → commit so two `okr checkin`s at once cannot both read the same old value or
// interleave their commits. The second waits its turn (briefly), then fails saying to retry.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DataError } from '../errors.js';

export const LOCK_FILE = 'okr-checkin.lock';
/** A lock older than this is left over from a crash, whoever wrote it. */
const STALE_AFTER_MS = 10 * 60 * 1000;

export interface LockOptions {
  /** How long to wait for another transaction to finish (default 15 s). */
  readonly waitMs?: number;
}

export async function withTransactionLock<T>(gitDir: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const path = join(gitDir, LOCK_FILE);
  const token = `${process.pid}\n${hostname()}\n${Date.now()}\n`;
  const deadline = Date.now() + (options.waitMs ?? 15_000);
  for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
    if (tryCreate(path, token)) break;
    if (removeIfAbandoned(path)) continue;
    if (Date.now() >= deadline) {
      const holder = readHolder(path);
      throw new DataError(
        `another okr check-in is in progress in this repository${holder ? ` (process ${holder})` : ''}`,
        `Retry in a moment. If no okr is running, delete ${path}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  try {
    return await work();
  } finally {
    release(path, token);
  }
}

function tryCreate(path: string, token: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new DataError(`cannot create the check-in lock ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'Check that the git folder is writable.');
  }
  try {
    writeSync(fd, token);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(path: string): string | undefined {
  try {
    const [pid, host] = readFileSync(path, 'utf8').split('\n');
    return pid ? `${pid}${host && host !== hostname() ? ` on ${host}` : ''}` : undefined;
  } catch {
    return undefined;
  }
}

/** Removes a lock whose process is gone (same machine) or that is older than any check-in takes. */
function removeIfAbandoned(path: string): boolean {
  try {
    const [pid, host] = readFileSync(path, 'utf8').split('\n');
    const age = Date.now() - statSync(path).mtimeMs;
    const gone = host === hostname() && pid !== undefined && /^\d+$/.test(pid) && !isAlive(Number(pid));
    // A lock file still being written has no content yet: not abandoned unless old.
    if (!gone && age < STALE_AFTER_MS) return false;
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function release(path: string, token: string): void {
  try {
    if (readFileSync(path, 'utf8') === token) unlinkSync(path);
  } catch {
    // Already gone: nothing to release.
  }
}
