// Writes many commits with one `git fast-import` process (instead of a `git commit` each): for
// `okr demo`'s generated history, with exact authors, dates and file contents.
import { DataError } from '../errors.js';
import type { Git } from './git.js';

export interface Person {
  readonly name: string;
  readonly email: string;
  /** Seconds since the epoch. */
  readonly time: number;
}

export interface ImportedCommit {
  readonly author: Person;
  readonly committer: Person;
  readonly message: string;
  /** Repository-relative path → new content. */
  readonly files: ReadonlyMap<string, string>;
  /** An annotated tag on this commit (the committer is its tagger). */
  readonly tag?: { readonly name: string; readonly message: string };
}

/** Appends `commits` to `branch` (created if needed), in order. */
export async function importCommits(git: Git, branch: string, commits: readonly ImportedCommit[]): Promise<void> {
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const ident = (p: Person) => `${p.name.replace(/[<>\n]/g, '')} <${p.email.replace(/[<>\n]/g, '')}> ${Math.floor(p.time)} +0000`;
  const stream = commits
    .map((c, i) => {
      const files = [...c.files].map(([path, content]) => `M 100644 inline ${path}\n${data(content)}`).join('');
      const tag = c.tag ? `tag ${c.tag.name}\nfrom :${i + 1}\ntagger ${ident(c.committer)}\n${data(c.tag.message)}` : '';
      return `commit refs/heads/${branch}\nmark :${i + 1}\nauthor ${ident(c.author)}\ncommitter ${ident(c.committer)}\n${data(c.message)}${files}\n${tag}`;
    })
    .join('');
  const result = await git.run(['fast-import', '--quiet'], { input: stream });
  if (result.code !== 0) throw new DataError(`git fast-import failed: ${result.stderr.trim().split('\n')[0]}`, 'Check that git works in that folder (git --version).');
}
