// One team's history (okr history REF, show, log --team) reads the log of the team's folder alone,
// following renames into it: it must be exactly what the log of all teams gives for that team.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistory } from '../../src/app/goal-history.js';
import { requireRepository } from '../../src/git/repository.js';
import type { History } from '../../src/model/history.js';
import { okr, quietEnvironment } from '../support/run-cli.js';
import { commitAll, copyExample, git } from '../support/temp-repo.js';

function edit(dir: string, file: string, value: number, message = `p95 ${value}`): void {
  const path = join(dir, file);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/(p95-latency[\s\S]*?current: )\d+/, `$1${value}`));
  commitAll(dir, message);
}

const pointsOf = (history: History, team: string) => [...history.points.entries()].filter(([ref]) => ref.startsWith(`${team}/`)).sort(([a], [b]) => (a < b ? -1 : 1));

/** Whether one team's history came from its folder's log (fewer commits) rather than the log of all teams. */
let narrowed = false;

async function expectSameAsAllTeams(dir: string, team: string): Promise<History> {
  const repository = await requireRepository(quietEnvironment(dir), dir);
  const all = await readHistory({ repository, maxBytes: 1 << 20, index: false });
  const one = await readHistory({ repository, maxBytes: 1 << 20, teams: new Set([team]) });
  expect(pointsOf(one, team)).toEqual(pointsOf(all, team));
  // With the rename guessed and the old folder's log started early (okr history REF): the same.
  const guessed = await readHistory({ repository, maxBytes: 1 << 20, teams: new Set([team]), guessRenames: true });
  expect(pointsOf(guessed, team)).toEqual(pointsOf(all, team));
  expect(guessed.commitCount).toBe(one.commitCount);
  expect(pointsOf(one, team).length).toBeGreaterThan(0);
  narrowed = one.commitCount < all.commitCount;
  return one;
}

/** acme with p95 checked in, then the payments folder renamed to `money`, then checked in again. */
async function renamedTeam(): Promise<string> {
  const dir = copyExample('acme', { repo: true });
  edit(dir, 'teams/payments/2026-Q4.yaml', 600);
  expect((await okr(['checkin', 'payments/faster-checkout/p95-latency=550', '-m', 'before the rename'], { cwd: dir })).code).toBe(0);
  renameSync(join(dir, 'teams/payments'), join(dir, 'teams/money'));
  commitAll(dir, 'payments is now money');
  expect((await okr(['checkin', 'money/faster-checkout/p95-latency=500', '-m', 'after'], { cwd: dir })).code).toBe(0);
  edit(dir, 'teams/money/2026-Q4.yaml', 480);
  writeFileSync(join(dir, 'teams/sre/2026-Q4.yaml'), readFileSync(join(dir, 'teams/sre/2026-Q4.yaml'), 'utf8').replace(/current: (\d+)/, 'current: 1$1'));
  commitAll(dir, 'another team');
  return dir;
}

describe("one team's history", () => {
  it('follows a renamed team folder: the points from before the rename too', async () => {
    const dir = await renamedTeam();
    const one = await expectSameAsAllTeams(dir, 'money');
    expect(narrowed).toBe(true);
    expect(one.points.get('money/faster-checkout/p95-latency')?.map((p) => p.value)).toEqual(expect.arrayContaining([600, 550, 500, 480]));
    const out = await okr(['history', 'money/faster-checkout/p95-latency', '--json'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('before the rename');
  });

  it('okr history REF guesses the rename and starts the old folder\'s log once, from before the rename', async () => {
    const dir = await renamedTeam();
    const rename = git(dir, ['log', '--format=%H', '--grep=payments is now money']).trim();
    const trace = join(dir, '.git', 'trace.json');
    const out = await okr(['history', 'money/faster-checkout/p95-latency'], { cwd: dir, vars: { GIT_TRACE2_EVENT: trace } });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('before the rename');
    const started = readFileSync(trace, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event: string; argv?: string[] })
      .filter((e) => e.event === 'start')
      .map((e) => e.argv!);
    expect(started.some((argv) => argv.includes('rev-list') && argv.includes('--first-parent'))).toBe(true);
    const oldLogs = started.filter((argv) => argv.includes('log') && argv.at(-1) === 'teams/payments/');
    expect(oldLogs).toHaveLength(1);
    expect(oldLogs[0]).toContain(`${rename}^`);
  });

  it('a folder renamed twice, and a team never renamed', async () => {
    const dir = await renamedTeam();
    renameSync(join(dir, 'teams/money'), join(dir, 'teams/coin'));
    commitAll(dir, 'money is now coin');
    edit(dir, 'teams/coin/2026-Q4.yaml', 470);
    await expectSameAsAllTeams(dir, 'coin');
    expect(narrowed).toBe(true);
    await expectSameAsAllTeams(dir, 'checkout');
    expect(narrowed).toBe(true);
  });

  it('where the logs of single folders would not do (merges; a file moved into a team that has history): the log of all teams', async () => {
    const dir = await renamedTeam();
    // A cycle file of another team moved into money's folder, which has history of its own.
    mkdirSync(join(dir, 'teams/money'), { recursive: true });
    const moved = readFileSync(join(dir, 'teams/sre/2026-Q4.yaml'), 'utf8');
    writeFileSync(join(dir, 'teams/money/2026-H2.yaml'), moved.replace(/id: /, 'id: moved-'));
    git(dir, ['rm', '-q', 'teams/sre/2026-Q4.yaml']);
    commitAll(dir, 'sre goals move to money');
    await expectSameAsAllTeams(dir, 'money');
    expect(narrowed).toBe(false);
    // A merged branch with a check-in.
    git(dir, ['checkout', '-q', '-b', 'side']);
    edit(dir, 'teams/money/2026-Q4.yaml', 450, 'on a branch');
    edit(dir, 'teams/money/2026-Q4.yaml', 440, 'on a branch again');
    git(dir, ['checkout', '-q', '-']);
    git(dir, ['commit', '-q', '--allow-empty', '-m', 'meanwhile']);
    git(dir, ['merge', '-q', '--no-ff', '-m', 'merge side', 'side']);
    const merged = await expectSameAsAllTeams(dir, 'money');
    expect(narrowed).toBe(false);
    expect(merged.points.get('money/faster-checkout/p95-latency')?.at(-1)).toMatchObject({ value: 440, subject: 'on a branch again' });
  });

  it('a folder deleted and then renamed into again: the guessed rename (the newest) is not the one the logs need', async () => {
    const dir = await renamedTeam();
    git(dir, ['rm', '-q', '-r', 'teams/money']);
    commitAll(dir, 'money is gone');
    renameSync(join(dir, 'teams/sre'), join(dir, 'teams/money'));
    commitAll(dir, 'sre is the new money');
    writeFileSync(join(dir, 'teams/money/2026-Q4.yaml'), readFileSync(join(dir, 'teams/money/2026-Q4.yaml'), 'utf8').replace(/current: (\d+)/, 'current: 2$1'));
    commitAll(dir, 'the new money checks in');
    const one = await expectSameAsAllTeams(dir, 'money');
    expect(narrowed).toBe(false);
    expect([...one.points.keys()].some((ref) => ref.startsWith('money/'))).toBe(true);
  });
});
