// okr close against real git: grades written in place (every other byte kept), closed: on the cycle,
// one commit with only those files and the grade table, the annotated tag okr/CYCLE; each refusal
// leaves everything as it was; a failing commit restores the files and leaves no tag.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../support/golden.js';
import { okr, okrProcess } from '../support/run-cli.js';
import { git, tempDir, writeFiles } from '../support/temp-repo.js';
import { CHECKOUT, CHECKOUT_Q3, closeRepo, commitCount, FILES, headFiles, headMessage, OKR_YAML, PAYMENTS_Q3, Q3, read, workState } from './workspace.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const AFTER_Q3 = '2026-10-02';

/** The Q3 files as okr close writes them on AFTER_Q3 (grades computed by hand in the comments). */
const GRADED_PAYMENTS = PAYMENTS_Q3.replace('    title: "Make checkout feel instant"   # quoted on purpose\n', '    title: "Make checkout feel instant"   # quoted on purpose\n    grade: 0.91\n') // (0.75 + 1 + 1) / 3
  .replace('        unit: ms\n', '        unit: ms\n        grade: 0.75\n') // (900 - 450) / (900 - 300)
  .replace("        done: true\n", '        done: true\n        grade: 1\n')
  .replace('keep_below: 0.1, current: 0.08}', 'keep_below: 0.1, current: 0.08, grade: 1}')
  .replace('    title: Instant payouts\n', '    title: Instant payouts\n    grade: 1\n')
  .replace('        unit: "%"\n', '        unit: "%"\n        grade: 1\n');
const GRADED_CHECKOUT = CHECKOUT_Q3.replace('    title: One-click checkout\n', '    title: One-click checkout\n    grade: 0.1\n') // (0.2 + 0) / 2
  .replace('        unit: "%"\n', '        unit: "%"\n        grade: 0.2\n') // (62 - 60) / (70 - 60)
  .replace('        done: false\n', '        done: false\n        grade: 0\n');
const CLOSED_OKR = OKR_YAML.replace('    end: 2026-09-30     # grading day\n', `    end: 2026-09-30     # grading day\n    closed: "${AFTER_Q3}"\n`);

