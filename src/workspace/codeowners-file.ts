// The CODEOWNERS file on disk: which one GitHub reads, reading it, and replacing it atomically, so
// a failed write never leaves half a file.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomically } from '../files/atomic-write.js';

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

/** Writes the CODEOWNERS file (creating its folder), keeping the old file's mode and owner. */
export function writeCodeownersFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomically(path, text);
}
