// The check-in transaction never loses work: it keeps an edit made while it committed, refuses to
// commit in the middle of a rebase, merge, revert, cherry-pick or bisect or on a detached HEAD, and
// puts the goal file back and releases its lock when it is stopped by a real signal while a real
// pre-commit hook runs.
import { spawn } from 'node:child_process';
import { chmodSync, constants, existsSync, openSync, closeSync, writeSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { Environment, InterruptSignal } from '../../src/env.js';
import { BIN, okr, TEST_TODAY } from '../support/run-cli.js';
import { commitAll, git, GIT_IDENTITY, tempDir, writeFiles } from '../support/temp-repo.js';
import { EDGE, FILE, P95, PAYMENTS_Q4, paymentsRepo, read } from './workspace.js';

const commitCount = (dir: string) => Number(git(dir, ['rev-list', '--count', 'HEAD']).trim());
const LOCK = '.git/okr-checkin.lock';

function hook(dir: string, script: string): void {
  writeFiles(dir, { '.git/hooks/pre-commit': `#!/bin/sh\n${script}` });
  chmodSync(join(dir, '.git/hooks/pre-commit'), 0o755);
}

describe('a goal file edited while okr commits', () => {
  it('keeps the edit when the commit fails, and says so', async () => {
    const dir = paymentsRepo();
    // The hook stands for the person: it edits the file while the commit runs, then the commit fails.
    hook(dir, `printf '# a note typed meanwhile\\n' >> ${FILE}\necho "lint failed" >&2\nexit 1\n`);
    const result = await okr(['checkin', `${P95}=420`], { cwd: dir });
    expect(result.code).toBe(1);
    expect(read(dir)).toBe(`${PAYMENTS_Q4.replace('current: 640', 'current: 420')}# a note typed meanwhile\n`);
    expect(result.stderr).toContain('lint failed');
    expect(result.stderr).toContain(`${FILE} changed while okr was committing: okr kept that version`);
    expect(commitCount(dir)).toBe(1);
  });

  it('still restores a file nobody touched', async () => {
    const dir = paymentsRepo();
    hook(dir, 'exit 1\n');
    const result = await okr(['checkin', `${P95}=420`], { cwd: dir });
    expect(result.code).toBe(1);
    expect(read(dir)).toBe(PAYMENTS_Q4);
    expect(result.stderr).toContain('The goal files were restored as they were.');
  });
});

/** A repository in the middle of `operation`, with a conflict on notes.txt where it stops. */
function repoIn(operation: 'rebase' | 'merge' | 'revert' | 'cherry-pick' | 'bisect' | 'detached'): string {
  const dir = paymentsRepo();
  writeFiles(dir, { 'notes.txt': 'base\n' });
  const base = commitAll(dir, 'base');
  if (operation === 'bisect') {
    git(dir, ['bisect', 'start']);
    return dir;
  }
  if (operation === 'detached') {
    git(dir, ['checkout', '-q', '--detach']);
    return dir;
  }
  git(dir, ['checkout', '-q', '-b', 'side']);
  writeFiles(dir, { 'notes.txt': 'side\n' });
  const side = commitAll(dir, 'side');
  git(dir, ['checkout', '-q', 'main']);
  writeFiles(dir, { 'notes.txt': 'main\n' });
  commitAll(dir, 'main');
  const conflicting = (args: string[]) => expect(() => git(dir, args)).toThrow();
  if (operation === 'rebase') {
    git(dir, ['checkout', '-q', 'side']);
    conflicting(['rebase', 'main']);
  } else if (operation === 'merge') conflicting(['merge', 'side']);
  else if (operation === 'cherry-pick') conflicting(['cherry-pick', side]);
  else {
    writeFiles(dir, { 'notes.txt': 'later\n' });
    commitAll(dir, 'later');
    conflicting(['revert', '--no-edit', git(dir, ['rev-list', '-1', '--skip=1', 'HEAD']).trim()]);
  }
  void base;
  return dir;
}

describe('a check-in while git is in the middle of something', () => {
  const cases: [Parameters<typeof repoIn>[0], RegExp][] = [
    ['rebase', /a rebase is in progress[\s\S]*git rebase --abort/],
    ['merge', /a merge is in progress[\s\S]*git merge --abort/],
    ['revert', /a revert is in progress[\s\S]*git revert --abort/],
    ['cherry-pick', /a cherry-pick is in progress[\s\S]*git cherry-pick --abort/],
    ['bisect', /git bisect is in progress[\s\S]*git bisect reset/],
    ['detached', /HEAD is detached[\s\S]*git switch/],
  ];
  it.each(cases)('is refused during a %s, and writes nothing', async (operation, message) => {
    const dir = repoIn(operation);
    const before = { head: git(dir, ['rev-parse', 'HEAD']), status: git(dir, ['status', '--porcelain']), count: commitCount(dir) };
    const result = await okr(['checkin', `${EDGE}=done`], { cwd: dir });
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Nothing was written.');
    expect(result.code).toBe(1);
    expect(read(dir)).toBe(PAYMENTS_Q4);
    expect({ head: git(dir, ['rev-parse', 'HEAD']), status: git(dir, ['status', '--porcelain']), count: commitCount(dir) }).toEqual(before);
    expect(existsSync(join(dir, LOCK))).toBe(false);
  });

  it('--no-commit still edits the file (it commits nothing)', async () => {
    const dir = repoIn('rebase');
    const result = await okr(['checkin', `${EDGE}=done`, '--no-commit'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(read(dir)).toContain('done: true');
  });
});

/** Opens a FIFO for writing without waiting: true when someone was reading it. */
function poke(fifo: string): boolean {
  try {
    const fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    writeSync(fd, 'go\n');
    closeSync(fd);
    return true;
  } catch {
    return false;
  }
}

describe('a check-in stopped by a signal while the pre-commit hook runs', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s: the file is restored, the lock released, nothing committed; okr ends by the signal', { timeout: 60_000 }, async (signal) => {
    const dir = paymentsRepo();
    const fifos = tempDir();
    const started = join(fifos, 'started');
    const release = join(fifos, 'release');
    execFileSync('mkfifo', [started, release]);
    // The hook says it started, then waits until released: no timing involved.
    hook(dir, 'echo started > "$OKR_TEST_STARTED"\nread answer < "$OKR_TEST_RELEASE"\n');
    const child = spawn(process.execPath, [BIN, 'checkin', `${P95}=420`], {
      cwd: dir,
      env: { ...process.env, ...GIT_IDENTITY, NO_COLOR: '1', OKR_TODAY: TEST_TODAY, OKR_TEST_STARTED: started, OKR_TEST_RELEASE: release },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, by) => resolve({ code, signal: by })));
    try {
      const first = await Promise.race([readFile(started, 'utf8').then(() => 'hook' as const), exited.then(() => 'exit' as const)]);
      expect(first, stderr).toBe('hook');
      // Mid-commit: okr's value is in the file, and okr holds its lock.
      expect(read(dir)).toContain('current: 420');
      expect(existsSync(join(dir, LOCK))).toBe(true);
      child.kill(signal);
      // As the signal would have ended it, once the file is back: a shell sees "killed by SIGINT".
      expect(await exited).toEqual({ code: null, signal });
      expect(stderr).toContain(`okr: interrupted (${signal}): the check-in was not recorded`);
      expect(stderr).toContain('The goal files were restored as they were.');
      expect(read(dir)).toBe(PAYMENTS_Q4);
      expect(readFileSync(join(dir, FILE), 'utf8')).toBe(PAYMENTS_Q4);
      expect(existsSync(join(dir, LOCK))).toBe(false);
      expect(commitCount(dir)).toBe(1);
      expect(git(dir, ['status', '--porcelain'])).toBe('');
      // And the next check-in goes through.
      hook(dir, 'exit 0\n');
      expect((await okr(['checkin', `${P95}=420`], { cwd: dir })).code).toBe(0);
    } finally {
      child.kill('SIGKILL');
      poke(release); // a hook still waiting ends
      poke(started);
    }
  });
});