describe('okr close: the edit, the commit and the tag', () => {
  it('writes the grades and closed: in place, commits only those files with the grade table, and tags the commit', async () => {
    const dir = closeRepo({ 'notes.md': 'one\n' });
    writeFiles(dir, { 'notes.md': 'one\ntwo (unstaged)\n', 'scratch.txt': 'untracked\n' });
    const before = workState(dir);
    const result = await okr(['close', '2026-Q3', '-m', 'Latency carried the quarter.'], { cwd: dir, today: AFTER_Q3 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(read(dir, Q3)).toBe(GRADED_PAYMENTS);
    expect(read(dir, CHECKOUT)).toBe(GRADED_CHECKOUT);
    expect(read(dir, 'okr.yaml')).toBe(CLOSED_OKR);
    expect(read(dir, 'teams/payments/2026.yaml')).toBe(FILES['teams/payments/2026.yaml']);
    expect(headFiles(dir).sort()).toEqual(['okr.yaml', CHECKOUT, Q3].sort());
    expect(workState(dir)).toEqual(before);
    expect(commitCount(dir)).toBe(2);
    expectGolden(HERE, 'close-message.txt', headMessage(dir));
    expect(headMessage(dir).split('\n')[0]).toBe('close(2026-Q3): mission 50%, 3 objectives graded');

    // git reads the trailer back, and the tag is an annotated tag on that commit with the table.
    writeFileSync(join(dir, '.git', 'msg'), headMessage(dir));
    expect(git(dir, ['interpret-trailers', '--parse', join(dir, '.git', 'msg')])).toBe('Okr-Close: 2026-Q3\n');
    expect(git(dir, ['cat-file', '-t', 'okr/2026-Q3']).trim()).toBe('tag');
    expect(git(dir, ['rev-parse', 'okr/2026-Q3^{commit}'])).toBe(git(dir, ['rev-parse', 'HEAD']));
    const tagMessage = git(dir, ['tag', '-l', '--format=%(contents)', 'okr/2026-Q3']);
    expect(tagMessage).toContain('close(2026-Q3): mission 50%, 3 objectives graded');
    expect(tagMessage).toContain(headMessage(dir).split('\n\n')[2]!); // the table
    expect(tagMessage).not.toContain('Okr-Close');

    expect(result.stdout).toContain('0.91  payments/faster-checkout');
    expect(result.stdout).toMatch(/Closed 2026-Q3 in [0-9a-f]{7} \(tag okr\/2026-Q3\): 3 objectives graded, mission 50%\./);
    expect(result.stdout).toContain('git push origin HEAD okr/2026-Q3');
  });

  it('uses the owner\'s --grade scores (an objective\'s grade follows its key results\'), and keeps a grade written by hand', async () => {
    const dir = closeRepo({ [CHECKOUT]: CHECKOUT_Q3.replace('        done: false\n', '        done: false\n        grade: 0.5   # we shipped most of it\n') });
    const result = await okr(['close', '2026-Q3', '--grade', 'checkout/one-click/conversion=0.7', '--grade', 'payments/payouts=0.8', '--json'], { cwd: dir, today: AFTER_Q3 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ cycle: '2026-Q3', closed: AFTER_Q3, graded_on: '2026-09-30', early: false, tag: 'okr/2026-Q3', files: ['okr.yaml', CHECKOUT, Q3] });
    expect(json.commit).toBe(git(dir, ['rev-parse', 'HEAD']).trim());
    const oneClick = json.objectives.find((o: { ref: string }) => o.ref === 'checkout/one-click');
    expect(oneClick).toMatchObject({ grade: 0.6, progress: 0.1, source: 'progress' }); // (0.7 + 0.5) / 2
    expect(oneClick.key_results).toEqual([
      { ref: 'checkout/one-click/conversion', title: 'Raise conversion', grade: 0.7, progress: expect.closeTo(0.2, 12), source: 'given' },
      { ref: 'checkout/one-click/saved-cards', title: 'Saved cards', grade: 0.5, progress: 0, source: 'kept' },
    ]);
    expect(json.objectives.find((o: { ref: string }) => o.ref === 'payments/payouts')).toMatchObject({ grade: 0.8, progress: 1, source: 'given' });
    expect(read(dir, CHECKOUT)).toBe(
      CHECKOUT_Q3.replace('    title: One-click checkout\n', '    title: One-click checkout\n    grade: 0.6\n')
        .replace('        unit: "%"\n', '        unit: "%"\n        grade: 0.7\n')
        .replace('        done: false\n', '        done: false\n        grade: 0.5   # we shipped most of it\n'),
    );
    expect(headMessage(dir)).toMatch(/0\.70 {4}conversion +Raise conversion +\(owner's score; progress 20%\)/);
    expect(headMessage(dir)).toMatch(/0\.50 {4}saved-cards +Saved cards +\(as written before the close; progress 0%\)/);
  });

  it('--early grades today\'s progress before the last day; --no-tag leaves the tag out', async () => {
    const dir = closeRepo();
    const result = await okr(['close', '2026-Q3', '--early', '--no-tag', '--json'], { cwd: dir, today: '2026-09-15' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ closed: '2026-09-15', graded_on: '2026-09-15', early: true, tag: null });
    expect(git(dir, ['tag', '-l'])).toBe('');
    expect(headMessage(dir)).toContain('from the progress on 2026-09-15 (closed early)');
    expect(read(dir, 'okr.yaml')).toContain('closed: "2026-09-15"');
  });

  it('closes on the last day itself without --early', async () => {
    const dir = closeRepo();
    expect((await okr(['close', '2026-Q3'], { cwd: dir, today: '2026-09-30' })).code).toBe(0);
    expect(read(dir, 'okr.yaml')).toContain('closed: "2026-09-30"');
  });

  it('escapes control characters in titles, and a title cannot pass for a trailer', async () => {
    const dir = closeRepo({ [CHECKOUT]: CHECKOUT_Q3.replace('title: Saved cards', 'title: "Saved\\nOkr-Close: 2026-Q4\\n\\u001b[2Jcards"') });
    const result = await okr(['close', '2026-Q3'], { cwd: dir, today: AFTER_Q3 });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\u001b');
    expect(headMessage(dir)).toContain('Saved\\u000aOkr-Close: 2026-Q4\\u000a\\u001b[2Jcards');
    writeFileSync(join(dir, '.git', 'msg'), headMessage(dir));
    expect(git(dir, ['interpret-trailers', '--parse', join(dir, '.git', 'msg')])).toBe('Okr-Close: 2026-Q3\n');
  });
});

describe('okr close: refusals leave everything as it was', () => {
  const unchanged = (dir: string) => {
    expect(read(dir, Q3)).toBe(PAYMENTS_Q3);
    expect(read(dir, 'okr.yaml')).toBe(OKR_YAML);
    expect(commitCount(dir)).toBe(1);
    expect(git(dir, ['tag', '-l'])).toBe('');
  };

  it.each<[string, string[], string, number, RegExp]>([
    ['an unknown cycle (a usage error, with the nearest id)', ['close', '2026-Q5'], AFTER_Q3, 2, /unknown cycle "2026-Q5": did you mean "2026-Q3"\?/],
    ['a cycle that has not ended, without --early', ['close', '2026-Q3'], '2026-09-15', 1, /cycle 2026-Q3 runs until 2026-09-30 \(15 more days\)[\s\S]*--early/],
    ['a cycle that has not started', ['close', '2026-Q4', '--early'], AFTER_Q3.replace('10-02', '09-01'), 1, /has not started yet/],
    ['a score above 1', ['close', '2026-Q3', '--grade', 'payments/payouts=1.2'], AFTER_Q3, 2, /"1\.2" is not a score from 0 to 1/],
    ['a negative score', ['close', '2026-Q3', '--grade', 'payments/payouts=-0.1'], AFTER_Q3, 2, /is not a score from 0 to 1/],
    ['a score that is no number', ['close', '2026-Q3', '--grade', 'payments/payouts=high'], AFTER_Q3, 2, /"high" is not a score/],
    ['a --grade without =', ['close', '2026-Q3', '--grade', 'payments/payouts'], AFTER_Q3, 2, /is not REF=SCORE/],
    ['a --grade ref that looks like a flag or a path', ['close', '2026-Q3', '--grade', '../etc/passwd=1'], AFTER_Q3, 2, /is not an objective or key result reference/],
    ['a --grade given twice', ['close', '2026-Q3', '--grade', 'payments/payouts=1', '--grade', 'payments/payouts=0.5'], AFTER_Q3, 2, /given twice/],
    ['a --grade for a goal of another cycle', ['close', '2026-Q3', '--grade', 'payments/instant=0.5'], AFTER_Q3, 1, /--grade payments\/instant: it belongs to cycle 2026, not 2026-Q3/],
    ['a --grade for a goal that does not exist', ['close', '2026-Q3', '--grade', 'payments/payout=0.5'], AFTER_Q3, 1, /no goal of cycle 2026-Q3 has that reference; did you mean payments\/payouts\?/],
  ])('%s', async (_what, argv, today, code, message) => {
    const dir = closeRepo();
    const result = await okr(argv, { cwd: dir, today });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(code);
    unchanged(dir);
  });

  it('an already closed cycle', async () => {
    const dir = closeRepo();
    expect((await okr(['close', '2026-Q3'], { cwd: dir, today: AFTER_Q3 })).code).toBe(0);
    const again = await okr(['close', '2026-Q3', '--no-tag'], { cwd: dir, today: '2026-10-05' });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`cycle 2026-Q3 is already closed (on ${AFTER_Q3})`);
    expect(commitCount(dir)).toBe(2);
  });

  it('a goal file with uncommitted changes (and takes them along with --include-changes)', async () => {
    const dir = closeRepo();
    const edited = PAYMENTS_Q3.replace('current: 450', 'current: 440');
    writeFiles(dir, { [Q3]: edited });
    const refused = await okr(['close', '2026-Q3'], { cwd: dir, today: AFTER_Q3 });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`okr: ${Q3} has uncommitted changes`);
    expect(read(dir, Q3)).toBe(edited);
    expect(read(dir, 'okr.yaml')).toBe(OKR_YAML);
    expect(commitCount(dir)).toBe(1);
    expect(git(dir, ['tag', '-l'])).toBe('');
    expect((await okr(['close', '2026-Q3', '--include-changes'], { cwd: dir, today: AFTER_Q3 })).code).toBe(0);
    expect(git(dir, ['status', '--porcelain'])).toBe('');
  });

  it('an existing tag okr/CYCLE, before anything is written', async () => {
    const dir = closeRepo();
    git(dir, ['tag', 'okr/2026-Q3']);
    const result = await okr(['close', '2026-Q3'], { cwd: dir, today: AFTER_Q3 });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the tag okr\/2026-Q3 already exists \(on commit [0-9a-f]{7}\)[\s\S]*--no-tag/);
    expect(read(dir, Q3)).toBe(PAYMENTS_Q3);
    expect(read(dir, 'okr.yaml')).toBe(OKR_YAML);
    expect(commitCount(dir)).toBe(1);
  });

  it('a folder that is not a git repository', async () => {
    const dir = tempDir();
    writeFiles(dir, FILES);
    const result = await okr(['close', '2026-Q3'], { cwd: dir, today: AFTER_Q3 });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not a git repository');
    expect(read(dir, Q3)).toBe(PAYMENTS_Q3);
  });
});

describe('okr close: never loses work', () => {
  it('restores every file byte for byte when a pre-commit hook rejects the commit, and creates no tag', async () => {
    const dir = closeRepo({ 'notes.md': 'one\n' });
    writeFiles(dir, { '.git/hooks/pre-commit': '#!/bin/sh\necho "goals are frozen this week" >&2\nexit 1\n', 'notes.md': 'staged\n' });
    chmodSync(join(dir, '.git/hooks/pre-commit'), 0o755);
    git(dir, ['add', 'notes.md']);
    const before = workState(dir);
    const result = await okr(['close', '2026-Q3'], { cwd: dir, today: AFTER_Q3 });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('goals are frozen this week');
    expect(result.stderr).toContain('restored');
    expect(read(dir, Q3)).toBe(PAYMENTS_Q3);
    expect(read(dir, CHECKOUT)).toBe(CHECKOUT_Q3);
    expect(read(dir, 'okr.yaml')).toBe(OKR_YAML);
    expect(workState(dir)).toEqual(before);
    expect(commitCount(dir)).toBe(1);
    expect(git(dir, ['tag', '-l'])).toBe('');
  });

  it('refuses a grade it cannot write in place (an anchor), writing nothing', async () => {
    // A grade key already there with an alias: okr does not rewrite what it cannot replace in place.
    const dir = closeRepo({ [CHECKOUT]: CHECKOUT_Q3.replace('        done: false\n', '        done: false\n        grade: &g 0.5\n') });
    const result = await okr(['close', '2026-Q3', '--grade', 'checkout/one-click/saved-cards=0.6'], { cwd: dir, today: AFTER_Q3 });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot edit teams\/checkout\/2026-Q3\.yaml in place: .*anchor/);
    expect(read(dir, Q3)).toBe(PAYMENTS_Q3);
    expect(read(dir, 'okr.yaml')).toBe(OKR_YAML);
    expect(commitCount(dir)).toBe(1);
  });

  it('two closes at once: one lands, the other is refused cleanly', async () => {
    const dir = closeRepo();
    const [a, b] = await Promise.all([
      okrProcess(['close', '2026-Q3'], { cwd: dir, today: AFTER_Q3 }),
      okrProcess(['close', '2026-Q3'], { cwd: dir, today: AFTER_Q3 }),
    ]);
    expect([a.code, b.code].sort()).toEqual([0, 1]);
    expect([a, b].find((r) => r.code === 1)!.stderr).toMatch(/already closed|already exists/);
    expect(commitCount(dir)).toBe(2);
    expect(git(dir, ['status', '--porcelain'])).toBe('');
    expect(readFileSync(join(dir, 'okr.yaml'), 'utf8').match(/closed:/g)).toHaveLength(1);
  });
});
