// `okr check FILE...`: which goal files to report on, as eslint takes files and folders. Every file
// of the workspace is still read, so references into the others resolve; only what is reported
// narrows. A path outside the workspace, a path that does not exist, or a file okr does not read is
// a usage error (exit 2), said before anything is checked.
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Environment } from '../env.js';
import { UsageError } from '../errors.js';
import { readableNameOf, roleOf } from '../workspace/source.js';

/** Whether a finding's file (relative to the workspace) is one of those named, or under a folder named. */
export type FileSelection = (file: string) => boolean;

export function selectFiles(env: Environment, root: string, paths: readonly string[]): FileSelection {
  const realRoot = realOrSelf(root);
  const files = new Set<string>();
  const folders: string[] = [];
  for (const path of paths) {
    const absolute = resolve(env.cwd, path);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      throw new UsageError(`${path}: no such file or folder`, 'Name goal files or folders of the workspace, e.g. okr check teams/payments.');
    }
    const inside = relative(realRoot, realOrSelf(absolute)).split(sep).join('/');
    if (inside === '..' || inside.startsWith('../') || isAbsolute(inside))
      throw new UsageError(`${path} is not in the workspace at ${root}`, 'Name files under the folder holding okr.yaml, or choose the workspace with -C.');
    if (stats.isDirectory()) {
      folders.push(inside);
      continue;
    }
    // A file okr ignores (2026-Q4.yml) may be named: its ignored-file warning is what there is to report.
    if (roleOf(inside) === undefined && readableNameOf(inside) === undefined)
      throw new UsageError(
        `${path} is not a goal file`,
        'okr checks okr.yaml, teams/<team>/team.yaml and teams/<team>/<cycle>.yaml; name one of those, or a folder holding them.',
      );
    files.add(inside);
  }
  return (file) => files.has(file) || folders.some((folder) => folder === '' || file === folder || file.startsWith(`${folder}/`));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
