// Where a workspace sits in git: the work tree's top, its git folder (for okr's lock) and the
// workspace's path prefix inside the repository. One `git rev-parse` answers all three.
import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { DataError } from '../errors.js';
import { findRepositoryRoot } from '../workspace/repository-root.js';
import { runGit } from './process.js';

export interface Repository {
  /** Absolute path of the work tree's top folder. */
  readonly top: string;
  /** Absolute path of the git folder (`.git`, or a worktree's folder inside it). */
  readonly gitDir: string;
  /** The workspace's folder relative to `top`, with a trailing "/", or '' at the top. */
  readonly prefix: string;
}

/** The repository holding `workspaceRoot`, or undefined when it is not inside a git work tree. */
export async function findRepository(workspaceRoot: string): Promise<Repository | undefined> {
  // No process when there is plainly no repository (a folder with no .git above it).
  if (findRepositoryRoot(workspaceRoot) === undefined) return undefined;
  const result = await runGit(workspaceRoot, ['rev-parse', '--show-toplevel', '--absolute-git-dir']);
  if (result.code !== 0) return undefined;
  const [top, gitDir] = result.stdout.toString('utf8').split('\n') as [string, string];
  if (!top || !gitDir) return undefined;
  const rel = relative(realpathSync(top), realpathSync(workspaceRoot)).split(sep).join('/');
  return { top, gitDir, prefix: rel ? `${rel}/` : '' };
}

/** Like findRepository, but a DataError saying what to do when there is no repository. */
export async function openRepository(workspaceRoot: string, what = 'This command reads git history'): Promise<Repository> {
  const repository = await findRepository(workspaceRoot);
  if (!repository)
    throw new DataError(
      `not a git repository: ${workspaceRoot}`,
      `${what}: run it inside a git work tree (git init, then commit the goal files).`,
    );
  return repository;
}
