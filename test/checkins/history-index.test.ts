// The history index (.git/okr/history-index): a cache of the commits history has read, so the next
// run reads only the commits made since; and the points cache (.git/okr/history-points): the points
// built from them at one HEAD. Both must give exactly what reading git alone gives, after new
// commits, merges and a HEAD moved back; and neither is trusted when it is damaged or was written by
// another okr, for another HEAD or another question.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistory } from '../../src/app/goal-history.js';
import { requireRepository } from '../../src/git/repository.js';
import type { History, HistoryPoint } from '../../src/model/history.js';
import { cachePath } from '../../src/workspace/cache-file.js';
import { indexPath } from '../../src/workspace/history-index.js';
import { okr, okrProcess, quietEnvironment } from '../support/run-cli.js';
import { commitAll, copyExample, git } from '../support/temp-repo.js';
import { forgeCacheFile } from '../support/cache-file.js';

const P95 = 'payments/faster-checkout/p95-latency';
const FILE = 'teams/payments/2026-Q4.yaml';

/** History through the commit index (the points cache removed first, so the index is what is read), and from git alone. */
async function histories(dir: string): Promise<{ indexed: History; alone: History }> {
  const repository = await requireRepository(quietEnvironment(dir), dir);
  rmSync(pointsOf(dir), { force: true });
  const indexed = await readHistory({ repository, maxBytes: 1 << 20 });
  const alone = await readHistory({ repository, maxBytes: 1 << 20, index: false });
  return { indexed, alone };
}

async function expectSameAsGit(dir: string): Promise<History> {
  const { indexed, alone } = await histories(dir);
  expect(indexed.commitCount).toBe(alone.commitCount);
  expect([...indexed.points.entries()]).toEqual([...alone.points.entries()]);
  return indexed;
}

const gitDirOf = (dir: string) => join(dir, '.git');
const indexOf = (dir: string) => indexPath(gitDirOf(dir));
const pointsOf = (dir: string) => cachePath(gitDirOf(dir), 'history-points');

function handEdit(dir: string, from: string, to: string, message: string): void {
  const file = join(dir, FILE);
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
  commitAll(dir, message);
}

/** Rewrites the index's body with `change` and gives it a matching checksum: an index that is valid, but says something else. */
function forgeIndex(dir: string, change: (body: string) => string, file = indexOf(dir)): void {
  forgeCacheFile(file, change);
}

const lastValue = (history: History, ref: string) => history.points.get(ref)?.at(-1)?.value;

/** Each command's output: cold (no caches), warm (both written at this HEAD), with a damaged points cache, with both damaged. */
async function sameOutputWithAndWithout(dir: string, commands: string[][]): Promise<void> {
  for (const argv of commands) {
    rmSync(indexOf(dir), { force: true });
    rmSync(pointsOf(dir), { force: true });
    const cold = await okrProcess(argv, { cwd: dir });
    expect(cold.code).toBe(0);
    await okrProcess(['stale'], { cwd: dir }); // writes both caches at this HEAD
    expect(existsSync(indexOf(dir)) && existsSync(pointsOf(dir))).toBe(true);
    const warm = await okrProcess(argv, { cwd: dir });
    expect(warm).toEqual(cold);
    writeFileSync(pointsOf(dir), 'garbage');
    expect(await okrProcess(argv, { cwd: dir })).toEqual(cold);
    writeFileSync(indexOf(dir), 'garbage');
    writeFileSync(pointsOf(dir), 'garbage');
    expect(await okrProcess(argv, { cwd: dir })).toEqual(cold);
  }
}

