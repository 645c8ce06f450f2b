// okr log --since asks git for the window only (git log --since): the check-ins it lists, with their
// previous values, must be exactly those the whole history gives.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistory } from '../../src/app/goal-history.js';
import { requireRepository } from '../../src/git/repository.js';
import { dayOf, type History } from '../../src/model/history.js';
import { okr, quietEnvironment } from '../support/run-cli.js';
import { commitAll, copyExample, git, makeRepo, tempDir } from '../support/temp-repo.js';

const P95 = 'payments/faster-checkout/p95-latency';
const FILE = 'teams/payments/2026-Q4.yaml';
const at = (day: string) => ({ GIT_AUTHOR_DATE: `${day}T10:00:00+00:00`, GIT_COMMITTER_DATE: `${day}T10:00:00+00:00` });

function edit(dir: string, value: number, day: string): void {
  const file = join(dir, FILE);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/(p95-latency[\s\S]*?current: )\d+/, `$1${value}`));
  commitAll(dir, `p95 ${value}`, at(day));
}

/** The points okr log lists: from `since` on, and not the one that added a key result. */
function listed(history: History, since: string): unknown[] {
  return [...history.points.entries()].flatMap(([ref, points]) => points.filter((p) => p.ref === ref && p.previous !== undefined && dayOf(p.date) >= since));
}

async function repoWithHistory(): Promise<string> {
  const dir = copyExample('acme', { repo: true });
  git(dir, ['commit', '-q', '--amend', '--no-edit', '--date', '2026-08-01T10:00:00+00:00'], at('2026-08-01'));
  edit(dir, 700, '2026-09-01');
  edit(dir, 650, '2026-10-01');
  edit(dir, 600, '2026-11-01');
  const checkin = await okr(['checkin', `${P95}=560`, '-m', 'in the window'], { cwd: dir, vars: at('2026-11-10') });
  expect(checkin.code).toBe(0);
  edit(dir, 540, '2026-11-20');
  return dir;
}

