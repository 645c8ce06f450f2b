// The CODEOWNERS file on disk: which one GitHub reads, reading it, and replacing it atomically (a
// temporary file renamed over it), so a failed write never leaves half a file.
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where GitHub looks for CODEOWNERS, in the order it looks. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

/** The CODEOWNERS file of a repository: the first that exists, else .github/CODEOWNERS. */
export function defaultCodeownersFile(repositoryRoot: string): string {
  for (const location of CODEOWNERS_LOCATIONS) {
    const path = join(repositoryRoot, location);
    if (existsSync(path) && statSync(path).isFile()) return path;
  }
  return join(repositoryRoot, CODEOWNERS_LOCATIONS[0]);
}

/** The file's text, or undefined when it does not exist. */
export function readTextFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes `text` to `path` through a temporary file in the same folder and a rename. */
export function writeFileAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.okr-${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