describe('history index', () => {
  it('gives what git alone gives: written, read back, after new commits, a merge, and a HEAD moved back', async () => {
    const dir = copyExample('acme', { repo: true });
    expect(existsSync(indexOf(dir))).toBe(false);
    await expectSameAsGit(dir);
    expect(existsSync(indexOf(dir))).toBe(true);
    await expectSameAsGit(dir); // read back at the same HEAD

    // New commits since the index: a check-in and a hand edit.
    expect((await okr(['checkin', `${P95}=420`, '-m', 'note'], { cwd: dir })).code).toBe(0);
    handEdit(dir, 'current: 420', 'current: 410', 'hand edit');
    expect(lastValue(await expectSameAsGit(dir), P95)).toBe(410);

    // A branch with a check-in merged back (its point is credited to the branch commit).
    git(dir, ['checkout', '-q', '-b', 'side']);
    expect((await okr(['checkin', `${P95}=380`, '-m', 'on a branch'], { cwd: dir })).code).toBe(0);
    git(dir, ['checkout', '-q', '-']);
    git(dir, ['commit', '-q', '--allow-empty', '-m', 'meanwhile']);
    git(dir, ['merge', '-q', '--no-ff', '-m', 'merge side', 'side']);
    const merged = await expectSameAsGit(dir);
    expect(merged.points.get(P95)?.at(-1)).toMatchObject({ value: 380, subject: expect.stringContaining('payments') });

    // A commit that touches no goal file, then HEAD moved back past the index's commit.
    git(dir, ['commit', '-q', '--allow-empty', '-m', 'nothing']);
    await expectSameAsGit(dir);
    git(dir, ['reset', '-q', '--hard', 'HEAD~3']);
    expect(lastValue(await expectSameAsGit(dir), P95)).toBe(410);
  });

  it('is used: what it says is what history says, and only new commits are read from git', async () => {
    const dir = copyExample('acme', { repo: true });
    expect((await okr(['checkin', `${P95}=420`, '-m', 'note'], { cwd: dir })).code).toBe(0);
    await expectSameAsGit(dir);
    // A forged (but well-formed) index: 420 becomes 777. History from HEAD takes it as it is...
    forgeIndex(dir, (body) => body.replace(/"metric",420,/g, '"metric",777,'));
    const repository = await requireRepository(quietEnvironment(dir), dir);
    rmSync(pointsOf(dir), { force: true });
    expect(lastValue(await readHistory({ repository, maxBytes: 1 << 20 }), P95)).toBe(777);
    // ...and keeps it after a new commit, which alone is read from git.
    handEdit(dir, 'current: 420', 'current: 400', 'hand edit');
    const after = await readHistory({ repository, maxBytes: 1 << 20 });
    expect(after.points.get(P95)?.map((p) => p.value).slice(-2)).toEqual([777, 400]);
  });

  it('is ignored and rebuilt when damaged: a flipped byte, a cut, garbage, an empty file', async () => {
    const dir = copyExample('acme', { repo: true });
    expect((await okr(['checkin', `${P95}=420`, '-m', 'note'], { cwd: dir })).code).toBe(0);
    await expectSameAsGit(dir);
    const good = readFileSync(indexOf(dir));
    const damaged: Buffer[] = [
      Buffer.from(good.toString('utf8').replace('"metric",420,', '"metric",777,')), // checksum no longer matches
      good.subarray(0, good.length - 100),
      good.subarray(0, good.indexOf(10)),
      Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0x7b, 0x22]),
      Buffer.alloc(0),
    ];
    for (const bytes of damaged) {
      writeFileSync(indexOf(dir), bytes);
      expect(lastValue(await expectSameAsGit(dir), P95)).toBe(420);
      expect(readFileSync(indexOf(dir)).equals(good)).toBe(true); // rebuilt as it was
    }
    // Well-formed JSON with a checksum that matches, but not an index: ignored as well.
    forgeIndex(dir, () => JSON.stringify({ rev: 'x', commits: [[1, 2, 3]] }));
    expect(lastValue(await expectSameAsGit(dir), P95)).toBe(420);
    forgeIndex(dir, (body) => body.replace(/"metric",420,/g, '"metric","420",'));
    expect(lastValue(await expectSameAsGit(dir), P95)).toBe(420);
  });

  it("one team's history that its folder's log cannot give (a merge) comes through the index, as the whole workspace's does", async () => {
    const dir = copyExample('acme', { repo: true });
    expect((await okr(['checkin', `${P95}=420`, '-m', 'note'], { cwd: dir })).code).toBe(0);
    git(dir, ['checkout', '-q', '-b', 'side']);
    expect((await okr(['checkin', `${P95}=380`, '-m', 'on a branch'], { cwd: dir })).code).toBe(0);
    git(dir, ['checkout', '-q', '-']);
    git(dir, ['commit', '-q', '--allow-empty', '-m', 'meanwhile']);
    git(dir, ['merge', '-q', '--no-ff', '-m', 'merge side', 'side']);
    const repository = await requireRepository(quietEnvironment(dir), dir);
    const payments = { repository, maxBytes: 1 << 20, teams: new Set(['payments']) };
    const alone = await readHistory({ ...payments, index: false });
    expect(existsSync(indexOf(dir))).toBe(false);
    expect((await readHistory(payments)).points.get(P95)).toEqual(alone.points.get(P95));
    expect(existsSync(indexOf(dir)) && existsSync(pointsOf(dir))).toBe(true); // written for the next question
    rmSync(pointsOf(dir));
    forgeIndex(dir, (body) => body.replace(/"metric",420,/g, '"metric",777,'));
    expect(alone.points.get(P95)?.map((p) => p.value)).toContain(420);
    expect((await readHistory(payments)).points.get(P95)?.map((p) => p.value)).toContain(777);
    // --as-of (until) at HEAD goes through the index as well; --at does not.
    expect((await readHistory({ ...payments, until: '2999-01-01' })).points.get(P95)?.map((p) => p.value)).toContain(777);
    expect((await readHistory({ ...payments, at: 'HEAD' })).points.get(P95)).toEqual(alone.points.get(P95));
  });

  it('written by another okr version, or for another workspace folder or file size limit: ignored', async () => {
    const dir = copyExample('acme', { repo: true });
    expect((await okr(['checkin', `${P95}=420`, '-m', 'note'], { cwd: dir })).code).toBe(0);
    await expectSameAsGit(dir);
    forgeIndex(dir, (body) => body.replace(/"metric",420,/g, '"metric",777,'));
    const forged = readFileSync(indexOf(dir), 'utf8');
    const newline = forged.indexOf('\n');
    const header = JSON.parse(forged.slice(0, newline)) as { key: string };
    const key = JSON.parse(header.key) as unknown[];
    for (const other of [['0.0.1', key[1], key[2], key[3]], [key[0], 'elsewhere/', key[2], key[3]], [key[0], key[1], 1, key[3]]]) {
      writeFileSync(indexOf(dir), `${JSON.stringify({ ...header, key: JSON.stringify(other) })}\n${forged.slice(newline + 1)}`);
      expect(lastValue(await expectSameAsGit(dir), P95)).toBe(420);
    }
  });

  it('the commands give the same output with and without it; outside git nothing is written', async () => {
    const dir = copyExample('acme', { repo: true });
    expect((await okr(['checkin', `${P95}=420`, '-m', 'note'], { cwd: dir })).code).toBe(0);
    await sameOutputWithAndWithout(dir, [['stale', '--json'], ['status', '--json'], ['log', '--json', '--since', '400d'], ['check', '--format', 'json']]);
    const outside = copyExample('acme');
    expect((await okrProcess(['check'], { cwd: outside })).code).toBe(0);
    expect(existsSync(join(outside, '.git'))).toBe(false);
  });

  it('one-team commands give the same output with and without it', async () => {
    const dir = copyExample('acme', { repo: true });
    expect((await okr(['checkin', `${P95}=420`, '-m', 'note'], { cwd: dir })).code).toBe(0);
    await sameOutputWithAndWithout(dir, [['history', P95, '--json'], ['history', 'payments/faster-checkout'], ['log', '--json', '--since', '400d', '--team', 'payments']]);
  });

  describe('points cache', () => {
    const someHistory = (): History => {
      const base = { commit: 'a'.repeat(40), date: '2026-01-02T10:00:00+01:00', authorName: 'Ann', authorEmail: 'ann@x.example', subject: 'Goals' };
      const moved: HistoryPoint[] = [
        { ...base, ref: 'old/o/k', value: 1, previous: undefined, confidence: undefined, unit: 'ms', note: undefined, source: undefined, via: 'edit' as const },
        { ...base, ref: 'new/o/k', value: -0, previous: 1, confidence: 0.5, unit: 'ms', note: 'why', source: 'm.json#/a', via: 'checkin' as const },
      ];
      const special: HistoryPoint[] = [
        { ...base, ref: 'a/o/k', value: Infinity, previous: undefined, confidence: NaN, unit: undefined, note: undefined, source: undefined, via: 'edit' as const },
        { ...base, commit: 'b'.repeat(40), ref: 'a/o/k', value: -Infinity, previous: Infinity, confidence: -0, unit: undefined, note: undefined, source: undefined, via: 'edit' as const },
        { ...base, ref: 'a/o/m', value: true, previous: false, confidence: 1, unit: undefined, note: undefined, source: undefined, via: 'checkin' as const },
      ];
      // A renamed team's key results share one list of points.
      return { points: new Map<string, HistoryPoint[]>([['old/o/k', moved], ['new/o/k', moved], ['a/o/k', special.slice(0, 2)], ['a/o/m', special.slice(2)]]), commitCount: 7 };
    };
    const KEY = { okr: '1', prefix: '', maxBytes: 100, shallow: [] };

    it('reads back what was written: shared lists, -0, infinities, NaN, booleans; only for its key and commit', async () => {
      const { readHistoryPoints, writeHistoryPoints } = await import('../../src/workspace/history-points.js');
      const dir = copyExample('acme', { repo: true });
      const history = someHistory();
      writeHistoryPoints(gitDirOf(dir), KEY, 'c1', history);
      const back = readHistoryPoints(gitDirOf(dir), KEY, 'c1')!;
      expect(back.commitCount).toBe(7);
      expect([...back.points.entries()]).toEqual([...history.points.entries()]);
      expect(back.points.get('old/o/k')).toBe(back.points.get('new/o/k'));
      expect(Object.is(back.points.get('new/o/k')![1]!.value, -0)).toBe(true);
      expect(Object.is(back.points.get('a/o/k')![1]!.confidence, -0)).toBe(true);
      expect(readHistoryPoints(gitDirOf(dir), KEY, 'c2')).toBeUndefined();
      for (const other of [{ ...KEY, okr: '2' }, { ...KEY, prefix: 'x/' }, { ...KEY, maxBytes: 99 }, { ...KEY, shallow: ['c0'] }])
        expect(readHistoryPoints(gitDirOf(dir), other, 'c1')).toBeUndefined();
      // A shallow clone's history (with its cut) is never written.
      rmSync(pointsOf(dir));
      writeHistoryPoints(gitDirOf(dir), KEY, 'c1', { ...history, cut: { commits: [], refs: new Map() } });
      expect(existsSync(pointsOf(dir))).toBe(false);
    });

    it('anything wrong in it reads as absent: damaged bytes, a wrong shape with a good checksum', async () => {
      const { readHistoryPoints, writeHistoryPoints } = await import('../../src/workspace/history-points.js');
      const dir = copyExample('acme', { repo: true });
      writeHistoryPoints(gitDirOf(dir), KEY, 'c1', someHistory());
      const good = readFileSync(pointsOf(dir), 'utf8');
      const damaged = [good.replace('"Ann"', '"Bob"'), good.slice(0, -10), good.slice(0, good.indexOf('\n')), 'garbage', ''];
      for (const text of damaged) {
        writeFileSync(pointsOf(dir), text);
        expect(readHistoryPoints(gitDirOf(dir), KEY, 'c1')).toBeUndefined();
      }
      const forged: ((body: string) => string)[] = [
        () => '[]',
        () => JSON.stringify({ commitCount: 1, strings: [], commits: [], lists: [], refs: [0, 0] }), // a ref string that is not there
        (b) => b.replace('"commitCount":7', '"commitCount":-1'),
        (b) => b.replace('"Infinity"', '"Infinite"'), // not a number's name
        (b) => b.replace('"-Infinity"', '"1"'), // a number as a string
        (b) => b.replace(/,1\]/, ',2]'), // a via that is neither
        (b) => b.replace(/"refs":\[(\d+),(\d+),/, '"refs":[$1,$2,$1,$2,'), // a ref twice
        (b) => b.replace(/"lists":\[\[/, '"lists":[[0,'), // a point cut short
      ];
      for (const change of forged) {
        writeFileSync(pointsOf(dir), good);
        forgeIndex(dir, change, pointsOf(dir));
        expect(readFileSync(pointsOf(dir), 'utf8')).not.toBe(good);
        expect(readHistoryPoints(gitDirOf(dir), KEY, 'c1')).toBeUndefined();
      }
    });

    it('is used at the same HEAD, by whole-workspace, one-team and windowed questions; never for --at or --as-of', async () => {
      const dir = copyExample('acme', { repo: true });
      expect((await okr(['checkin', `${P95}=420`, '-m', 'note'], { cwd: dir })).code).toBe(0);
      const repository = await requireRepository(quietEnvironment(dir), dir);
      const read = (more: object = {}) => readHistory({ repository, maxBytes: 1 << 20, ...more });
      expect(lastValue(await read(), P95)).toBe(420);
      expect(existsSync(pointsOf(dir))).toBe(true);
      // A forged (but well-formed) cache: what it says is what history says...
      forgeIndex(dir, (body) => body.replace(/,420,/g, ',777,'), pointsOf(dir));
      expect(lastValue(await read(), P95)).toBe(777);
      expect(lastValue(await read({ teams: new Set(['payments']) }), P95)).toBe(777);
      expect(lastValue(await read({ since: '2000-01-01' }), P95)).toBe(777);
      // ...but not for another revision or day, nor when the index is off...
      expect(lastValue(await read({ at: 'HEAD' }), P95)).toBe(420);
      expect(lastValue(await read({ until: '2999-01-01' }), P95)).toBe(420);
      expect(lastValue(await read({ index: false }), P95)).toBe(420);
      // ...nor once HEAD moved on: then it is rewritten for the new HEAD.
      handEdit(dir, 'current: 420', 'current: 400', 'hand edit');
      rmSync(indexOf(dir));
      expect(lastValue(await read(), P95)).toBe(400);
      const alone = await read({ index: false });
      expect([...(await read()).points.entries()]).toEqual([...alone.points.entries()]);
    });

    it('is not written in a shallow clone', async () => {
      const origin = copyExample('acme', { repo: true });
      expect((await okr(['checkin', `${P95}=420`, '-m', 'note'], { cwd: origin })).code).toBe(0);
      expect((await okr(['checkin', `${P95}=410`, '-m', 'note'], { cwd: origin })).code).toBe(0);
      const dir = `${origin}-shallow`;
      git(origin, ['clone', '-q', '--depth', '1', `file://${origin}`, dir]);
      const repository = await requireRepository(quietEnvironment(dir), dir);
      await readHistory({ repository, maxBytes: 1 << 20 });
      expect(existsSync(pointsOf(dir))).toBe(false);
    });
  });
});