describe('okr log --since reads a window of history', () => {
  it('lists what the whole history lists, previous values included, from fewer commits', async () => {
    const dir = await repoWithHistory();
    const repository = await requireRepository(quietEnvironment(dir), dir);
    const whole = await readHistory({ repository, maxBytes: 1 << 20, index: false });
    for (const since of ['2026-11-05', '2026-11-10', '2026-11-11', '2026-10-01', '2026-07-01']) {
      const window = await readHistory({ repository, maxBytes: 1 << 20, since });
      expect(listed(window, since)).toEqual(listed(whole, since));
    }
    const narrow = await readHistory({ repository, maxBytes: 1 << 20, since: '2026-11-05' });
    expect(narrow.commitCount).toBeLessThan(whole.commitCount); // git was asked for the window only
    expect(listed(narrow, '2026-11-05')).toHaveLength(2);
    const out = await okr(['log', '--json', '--since', '2026-11-05'], { cwd: dir });
    expect(out.code).toBe(0);
    const entries = (JSON.parse(out.stdout) as { checkins: { ref: string; value: unknown; previous: unknown }[] }).checkins;
    expect(entries.map((e) => [e.ref, e.value, e.previous])).toEqual([
      [P95, 540, 560],
      [P95, 560, 600],
    ]);
  });

  it('reads the first change of each file in the window from its version before: value edits, other edits, a renamed team', async () => {
    const dir = await repoWithHistory();
    const SRE = join(dir, 'teams/sre/2026-Q4.yaml');
    const sre = (change: (text: string) => string, day: string, message: string) => {
      writeFileSync(SRE, change(readFileSync(SRE, 'utf8')));
      commitAll(dir, message, at(day));
    };
    sre((t) => t.replace('current: 17', 'current: 18'), '2026-11-21', 'sre before the window');
    // The first change in the window is not a value edit alone: a title and a value on another line.
    sre((t) => t.replace(/title: .*/, 'title: Retitled in the window').replace('current: 14', 'current: 15'), '2026-11-23', 'sre retitled');
    sre((t) => t.replace('current: 18', 'current: 19'), '2026-11-24', 'sre value');
    git(dir, ['mv', 'teams/checkout', 'teams/checkout-renamed']);
    commitAll(dir, 'rename checkout', at('2026-11-25'));
    const CHECKOUT = join(dir, 'teams/checkout-renamed/2026-Q4.yaml');
    writeFileSync(CHECKOUT, readFileSync(CHECKOUT, 'utf8').replace(/current: \d+/, 'current: 1'));
    commitAll(dir, 'checkout value after the rename', at('2026-11-26'));
    const repository = await requireRepository(quietEnvironment(dir), dir);
    const whole = await readHistory({ repository, maxBytes: 1 << 20, index: false });
    for (const since of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-22']) {
      const window = await readHistory({ repository, maxBytes: 1 << 20, since });
      expect(window.commitCount).toBeLessThan(whole.commitCount);
      expect(listed(window, since)).toEqual(listed(whole, since));
    }
    expect(listed(whole, '2026-11-23')).toHaveLength(3); // two sre values, one of the renamed team
  });

  it.each([
    ['one commit', ['2026-11-02']],
    ['a run of commits (a series rebased with its old dates)', ['2026-11-02', '2026-11-03', '2026-11-03', '2026-11-04']],
    ['the newest commit itself (nothing else in the window)', []],
  ])('finds the check-ins behind %s whose committer date goes back before the window', async (_name, skewed) => {
    const dir = await repoWithHistory(); // ... 2026-11-10: 560, 2026-11-20: 540
    edit(dir, 530, '2026-11-21');
    // Commits dated weeks back on top of it (git log --since stops walking at the first one).
    skewed.forEach((day, i) => edit(dir, 529 - i, day));
    if (skewed.length > 0) edit(dir, 520, '2026-11-24');
    else {
      writeFileSync(join(dir, 'README.md'), 'notes\n');
      commitAll(dir, 'notes, committed with a clock weeks behind', at('2026-11-01'));
    }
    const repository = await requireRepository(quietEnvironment(dir), dir);
    const whole = await readHistory({ repository, maxBytes: 1 << 20, index: false });
    for (const since of ['2026-11-15', '2026-11-21', '2026-11-05']) {
      const window = await readHistory({ repository, maxBytes: 1 << 20, index: false, since });
      expect(listed(window, since)).toEqual(listed(whole, since));
    }
    expect(listed(whole, '2026-11-15').map((p) => (p as { value: number }).value)).toEqual(skewed.length > 0 ? [540, 530, 520] : [540, 530]);
    const out = await okr(['log', '--json', '--since', '2026-11-15'], { cwd: dir });
    const values = (JSON.parse(out.stdout) as { checkins: { value: number }[] }).checkins.map((c) => c.value);
    expect(values).toEqual(skewed.length > 0 ? [520, 530, 540] : [530, 540]);
  });

  it('a window with dates in order still reads the window alone', async () => {
    const dir = await repoWithHistory();
    writeFileSync(join(dir, 'README.md'), 'notes\n');
    commitAll(dir, 'notes', at('2026-11-22'));
    const repository = await requireRepository(quietEnvironment(dir), dir);
    const whole = await readHistory({ repository, maxBytes: 1 << 20, index: false });
    for (const since of ['2026-11-15', '2026-11-21']) {
      const window = await readHistory({ repository, maxBytes: 1 << 20, index: false, since });
      expect(window.commitCount).toBeLessThan(whole.commitCount);
      expect(listed(window, since)).toEqual(listed(whole, since));
    }
  });

  it('walks every commit of the window in a repository of goals alone, and tests each for teams/ where other things sit beside them', async () => {
    const dir = await repoWithHistory();
    const trace = join(tempDir(), 'trace');
    const logged = async () => {
      rmSync(trace, { force: true });
      rmSync(join(dir, '.git', 'okr'), { recursive: true, force: true });
      const out = await okr(['log', '--json', '--since', '2026-11-05'], { cwd: dir, vars: { GIT_TRACE: trace } });
      expect(out.code).toBe(0);
      const walk = readFileSync(trace, 'utf8').includes('--relative=teams/') ? 'every commit' : 'teams/ only';
      return { walk, checkins: JSON.parse(out.stdout) as unknown };
    };
    // acme's top holds metrics/ beside okr.yaml and teams/: git tests each commit for teams/.
    const beside = await logged();
    expect(beside.walk).toBe('teams/ only');
    git(dir, ['rm', '-r', '-q', 'metrics']);
    writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
    commitAll(dir, 'goals alone', at('2026-11-21'));
    const alone = await logged();
    expect(alone.walk).toBe('every commit');
    expect(alone.checkins).toEqual(beside.checkins);
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'app.ts'), 'code\n');
    commitAll(dir, 'code beside the goals', at('2026-11-22'));
    expect((await logged()).walk).toBe('teams/ only');
  });

  it('in a repository with no commit yet, lists no check-in', async () => {
    const dir = makeRepo();
    writeFileSync(join(dir, 'okr.yaml'), readFileSync(join(copyExample('acme'), 'okr.yaml')));
    const out = await okr(['log', '--since', '30d'], { cwd: dir });
    expect(out.code).toBe(0);
  });

  it('across a merge, reads the whole history (a merged value is credited to its branch commit)', async () => {
    const dir = await repoWithHistory();
    git(dir, ['checkout', '-q', '-b', 'side', 'HEAD~2'], at('2026-11-21'));
    edit(dir, 500, '2026-10-15'); // authored before the window, merged in it
    git(dir, ['checkout', '-q', '-']);
    git(dir, ['merge', '-q', '--no-ff', '-X', 'theirs', '-m', 'merge side', 'side'], at('2026-11-22'));
    const repository = await requireRepository(quietEnvironment(dir), dir);
    const whole = await readHistory({ repository, maxBytes: 1 << 20, index: false });
    const window = await readHistory({ repository, maxBytes: 1 << 20, since: '2026-11-05' });
    expect(window.commitCount).toBe(whole.commitCount);
    expect(listed(window, '2026-11-05')).toEqual(listed(whole, '2026-11-05'));
  });
});
