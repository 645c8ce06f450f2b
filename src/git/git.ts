// The one place every git invocation is built: the environment (the injected Environment's
// variables, never the process's own, plus what okr pins), the arguments every call gets, and the two
// doors to git. Porcelain (repository discovery, identity and config, status, commit, tag, fetch)
// goes through simple-git; streaming plumbing (git log, cat-file --batch) and stdin input go
// through the raw process layer (process.ts), which simple-git cannot stream.
import type { SimpleGit, SimpleGitOptions } from 'simple-git';
import type { Environment } from '../env.js';
import { GitFailed, runProcess, spawnProcess, spawnProcessToFile, type GitResult, type Invocation } from './process.js';

/**
 * Set for every git process: LC_ALL=C because okr reads git's messages; GIT_OPTIONAL_LOCKS=0 so
 * reads never take the index lock; GIT_TERMINAL_PROMPT=0 so git never waits for a password.
 */
const PINNED_ENVIRONMENT: Readonly<Record<string, string>> = { LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' };

/**
 * `-c name=value` settings every invocation gets, raw or porcelain: the one place to pin git
 * configuration for all of okr. A user's (or a cloned repository's) configuration must not change
 * what okr records or reads; each line is a setting okr relies on, at the value it relies on.
 * (test/git/hostile-config.test.ts sets the opposite of each and compares okr's answers.)
 */
export const PINNED_CONFIG: readonly string[] = [
  // History (git log): the root commit's files are a change like any other (the values a goal
  // file starts with); renames are followed (a renamed team keeps its history); nothing else
  // is mixed into the output.
  'log.showRoot=true',
  'log.follow=false',
  'log.showSignature=false',
  'log.abbrevCommit=false',
  'log.decorate=no',
  'diff.renames=true',
  'diff.renameLimit=1000',
  'diff.relative=false',
  'diff.noprefix=false',
  'core.abbrev=auto',
  // Trailers (Okr-Checkin: ...): git parses them with ":" only, and no line of a message is a
  // comment to it (a comment character "O" would hide every Okr- line).
  'trailer.separators=:',
  'core.commentChar=#',
  // Text: messages are stored and read as UTF-8, paths printed as they are, never coloured.
  'i18n.commitEncoding=UTF-8',
  'i18n.logOutputEncoding=UTF-8',
  'core.quotePath=false',
  'color.ui=false',
  // git status, as okr parses it to refuse dirty goal files.
  'status.renames=false',
  'status.showUntrackedFiles=all',
];

/**
 * simple-git refuses to run when the environment names an editor, pager, askpass or ssh program,
 * config paths or GIT_CONFIG_COUNT: a guard for arguments that come from strangers. okr builds its
 * arguments itself (revisions are checked, paths follow "--"), and the environment is the user's
 * own, as much as their ~/.gitconfig is; refusing it would break okr in an editor's terminal
 * (VS Code sets GIT_ASKPASS) or in CI. Guards that arguments alone trigger stay on.
 */
const USER_ENVIRONMENT_IS_TRUSTED: SimpleGitOptions['unsafe'] = {
  allowUnsafeAskPass: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeDiffExternal: true,
  allowUnsafeEditor: true,
  allowUnsafeGitProxy: true,
  allowUnsafePager: true,
  allowUnsafeSshCommand: true,
  allowUnsafeTemplateDir: true,
};

export interface RunOptions {
  readonly input?: string | Buffer;
  /** Aborting it ends the git process (the call then rejects). */
  readonly signal?: AbortSignal;
}

export interface PorcelainOptions {
  /** Aborting it ends the git process simple-git runs; the task rejects once git has exited. */
  readonly signal?: AbortSignal;
}

/** Where a failure's details ride on the error simple-git throws (it keeps a GitError as it is). */
const FAILURE = Symbol('okr git failure');

/** git in one folder, with one environment. Cheap to create; simple-git is loaded on first use. */
export class Git {
  private simple: Promise<SimpleGit> | undefined;
  private readonly environment: Readonly<Record<string, string>>;

  constructor(
    readonly cwd: string,
    readonly vars: Environment['vars'],
  ) {
    const environment: Record<string, string> = {};
    for (const [name, value] of Object.entries(vars)) if (value !== undefined) environment[name] = value;
    this.environment = { ...environment, ...PINNED_ENVIRONMENT };
  }

  static of(env: Environment, cwd: string): Git {
    return new Git(cwd, env.vars);
  }

  /** The same environment in another folder. */
  in(cwd: string): Git {
    return cwd === this.cwd ? this : new Git(cwd, this.vars);
  }

  private invocation(args: readonly string[]): Invocation {
    return { cwd: this.cwd, args: [...PINNED_CONFIG.flatMap((setting) => ['-c', setting]), ...args], env: this.environment };
  }

  /** Runs git (raw) and resolves with its output, whatever the exit code. */
  run(args: readonly string[], options: RunOptions = {}): Promise<GitResult> {
    return runProcess(this.invocation(args), options.input, options.signal);
  }

  /** Runs git (raw) and returns stdout as text; a non-zero exit becomes a GitFailed carrying git's message. */
  async text(args: readonly string[], options: RunOptions = {}): Promise<string> {
    const result = await this.run(args, options);
    if (result.code !== 0) throw new GitFailed(args, result);
    return result.stdout.toString('utf8');
  }

  /** Starts a long-running git process whose output is read as it streams. */
  spawn(args: readonly string[]) {
    return spawnProcess(this.invocation(args));
  }

  /** Starts git writing its output to an open file (`fd`), to be read once it exits. Aborting `signal` ends it. */
  spawnToFile(args: readonly string[], fd: number, signal?: AbortSignal) {
    return spawnProcessToFile(this.invocation(args), fd, signal);
  }

  /**
   * Runs porcelain through simple-git, created with `completion: { onExit: 0 }` (by default it
   * waits 50 ms after every command; it still waits 50 ms after a command that prints nothing, so
   * okr avoids --quiet there). A failing command rejects with GitFailed, exit code and stderr
   * included, even when git said nothing on stderr (simple-git alone would then report success).
   */
  async porcelain<T>(task: (git: SimpleGit) => Promise<T>, options: PorcelainOptions = {}): Promise<T> {
    // simple-git takes an abort signal only when it is created: one instance per signal.
    const simple = await (options.signal ? this.createSimpleGit(options.signal) : (this.simple ??= this.createSimpleGit()));
    try {
      return await task(simple);
    } catch (error) {
      const failure = error !== null && typeof error === 'object' ? (error as { [FAILURE]?: GitFailed })[FAILURE] : undefined;
      throw failure ?? error;
    }
  }

  private async createSimpleGit(signal?: AbortSignal): Promise<SimpleGit> {
    const { simpleGit, GitError } = await import('simple-git');
    return simpleGit({
      baseDir: this.cwd,
      ...(signal ? { abort: signal } : {}),
      completion: { onExit: 0 },
      config: [...PINNED_CONFIG],
      unsafe: USER_ENVIRONMENT_IS_TRUSTED,
      errors: (error, result) => {
        if (result.exitCode === 0 && error === undefined) return undefined;
        const stderr = Buffer.concat(result.stdErr).toString('utf8') || (error instanceof Error ? error.message : '');
        const failure = new GitFailed([], { stdout: Buffer.concat(result.stdOut), stderr, code: result.exitCode });
        // A GitError passes through simple-git unchanged: the failure rides on it to porcelain().
        return Object.assign(new GitError(undefined, failure.message), { [FAILURE]: failure });
      },
    }).env(this.environment);
  }
}
