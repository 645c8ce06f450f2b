// Finds the workspace a command runs on: the folder holding okr.yaml at or above the start (-C).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { CONFIG_FILE, MISNAMED_CONFIG_FILES } from './source.js';

/** The folder holding okr.yaml at or above `dir` (relative to `cwd`), or a UsageError (exit 2). */
export function findWorkspaceRoot(cwd: string, dir?: string): string {
  const start = resolve(cwd, dir ?? '.');
  if (dir !== undefined && !existsSync(start)) throw new UsageError(`no such folder: ${dir}`, 'Pass -C with the path of a workspace (a folder holding okr.yaml).');
  if (dir !== undefined && !statSync(start).isDirectory())
    throw new UsageError(
      `not a folder: ${dir}`,
      basename(start) === CONFIG_FILE ? `Pass -C with the folder holding it: -C ${dirname(dir)}` : 'Pass -C with the path of a workspace (a folder holding okr.yaml).',
    );
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, CONFIG_FILE))) return folder;
    if (dirname(folder) === folder) break;
  }
  const misnamed = misnamedConfigIn(start);
  throw new UsageError(
    `no workspace found: no ${CONFIG_FILE} in ${start} or any folder above it`,
    misnamed
      ? `okr reads only ${CONFIG_FILE}, not ${misnamed}: rename ${join(start, misnamed)} to ${CONFIG_FILE}.`
      : 'Run "okr init" to create one, or pass -C <path> to point at an existing workspace.',
  );
}

/** okr.yml (or okr.YAML, ...) in the folder, by its name as listed (a file system may ignore case). */
function misnamedConfigIn(folder: string): string | undefined {
  try {
    return readdirSync(folder).find((name) => MISNAMED_CONFIG_FILES.includes(name));
  } catch {
    return undefined;
  }
}
