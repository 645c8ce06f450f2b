// The one repository locator: where a folder sits in git. Every command that needs git finds the
// repository here, so a workspace reached through a symbolic link gets the same answer everywhere.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Environment } from '../env.js';
import { DataError } from '../errors.js';
import { Git } from './git.js';
import { GitFailed } from './process.js';

export interface Repository {
  /**
   * The work tree's top folder, as the folder was reached (through the same links) when that path
   * leads to git's top; else git's own (real) path.
   */
  readonly top: string;
  /** Absolute path of the git folder (`.git`, or a worktree's folder inside it): okr's lock lives there. */
  readonly gitDir: string;
  /** The folder's path relative to the top, with "/" separators and a trailing "/"; '' at the top. */
  readonly prefix: string;
  /** git, run at the top. */
  readonly git: Git;
}

/** The repository holding `folder`, or undefined when it is not inside a git work tree. */
export async function locateRepository(env: Environment, folder: string): Promise<Repository | undefined> {
  const real = realpathSync(folder);
  // No process when there is plainly no repository (no .git above, and no GIT_DIR saying where it is).
  if (env.vars.GIT_DIR === undefined && !hasGitAbove(real)) return undefined;
  const git = Git.of(env, folder);
  // The raw door: a read needs no simple-git (whose import costs 30-80 ms of every command's start-up).
  let answer: string;
  try {
    answer = await git.text(['rev-parse', '--show-toplevel', '--absolute-git-dir']);
  } catch (error) {
    if (error instanceof GitFailed) return undefined; // not a work tree (a bare repository, a .git folder itself)
    throw error;
  }
  const [gitTop, gitDir] = answer.split('\n').map((line) => line.trim());
  if (!gitTop || !gitDir) return undefined;
  const realTop = realpathSync(gitTop);
  const rel = relative(realTop, real).split(sep).join('/');
  if (rel === '..' || rel.startsWith('../')) return undefined;
  const reached = rel === '' ? folder : resolve(folder, ...rel.split('/').map(() => '..'));
  const top = realpathSync(reached) === realTop ? reached : gitTop;
  return { top, gitDir, prefix: rel ? `${rel}/` : '', git: git.in(top) };
}

/** Like locateRepository, but a DataError saying what to do when there is no repository. */
export async function requireRepository(env: Environment, folder: string, what = 'This command reads git history'): Promise<Repository> {
  const repository = await locateRepository(env, folder);
  if (!repository)
    throw new DataError(`not a git repository: ${folder}`, `${what}: run it inside a git work tree (git init, then commit the goal files).`);
  return repository;
}

function hasGitAbove(start: string): boolean {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return true;
    if (dirname(folder) === folder) return false;
  }
}
