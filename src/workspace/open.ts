// Finds the workspace a command runs on (walking up to okr.yaml, or -C) and loads it.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Environment } from '../env.js';
import { UsageError } from '../errors.js';
import { loadWorkspace, type LoadedWorkspace } from './load.js';
import { CONFIG_FILE, DEFAULT_MAX_FILE_BYTES, readWorkspaceFolder } from './source.js';

/** The folder holding okr.yaml at or above `start`. */
export function findWorkspaceRoot(env: Environment, dir?: string): string {
  const start = resolve(env.cwd, dir ?? '.');
  if (dir !== undefined && (!existsSync(start) || !statSync(start).isDirectory()))
    throw new UsageError(`no such folder: ${dir}`, 'Pass -C with the path of a workspace (a folder holding okr.yaml).');
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, CONFIG_FILE))) return folder;
    if (dirname(folder) === folder) break;
  }
  throw new UsageError(
    `no workspace found: no ${CONFIG_FILE} in ${start} or any folder above it`,
    'Run "okr init" to create one, or pass -C <path> to point at an existing workspace.',
  );
}

export function maxFileBytes(env: Environment): number {
  const raw = env.vars.OKR_MAX_FILE_BYTES;
  if (raw === undefined || raw === '') return DEFAULT_MAX_FILE_BYTES;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new UsageError(
      `OKR_MAX_FILE_BYTES must be a positive whole number of bytes, not "${raw}"`,
      'Set it to e.g. 2097152 (2 MiB), or unset it for the default of 1 MiB.',
    );
  return Number(raw);
}

export interface OpenedWorkspace extends LoadedWorkspace {
  /** Absolute path of the folder holding okr.yaml. */
  readonly root: string;
}

export interface OpenOptions {
  readonly dir?: string;
  /** A git revision to read the goals from instead of the work tree. */
  readonly at?: string;
  /**
   * The day evaluated (--as-of). Without --at, a workspace in git whose goal files have no
   * uncommitted changes is read as committed on that day (see git/revision-on-day.ts).
   */
  readonly asOf?: string;
}

/** Finds and loads the workspace: from the work tree, or as it was at a git revision (--at). */
export async function openWorkspace(env: Environment, options: OpenOptions): Promise<OpenedWorkspace> {
  const root = findWorkspaceRoot(env, options.dir);
  const maxBytes = maxFileBytes(env);
  let at = options.at;
  if (at === undefined && options.asOf !== undefined) {
    const { commitOnDay } = await import('../git/revision-on-day.js');
    const then = await commitOnDay(root, options.asOf);
    if (then) {
      env.stderr.write(`okr: as of ${options.asOf}: reading the goals as committed on ${then.day} (${then.commit.slice(0, 7)})\n`);
      at = then.commit;
    }
  }
  if (at === undefined) return { root, ...loadWorkspace(readWorkspaceFolder(root, maxBytes)) };
  const { readRevisionFiles } = await import('../git/revision-source.js');
  return { root, ...loadWorkspace(await readRevisionFiles(root, at, maxBytes)) };
}
