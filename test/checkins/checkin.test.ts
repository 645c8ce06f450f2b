// okr checkin against real git: the edit touches only the value's bytes, the commit holds only the
// goal file with the spec's message and trailers, and nothing the user had in progress is disturbed.
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okr, okrProcess } from '../support/run-cli.js';
import { commitAll, git, makeRepo, tempDir, writeFiles } from '../support/temp-repo.js';
import { at, EDGE, ERRORS, FILE, OKR_YAML, P95, PAYMENTS_Q4, PAYMENTS_TEAM, paymentsRepo, read, workState } from './workspace.js';

const headMessage = (dir: string) => git(dir, ['log', '-1', '--format=%B']);
const headFiles = (dir: string) => git(dir, ['show', '--name-only', '--format=', 'HEAD']).trim().split('\n');
const commitCount = (dir: string) => Number(git(dir, ['rev-list', '--count', 'HEAD']).trim());

describe('okr checkin: the edit', () => {
  it('changes only the bytes of the value; comments, quoting and blank lines stay', async () => {
    const dir = paymentsRepo();
    const result = await okr(['checkin', `${P95}=420`], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(read(dir)).toBe(PAYMENTS_Q4.replace('current: 640        # measured weekly', 'current: 420        # measured weekly'));
  });

  it('edits a milestone, a flow mapping and a confidence in one commit', async () => {
    const dir = paymentsRepo();
    const result = await okr(['checkin', `${EDGE}=done`, `${ERRORS}=0.05`, `${P95}=500`, '--confidence', '0.7'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(read(dir)).toBe(
      PAYMENTS_Q4.replace('current: 640        # measured weekly\n        unit: ms\n', 'current: 500        # measured weekly\n        unit: ms\n        confidence: 0.7\n')
        .replace("'Ship the edge cache'\n        done: false\n", "'Ship the edge cache'\n        done: true\n        confidence: 0.7\n")
        .replace('keep_below: 0.1, current: 0.08}', 'keep_below: 0.1, current: 0.05, confidence: 0.7}'),
    );
    expect(commitCount(dir)).toBe(2);
  });

  it('adds a current line, indented like its neighbours, to a metric that has none', async () => {
    const dir = paymentsRepo();
    expect((await okr(['checkin', 'payments/faster-checkout/conversion=64.5'], { cwd: dir })).code).toBe(0);
    expect(read(dir)).toBe(PAYMENTS_Q4.replace('        target: 68\n        unit: "%"', '        target: 68\n        current: 64.5\n        unit: "%"'));
  });

  it('keeps CRLF line endings, a byte-order mark and the file mode', async () => {
    const crlf = '\ufeff' + PAYMENTS_Q4.replace(/\n/g, '\r\n');
    const dir = paymentsRepo('2026-10-01', { [FILE]: crlf });
    chmodSync(join(dir, FILE), 0o664); // not a change git records
    const result = await okr(['checkin', `${P95}=410`, 'payments/faster-checkout/conversion=62'], { cwd: dir });
    expect(result.code).toBe(0);
    const after = readFileSync(join(dir, FILE), 'utf8');
    expect(after).toBe(
      crlf
        .replace('current: 640        # measured weekly\r\n', 'current: 410        # measured weekly\r\n')
        .replace('        target: 68\r\n', '        target: 68\r\n        current: 62\r\n'),
    );
    expect(statSync(join(dir, FILE)).mode & 0o777).toBe(0o664);
  });

  it('writes the message and trailers of the spec, and git reads the same trailers back', async () => {
    const dir = paymentsRepo();
    const result = await okr(['checkin', `${P95}=420`, `${EDGE}=done`, '-m', 'Edge cache live in EU', '--confidence', '0.7'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(headMessage(dir)).toBe(
      [
        'checkin(payments): p95-latency 640 → 420 ms, edge-cache not-done → done',
        '',
        'Edge cache live in EU',
        '',
        `Okr-Checkin: ${P95}`,
        'Okr-Value: 420',
        'Okr-Previous: 640',
        'Okr-Confidence: 0.7',
        `Okr-Checkin: ${EDGE}`,
        'Okr-Value: done',
        'Okr-Previous: not-done',
        'Okr-Confidence: 0.7',
        '',
        '',
      ].join('\n'),
    );
    const message = headMessage(dir);
    const viaGit = (extra: string[]) =>
      git(dir, ['-c', 'trailer.separators=:', 'interpret-trailers', ...extra, join(dir, '.git', 'okr-message')], {});
    writeFileSync(join(dir, '.git', 'okr-message'), message);
    const expected = `Okr-Checkin: ${P95}\nOkr-Value: 420\nOkr-Previous: 640\nOkr-Confidence: 0.7\nOkr-Checkin: ${EDGE}\nOkr-Value: done\nOkr-Previous: not-done\nOkr-Confidence: 0.7\n`;
    expect(viaGit(['--parse'])).toBe(expected);
    expect(viaGit(['--parse', '--no-divider'])).toBe(expected);
  });

  it('keeps a note that looks like trailers (or a patch divider) from passing for trailers', async () => {
    const dir = paymentsRepo();
    const note = `Tuned the cache.\n\nOkr-Checkin: ${EDGE}\nOkr-Value: 999\n---\nOkr-Checkin: ${P95}\nOkr-Value: 1`;
    expect((await okr(['checkin', `${P95}=420`, '-m', note], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, '.git', 'okr-message'), headMessage(dir));
    const expected = `Okr-Checkin: ${P95}\nOkr-Value: 420\nOkr-Previous: 640\n`;
    for (const extra of [['--parse'], ['--parse', '--no-divider']])
      expect(git(dir, ['interpret-trailers', ...extra, join(dir, '.git', 'okr-message')])).toBe(expected);
    const history = JSON.parse((await okr(['history', P95, '--json'], { cwd: dir })).stdout);
    expect(history.points.map((p: { value: number }) => p.value)).toEqual([640, 420]);
    expect(history.points[1].note).toContain('Okr-Value: 999');
    const edge = JSON.parse((await okr(['history', EDGE, '--json'], { cwd: dir })).stdout);
    expect(edge.points.map((p: { value: boolean }) => p.value)).toEqual([false]);
  });

  it('says so, and writes nothing, when the value is already there', async () => {
    const dir = paymentsRepo();
    const result = await okr(['checkin', `${P95}=640`], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('already 640 ms');
    expect(read(dir)).toBe(PAYMENTS_Q4);
    expect(commitCount(dir)).toBe(1);
  });

  it('--no-commit edits the file and commits nothing; --json says what was recorded', async () => {
    const dir = paymentsRepo();
    const result = await okr(['checkin', `${P95}=420`, '--no-commit', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      commit: null,
      files: [FILE],
      checkins: [{ ref: P95, previous: 640, value: 420, unit: 'ms', confidence: null, source: null }],
      unchanged: [],
    });
    expect(read(dir)).toContain('current: 420');
    expect(commitCount(dir)).toBe(1);
    expect(git(dir, ['status', '--porcelain'])).toBe(` M ${FILE}\n`);
  });

  it('works outside git with --no-commit, and says why not without it', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'okr.yaml': OKR_YAML, 'teams/payments/team.yaml': PAYMENTS_TEAM, [FILE]: PAYMENTS_Q4 });
    const refused = await okr(['checkin', `${P95}=420`], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not a git repository[\s\S]*--no-commit/);
    expect(read(dir)).toBe(PAYMENTS_Q4);
    expect((await okr(['checkin', `${P95}=420`, '--no-commit'], { cwd: dir })).code).toBe(0);
    expect(read(dir)).toContain('current: 420');
  });
});

describe('okr checkin: other work is left alone', () => {
  it('commits only the goal file; staged, unstaged and untracked work stay exactly as they were', async () => {
    const dir = paymentsRepo('2026-10-01', { 'notes.md': 'one\n', 'teams/payments/team.yaml': PAYMENTS_TEAM });
    writeFiles(dir, { 'notes.md': 'one\ntwo (staged)\n' });
    git(dir, ['add', 'notes.md']);
    writeFiles(dir, { 'notes.md': 'one\ntwo (staged)\nthree (unstaged)\n', 'teams/payments/team.yaml': `${PAYMENTS_TEAM}purpose: unstaged edit\n`, 'scratch.txt': 'untracked\n' });
    const before = workState(dir);
    const result = await okr(['checkin', `${P95}=420`], { cwd: dir });
    expect(result.code).toBe(0);
    expect(workState(dir)).toEqual(before);
    expect(headFiles(dir)).toEqual([FILE]);
    expect(git(dir, ['show', `HEAD:${FILE}`])).toBe(read(dir));
  });

  it('refuses a goal file with uncommitted changes, and takes them along with --include-changes', async () => {
    const dir = paymentsRepo();
    const edited = PAYMENTS_Q4.replace('Cut p95 checkout latency', 'Cut the p95 checkout latency');
    writeFiles(dir, { [FILE]: edited });
    const refused = await okr(['checkin', `${P95}=420`], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`okr: ${FILE} has uncommitted changes`);
    expect(refused.stderr).toContain('--include-changes');
    expect(read(dir)).toBe(edited);
    const taken = await okr(['checkin', `${P95}=420`, '--include-changes'], { cwd: dir });
    expect(taken.code).toBe(0);
    expect(git(dir, ['show', `HEAD:${FILE}`])).toBe(edited.replace('current: 640', 'current: 420'));
    expect(git(dir, ['status', '--porcelain'])).toBe('');
  });

  it('refuses a goal file git does not know yet, unless --include-changes', async () => {
    const dir = paymentsRepo();
    writeFiles(dir, { 'teams/growth/team.yaml': 'name: Growth\n', 'teams/growth/2026-Q4.yaml': 'objectives:\n  - id: grow\n    title: Grow\n    aligns_to: mission\n    key_results:\n      - id: signups\n        title: Sign-ups\n        start: 0\n        target: 10\n' });
    const refused = await okr(['checkin', 'growth/grow/signups=3'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('teams/growth/2026-Q4.yaml is not committed yet');
    const taken = await okr(['checkin', 'growth/grow/signups=3', '--include-changes'], { cwd: dir });
    expect(taken.code).toBe(0);
    expect(headFiles(dir)).toEqual(['teams/growth/2026-Q4.yaml']);
    expect(git(dir, ['status', '--porcelain'])).toBe('?? teams/growth/team.yaml\n');
  });

  it('restores the file byte for byte when a pre-commit hook rejects the commit, and shows what git said', async () => {
    const dir = paymentsRepo();
    writeFiles(dir, { '.git/hooks/pre-commit': '#!/bin/sh\necho "lint: goals are frozen this week" >&2\nexit 1\n', 'notes.md': 'staged\n' });
    chmodSync(join(dir, '.git/hooks/pre-commit'), 0o755);
    git(dir, ['add', 'notes.md']);
    const before = workState(dir);
    const result = await okr(['checkin', `${P95}=420`], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('goals are frozen this week');
    expect(result.stderr).toContain('restored');
    expect(read(dir)).toBe(PAYMENTS_Q4);
    expect(workState(dir)).toEqual(before);
    expect(commitCount(dir)).toBe(1);
  });

  it('waits for git\'s own index lock, then reports it and restores the file', async () => {
    const dir = paymentsRepo();
    writeFileSync(join(dir, '.git', 'index.lock'), '');
    const result = await okr(['checkin', `${P95}=420`], { cwd: dir, vars: { OKR_LOCK_WAIT_MS: '300' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/another git process is using this repository/);
    expect(read(dir)).toBe(PAYMENTS_Q4);
  });

  it('says exactly what to set when git has no identity', async () => {
    const dir = makeRepo();
    git(dir, ['config', '--unset', 'user.name']);
    git(dir, ['config', '--unset', 'user.email']);
    writeFiles(dir, { 'okr.yaml': OKR_YAML, 'teams/payments/team.yaml': PAYMENTS_TEAM, [FILE]: PAYMENTS_Q4 });
    commitAll(dir, 'import', at('2026-10-01'));
    const home = tempDir();
    const result = await okrProcess(['checkin', `${P95}=420`], {
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
    expect(result.stderr).toContain('git does not know who you are');
    expect(result.stderr).toContain('git config --global user.name');
    expect(result.stderr).toContain('GIT_AUTHOR_NAME');
    expect(read(dir)).toBe(PAYMENTS_Q4);
  });
});

describe('okr checkin: two at once', () => {
  it('both land (one waits for the other), and the file is never corrupted', async () => {
    const dir = paymentsRepo();
    const [a, b] = await Promise.all([
      okrProcess(['checkin', `${P95}=500`, '-m', 'first'], { cwd: dir }),
      okrProcess(['checkin', `${EDGE}=done`, '-m', 'second'], { cwd: dir }),
    ]);
    for (const r of [a, b]) {
      // Each either landed or failed cleanly, saying to retry.
      if (r.code !== 0) expect(r.stderr).toMatch(/retry/i);
    }
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(read(dir)).toBe(PAYMENTS_Q4.replace('current: 640', 'current: 500').replace('done: false', 'done: true'));
    expect(commitCount(dir)).toBe(3);
    expect(git(dir, ['status', '--porcelain'])).toBe('');
    expect(await okr(['check', '--format', 'json'], { cwd: dir }).then((r) => JSON.parse(r.stdout).errors)).toBe(0);
  });

  it('a check-in waiting on a lock held by a live process gives up saying to retry', async () => {
    const dir = paymentsRepo();
    writeFileSync(join(dir, '.git', 'okr-checkin.lock'), `${process.pid}\n${(await import('node:os')).hostname()}\n${Date.now()}\n`);
    const result = await okrProcess(['checkin', `${P95}=500`], { cwd: dir, vars: { OKR_LOCK_WAIT_MS: '200' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/another okr command is recording in this repository \(process \d+\)[\s\S]*Retry/);
    expect(read(dir)).toBe(PAYMENTS_Q4);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = paymentsRepo();
    writeFileSync(join(dir, '.git', 'okr-checkin.lock'), `999999999\n${(await import('node:os')).hostname()}\n${Date.now()}\n`);
    const result = await okr(['checkin', `${P95}=500`], { cwd: dir });
    expect(result.code).toBe(0);
    expect(read(dir)).toContain('current: 500');
  });
});

describe('okr checkin: bad arguments write nothing', () => {
  const cases: [string, string[], number, RegExp][] = [
    ['an unknown key result, with a suggestion', [`payments/faster-checkout/p95-latncy=1`], 1, /unknown key result[\s\S]*did you mean payments\/faster-checkout\/p95-latency/],
    ['an unknown objective', ['payments/faster-chekout/p95-latency=1'], 1, /did you mean/],
    ['a word for a metric', [`${P95}=fast`], 1, /is a metric \(900 → 300 ms\): its value is a number, not "fast"/],
    ['done for a metric', [`${P95}=done`], 1, /its value is a number, not "done"/],
    ['a number for a milestone', [`${EDGE}=1`], 1, /is a milestone: its value is done or not-done/],
    ['a word for a guardrail', [`${ERRORS}=low`], 1, /is a guardrail \(keep below 0.1\): its value is a number/],
    ['a rollup key result', ['payments/faster-checkout/adoption=3'], 1, /is a rollup key result/],
    ['an objective instead of a key result', ['payments/faster-checkout=3'], 1, /is an objective: check in one of its key results/],
    ['a value that is not finite', [`${P95}=1e999`], 1, /its value is a number/],
    ['no value', [`${P95}=`], 2, /no value given/],
    ['no =', [P95], 2, /is not REF=VALUE/],
    ['a path-like reference', ['../x=1'], 2, /is not a key result reference/],
    ['a reference that looks like a flag', ['-x=1'], 2, /unknown option/],
    ['the same key result twice', [`${P95}=1`, `${P95}=2`], 2, /given twice/],
    ['a confidence above 1', [`${P95}=1`, '--confidence', '1.5'], 2, /from 0 to 1/],
    ['a confidence that is not a number', [`${P95}=1`, '--confidence', 'high'], 2, /from 0 to 1/],
    ['nothing at all', [], 2, /nothing to check in/],
    ['--team without a terminal', ['--team', 'payments'], 2, /not one[\s\S]*okr checkin payments\/<objective>\/<key-result>=VALUE/],
  ];
  it.each(cases)('%s', async (_name, args, code, message) => {
    const dir = paymentsRepo();
    const result = await okr(['checkin', ...args], { cwd: dir });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(read(dir)).toBe(PAYMENTS_Q4);
    expect(commitCount(dir)).toBe(1);
  });
});

describe('okr checkin: a workspace in a subfolder of the repository', () => {
  it('commits the file at its path in the repository, and history finds it there', async () => {
    const dir = makeRepo();
    writeFiles(dir, { 'app/main.c': 'int main(void) { return 0; }\n', 'goals/okr.yaml': OKR_YAML, 'goals/teams/payments/team.yaml': PAYMENTS_TEAM, [`goals/${FILE}`]: PAYMENTS_Q4 });
    commitAll(dir, 'monorepo', at('2026-10-01'));
    writeFiles(dir, { 'app/main.c': 'int main(void) { return 1; }\n' });
    const result = await okr(['checkin', `${P95}=420`, '-C', 'goals'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(git(dir, ['show', '--name-only', '--format=', 'HEAD']).trim()).toBe(`goals/${FILE}`);
    expect(git(dir, ['status', '--porcelain'])).toBe(' M app/main.c\n');
    const history = JSON.parse((await okr(['history', P95, '--json'], { cwd: join(dir, 'goals', 'teams') })).stdout);
    expect(history.points.map((p: { value: number }) => p.value)).toEqual([640, 420]);
  });
});
