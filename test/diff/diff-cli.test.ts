import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectGolden } from '../support/golden.js';
import { okr, okrProcess } from '../support/run-cli.js';
import { commitAll, copyExample, git, makeRepo, writeFiles } from '../support/temp-repo.js';

/** Replaces `from` with `to` in a file of `dir` (which must contain it). */
function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
}

interface DiffJson {
  base: { rev: string | null; commit: string | null; worktree: boolean };
  head: { rev: string | null; commit: string | null; worktree: boolean };
  changes: { kind: string; ref: string; team: string | null; before: unknown; after: unknown; unit: string | null; made_easier: boolean; effect: { ref: string; before: number | null; after: number | null }[] }[];
}

async function diffJson(dir: string, args: string[]): Promise<DiffJson> {
  const result = await okr(['diff', ...args, '--format', 'json'], { cwd: dir });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as DiffJson;
}

const kinds = (d: DiffJson) => d.changes.map((c) => `${c.kind} ${c.ref}`);

/**
 * The acme example on main, and a branch `feature` that changes it the way a pull request would:
 * a check-in that moves a rollup's child, a target made easier, a rename, an added objective, a
 * team's owners. After the fork, main moves on with a change of its own.
 */
function pullRequestRepo(): { dir: string; forkPoint: string } {
  const dir = copyExample('acme', { repo: true });
  const forkPoint = git(dir, ['rev-parse', 'HEAD']).trim();
  git(dir, ['checkout', '-q', '-b', 'feature']);
  edit(dir, 'teams/checkout/2026-Q4.yaml', 'current: 9\n', 'current: 20\n'); // partner-sdk feeds partner-adoption
  edit(dir, 'teams/checkout/2026-Q4.yaml', 'target: 350', 'target: 400'); // lower is better: raised = easier
  edit(dir, 'teams/checkout/2026-Q4.yaml', 'id: checkout-a11y', 'id: accessible-checkout');
  edit(dir, 'teams/checkout/team.yaml', 'owners: [marco.rossi@acme.example, "@acme/checkout"]', 'owners: [marco.rossi@acme.example, "@acme/checkout", "@acme/a11y"]');
  edit(
    dir,
    'teams/checkout/2026-Q4.yaml',
    'objectives:\n',
    'objectives:\n  - id: refunds\n    title: Refunds in one tap | no <script>alert(1)</script> for @everyone\n    aligns_to: payments/faster-checkout\n    key_results:\n      - id: refund-time\n        title: Cut refund time\n        start: 48\n        target: 1\n        current: 30\n        unit: h\n\n',
  );
  commitAll(dir, 'checkout: Q4 changes');
  git(dir, ['checkout', '-q', 'main']);
  edit(dir, 'teams/payments/2026-Q4.yaml', 'current: 410', 'current: 390'); // main moves on
  commitAll(dir, 'payments: check-in');
  return { dir, forkPoint };
}

