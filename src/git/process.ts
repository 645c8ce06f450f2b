// Runs git as a child process: never through a shell, with a stable locale, and with failures
// turned into errors that say what git said. Everything in okr that runs git goes through here.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { DataError } from '../errors.js';

export interface GitResult {
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly code: number;
}

function gitEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  // LC_ALL=C: okr reads git's messages; GIT_OPTIONAL_LOCKS=0: reads must not take the index lock.
  return { ...process.env, LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', ...extra };
}

/** Runs git and resolves with its output, whatever the exit code. */
export function runGit(
  cwd: string,
  args: readonly string[],
  options: { input?: string | Buffer; env?: Record<string, string> } = {},
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd, env: gitEnv(options.env), encoding: 'buffer', maxBuffer: 1 << 30 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT')
            return reject(new DataError('git is not installed or not on PATH', 'Install git, then run okr again.'));
          return reject(error);
        }
        resolve({ stdout, stderr: stderr.toString('utf8'), code: error ? (error.code as unknown as number) : 0 });
      },
    );
    // git may exit before reading its input (a lock it cannot take): that is reported by its exit code.
    child.stdin?.on('error', () => undefined);
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** Runs git and returns stdout as text; a non-zero exit becomes an error carrying git's message. */
export async function git(cwd: string, args: readonly string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): Promise<string> {
  const result = await runGit(cwd, args, options);
  if (result.code !== 0) throw new GitFailed(args, result);
  return result.stdout.toString('utf8');
}

export class GitFailed extends Error {
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    super(`git ${args[0]} failed: ${result.stderr.trim().split('\n')[0] ?? `exit ${result.code}`}`);
  }
}

/** A long-running git process (cat-file --batch and the like). */
export function spawnGit(cwd: string, args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn('git', args, { cwd, env: gitEnv(), stdio: 'pipe' });
}

/** The top of the work tree containing `dir`, or a DataError saying it is not a repository. */
export async function repositoryTop(dir: string): Promise<string> {
  const result = await runGit(dir, ['rev-parse', '--show-toplevel']);
  if (result.code !== 0)
    throw new DataError(
      `not a git repository: ${dir}`,
      'This command reads git history: run it inside a git work tree (git init, then commit the goal files).',
    );
  return result.stdout.toString('utf8').trim();
}

/** Resolves a revision to a commit id; refuses revisions that could be read as options. */
export async function resolveCommit(cwd: string, rev: string): Promise<string> {
  if (rev.startsWith('-') || rev.includes('\0'))
    throw new DataError(`not a valid revision: ${rev}`, 'Name a commit, branch or tag, e.g. --at main or --at HEAD~3.');
  const result = await runGit(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  if (result.code !== 0)
    throw new DataError(`unknown revision: ${rev}`, 'Name a commit, branch or tag that exists in this repository (see git log).');
  return result.stdout.toString('utf8').trim();
}
