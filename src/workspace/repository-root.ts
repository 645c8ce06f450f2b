// The root of the git work tree a workspace sits in, found by walking up to `.git` (no process
// spawned): CI annotations and SARIF name files relative to it.
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export function findRepositoryRoot(start: string): string | undefined {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}

/** Maps a workspace-relative path to a repository-relative one (unchanged outside a repository). */
export function repositoryPathMapper(workspaceRoot: string): (file: string) => string {
  const repo = findRepositoryRoot(workspaceRoot);
  if (!repo) return (file) => file;
  const prefix = relative(repo, workspaceRoot).split(sep).join('/');
  return (file) => (prefix ? `${prefix}/${file}` : file);
}