describe('okr diff on a repository with a base and a head branch', () => {
  let repo: { dir: string; forkPoint: string };
  beforeAll(() => {
    repo = pullRequestRepo();
  });

  it('A...B compares the merge base with B: only the branch\'s own changes', async () => {
    const d = await diffJson(repo.dir, ['main...feature']);
    expect(kinds(d)).toEqual([
      'team-owners-changed checkout',
      'objective-renamed checkout/accessible-checkout',
      'target-changed checkout/one-click-checkout/checkout-p95',
      'value-changed checkout/partner-sdk/partners-live',
      'objective-added checkout/refunds',
    ]);
    expect(d.base).toEqual({ rev: 'main...feature', commit: repo.forkPoint, worktree: false });
    expect(d.head).toEqual({ rev: 'feature', commit: git(repo.dir, ['rev-parse', 'feature']).trim(), worktree: false });
  });

  it('A..B and "A B" compare the two tips: main\'s later change shows, reversed', async () => {
    const two = await diffJson(repo.dir, ['main..feature']);
    expect(kinds(two)).toContain('value-changed payments/faster-checkout/p95-latency');
    expect(two.changes.find((c) => c.ref === 'payments/faster-checkout/p95-latency')).toMatchObject({ before: 390, after: 410 });
    const pair = await diffJson(repo.dir, ['main', 'feature']);
    expect(pair.changes).toEqual(two.changes);
    expect(pair.base.rev).toBe('main');
  });

  it('flags the target made easier and carries the effect of a rollup child up to the mission', async () => {
    const d = await diffJson(repo.dir, ['main...feature']);
    const target = d.changes.find((c) => c.kind === 'target-changed')!;
    expect(target).toMatchObject({ before: 350, after: 400, unit: 'ms', made_easier: true });
    const value = d.changes.find((c) => c.kind === 'value-changed')!;
    expect(value.effect.map((s) => s.ref)).toEqual([
      'checkout/partner-sdk/partners-live',
      'checkout/partner-sdk',
      'payments/faster-checkout/partner-adoption',
      'payments/faster-checkout',
      'engineering/instant-payments/payment-speed',
      'engineering/instant-payments',
      'mission',
    ]);
    expect(value.effect[0]).toEqual({ ref: 'checkout/partner-sdk/partners-live', before: 9 / 25, after: 20 / 25 });
    for (const step of value.effect) expect(step.after!).toBeGreaterThan(step.before!);
  });

  it("the effect's numbers are the roll-up okr tree shows on each side", async () => {
    const d = await diffJson(repo.dir, ['main...feature']);
    const mission = d.changes.find((c) => c.kind === 'value-changed')!.effect.at(-1)!;
    const before = JSON.parse((await okr(['tree', '--json', '--at', repo.forkPoint], { cwd: repo.dir })).stdout);
    const after = JSON.parse((await okr(['tree', '--json', '--at', 'feature'], { cwd: repo.dir })).stdout);
    expect(mission.before).toBeCloseTo(before.mission.progress, 12);
    expect(mission.after).toBeCloseTo(after.mission.progress, 12);
  });

  it('markdown matches the golden file (UPDATE_GOLDEN=1 to refresh)', async () => {
    const result = await okr(['diff', 'main...feature', '--format', 'markdown'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expectGolden(import.meta.dirname, 'pull-request.md', normaliseCommits(result.stdout));
    // Nothing from a title becomes markup or a mention.
    expect(result.stdout).not.toContain('<script>');
    expect(result.stdout).not.toMatch(/@everyone/);
    expect(result.stdout).toContain('\\<script\\>');
  });

  it('text matches the golden file, colour off', async () => {
    const result = await okr(['diff', 'main...feature'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expectGolden(import.meta.dirname, 'pull-request.txt', normaliseCommits(result.stdout));
  });

  it('text marks changes with +/-/~ and says "made easier" in words, with colour on too', async () => {
    const result = await okr(['diff', 'main...feature'], { cwd: repo.dir, vars: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(result.stdout).toContain('\u001b['); // coloured...
    const plain = result.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/^ {2}\+ checkout\/refunds/m); // ...and the markers and words stay
    expect(plain).toMatch(/^ {2}~ checkout\/one-click-checkout\/checkout-p95 {2}target: 350 ms → 400 ms {2}! made easier$/m);
  });

  it('--exit-code exits 3 when the goals changed and 0 when not; without it, 0', async () => {
    expect((await okr(['diff', 'main...feature', '--exit-code'], { cwd: repo.dir })).code).toBe(3);
    expect((await okr(['diff', 'feature', 'feature', '--exit-code'], { cwd: repo.dir })).code).toBe(0);
    expect((await okr(['diff', 'main...feature'], { cwd: repo.dir })).code).toBe(0);
    const none = await okr(['diff', 'feature', 'feature'], { cwd: repo.dir });
    expect(none.stdout).toMatch(/^No goal changes: [0-9a-f]{7} → [0-9a-f]{7}|^No goal changes: feature \([0-9a-f]{7}\) → feature/);
  });

  it('--exit-code works through the real binary', async () => {
    const result = await okrProcess(['diff', 'main...feature', '--exit-code', '--format', 'json'], { cwd: repo.dir });
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).changes.length).toBe(5);
  });
});

describe('okr diff against the work tree', () => {
  it('compares HEAD with uncommitted changes by default; -R swaps the sides; BASE alone compares with the work tree', async () => {
    const dir = copyExample('acme', { repo: true });
    edit(dir, 'teams/payments/2026.yaml', 'done: false', 'done: true');
    const d = await diffJson(dir, []);
    expect(d.head).toEqual({ rev: null, commit: null, worktree: true });
    expect(d.base.rev).toBe('HEAD');
    expect(d.changes).toMatchObject([{ kind: 'value-changed', ref: 'payments/settlement-in-seconds/ledger-v2', before: false, after: true }]);

    const reversed = await diffJson(dir, ['-R']);
    expect(reversed.base.worktree).toBe(true);
    expect(reversed.changes).toMatchObject([{ kind: 'value-changed', before: true, after: false }]);

    commitAll(dir, 'ledger done');
    edit(dir, 'teams/payments/2026.yaml', 'current: 73', 'current: 40');
    const fromParent = await diffJson(dir, ['HEAD~1']);
    expect(kinds(fromParent)).toEqual(['value-changed payments/settlement-in-seconds/ledger-v2', 'value-changed payments/settlement-in-seconds/reconciliation-breaks']);
    expect((await okr(['diff', '--exit-code'], { cwd: dir })).code).toBe(3);
    git(dir, ['checkout', '-q', '--', '.']);
    expect((await okr(['diff', '--exit-code'], { cwd: dir })).code).toBe(0);
  });

  it('lists okr.yaml changes first, each with its own marker', async () => {
    const dir = copyExample('acme', { repo: true });
    edit(dir, 'okr.yaml', 'cycles:                       # the year, the quarter that ended, and the quarter we are in\n', 'cycles:\n  - id: 2027\n    start: 2027-01-01\n    end: 2027-12-31\n');
    edit(dir, 'okr.yaml', 'require-alignment: error', 'require-alignment: warn');
    const text = await okr(['diff'], { cwd: dir });
    expect(text.stdout.split('\n').slice(2, 6)).toEqual(['', 'okr.yaml', '  + cycle 2027 added: 2027-01-01..2027-12-31', '  ~ rule require-alignment: error → warn']);
    const markdown = await okr(['diff', '--format', 'markdown'], { cwd: dir });
    expect(markdown.stdout).toContain('| ➕ |  | cycle 2027 added: 2027-01-01..2027-12-31 |  |  |');
    expect(markdown.stdout).toContain('| ✏️ |  | rule require-alignment | error | warn |');
  });

  it('prints control characters from goal files as escapes, never raw (text and markdown)', async () => {
    const dir = copyExample('acme', { repo: true });
    edit(dir, 'teams/payments/2026.yaml', 'title: Settle card payments in seconds', 'title: "Settle\\e[2J\\e]0;pwned\\a in seconds\\u2028!"');
    edit(dir, 'teams/payments/team.yaml', 'name: Payments', 'name: "Pay\\e[31mments"');
    for (const format of ['text', 'markdown']) {
      const result = await okr(['diff', '--format', format], { cwd: dir });
      expect(result.code).toBe(0);
      expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028]/);
      expect(result.stdout).toContain(format === 'text' ? '\\u001b[2J' : '\\u001b\\[2J');
    }
  });

  it('works for a workspace in a subfolder of the repository (-C)', async () => {
    const dir = makeRepo({ 'README.md': 'monorepo\n' });
    const acme = copyExample('acme');
    mkdirSync(join(dir, 'org'));
    renameSync(acme, join(dir, 'org', 'goals'));
    commitAll(dir, 'goals');
    edit(dir, 'org/goals/teams/sre/team.yaml', 'name: Site Reliability', 'name: SRE');
    const d = await diffJson(dir, ['-C', 'org/goals']);
    expect(kinds(d)).toEqual(['team-name-changed sre']);
    const inside = await diffJson(join(dir, 'org/goals/teams'), []);
    expect(inside.changes).toEqual(d.changes);
  });

  it('a base without a workspace shows every goal as added, with a warning', async () => {
    const dir = makeRepo({ 'README.md': 'before okr\n' });
    const acme = copyExample('acme');
    for (const f of ['okr.yaml', 'teams']) renameSync(join(acme, f), join(dir, f));
    commitAll(dir, 'adopt okr');
    const result = await okr(['diff', 'HEAD~1', 'HEAD', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^okr: warning: HEAD~1 \([0-9a-f]{7}\) has no workspace here \(no okr.yaml\): every goal shows as added\n$/);
    const d = JSON.parse(result.stdout) as DiffJson;
    expect(d.changes.filter((c) => c.kind === 'team-added')).toHaveLength(12);
    expect(d.changes.every((c) => c.kind.endsWith('-added') || c.team === null)).toBe(true);
  });

  it('a side with invalid goals still diffs what can be read, with a one-line warning', async () => {
    const dir = copyExample('acme', { repo: true });
    edit(dir, 'teams/sales/2026-Q4.yaml', 'objectives:', 'objectives: [oops\n');
    edit(dir, 'teams/payments/2026.yaml', 'done: false', 'done: true');
    const result = await okr(['diff', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^okr: warning: the goals in work tree have \d+ errors? \(run okr check\); the diff shows what could be read\n$/);
    const d = JSON.parse(result.stdout) as DiffJson;
    expect(kinds(d)).toContain('value-changed payments/settlement-in-seconds/ledger-v2');
    const markdown = await okr(['diff', '--format', 'markdown'], { cwd: dir });
    expect(markdown.stdout).toContain('> [!WARNING]');
  });
});

describe('okr diff refuses what it cannot do, clearly', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyExample('acme', { repo: true });
  });

  it.each([
    [['--', '-x'], 2, /not a valid revision: "-x"/],
    [['--', '--output=/tmp/okr-pwned'], 2, /not a valid revision/],
    [['--', 'main..-x'], 2, /not a valid revision: "-x"/],
    [['main\nHEAD'], 2, /not a valid revision/],
    [[''], 2, /not a valid revision: ""/],
    [['a', 'b', 'c'], 2, /too many revisions/],
    [['main..HEAD', 'HEAD'], 2, /cannot be combined/],
    [['main...HEAD', '-R'], 2, /--reverse cannot be used with a merge-base range/],
    [['nope'], 1, /unknown revision: nope/],
    [['main;touch pwned'], 1, /unknown revision: main;touch pwned/],
    [['$(touch pwned)'], 1, /unknown revision/],
    [['HEAD', '--cycle', '2031'], 2, /unknown cycle "2031"/],
    [['--format', 'html'], 2, /invalid/],
  ])('okr diff %j exits %i', async (args, code, message) => {
    const result = await okr(['diff', ...args], { cwd: dir });
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
    expect(existsSync('/tmp/okr-pwned')).toBe(false);
  });

  it('says so in a repository with no commits yet', async () => {
    const fresh = makeRepo();
    writeFiles(fresh, { 'okr.yaml': readFileSync(join(dir, 'okr.yaml'), 'utf8') });
    const result = await okr(['diff'], { cwd: fresh });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('okr: the repository has no commits yet: there is no HEAD to compare with\nCommit the goal files first (git add okr.yaml teams && git commit), then run okr diff.\n');
  });

  it('says so outside a git repository (exit 1)', async () => {
    const plain = copyExample('acme');
    const result = await okr(['diff'], { cwd: plain });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^okr: not a git repository: .*\n.*git work tree/);
  });

  it('says so when two revisions share no history (A...B)', async () => {
    git(dir, ['checkout', '-q', '--orphan', 'unrelated']);
    writeFiles(dir, { 'okr.yaml': readFileSync(join(dir, 'okr.yaml'), 'utf8') });
    commitAll(dir, 'unrelated');
    const result = await okr(['diff', 'main...unrelated'], { cwd: dir });
    git(dir, ['checkout', '-q', '-f', 'main']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/have no common ancestor/);
  });
});


function normaliseCommits(s: string): string {
  return s.replace(/\b[0-9a-f]{7}\b/g, '<commit>');
}
