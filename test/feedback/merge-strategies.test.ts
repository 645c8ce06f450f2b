// Feedback given on a branch, then merged into main the ways git hosts merge (README: "Feedback and
// merge strategies"): a merge commit keeps every feedback commit as it was; a rebase keeps each
// message (new commit ids, the replies' check-ins unchanged when they were on main already); a
// squash folds the messages into one body, where they are no longer feedback. Real git throughout.
import { describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { git, tempDir } from '../support/temp-repo.js';
import { at, P95, paymentsRepo } from '../checkins/workspace.js';

const head = (dir: string) => git(dir, ['rev-parse', 'HEAD']).trim();
const okrOn = (day: string, argv: string[], cwd: string) => okr(argv, { cwd, vars: at(day) });
const listed = async (dir: string) =>
  JSON.parse((await okr(['feedback', P95, '--json'], { cwd: dir })).stdout).feedback as { commit: string; text: string; reply_to: string | null }[];

/**
 * main: the goals and a check-in of p95-latency; branch `review` (from there): a reply to that
 * check-in and a kudos; meanwhile main moves on with another check-in.
 */
async function branchWithFeedback() {
  const dir = paymentsRepo('2026-10-01');
  expect((await okrOn('2026-11-02', ['checkin', `${P95}=600`], dir)).code).toBe(0);
  const checkin = head(dir);
  git(dir, ['checkout', '-q', '-b', 'review']);
  expect((await okrOn('2026-11-03', ['feedback', P95, '--reply', checkin, '--kind', 'question', '-m', 'EU only?'], dir)).code).toBe(0);
  const reply = head(dir);
  expect((await okrOn('2026-11-04', ['feedback', P95, '--kind', 'kudos', '-m', 'Nice.'], dir)).code).toBe(0);
  const kudos = head(dir);
  git(dir, ['checkout', '-q', 'main']);
  expect((await okrOn('2026-11-05', ['checkin', `${P95}=560`], dir)).code).toBe(0);
  return { dir, checkin, reply, kudos };
}

describe('feedback on a branch, merged', () => {
  it('with a merge commit: every piece listed as it was, the reply under its check-in, values untouched', async () => {
    const { dir, checkin, reply, kudos } = await branchWithFeedback();
    git(dir, ['merge', '--no-ff', '-q', '-m', 'Merge branch review', 'review'], at('2026-11-06'));
    expect((await listed(dir)).map((f) => [f.commit, f.reply_to])).toEqual([
      [kudos, null],
      [reply, checkin],
    ]);
    const text = (await okr(['feedback', P95], { cwd: dir })).stdout;
    expect(text).toContain(`re check-in ${checkin.slice(0, 7)} by Test Author on 2026-11-02: checkin(payments): p95-latency 640 → 600 ms\n  2026-11-03  question`);
    const history = JSON.parse((await okr(['history', P95, '--json'], { cwd: dir })).stdout);
    expect(history.points.map((p: { value: number }) => p.value)).toEqual([640, 600, 560]);
    expect(JSON.parse((await okr(['show', P95, '--json'], { cwd: dir })).stdout).feedback).toHaveLength(2);
  });

  it('rebased onto main: new commits, the same feedback, the reply still under its check-in', async () => {
    const { dir, checkin, reply, kudos } = await branchWithFeedback();
    git(dir, ['checkout', '-q', 'review']);
    git(dir, ['rebase', '-q', 'main'], at('2026-11-06'));
    git(dir, ['checkout', '-q', 'main']);
    git(dir, ['merge', '--ff-only', '-q', 'review']);
    const after = await listed(dir);
    expect(after.map((f) => f.text)).toEqual(['Nice.', 'EU only?']);
    expect(after.map((f) => f.commit)).not.toContain(reply);
    expect(after.map((f) => f.commit)).not.toContain(kudos);
    expect(after[1]!.reply_to).toBe(checkin);
    expect((await okr(['feedback', P95], { cwd: dir })).stdout).toContain(`re check-in ${checkin.slice(0, 7)} by Test Author on 2026-11-02:`);
  });

  it('a reply to a check-in rebased with it points at the commit before the rebase: listed, and said so in a fresh clone', async () => {
    const dir = paymentsRepo('2026-10-01');
    git(dir, ['checkout', '-q', '-b', 'review']);
    expect((await okrOn('2026-11-02', ['checkin', `${P95}=600`], dir)).code).toBe(0);
    const checkin = head(dir);
    expect((await okrOn('2026-11-03', ['feedback', P95, '--reply', checkin, '-m', 'Why?'], dir)).code).toBe(0);
    git(dir, ['checkout', '-q', 'main']);
    git(dir, ['commit', '-q', '--allow-empty', '-m', 'elsewhere'], at('2026-11-04'));
    git(dir, ['checkout', '-q', 'review']);
    git(dir, ['rebase', '-q', 'main'], at('2026-11-05'));
    const clone = tempDir('okr-clone-');
    git(clone, ['clone', '-q', '--no-local', '--branch', 'review', dir, '.']); // only what is reachable travels
    const [feedback] = await listed(clone);
    expect(feedback).toMatchObject({ text: 'Why?', reply_to: checkin });
    expect((await okr(['feedback', P95], { cwd: clone })).stdout).toContain(`re ${checkin.slice(0, 7)}: not in this repository's history (rebased away, or not fetched)`);
  });

  it('squashed: one commit under another subject, which is not feedback (README says so)', async () => {
    const { dir } = await branchWithFeedback();
    git(dir, ['merge', '--squash', '-q', 'review']);
    git(dir, ['commit', '-q', '--allow-empty', '--no-edit'], at('2026-11-06'));
    expect(git(dir, ['log', '-1', '--format=%s'])).toMatch(/^Squashed commit of the following/);
    expect(await listed(dir)).toEqual([]);
  });
});
