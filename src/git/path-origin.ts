// Where a path came into a history: the oldest commit on a first-parent line that has it, found
// without walking every commit's changes. `git log -- <folder>` must walk the whole history to
// say which commit added the folder (at 20,000 commits ~0.4 s, the commit being near the end of
// the walk); asking whether `<commit>:<path>` exists takes one tree lookup, so a search over the
// first-parent line (one `git rev-list` into a file, then a few rounds of `git cat-file
// --batch-check`) finds
// it in a fraction of that. It is a guess: a path deleted and added again, or brought in by a
// merge, is found where the search happens to land. A caller checks it against the log.
import type { Git } from './git.js';
import { runSpooled } from './spool.js';

/** Commits asked about per round of the search: rounds are round trips, lookups are cheap. */
const SAMPLES = 48;

/**
 * The oldest commit on `rev`'s first-parent line that has `path`, where every newer one has it
 * too, provided its parent lacks it; undefined where `rev` lacks the path, the root commit has it,
 * or the path cannot be asked about (a newline in it).
 */
export async function guessPathOrigin(git: Git, rev: string, path: string): Promise<string | undefined> {
  if (path === '' || /[\n\r]/.test(path)) return undefined;
  const listed = await runSpooled(git, ['rev-list', '--first-parent', '--end-of-options', rev]);
  if (listed === undefined) return undefined;
  const line = listed.toString('latin1').split('\n').filter(Boolean);
  if (line.length < 2) return undefined;
  const has = async (indices: readonly number[]): Promise<boolean[]> => {
    const input = indices.map((i) => `${line[i]}:${path}\n`).join('');
    const answers = (await git.text(['cat-file', '--batch-check', '--buffer'], { input })).split('\n');
    return indices.map((_, k) => !(answers[k] ?? '').endsWith(' missing'));
  };
  const [atTop, atRoot] = await has([0, line.length - 1]);
  if (!atTop || atRoot) return undefined;
  // line[newest] has the path and line[oldest] lacks it; narrow the gap by sampling it.
  let newest = 0;
  let oldest = line.length - 1;
  while (oldest - newest > 1) {
    const step = Math.max(1, Math.ceil((oldest - newest) / (SAMPLES + 1)));
    const indices: number[] = [];
    for (let i = newest + step; i < oldest; i += step) indices.push(i);
    const answers = await has(indices);
    const first = answers.indexOf(false);
    if (first >= 0) oldest = indices[first]!;
    newest = first > 0 ? indices[first - 1]! : first < 0 ? indices[indices.length - 1]! : newest;
  }
  return line[newest];
}