describe('a check-in interrupted in-process (the exit status run() returns)', () => {
  /** Runs okr with signals delivered by the test: `when` decides, given the listener, when to fire. */
  async function interrupted(dir: string, argv: string[], when: (fire: (signal: InterruptSignal) => void) => void) {
    let stderr = '';
    const env: Environment = {
      cwd: dir,
      stdout: { write: () => undefined, isTTY: false },
      stderr: { write: (s) => void (stderr += s), isTTY: false },
      vars: { NO_COLOR: '1', PATH: process.env.PATH, ...GIT_IDENTITY },
      today: TEST_TODAY,
      interrupts: {
        capture(listener) {
          when(listener);
          return () => undefined;
        },
      },
    };
    return { code: await run(argv, env), stderr: () => stderr };
  }

  it('a signal while waiting for the lock: exit 130, nothing written, the other lock left alone', async () => {
    const dir = paymentsRepo();
    const holder = `${process.pid}\n${(await import('node:os')).hostname()}\n0\n`;
    writeFiles(dir, { [LOCK]: holder });
    const result = await interrupted(dir, ['checkin', `${P95}=420`], (fire) => fire('SIGINT'));
    expect(result.code).toBe(130);
    expect(result.stderr()).toBe('okr: interrupted (SIGINT): the check-in was not recorded\nNothing was written.\n');
    expect(read(dir)).toBe(PAYMENTS_Q4);
    expect(readFileSync(join(dir, LOCK), 'utf8')).toBe(holder);
  });

  it('SIGHUP during the commit: exit 129, the file restored', { timeout: 60_000 }, async () => {
    const dir = paymentsRepo();
    const fifos = tempDir();
    const started = join(fifos, 'started');
    const release = join(fifos, 'release');
    execFileSync('mkfifo', [started, release]);
    hook(dir, `echo started > "${started}"\nread answer < "${release}"\n`);
    try {
      const result = await interrupted(dir, ['checkin', `${P95}=420`], (fire) => void readFile(started).then(() => fire('SIGHUP')));
      expect(result.code).toBe(129);
      expect(result.stderr()).toContain('The goal files were restored as they were.');
      expect(read(dir)).toBe(PAYMENTS_Q4);
      expect(existsSync(join(dir, LOCK))).toBe(false);
      expect(commitCount(dir)).toBe(1);
    } finally {
      poke(release);
    }
  });
});
