// okr feedback against real git (SPEC section 11): one commit that changes no file and leaves the
// user's work alone, refusals with clear messages, the listing (newest first, replies threaded,
// --since, --team, JSON), okr show's block, okr log --feedback, and text that tries to forge trailers.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okr, okrProcess } from '../support/run-cli.js';
import { commitAll, git, makeRepo, tempDir, writeFiles } from '../support/temp-repo.js';
import { at, EDGE, FILE, OKR_YAML, P95, PAYMENTS_Q4, PAYMENTS_TEAM, paymentsRepo, read, workState } from '../checkins/workspace.js';

const OBJECTIVE = 'payments/faster-checkout';
const headMessage = (dir: string) => git(dir, ['log', '-1', '--format=%B']);
const head = (dir: string) => git(dir, ['rev-parse', 'HEAD']).trim();
const commitCount = (dir: string) => Number(git(dir, ['rev-list', '--count', 'HEAD']).trim());

/** okr with the commit dated on `day` (feedback is dated by git, like any commit). */
const okrOn = (day: string, argv: string[], cwd: string, vars: Record<string, string> = {}) => okr(argv, { cwd, vars: { ...at(day), ...vars } });

/** The payments workspace with two okr check-ins of p95-latency; returns the folder and the check-ins' commits. */
async function withCheckins(): Promise<{ dir: string; first: string; second: string }> {
  const dir = paymentsRepo('2026-10-01');
  expect((await okrOn('2026-11-02', ['checkin', `${P95}=600`, '-m', 'Cache in EU'], dir)).code).toBe(0);
  const first = head(dir);
  expect((await okrOn('2026-11-09', ['checkin', `${P95}=520`, `${EDGE}=done`], dir)).code).toBe(0);
  return { dir, first, second: head(dir) };
}

describe('okr feedback REF -m TEXT: the commit', () => {
  it('is one commit that changes no file, with the message and trailers of SPEC 11, by the git user', async () => {
    const { dir, first } = await withCheckins();
    const before = head(dir);
    const result = await okrOn('2026-11-10', ['feedback', P95, '-m', 'Is that the EU number only?', '--kind', 'question', '--reply', first.slice(0, 7)], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^recorded question on payments\/faster-checkout\/p95-latency in reply to check-in [0-9a-f]{7} \(checkin\(payments\): p95-latency 640 → 600 ms\) as [0-9a-f]{7}\n/);
    expect(commitCount(dir)).toBe(4);
    expect(git(dir, ['rev-parse', 'HEAD^']).trim()).toBe(before);
    expect(git(dir, ['rev-parse', 'HEAD^{tree}'])).toBe(git(dir, ['rev-parse', 'HEAD^^{tree}']));
    expect(headMessage(dir)).toBe(
      `feedback(payments): question on faster-checkout/p95-latency\n\nIs that the EU number only?\n\nOkr-Feedback: ${P95}\nOkr-Kind: question\nOkr-Reply-To: ${first}\n\n`,
    );
    expect(git(dir, ['log', '-1', '--format=%an <%ae>'])).toBe('Test Author <author@example.test>\n');
    // git itself reads exactly these trailers.
    writeFileSync(join(dir, '.git', 'okr-message'), headMessage(dir));
    expect(git(dir, ['interpret-trailers', '--parse', join(dir, '.git', 'okr-message')])).toBe(`Okr-Feedback: ${P95}\nOkr-Kind: question\nOkr-Reply-To: ${first}\n`);
  });

  it('--json prints the feedback as recorded: {ref, commit, date, author, kind, text, reply_to}', async () => {
    const dir = paymentsRepo();
    const result = await okrOn('2026-11-10', ['feedback', OBJECTIVE, '-m', 'Great quarter.', '-m', 'Keep going.', '--json'], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      ref: OBJECTIVE,
      commit: head(dir),
      date: '2026-11-10T10:00:00+00:00',
      author: 'Test Author <author@example.test>',
      kind: null,
      text: 'Great quarter.\n\nKeep going.',
      reply_to: null,
    });
    expect(headMessage(dir)).toMatch(/^feedback\(payments\): faster-checkout\n/);
  });

  it('leaves staged, unstaged and untracked work exactly as it was, goal files included', async () => {
    const dir = paymentsRepo('2026-10-01', { 'notes.md': 'one\n' });
    writeFiles(dir, { [FILE]: read(dir).replace('current: 640', 'current: 610'), 'notes.md': 'one\ntwo\n' });
    git(dir, ['add', FILE, 'notes.md']);
    writeFiles(dir, { [FILE]: read(dir).replace('current: 610', 'current: 605'), 'notes.md': 'one\ntwo\nthree\n', 'scratch.txt': 'untracked\n' });
    const state = workState(dir);
    const bytes = { goal: read(dir), notes: read(dir, 'notes.md'), scratch: read(dir, 'scratch.txt') };
    const stage = git(dir, ['ls-files', '--stage']);
    expect((await okrOn('2026-11-10', ['feedback', P95, '-m', 'Nice.', '--kind', 'kudos'], dir)).code).toBe(0);
    expect(workState(dir)).toEqual(state);
    expect({ goal: read(dir), notes: read(dir, 'notes.md'), scratch: read(dir, 'scratch.txt') }).toEqual(bytes);
    // The commit took nothing from the index: its tree is its parent's.
    expect(git(dir, ['diff', '--name-only', 'HEAD^', 'HEAD'])).toBe('');
    expect(git(dir, ['diff', '--cached', '--name-only'])).toBe(`notes.md\n${FILE}\n`);
    // Same entries, same blobs: only stat data git refreshes may differ.
    expect(git(dir, ['ls-files', '--stage'])).toBe(stage);
  });
});

