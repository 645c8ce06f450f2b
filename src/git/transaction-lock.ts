// One okr transaction at a time per repository: an exclusive lock file in the git folder, taken
// around read → edit → commit so two `okr checkin`s at once cannot both read the same old value or
// interleave their commits. The second waits its turn (briefly), then fails saying to retry.
//
// The scheme never removes a lock that may be fresh:
// - a lock is created whole: its content (pid, host, time, a random nonce) is written under a
//   unique name, then hard-linked to the lock's name, which fails when the name exists; a lock is
//   never seen empty or half written;
// - a lock is taken over only when its holder is provably gone: same host, and no process with its
//   pid. A lock of another host, or one that cannot be read, is never taken over by okr (the person
//   is told which file to delete), however old it is;
// - taking over happens under a second lock (the breaker's, created the same way) and re-reads
//   the lock under it: while one process holds the breaker's lock, nobody else can remove the dead
//   lock, and its holder cannot, so the file unlinked is the dead one, never a lock taken meanwhile.
//   The breaker's lock is held for a few synchronous calls; it is never taken over (if okr was
//   killed inside them, the message names the file to delete).
import { closeSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DataError } from '../errors.js';

export const LOCK_FILE = 'okr-checkin.lock';
const BREAKER_SUFFIX = '.break';

export interface LockOptions {
  /** How long to wait for another transaction to finish (default 15 s). */
  readonly waitMs?: number;
  /** Aborting it stops the wait: the call rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** The lock stayed taken for as long as the caller would wait. */
export class LockHeld extends Error {
  constructor(
    /** The lock file to delete if its holder is gone. */
    readonly path: string,
    /** Who holds it: "process 123", "process 123 on other-host"; undefined when unreadable. */
    readonly holder: string | undefined,
  ) {
    super(`lock held: ${path}`);
  }
}

/** Runs `work` holding the repository's okr lock; a LockHeld when it stays taken for `waitMs`. */
export async function withTransactionLock<T>(gitDir: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const path = join(gitDir, LOCK_FILE);
  const token = `${process.pid}\n${hostname()}\n${Date.now()}\n${nonce()}\n`;
  const deadline = Date.now() + (options.waitMs ?? 15_000);
  for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
    options.signal?.throwIfAborted();
    if (createWhole(path, token)) break;
    if (takeOverIfDead(path)) continue;
    if (Date.now() >= deadline) {
      const breaker = `${path}${BREAKER_SUFFIX}`;
      const lock = readLock(path);
      // A breaker's lock left by a process killed while it held it keeps a dead lock in place: name it.
      const blocking = lock && isDead(lock.content) && readLock(breaker) ? breaker : path;
      throw new LockHeld(blocking, holderOf(blocking));
    }
    await pause(delay, options.signal);
  }
  try {
    return await work();
  } finally {
    release(path, token);
  }
}

/** Creates `path` holding `content`, whole, unless it exists. */
function createWhole(path: string, content: string): boolean {
  const staging = `${path}.${process.pid}.${nonce()}.tmp`;
  try {
    writeFileSync(staging, content, { flag: 'wx' });
  } catch (error) {
    throw new DataError(`cannot create okr's lock ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'Check that the git folder is writable.');
  }
  try {
    linkSync(staging, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: exclusive create, then write (a reader may see it empty
    // for a moment, and an empty lock is never taken over).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createExclusive(path, content);
    throw error;
  } finally {
    try {
      unlinkSync(staging);
    } catch {
      // already gone
    }
  }
}

function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Removes the lock at `path` if its holder is provably gone, under the breaker's lock; true when removed. */
function takeOverIfDead(path: string): boolean {
  const seen = readLock(path);
  if (!seen || !isDead(seen.content)) return false;
  const breaker = `${path}${BREAKER_SUFFIX}`;
  const mine = `${process.pid}\n${hostname()}\n${Date.now()}\n${nonce()}\n`;
  if (!createWhole(breaker, mine)) return false;
  try {
    // Under the breaker's lock nobody else removes the lock, and its holder is dead: if the same
    // file is still there, it is still the dead one.
    const now = readLock(path);
    if (!now || now.ino !== seen.ino || now.content !== seen.content) return false;
    unlinkSync(path);
    return true;
  } finally {
    release(breaker, mine);
  }
}

function readLock(path: string): { content: string; ino: number } | undefined {
  try {
    const ino = statSync(path).ino;
    return { content: readFileSync(path, 'utf8'), ino };
  } catch {
    return undefined;
  }
}

/** True only when the lock names this host and a process id that no process has. */
function isDead(content: string): boolean {
  const [pid, host] = content.split('\n');
  if (host !== hostname() || pid === undefined || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function holderOf(path: string): string | undefined {
  const lock = readLock(path);
  if (!lock) return undefined;
  const [pid, host] = lock.content.split('\n');
  return pid ? `process ${pid}${host && host !== hostname() ? ` on ${host}` : ''}` : undefined;
}

function release(path: string, token: string): void {
  try {
    if (readFileSync(path, 'utf8') === token) unlinkSync(path);
  } catch {
    // Already gone: nothing to release.
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener('abort', aborted, { once: true });
  });
}

/** Tells two locks (or staging files) of the same process apart; not a secret. */
function nonce(): string {
  return `${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}
