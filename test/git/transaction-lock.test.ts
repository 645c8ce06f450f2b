// okr's repository lock under a real race: many processes released at the same moment onto a lock
// left by a dead process. Each one, inside the lock, claims a marker file with an exclusive create;
// if two were ever inside at once (a fresh lock deleted as if it were the dead one), a claim fails.
// The processes run the built module (dist/, which `npm test` builds first).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LockHeld, LOCK_FILE, withTransactionLock } from '../../src/git/transaction-lock.js';
import { PROJECT_ROOT } from '../support/run-cli.js';
import { tempDir } from '../support/temp-repo.js';

const MODULE = pathToFileURL(join(PROJECT_ROOT, 'dist', 'git', 'transaction-lock.js')).href;

/** A process that waits for "go" on stdin, then takes the lock, claims the marker, and logs. */
const CONTENDER = `
import { closeSync, openSync, unlinkSync, appendFileSync } from 'node:fs';
const { withTransactionLock } = await import(process.argv[2]);
const [gitDir, marker, log] = process.argv.slice(3);
process.stdout.write('ready\\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
await withTransactionLock(gitDir, async () => {
  let fd;
  try {
    fd = openSync(marker, 'wx');
  } catch {
    appendFileSync(log, 'overlap\\n');
    return;
  }
  closeSync(fd);
  // Stay inside for a few turns of the event loop, so that an intruder would find the marker.
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  unlinkSync(marker);
  appendFileSync(log, 'inside\\n');
}, { waitMs: 120000 });
`;

/** The pid of a process that has ended: a lock naming it was left by a crash. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

function deadLock(pid: number): string {
  return `${pid}\n${hostname()}\n${Date.now() - 60_000}\n0123456789abcdef\n`;
}

describe('the transaction lock', () => {
  it('lets exactly one of many racing processes in at a time, even when they all find a dead lock', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const script = join(dir, 'contender.mjs');
    writeFileSync(script, CONTENDER);
    const marker = join(dir, 'inside');
    const log = join(dir, 'log');
    writeFileSync(log, '');
    const contenders = 12;
    for (let round = 0; round < 3; round++) {
      writeFileSync(join(dir, LOCK_FILE), deadLock(await deadPid()));
      const children = Array.from({ length: contenders }, () => spawn(process.execPath, [script, MODULE, dir, marker, log], { stdio: ['pipe', 'pipe', 'inherit'] }));
      // Release them all at once, when every one is ready.
      await Promise.all(children.map((child) => new Promise((resolve) => child.stdout.once('data', resolve))));
      for (const child of children) child.stdin.write('go\n');
      const codes = await Promise.all(children.map((child) => new Promise<number | null>((resolve) => child.on('exit', resolve))));
      expect(codes).toEqual(Array(contenders).fill(0));
    }
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines.filter((l) => l === 'overlap')).toEqual([]);
    expect(lines).toHaveLength(3 * contenders);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    expect(existsSync(join(dir, `${LOCK_FILE}.break`))).toBe(false);
  });

  it('never takes over a lock whose process is alive, or that names another host, however old', async () => {
    const dir = tempDir();
    for (const holder of [`${process.pid}\n${hostname()}\n0\n`, `${await deadPid()}\nsome-other-host\n0\n`, '']) {
      writeFileSync(join(dir, LOCK_FILE), holder);
      const attempt = withTransactionLock(dir, async () => 'ran', { waitMs: 50 });
      await expect(attempt).rejects.toBeInstanceOf(LockHeld);
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(holder);
    }
  });

  it('takes over a dead lock, and says which file blocks when a takeover was itself cut short', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), deadLock(await deadPid()));
    expect(await withTransactionLock(dir, async () => 'ran', { waitMs: 50 })).toBe('ran');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

    writeFileSync(join(dir, LOCK_FILE), deadLock(await deadPid()));
    writeFileSync(join(dir, `${LOCK_FILE}.break`), deadLock(await deadPid()));
    const held = await withTransactionLock(dir, async () => 'ran', { waitMs: 50 }).catch((error: unknown) => error);
    expect(held).toBeInstanceOf(LockHeld);
    expect((held as LockHeld).path).toBe(join(dir, `${LOCK_FILE}.break`));
  });

  it('stops waiting when aborted', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), `${process.pid}\n${hostname()}\n0\n`);
    const controller = new AbortController();
    const attempt = withTransactionLock(dir, async () => 'ran', { waitMs: 60_000, signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(attempt).rejects.toThrow('stop');
  });
});
