// Runs git as a child process, the raw way: never through a shell, with exactly the arguments and
// environment the caller built (git/git.ts builds them from the injected Environment). For the
// plumbing simple-git cannot do: streaming output (git log), long-running processes (cat-file
// --batch), and input on stdin (fast-import).
import { execFile, spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { DataError } from '../errors.js';

/** One git process to start: where, with which arguments, in which environment. */
export interface Invocation {
  readonly cwd: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

export interface GitResult {
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly code: number;
}

export const GIT_MISSING = (): DataError => new DataError('git is not installed or not on PATH', 'Install git, then run okr again.');

/** Runs git and resolves with its output, whatever the exit code. */
export function runProcess(invocation: Invocation, input?: string | Buffer, signal?: AbortSignal): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      invocation.args,
      { cwd: invocation.cwd, env: invocation.env, encoding: 'buffer', maxBuffer: 1 << 30, ...(signal ? { signal } : {}) },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(GIT_MISSING());
          return reject(error);
        }
        resolve({ stdout, stderr: stderr.toString('utf8'), code: error ? (error.code as unknown as number) : 0 });
      },
    );
    // git may exit before reading its input (a lock it cannot take): that is reported by its exit code.
    child.stdin?.on('error', () => undefined);
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

/** Starts a long-running git process (cat-file --batch, a streamed log). */
export function spawnProcess(invocation: Invocation): ChildProcessWithoutNullStreams {
  return spawn('git', invocation.args, { cwd: invocation.cwd, env: invocation.env, stdio: 'pipe' });
}

/** Starts git with its standard output going to an open file (`fd`) instead of a pipe; stderr is piped. Aborting `signal` ends it. */
export function spawnProcessToFile(invocation: Invocation, fd: number, signal?: AbortSignal): ChildProcess {
  return spawn('git', invocation.args, { cwd: invocation.cwd, env: invocation.env, stdio: ['ignore', fd, 'pipe'], ...(signal ? { signal } : {}) });
}

/** A git command that exited with an error: what it was asked and what it said. */
export class GitFailed extends Error {
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    const command = args.find((a) => !a.startsWith('-') && !a.includes('='));
    super(`git${command ? ` ${command}` : ''} failed: ${result.stderr.trim().split('\n')[0] || `exit ${result.code}`}`);
  }
}
