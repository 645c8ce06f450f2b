// The commits that carry a trailer (okr close's `Okr-Close: <cycle>`), found with one `git log` over
// the paths such a commit touches, newest first, with their parents and the trailer's values as git
// itself parses them (the final trailer block; keys compared case-insensitively).
import type { Git } from './git.js';
import { GitFailed } from './process.js';

export interface TrailerCommit {
  readonly id: string;
  readonly parents: readonly string[];
  /** The values of the trailer in the commit's trailer block. */
  readonly values: readonly string[];
}

export async function commitsWithTrailer(git: Git, options: { readonly rev: string; readonly key: string; readonly paths: readonly string[] }): Promise<TrailerCommit[]> {
  const args = [
    '--literal-pathspecs',
    'log',
    '--no-color',
    `--format=%x1e%H%x00%P%x00%(trailers:key=${options.key},valueonly,unfold,separator=%x1f)`,
    '--end-of-options',
    options.rev,
    '--',
    ...options.paths,
  ];
  const result = await git.run(args);
  if (result.code !== 0) {
    if (/does not have any commits|unknown revision|bad default revision/.test(result.stderr.toString())) return [];
    throw new GitFailed(args, result);
  }
  const commits: TrailerCommit[] = [];
  for (const record of result.stdout.toString('utf8').split('\x1e')) {
    if (!record.trim()) continue;
    const [id = '', parents = '', values = ''] = record.replace(/\n+$/, '').split('\0');
    const found = values.split('\x1f').map((v) => v.trim()).filter(Boolean);
    if (found.length) commits.push({ id, parents: parents.split(' ').filter(Boolean), values: found });
  }
  return commits;
}

/** A file's bytes at a revision (`git cat-file blob REV:PATH`), or undefined when it is not there. */
export async function fileAt(git: Git, rev: string, path: string): Promise<Buffer | undefined> {
  const result = await git.run(['cat-file', 'blob', `${rev}:${path}`]);
  return result.code === 0 ? result.stdout : undefined;
}
