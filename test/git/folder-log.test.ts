// readLog's walk of every commit (walkEveryCommit: git's --relative, the folder's changes kept) must
// give exactly what git's walk limited to the folder gives: the same commits, changes and rewritten
// parents. Checked on seeded random histories against real git: commits that change only other
// files (between, before and after the folder's), renames into, out of and inside the folder, links,
// mode changes, deletions, empty commits, a root commit with no folder, committer dates out of order,
// windows (--since) cut anywhere, an excluded commit, and merges (read with the path instead).
import { chmodSync, lstatSync, mkdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Git } from '../../src/git/git.js';
import { commitsTouching, readLog, type LogCommit } from '../../src/git/history-log.js';
import { commitAll, git, makeRepo, writeFiles } from '../support/temp-repo.js';

/** A small seeded generator (mulberry32): the same histories on every run. */
function random(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const present = (path: string): boolean => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

const DAY = 86_400;
const START = Date.UTC(2026, 0, 1) / 1000;
const at = (seconds: number) => ({ GIT_COMMITTER_DATE: `@${seconds} +0000`, GIT_AUTHOR_DATE: `@${seconds} +0000` });

/**
 * A line of `commits` commits in a new repository whose goals folder is `folder` (with a trailing
 * slash, from the top). Each commit makes one to three random edits; dates mostly go forward a day.
 */
function randomHistory(seed: number, folder: string, commits: number): { dir: string; dates: number[] } {
  const pick = random(seed);
  const dir = makeRepo();
  const inside = () => `${folder}t${pick(3)}/f${pick(4)}.yaml`;
  const outside = () => `${['src', 'docs', folder.split('/')[0] === 'teams' ? 'other' : 'teams'][pick(3)]}/g${pick(4)}.yaml`;
  const existing = () =>
    git(dir, ['ls-files'])
      .split('\n')
      .filter((p) => p !== '');
  const dates: number[] = [];
  let now = START;
  for (let c = 0; c < commits; c++) {
    const edits = 1 + pick(3);
    for (let e = 0; e < edits; e++) {
      const files = existing();
      const picked = files[pick(Math.max(files.length, 1))];
      // The index still lists what an earlier edit of this commit moved or removed.
      const any = picked !== undefined && present(join(dir, picked)) ? picked : undefined;
      switch (pick(10)) {
        case 0:
        case 1:
        case 2:
          writeFiles(dir, { [inside()]: `value: ${pick(1000)}\nline: ${'x'.repeat(pick(40))}\n` });
          break;
        case 3:
          writeFiles(dir, { [outside()]: `other: ${pick(1000)}\n` });
          break;
        case 4: {
          // A rename inside the folder, into it or out of it (content kept, so git pairs the two).
          const to = pick(2) ? inside() : outside();
          if (any && !present(join(dir, to))) {
            mkdirSync(dirname(join(dir, to)), { recursive: true });
            renameSync(join(dir, any), join(dir, to));
          }
          break;
        }
        case 5:
          if (any) rmSync(join(dir, any), { force: true });
          break;
        case 6:
          if (any && !lstatSync(join(dir, any)).isSymbolicLink()) chmodSync(join(dir, any), pick(2) ? 0o755 : 0o644);
          break;
        case 7: {
          const link = join(dir, inside());
          rmSync(link, { force: true });
          mkdirSync(dirname(link), { recursive: true });
          symlinkSync(`target-${pick(9)}`, link);
          break;
        }
        default:
          writeFiles(dir, { [outside()]: `more: ${pick(1000)}\n` });
      }
    }
    // Mostly a day later; now and then a commit dated before its parent (a skewed clock).
    now += pick(8) === 0 ? -3 * DAY : DAY;
    dates.push(now);
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '--no-verify', '--allow-empty', '-m', `commit ${c}\n\nTrailer-Key: ${c}`], at(now));
  }
  return { dir, dates };
}

