// The folder shared by all work trees of a repository: refs, packed-refs, the shallow file and
// okr's own state live there. A linked work tree's git folder names it in its `commondir` file.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function commonGitDir(gitDir: string): string {
  try {
    return resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim());
  } catch {
    return gitDir;
  }
}
