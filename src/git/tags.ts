// Annotated tags: whether one exists, whether a name can be one, and creating one on a commit with a
// message (okr close tags the close commit `okr/<cycle>`). Plumbing whose exit code matters goes
// through the raw door; the tag itself is porcelain.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Git } from './git.js';

/** The commit a tag points at (peeled), or undefined when there is no such tag. */
export async function tagCommit(git: Git, name: string): Promise<string | undefined> {
  const result = await git.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `refs/tags/${name}^{commit}`]);
  return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

/** Whether `name` is a valid tag name for git (no "..", no ".lock" ending, ...). */
export async function isValidTagName(git: Git, name: string): Promise<boolean> {
  if (name.startsWith('-')) return false;
  return (await git.run(['check-ref-format', `refs/tags/${name}`])).code === 0;
}

/**
 * Creates the annotated tag `name` on `commit` with `message` (kept verbatim: lines starting with "#"
 * stay). The message goes in a file beside the repository's own, like a commit message.
 */
export async function createAnnotatedTag(git: Git, gitDir: string, name: string, commit: string, message: string): Promise<void> {
  const file = join(gitDir, `OKR_TAG_MSG-${process.pid}`);
  writeFileSync(file, message);
  try {
    await git.porcelain((porcelain) => porcelain.raw(['tag', '--annotate', '--cleanup=verbatim', '--file', file, '--', name, commit]));
  } finally {
    rmSync(file, { force: true });
  }
}