async function bothWays(dir: string, folder: string, options: { since?: string; exclude?: string }): Promise<[LogCommit[], LogCommit[]]> {
  const repo = new Git(dir, process.env);
  const asked = { rev: 'HEAD', paths: [folder], ...options };
  return [await readLog(repo, asked), await readLog(repo, { ...asked, walkEveryCommit: true })];
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

describe('readLog, walking every commit (walkEveryCommit)', () => {
  it('gives what the walk limited to the folder gives, on random lines of commits and windows', async () => {
    let compared = 0;
    let shownInWindows = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const folder = seed % 3 === 0 ? 'goals dir/[x]*/teams/' : 'teams/';
      const { dir, dates } = randomHistory(seed, folder, 20);
      const ids = git(dir, ['rev-list', 'HEAD']).trim().split('\n');
      const windows: { since?: string; exclude?: string }[] = [{}, { exclude: ids[ids.length - 3]! }, { since: iso(dates[0]! - DAY) }];
      for (const cut of [3, 8, 13, 18]) windows.push({ since: iso(dates[cut]!) }, { since: iso(dates[cut]! + 1) });
      for (const window of windows) {
        const [limited, walked] = await bothWays(dir, folder, window);
        expect(walked, `seed ${seed} ${JSON.stringify(window)}`).toEqual(limited);
        compared++;
        if (window.since !== undefined) shownInWindows += limited.length;
      }
    }
    expect(compared).toBe(5 * 11);
    expect(shownInWindows).toBeGreaterThan(100);
  }, 60_000);

  it('reads a history with merges with the path (git simplifies merges its own way)', async () => {
    // Two histories: a merge of a branch that changed the folder, and one of a branch that did not.
    // git shows the second with its parents rewritten into one (the folder is the same in both):
    // simplification the walk of every commit would have to imitate.
    for (const sideTouchesFolder of [true, false]) {
      const dir = makeRepo({ 'teams/a/2026.yaml': 'v: 1\n', 'src/x': '1\n' });
      git(dir, ['checkout', '-q', '-b', 'side']);
      writeFiles(dir, sideTouchesFolder ? { 'teams/b/2026.yaml': 'v: 1\n' } : { 'src/x': '2\n' });
      commitAll(dir, 'side');
      git(dir, ['checkout', '-q', 'main']);
      writeFiles(dir, sideTouchesFolder ? { 'teams/a/2026.yaml': 'v: 2\n' } : { 'src/y': '1\n' });
      commitAll(dir, 'main');
      git(dir, ['merge', '-q', '--no-ff', '-m', 'merge', 'side']);
      writeFiles(dir, { 'teams/a/2026.yaml': 'v: 3\n' });
      commitAll(dir, 'after the merge');
      const [limited, walked] = await bothWays(dir, 'teams/', {});
      expect(limited.find((c) => c.subject === 'merge')?.parents.length).toBe(sideTouchesFolder ? 2 : 1);
      expect(walked).toEqual(limited);
    }
  });

  it('keeps a parent outside the walk, and drops one past a root commit that had no folder', () => {
    const commit = (id: string, parents: string[], paths: string[]): LogCommit => ({
      id,
      parents,
      authorName: 'a',
      authorEmail: 'a@b',
      authorDate: '2026-01-01T00:00:00Z',
      committerDate: '2026-01-01T00:00:00Z',
      subject: id,
      body: '',
      trailers: [],
      changes: paths.map((path) => ({ status: 'M', oldPath: path, path, oldBlob: 'b1', newBlob: 'b2', link: false })),
    });
    const line = [commit('e', ['d'], ['x']), commit('d', ['c'], []), commit('c', ['b'], ['y']), commit('b', ['a'], []), commit('a', [], [])];
    expect(commitsTouching(line, 'teams/').map((c) => [c.id, c.parents, c.changes.map((ch) => ch.path)])).toEqual([
      ['e', ['c'], ['teams/x']],
      ['c', [], ['teams/y']],
    ]);
    const cut = [commit('e', ['d'], ['x']), commit('d', ['older'], [])];
    expect(commitsTouching(cut, 'teams/').map((c) => c.parents)).toEqual([['older']]);
    expect(isDeepStrictEqual(commitsTouching([], 'teams/'), [])).toBe(true);
  });
});