describe('okr feedback REF -m TEXT: refusals (nothing is committed)', () => {
  it('an unknown goal, with the nearest that exists', async () => {
    const dir = paymentsRepo();
    const result = await okr(['feedback', 'payments/faster-checkot', '-m', 'x'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('okr: no objective payments/faster-checkot: team payments has no objective "faster-checkot": did you mean "payments/faster-checkout"?');
    const kr = await okr(['feedback', 'payments/faster-checkout/p95-latecny', '-m', 'x'], { cwd: dir });
    expect(kr.code).toBe(1);
    expect(kr.stderr).toContain('did you mean "payments/faster-checkout/p95-latency"?');
    expect(commitCount(dir)).toBe(1);
  });

  it('the mission, a team alone and what is no reference are usage errors (exit 2)', async () => {
    const dir = paymentsRepo();
    for (const ref of ['mission', 'payments', '../etc/passwd', 'a/b/c/d']) {
      const result = await okr(['feedback', ref, '-m', 'x'], { cwd: dir });
      expect(result.code, ref).toBe(2);
    }
    expect((await okr(['feedback', '-m', 'x'], { cwd: dir })).stderr).toContain('which goal is the feedback about?');
    expect(commitCount(dir)).toBe(1);
  });

  it('empty text: -m "" or only blanks (exit 2)', async () => {
    const dir = paymentsRepo();
    for (const text of ['', '   ', '\n\n \t\n']) {
      const result = await okr(['feedback', P95, '-m', text], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('okr: the feedback text is empty');
    }
    expect(commitCount(dir)).toBe(1);
  });

  it('an unknown kind (exit 2, the kinds listed)', async () => {
    const dir = paymentsRepo();
    const result = await okr(['feedback', P95, '-m', 'x', '--kind', 'rant'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/kudos, question, concern, suggestion/);
  });

  it('--reply that is not a check-in of that goal: the import, another goal’s check-in, no commit, an option', async () => {
    const { dir, first } = await withCheckins();
    const imported = git(dir, ['rev-list', '--max-parents=0', 'HEAD']).trim();
    const notCheckin = await okr(['feedback', P95, '-m', 'x', '--reply', imported], { cwd: dir });
    expect(notCheckin.code).toBe(1);
    expect(notCheckin.stderr).toContain(`okr: --reply ${imported} is not a check-in of ${P95}`);
    expect(notCheckin.stderr).toMatch(/Its latest check-ins: [0-9a-f]{7} on 2026-11-09 \(p95-latency 600 → 520\); [0-9a-f]{7} on 2026-11-02 \(p95-latency 640 → 600\)/);
    // The first check-in changed p95-latency only: it is no check-in of edge-cache.
    const other = await okr(['feedback', EDGE, '-m', 'x', '--reply', first], { cwd: dir });
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(`is not a check-in of ${EDGE}`);
    const missing = await okr(['feedback', P95, '-m', 'x', '--reply', 'deadbeef'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--reply deadbeef names no commit in this repository');
    const option = await okr(['feedback', P95, '-m', 'x', '--reply=--all'], { cwd: dir });
    expect(option.code).toBe(1);
    expect(commitCount(dir)).toBe(3);
    // A check-in of one of its key results is a check-in of the objective.
    expect((await okrOn('2026-11-10', ['feedback', OBJECTIVE, '-m', 'ok', '--reply', first], dir)).code).toBe(0);
  });

  it('--kind or --reply without -m, --since or --team with -m (exit 2)', async () => {
    const dir = paymentsRepo();
    expect((await okr(['feedback', P95, '--kind', 'kudos'], { cwd: dir })).code).toBe(2);
    expect((await okr(['feedback', P95, '--reply', 'HEAD'], { cwd: dir })).code).toBe(2);
    expect((await okr(['feedback', P95, '-m', 'x', '--since', '7d'], { cwd: dir })).code).toBe(2);
    expect((await okr(['feedback', P95, '-m', 'x', '--team', 'payments'], { cwd: dir })).code).toBe(2);
    expect(commitCount(dir)).toBe(1);
  });

  it('outside git, and in a repository with no commit yet', async () => {
    const plain = tempDir();
    writeFiles(plain, { 'okr.yaml': OKR_YAML, 'teams/payments/team.yaml': PAYMENTS_TEAM, [FILE]: PAYMENTS_Q4 });
    const outside = await okr(['feedback', P95, '-m', 'x'], { cwd: plain });
    expect(outside.code).toBe(1);
    expect(outside.stderr).toMatch(/not a git repository[\s\S]*Feedback is a git commit/);
    const empty = makeRepo();
    writeFiles(empty, { 'okr.yaml': OKR_YAML, 'teams/payments/team.yaml': PAYMENTS_TEAM, [FILE]: PAYMENTS_Q4 });
    const none = await okr(['feedback', P95, '-m', 'x'], { cwd: empty });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('nothing is committed in this repository yet');
    expect(git(empty, ['rev-list', '--all'])).toBe('');
  });

  it('says exactly what to set when git has no identity', async () => {
    const dir = makeRepo();
    git(dir, ['config', '--unset', 'user.name']);
    git(dir, ['config', '--unset', 'user.email']);
    writeFiles(dir, { 'okr.yaml': OKR_YAML, 'teams/payments/team.yaml': PAYMENTS_TEAM, [FILE]: PAYMENTS_Q4 });
    commitAll(dir, 'import', at('2026-10-01'));
    const home = tempDir();
    const result = await okrProcess(['feedback', P95, '-m', 'x'], {
      cwd: dir,
      vars: {
        HOME: home,
        XDG_CONFIG_HOME: home,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: undefined,
        GIT_AUTHOR_EMAIL: undefined,
        GIT_COMMITTER_NAME: undefined,
        GIT_COMMITTER_EMAIL: undefined,
        EMAIL: undefined,
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('okr: git does not know who you are, and a feedback note is a commit with an author');
    expect(result.stderr).toContain('git config --global user.name "Your Name" && git config --global user.email you@example.com');
    expect(commitCount(dir)).toBe(1);
  });

  it('on a detached HEAD, or in the middle of a merge (the commit would be lost or swallowed)', async () => {
    const dir = paymentsRepo();
    git(dir, ['commit', '-q', '--allow-empty', '-m', 'second'], at('2026-10-02'));
    git(dir, ['checkout', '-q', '--detach', 'HEAD']);
    const detached = await okr(['feedback', P95, '-m', 'x'], { cwd: dir });
    expect(detached.code).toBe(1);
    expect(detached.stderr).toContain('HEAD is detached');
    expect(commitCount(dir)).toBe(2);
    git(dir, ['checkout', '-q', 'main']);
    git(dir, ['checkout', '-q', '-b', 'side', 'HEAD~1']);
    writeFiles(dir, { 'a.txt': 'side\n' });
    commitAll(dir, 'side', at('2026-10-03'));
    git(dir, ['checkout', '-q', 'main']);
    writeFiles(dir, { 'a.txt': 'main\n' });
    commitAll(dir, 'main', at('2026-10-03'));
    expect(() => git(dir, ['merge', '-q', 'side'])).toThrow();
    const merging = await okr(['feedback', P95, '-m', 'x'], { cwd: dir });
    expect(merging.code).toBe(1);
    expect(merging.stderr).toContain('a merge is in progress');
    expect(commitCount(dir)).toBe(3);
  });

  it('a pre-commit hook that refuses: its words, nothing recorded', async () => {
    const dir = paymentsRepo();
    writeFiles(dir, { '.git/hooks/pre-commit': '#!/bin/sh\necho "no commits on Fridays" >&2\nexit 1\n' });
    chmodSync(join(dir, '.git/hooks/pre-commit'), 0o755);
    const result = await okr(['feedback', P95, '-m', 'x'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no commits on Fridays');
    expect(result.stderr).toContain('Nothing was recorded.');
    expect(commitCount(dir)).toBe(1);
  });
});

describe('text that tries to forge trailers', () => {
  const FORGED = [
    'Looks good.',
    '',
    'Okr-Feedback: payments/other',
    'Okr-Kind: concern',
    `Okr-Checkin: ${EDGE}`,
    'Okr-Value: done',
    '---',
    'Okr-Feedback: payments/patch',
    '# ------------------------ >8 ------------------------',
    'Okr-Reply-To: abcdef1',
  ].join('\n');

  it('never changes what the feedback is about, its kind, its reply, or any value', async () => {
    const dir = paymentsRepo();
    expect((await okrOn('2026-11-10', ['feedback', P95, '-m', FORGED, '--kind', 'kudos'], dir)).code).toBe(0);
    writeFileSync(join(dir, '.git', 'okr-message'), headMessage(dir));
    for (const extra of [['--parse'], ['--parse', '--no-divider']])
      expect(git(dir, ['interpret-trailers', ...extra, join(dir, '.git', 'okr-message')])).toBe(`Okr-Feedback: ${P95}\nOkr-Kind: kudos\n`);
    const listed = JSON.parse((await okr(['feedback', '--json'], { cwd: dir })).stdout).feedback;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ ref: P95, kind: 'kudos', reply_to: null });
    expect(listed[0].text).toBe(FORGED.replace('\n---', '\n ---').replace('\n# ---', '\n # ---'));
    // No check-in came of it: edge-cache still has only the value it was added with.
    const edge = JSON.parse((await okr(['history', EDGE, '--json'], { cwd: dir })).stdout);
    expect(edge.points.map((p: { value: boolean }) => p.value)).toEqual([false]);
    expect(JSON.parse((await okr(['log', '--json'], { cwd: dir })).stdout).checkins).toEqual([]);
  });

  it('a check-in note with a scissors line keeps its trailers too', async () => {
    const dir = paymentsRepo();
    const note = `Tuned.\n\nOkr-Checkin: ${EDGE}\nOkr-Value: done\n# ------------------------ >8 ------------------------\nrest`;
    expect((await okrOn('2026-11-10', ['checkin', `${P95}=420`, '-m', note], dir)).code).toBe(0);
    const history = JSON.parse((await okr(['history', P95, '--json'], { cwd: dir })).stdout);
    expect(history.points[1]).toMatchObject({ value: 420, note: expect.stringContaining(' # ------------------------ >8') });
    writeFileSync(join(dir, '.git', 'okr-message'), headMessage(dir));
    expect(git(dir, ['interpret-trailers', '--parse', join(dir, '.git', 'okr-message')])).toBe(`Okr-Checkin: ${P95}\nOkr-Value: 420\nOkr-Previous: 640\n`);
  });

  it('a hand-made commit whose body mentions Okr-Feedback outside the trailer block is not feedback', async () => {
    const dir = paymentsRepo();
    git(dir, ['commit', '--allow-empty', '-q', '-m', 'chore: notes\n\nOkr-Feedback: payments/faster-checkout\nwas discussed today.\n\nSigned-off-by: X <x@y>'], at('2026-11-10'));
    expect(JSON.parse((await okr(['feedback', '--json'], { cwd: dir })).stdout).feedback).toEqual([]);
  });

  it('control characters in text and author names reach the terminal escaped (JSON keeps them)', async () => {
    const dir = paymentsRepo();
    const text = 'Hi \u001b[2J there\u0007';
    expect((await okrOn('2026-11-10', ['feedback', P95, '-m', text], dir, { GIT_AUTHOR_NAME: 'Eve \u001b[31m' })).code).toBe(0);
    for (const argv of [['feedback'], ['show', P95], ['log', '--feedback']]) {
      const out = await okr(argv, { cwd: dir });
      expect(out.code, argv.join(' ')).toBe(0);
      expect(out.stdout, argv.join(' ')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(out.stdout, argv.join(' ')).toContain('\\u001b[2J');
    }
    expect(JSON.parse((await okr(['feedback', '--json'], { cwd: dir })).stdout).feedback[0].text).toBe(text);
  });
});

describe('okr feedback [REF]: the listing', () => {
  async function conversation() {
    const { dir, first, second } = await withCheckins();
    const give = async (day: string, argv: string[]) => {
      expect((await okrOn(day, ['feedback', ...argv], dir)).code).toBe(0);
      return head(dir);
    };
    const kudos = await give('2026-11-03', [P95, '-m', 'Nice drop.', '--kind', 'kudos']);
    const question = await give('2026-11-04', [P95, '-m', 'EU only?', '--kind', 'question', '--reply', first]);
    const concern = await give('2026-11-10', [OBJECTIVE, '-m', 'The cache is late.', '--kind', 'concern']);
    const answer = await give('2026-11-11', [P95, '-m', 'Follow-up: all regions?', '--reply', first]);
    const edge = await give('2026-11-12', [EDGE, '-m', 'Shipped!', '--kind', 'kudos', '--reply', second]);
    writeFiles(dir, { 'teams/growth/team.yaml': 'name: Growth\n', 'teams/growth/2026-Q4.yaml': 'objectives:\n  - id: signups\n    title: More sign-ups\n    aligns_to: mission\n    key_results:\n      - {id: weekly, title: Weekly sign-ups, start: 10, target: 20}\n' });
    commitAll(dir, 'growth goals', at('2026-11-12'));
    const growth = await give('2026-11-13', ['growth/signups/weekly', '-m', 'Go growth.', '--kind', 'suggestion']);
    return { dir, first, second, kudos, question, concern, answer, edge, growth };
  }

  it('--json: newest first, the documented keys', async () => {
    const c = await conversation();
    const result = await okr(['feedback', '--json'], { cwd: c.dir });
    expect(result.code).toBe(0);
    const listed = JSON.parse(result.stdout);
    expect(listed.since).toBe('2026-10-26');
    expect(listed.feedback.map((f: { commit: string }) => f.commit)).toEqual([c.growth, c.edge, c.answer, c.concern, c.question, c.kudos]);
    for (const f of listed.feedback) expect(Object.keys(f)).toEqual(['ref', 'commit', 'date', 'author', 'kind', 'text', 'reply_to']);
    expect(listed.feedback[2]).toEqual({
      ref: P95,
      commit: c.answer,
      date: '2026-11-11T10:00:00+00:00',
      author: 'Test Author <author@example.test>',
      kind: null,
      text: 'Follow-up: all regions?',
      reply_to: c.first,
    });
  });

  it('REF: an objective’s feedback includes its key results’; a key result’s only its own; all of it, whatever its age', async () => {
    const c = await conversation();
    const list = async (argv: string[]) => JSON.parse((await okr(['feedback', ...argv, '--json'], { cwd: c.dir, today: '2027-06-01' })).stdout);
    const objective = await list([OBJECTIVE]);
    expect(objective.since).toBeNull();
    expect(objective.feedback.map((f: { commit: string }) => f.commit)).toEqual([c.edge, c.answer, c.concern, c.question, c.kudos]);
    expect((await list([P95])).feedback.map((f: { commit: string }) => f.commit)).toEqual([c.answer, c.question, c.kudos]);
    expect((await list([])).feedback).toEqual([]); // 30 days before 2027-06-01
  });

  it('--since and --team narrow; an unknown team or goal without feedback is refused with the nearest', async () => {
    const c = await conversation();
    const list = async (argv: string[]) => JSON.parse((await okr(['feedback', ...argv, '--json'], { cwd: c.dir })).stdout).feedback.map((f: { commit: string }) => f.commit);
    expect(await list(['--since', '2026-11-11'])).toEqual([c.growth, c.edge, c.answer]);
    expect(await list(['--since', '15d'])).toEqual([c.growth, c.edge, c.answer, c.concern]);
    expect(await list(['--team', 'growth'])).toEqual([c.growth]);
    expect(await list([OBJECTIVE, '--since', '2026-11-10'])).toEqual([c.edge, c.answer, c.concern]);
    const team = await okr(['feedback', '--team', 'grwth'], { cwd: c.dir });
    expect(team.code).toBe(2);
    expect(team.stderr).toContain('did you mean "growth"?');
    const goal = await okr(['feedback', 'payments/faster-checkot'], { cwd: c.dir });
    expect(goal.code).toBe(1);
    expect(goal.stderr).toContain('did you mean "payments/faster-checkout"?');
    expect((await okr(['feedback', '--since', 'yesterday'], { cwd: c.dir })).code).toBe(2);
  });

  it('text: replies under the check-in they answer, placed by the newest reply', async () => {
    const c = await conversation();
    const result = await okr(['feedback', OBJECTIVE], { cwd: c.dir });
    expect(result.code).toBe(0);
    const short = (id: string) => id.slice(0, 7);
    expect(result.stdout).toBe(
      [
        `feedback on ${OBJECTIVE}, newest first; replies under the check-in they answer`,
        '',
        `re check-in ${short(c.second)} by Test Author on 2026-11-09: checkin(payments): p95-latency 600 → 520 ms, edge-cache not-done → done`,
        `  2026-11-12  kudos on ${EDGE}  Test Author  ${short(c.edge)}`,
        '      Shipped!',
        '',
        `re check-in ${short(c.first)} by Test Author on 2026-11-02: checkin(payments): p95-latency 640 → 600 ms`,
        `  2026-11-11  feedback on ${P95}  Test Author  ${short(c.answer)}`,
        '      Follow-up: all regions?',
        `  2026-11-04  question on ${P95}  Test Author  ${short(c.question)}`,
        '      EU only?',
        '',
        `2026-11-10  concern on ${OBJECTIVE}  Test Author  ${short(c.concern)}`,
        '    The cache is late.',
        '',
        `2026-11-03  kudos on ${P95}  Test Author  ${short(c.kudos)}`,
        '    Nice drop.',
        '',
        '5 pieces of feedback',
        '',
      ].join('\n'),
    );
    const none = await okr(['feedback', '--since', '2026-11-20'], { cwd: c.dir });
    expect(none.stdout).toContain('none in that time');
  });

  it('okr show: a feedback block (text) and feedback in JSON; --as-of hides what came later; null outside git', async () => {
    const c = await conversation();
    const text = await okr(['show', P95], { cwd: c.dir });
    expect(text.stdout).toMatch(
      new RegExp(`\\nFeedback\\n {2}re check-in ${c.first.slice(0, 7)} by Test Author on 2026-11-02: .*\\n {4}2026-11-11  feedback  Test Author  ${c.answer.slice(0, 7)}\\n {8}Follow-up: all regions\\?\\n`),
    );
    const json = JSON.parse((await okr(['show', OBJECTIVE, '--json'], { cwd: c.dir })).stdout);
    expect(json.feedback.map((f: { commit: string }) => f.commit)).toEqual([c.edge, c.answer, c.concern, c.question, c.kudos]);
    const early = JSON.parse((await okr(['show', P95, '--json', '--as-of', '2026-11-05'], { cwd: c.dir })).stdout);
    expect(early.feedback.map((f: { commit: string }) => f.commit)).toEqual([c.question, c.kudos]);
    const plain = tempDir();
    writeFiles(plain, { 'okr.yaml': OKR_YAML, 'teams/payments/team.yaml': PAYMENTS_TEAM, [FILE]: PAYMENTS_Q4 });
    expect(JSON.parse((await okr(['show', P95, '--json'], { cwd: plain })).stdout).feedback).toBeNull();
    expect(JSON.parse((await okr(['show', 'mission', '--json'], { cwd: c.dir })).stdout).feedback).toBeUndefined();
  });

  it('okr log --feedback interleaves feedback with the check-ins (text and JSON)', async () => {
    const c = await conversation();
    const text = await okr(['log', '--feedback', '--team', 'payments', '--since', '2026-11-01'], { cwd: c.dir });
    expect(text.code).toBe(0);
    const rows = text.stdout.split('\n').filter((l) => /^2026-/.test(l)).map((l) => l.split(/\s{2,}/).slice(0, 3).join(' | '));
    expect(rows).toEqual([
      `2026-11-12 | ${EDGE} | kudos re ${c.second.slice(0, 7)}`,
      `2026-11-11 | ${P95} | feedback re ${c.first.slice(0, 7)}`,
      `2026-11-10 | ${OBJECTIVE} | concern`,
      `2026-11-09 | ${EDGE} | not-done → done`,
      `2026-11-09 | ${P95} | 600 → 520 ms`,
      `2026-11-04 | ${P95} | question re ${c.first.slice(0, 7)}`,
      `2026-11-03 | ${P95} | kudos`,
      `2026-11-02 | ${P95} | 640 → 600 ms`,
    ]);
    expect(text.stdout).toContain('3 changes to 2 key results, 5 pieces of feedback');
    const json = JSON.parse((await okr(['log', '--feedback', '--json'], { cwd: c.dir })).stdout);
    expect(json.feedback.map((f: { commit: string }) => f.commit)).toEqual([c.growth, c.edge, c.answer, c.concern, c.question, c.kudos]);
    expect(JSON.parse((await okr(['log', '--json'], { cwd: c.dir })).stdout).feedback).toBeUndefined();
  });
});
