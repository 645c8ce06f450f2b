// guessPathOrigin: the oldest commit on the first-parent line that has a path, found by sampling
// the line rather than walking it. Histories built with git fast-import, long enough that the
// search takes several rounds.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Git } from '../../src/git/git.js';
import { guessPathOrigin } from '../../src/git/path-origin.js';
import { git, GIT_IDENTITY, makeRepo } from '../support/temp-repo.js';

/**
 * A repository of `present.length` commits on main, oldest first; commit i changes log.txt, and has
 * teams/t/goals.yaml where present[i]. Returns the folder and the commit ids, oldest first.
 */
function history(present: readonly boolean[]): { dir: string; ids: string[] } {
  const dir = makeRepo();
  let stream = '';
  present.forEach((has, i) => {
    const log = `commit ${i}\n`;
    stream += `commit refs/heads/main\nmark :${i + 1}\ncommitter T <t@example.test> ${1_700_000_000 + i * 60} +0000\ndata 2\nc\n`;
    if (i > 0) stream += `from :${i}\n`;
    stream += `M 100644 inline log.txt\ndata ${Buffer.byteLength(log)}\n${log}`;
    if (has) stream += `M 100644 inline teams/t/goals.yaml\ndata 10\nobjectives\n`;
    else if (i > 0 && present[i - 1]) stream += 'D teams/t/goals.yaml\n';
  });
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: stream, env: { ...process.env, ...GIT_IDENTITY } });
  const ids = git(dir, ['rev-list', '--reverse', 'main']).trim().split('\n');
  return { dir, ids };
}

const guess = (dir: string, path = 'teams/t') => guessPathOrigin(new Git(dir, process.env), 'main', path);
const has = (dir: string, commit: string) => git(dir, ['ls-tree', '--name-only', commit, 'teams/t']).trim() !== '';

describe('guessPathOrigin', () => {
  it('finds the commit that added a folder, wherever it is in a long history', async () => {
    for (const added of [1, 2, 49, 50, 151, 298, 299]) {
      const { dir, ids } = history(Array.from({ length: 300 }, (_, i) => i >= added));
      expect(await guess(dir), `added at ${added}`).toBe(ids[added]);
    }
  });

  it('nothing to guess: the path is in the root commit, or not at the tip, or there is one commit', async () => {
    expect(await guess(history(Array.from({ length: 120 }, () => true)).dir)).toBeUndefined();
    expect(await guess(history(Array.from({ length: 120 }, (_, i) => i < 60)).dir)).toBeUndefined();
    expect(await guess(history([true]).dir)).toBeUndefined();
    const { dir } = history(Array.from({ length: 120 }, (_, i) => i >= 30));
    expect(await guess(dir, 'teams/none')).toBeUndefined();
    expect(await guess(dir, 'teams/t\nteams/t')).toBeUndefined();
  });

  it('a folder deleted and added again: the newest addition (every commit since has it)', async () => {
    const { dir, ids } = history(Array.from({ length: 300 }, (_, i) => (i >= 40 && i < 120) || i >= 200));
    expect(await guess(dir)).toBe(ids[200]);
  });

  it('whatever the history, a guess is a commit that has the path and whose parent does not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 2, maxLength: 160 }), async (pattern) => {
        const present = [...pattern.slice(0, -1), true];
        const { dir, ids } = history(present);
        const found = await guess(dir);
        // The tip has the path: there is an addition to find unless the root commit has it too.
        expect(found === undefined).toBe(present[0]);
        if (found === undefined) return;
        const at = ids.indexOf(found);
        expect(at).toBeGreaterThan(0);
        expect(present[at]).toBe(true);
        expect(present[at - 1]).toBe(false);
        expect(has(dir, found)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });
});
