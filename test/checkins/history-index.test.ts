// The history index (.git/okr/history-index): a cache of the commits history has read, so the next
// run reads only the commits made since. It must give exactly what reading git alone gives, after
// new commits, merges and a HEAD moved back; and it is never trusted when it is damaged or was
// written by another okr.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistory } from '../../src/app/goal-history.js';
import { requireRepository } from '../../src/git/repository.js';
import type { History } from '../../src/model/history.js';
import { indexPath } from '../../src/workspace/history-index.js';
import { okr, okrProcess, quietEnvironment } from '../support/run-cli.js';
import { commitAll, copyExample, git } from '../support/temp-repo.js';

const P95 = 'payments/faster-checkout/p95-latency';
const FILE = 'teams/payments/2026-Q4.yaml';

async function histories(dir: string): Promise<{ indexed: History; alone: History }> {
  const repository = await requireRepository(quietEnvironment(dir), dir);
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

function handEdit(dir: string, from: string, to: string, message: string): void {
  const file = join(dir, FILE);
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
  commitAll(dir, message);
}

/** Rewrites the index's body with `change` and gives it a matching checksum: an index that is valid, but says something else. */
function forgeIndex(dir: string, change: (body: string) => string): void {
  const bytes = readFileSync(indexOf(dir), 'utf8');
  const newline = bytes.indexOf('\n');
  const header = JSON.parse(bytes.slice(0, newline)) as { sha256: string };
  const body = change(bytes.slice(newline + 1));
  header.sha256 = createHash('sha256').update(body).digest('hex');
  writeFileSync(indexOf(dir), `${JSON.stringify(header)}\n${body}`);
}

const lastValue = (history: History, ref: string) => history.points.get(ref)?.at(-1)?.value;

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
    for (const argv of [['stale', '--json'], ['status', '--json'], ['log', '--json', '--since', '400d'], ['check', '--format', 'json']]) {
      const cold = await okrProcess(argv, { cwd: dir });
      expect(existsSync(indexOf(dir))).toBe(true);
      const warm = await okrProcess(argv, { cwd: dir });
      expect(warm).toEqual(cold);
      writeFileSync(indexOf(dir), 'garbage');
      expect(await okrProcess(argv, { cwd: dir })).toEqual(cold);
    }
    const outside = copyExample('acme');
    expect((await okrProcess(['check'], { cwd: outside })).code).toBe(0);
    expect(existsSync(join(outside, '.git'))).toBe(false);
  });
});
