// The composite action (action.yml), its shell steps run as a GitHub runner runs them
// (test/support/action-runner.ts), on repositories with a base and a head branch.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { action, runAction, stepNamed, stepScripts, type Step } from '../support/action-runner.js';
import { findClient, requireClient } from '../support/clients.js';
import { FakeGitHub } from '../support/fake-github.js';
import { makeRelease } from '../support/release.js';
import { PROJECT_ROOT } from '../support/run-cli.js';
import { commitAll, copyExample, git, makeRepo, tempDir } from '../support/temp-repo.js';

/** `origin` (bare) with main holding the acme example and `feature` changing it; the runner's clone of feature. */
function pullRequest(change: (dir: string) => void, { prefix = '', shallow = true } = {}): { origin: string; clone: string } {
  const dir = makeRepo({ 'README.md': 'goals\n' });
  const acme = copyExample('acme');
  if (prefix) mkdirSync(join(dir, prefix), { recursive: true });
  for (const f of ['okr.yaml', 'teams']) renameSync(join(acme, f), join(dir, prefix, f));
  commitAll(dir, 'goals');
  git(dir, ['checkout', '-q', '-b', 'feature']);
  change(join(dir, prefix));
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', 'change the goals']);
  const origin = join(tempDir('okr-origin-'), 'origin.git');
  git(dir, ['clone', '-q', '--bare', dir, origin]);
  // As actions/checkout does by default for the head: one commit, one branch.
  const clone = join(tempDir('okr-runner-'), 'repo');
  git(tempDir(), ['clone', '-q', ...(shallow ? ['--depth', '1'] : []), '--single-branch', '--branch', 'feature', `file://${origin}`, clone]);
  return { origin, clone };
}

function edit(dir: string, file: string, from: string, to: string): void {
  const text = readFileSync(join(dir, file), 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(join(dir, file), text.replace(from, to));
}

function lineOf(dir: string, file: string, needle: string): number {
  return readFileSync(join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('the GitHub Action (action.yml), run locally as a runner would', () => {
  it('is a composite action whose run steps all use bash, and uploads SARIF only when asked', () => {
    expect(action.runs.using).toBe('composite');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload).toBeDefined();
    expect(upload!.if).toMatch(/inputs\.sarif == 'true'/);
    expect(upload!.with!.sarif_file).toBe('${{ steps.check.outputs.sarif-file }}');
  });

  it('a pull request that changes goals: no annotations, the changes in the job summary, outputs set', async () => {
    const { clone } = pullRequest((dir) => {
      edit(dir, 'teams/checkout/2026-Q4.yaml', 'target: 350', 'target: 400');
      edit(dir, 'teams/checkout/2026-Q4.yaml', 'current: 9\n', 'current: 20\n');
    });
    expect(existsSync(join(clone, '.git/refs/remotes/origin/main'))).toBe(false); // the action must fetch it
    const run = await runAction({ workspace: clone, baseRef: 'main' });
    expect(run.failed).toBeUndefined();
    // Built files and their packages are there (this checkout): no npm ci, no build.
    expect(stepNamed(run, /Set up/).stdout).toBe(`okr: using the built okr in ${PROJECT_ROOT}\n`);
    const check = stepNamed(run, /Check/);
    expect(check.stdout).not.toMatch(/::error/);
    expect(check.stdout).toContain('okr check: no errors');
    expect(run.summary).toMatch(/^### Goal changes: `origin\/main\.\.\.HEAD \([0-9a-f]{7}\)` → `HEAD \([0-9a-f]{7}\)`\n/);
    expect(run.summary).toContain('**2 changes** in 1 team: 2 changed · ⚠️ **1 made easier**');
    expect(run.summary).toContain('| ✏️ | `checkout/one-click-checkout/checkout-p95` | target | 350 ms | 400 ms ⚠️ **made easier** |');
    expect(run.summary).toContain('<details><summary>Effect on progress');
    expect(run.outputs.changed).toBe('true');
    expect(readFileSync(run.outputs['diff-file']!, 'utf8')).toBe(run.summary);
    expect(run.outputs['sarif-file']).toBe('');
  });

  it('a pull request with a broken goal: an annotation on the line, SARIF written, the summary still there, the job failing', async () => {
    const file = 'teams/checkout/2026-Q4.yaml';
    const { clone } = pullRequest((dir) => edit(dir, file, 'aligns_to: payments/faster-checkout\n', 'aligns_to: payments/faster-checkot\n'));
    const run = await runAction({ workspace: clone, baseRef: 'main', inputs: { sarif: 'true' } });
    const line = lineOf(clone, file, 'faster-checkot');
    const check = stepNamed(run, /Check/);
    expect(check.code).toBe(0); // the check step records the failure and lets the summary run
    expect(check.stdout).toMatch(new RegExp(`^::error file=teams/checkout/2026-Q4\\.yaml,line=${line},col=16,title=unknown-reference::.*did you mean "payments/faster-checkout"`, 'm'));
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file']!, 'utf8'));
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'unknown-reference', level: 'error' });
    expect(sarif.runs[0].results[0].locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: file }, region: { startLine: line } });
    expect(run.summary).toContain('> [!WARNING]');
    expect(run.summary).toContain('| ✏️ | `checkout/checkout-a11y` | aligns to | payments/faster-checkout | payments/faster-checkot |');
    expect(run.failed?.name).toBe('Fail on goal errors');
    expect(run.failed?.stdout).toMatch(/okr check failed \(exit 1\)/);
  });

  it('a workspace in a subfolder (working-directory): annotations name the file from the repository root', async () => {
    const file = 'teams/sales/2026-Q4.yaml';
    const { clone } = pullRequest((dir) => edit(dir, file, 'objectives:', 'objectives:\n  - id: -bad\n'), { prefix: 'org/goals', shallow: false });
    const run = await runAction({ workspace: clone, baseRef: 'main', inputs: { 'working-directory': 'org/goals' } });
    expect(stepNamed(run, /Check/).stdout).toMatch(/^::error file=org\/goals\/teams\/sales\/2026-Q4\.yaml,line=2,/m);
    expect(run.failed?.name).toBe('Fail on goal errors');
  });

  it('a mistyped working-directory fails the job at once with an annotation, whatever the shell flags', async () => {
    const { clone } = pullRequest((dir) => edit(dir, 'teams/sales/2026-Q4.yaml', 'objectives:', 'objectives:\n  - id: -bad\n'), { prefix: 'org/goals', shallow: false });
    // As the runner runs steps (bash -eo pipefail), and with plain bash: a script that relied on the
    // runner's -e, or lost it, would check the repository root instead and report "no errors".
    for (const plainBash of [false, true]) {
      const run = await runAction({ workspace: clone, baseRef: 'main', inputs: { 'working-directory': 'org/goal' }, plainBash });
      expect(run.failed?.name, `plainBash: ${plainBash}`).toBe('Check the goals');
      expect(run.failed?.code).toBe(1);
      expect(run.failed?.stdout).toBe(`::error title=okr::working-directory "org/goal" is not a folder in the repository: check the input's spelling.\n`);
      expect(run.steps.map((s) => s.name)).toEqual(['Set up okr', 'Check the goals']); // the rest is skipped
      expect(run.summary).toBe('');
    }
    const newline = await runAction({ workspace: clone, baseRef: 'main', inputs: { 'working-directory': 'org/goals\n::error::forged' } });
    expect(newline.failed?.stdout).toBe(`::error title=okr::working-directory "org/goals%0A::error::forged" is not a folder in the repository: check the input's spelling.\n`);
  });

  it('a push: compares with the commit before the push; max-warnings makes warnings fail', async () => {
    const { clone } = pullRequest((dir) => edit(dir, 'teams/sre/team.yaml', 'name: Site Reliability', 'name: SRE'), { shallow: false });
    git(clone, ['fetch', '-q', 'origin', 'main:refs/remotes/origin/main']);
    const before = git(clone, ['rev-parse', 'origin/main']).trim();
    const run = await runAction({ workspace: clone, eventBefore: before });
    expect(run.failed).toBeUndefined();
    expect(run.summary).toMatch(/^### Goal changes: `[0-9a-f]{7}` → `HEAD \([0-9a-f]{7}\)`/);
    expect(run.summary).toContain('| ✏️ | `sre` | name | "Site Reliability" | "SRE" |');

    // A rollup key result nothing feeds: a warning, which fails the job only with max-warnings.
    edit(clone, 'teams/sre/2026-Q4.yaml', 'key_results:\n', 'key_results:\n      - {id: unfed, title: Nothing feeds this, rollup: true}\n');
    const lenient = await runAction({ workspace: clone, eventBefore: before });
    expect(stepNamed(lenient, /Check/).stdout).toMatch(/^::warning file=teams\/sre\/2026-Q4\.yaml,line=\d+,col=\d+,title=rollup-without-children::/m);
    expect(lenient.failed).toBeUndefined();
    const strict = await runAction({ workspace: clone, eventBefore: before, inputs: { 'max-warnings': '0', summary: 'false' } });
    expect(strict.summary).toBe('');
    expect(strict.failed?.name).toBe('Fail on goal errors');
  });

  it('a new branch pushed (before is all zeros): no diff, no failure', async () => {
    const { clone } = pullRequest(() => undefined, { shallow: false });
    const run = await runAction({ workspace: clone, eventBefore: '0000000000000000000000000000000000000000' });
    expect(run.failed).toBeUndefined();
    expect(stepNamed(run, /Summarise/).stdout).toMatch(/no base to compare with/);
    expect(run.outputs.changed).toBe('false');
  });
});

describe('the action checked out at a release tag (uses: okr-cli/okr@v…)', () => {
  it(
    'uses the built files the tag carries: installs only the runtime packages, once, and builds nothing',
    async () => {
      const { repo, tag } = makeRelease();
      const actionPath = join(tempDir('okr-action-checkout-'), 'okr');
      git(tempDir(), ['clone', '-q', '--branch', tag, repo, actionPath]);
      expect(existsSync(join(actionPath, 'dist/build.json'))).toBe(true);
      expect(existsSync(join(actionPath, 'node_modules'))).toBe(false);
      const { clone } = pullRequest((dir) => edit(dir, 'teams/checkout/2026-Q4.yaml', 'target: 350', 'target: 400'));

      const first = await runAction({ workspace: clone, baseRef: 'main', actionPath, timeout: 180_000 });
      expect(first.failed).toBeUndefined();
      const setup = stepNamed(first, /Set up/);
      expect(setup.stdout).toMatch(/^::group::Installing okr's runtime dependencies\n/);
      expect(setup.stdout).not.toMatch(/Building okr/);
      expect(existsSync(join(actionPath, 'node_modules/ajv'))).toBe(true);
      expect(existsSync(join(actionPath, 'node_modules/typescript'))).toBe(false);
      expect(stepNamed(first, /Check/).stdout).toContain('okr check: no errors');
      expect(first.outputs.changed).toBe('true');
      expect(git(actionPath, ['status', '--porcelain']).trim()).toBe(''); // npm ci left the checkout as it was

      const again = await runAction({ workspace: clone, baseRef: 'main', actionPath });
      expect(stepNamed(again, /Set up/).stdout).toBe(`okr: using the built okr in ${actionPath}\n`);
    },
    240_000,
  );
});

describe('the action\'s shell steps under shellcheck', () => {
  it('have no shellcheck findings', (ctx) => {
    const shellcheck = requireClient(ctx, findClient(['shellcheck'], ['--version']), 'shellcheck', 'apt-get install -y shellcheck');
    const dir = tempDir('okr-shellcheck-');
    const files = stepScripts().map(({ name, script }, i) => {
      const file = join(dir, `${i}-${name.replace(/\W+/g, '-')}.sh`);
      writeFileSync(file, script);
      return file;
    });
    expect(files.length).toBeGreaterThanOrEqual(5);
    const run = spawnSync(shellcheck, ['--shell=bash', '--format=gcc', ...files], { encoding: 'utf8' });
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('comment: true, against a local server playing the GitHub API', () => {
  const TOKEN = 'ghs_testtoken0123456789';
  const REPO = 'acme/goals';
  let api: FakeGitHub;
  beforeEach(async () => {
    api = await new FakeGitHub(TOKEN).start();
  });
  afterEach(async () => {
    await api.stop();
  });
  const onPullRequest = (clone: string, inputs: Record<string, string> = { comment: 'true' }) =>
    runAction({ workspace: clone, baseRef: 'main', pullRequest: 7, repository: REPO, apiUrl: api.url, token: TOKEN, inputs });
  const MARKER = '<!-- okr diff comment for . -->\n';
  const ours = () => api.commentsOn(REPO, 7).filter((c) => c.body.startsWith(MARKER));

  it('posts the goal changes as one comment, and updates that comment on each later push', async () => {
    // 120 comments already: ours will be on the second page. One of them quotes a marker mid-text.
    for (let i = 0; i < 120; i++) api.addComment(REPO, 7, i === 5 ? `> ${MARKER}looks right` : `comment ${i}`);
    const { clone } = pullRequest((dir) => edit(dir, 'teams/checkout/2026-Q4.yaml', 'target: 350', 'target: 400'));

    const first = await onPullRequest(clone);
    expect(first.failed).toBeUndefined();
    expect(api.writes().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /repos/acme/goals/issues/7/comments']);
    expect(api.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([
      '/repos/acme/goals/issues/7/comments?per_page=100',
      '/repos/acme/goals/issues/7/comments?per_page=100&page=2',
    ]);
    for (const r of api.requests) expect(r).toMatchObject({ authorization: `Bearer ${TOKEN}`, accept: 'application/vnd.github+json', apiVersion: '2022-11-28' });
    expect(ours()).toHaveLength(1);
    const comment = ours()[0]!;
    expect(comment.body).toBe(`${MARKER}${first.summary.trim()}\n`);
    expect(comment.body).toContain('| ✏️ | `checkout/one-click-checkout/checkout-p95` | target | 350 ms | 400 ms ⚠️ **made easier** |');
    expect(first.outputs['comment-url']).toBe(comment.html_url);
    expect(stepNamed(first, /Comment/).stdout).toBe(`okr: commented: ${comment.html_url}\n`);

    // The next push changes the goals again: the same comment is edited, no second one appears.
    edit(clone, 'teams/checkout/2026-Q4.yaml', 'target: 400', 'target: 300');
    commitAll(clone, 'raise the bar again');
    api.requests.length = 0;
    const second = await onPullRequest(clone);
    expect(api.writes().map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /repos/acme/goals/issues/comments/${comment.id}`]);
    expect(ours()).toHaveLength(1);
    expect(api.commentsOn(REPO, 7)).toHaveLength(121);
    expect(comment.body).toContain('| 350 ms | 300 ms |');
    expect(comment.body).not.toContain('400 ms');
    expect(second.outputs['comment-url']).toBe(comment.html_url);

    // A run with nothing new (a re-run) leaves it alone.
    api.requests.length = 0;
    const third = await onPullRequest(clone);
    expect(api.writes()).toEqual([]);
    expect(stepNamed(third, /Comment/).stdout).toBe(`okr: the comment is up to date: ${comment.html_url}\n`);

    // The token is sent to the API and printed nowhere.
    for (const run of [first, second, third]) for (const step of run.steps) expect(`${step.stdout}${step.stderr}`).not.toContain(TOKEN);
  });

  it('no goal changes: no new comment; an earlier one is updated to say there are none now', async () => {
    const { clone } = pullRequest(() => undefined);
    await onPullRequest(clone);
    expect(api.writes()).toEqual([]);
    expect(api.commentsOn(REPO, 7)).toEqual([]);

    const earlier = api.addComment(REPO, 7, `${MARKER}### Goal changes: old`, 'github-actions[bot]');
    const run = await onPullRequest(clone);
    expect(api.writes().map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /repos/acme/goals/issues/comments/${earlier.id}`]);
    expect(earlier.body).toMatch(/^<!-- okr diff comment for \. -->\n### Goal changes: .*\n\nNo goal changes\.\n$/);
    expect(run.failed).toBeUndefined();
  });

  it('each workspace keeps its own comment', async () => {
    const { clone } = pullRequest((dir) => edit(dir, 'teams/sre/team.yaml', 'name: Site Reliability', 'name: SRE'), { prefix: 'org/goals', shallow: false });
    const other = api.addComment(REPO, 7, `${MARKER}### Goal changes of the root workspace`, 'github-actions[bot]');
    await onPullRequest(clone, { comment: 'true', 'working-directory': './org/goals/' });
    expect(api.writes().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /repos/acme/goals/issues/7/comments']);
    expect(api.commentsOn(REPO, 7)[1]!.body).toMatch(/^<!-- okr diff comment for org\/goals -->\n### Goal changes/);
    expect(other.body).toBe(`${MARKER}### Goal changes of the root workspace`);
  });

  it('a token that may not comment (a pull request from a fork): a warning, and the job goes on', async () => {
    api.readOnly = true;
    const { clone } = pullRequest((dir) => edit(dir, 'teams/checkout/2026-Q4.yaml', 'target: 350', 'target: 400'));
    const run = await onPullRequest(clone);
    expect(run.failed).toBeUndefined();
    expect(stepNamed(run, /Comment/).stdout).toBe(
      '::warning title=okr comment::could not comment on the pull request: POST /repos/acme/goals/issues/7/comments answered HTTP 403: Resource not accessible by integration. ' +
        'The token needs "pull-requests: write" (permissions in the workflow); pull requests from forks get a read-only token.\n',
    );
    expect(run.outputs['comment-url']).toBe('');
  });

  it('no request to the API unless asked, and none outside a pull request', async () => {
    const { clone } = pullRequest((dir) => edit(dir, 'teams/checkout/2026-Q4.yaml', 'target: 350', 'target: 400'), { shallow: false });
    const off = await onPullRequest(clone, {});
    expect(off.failed).toBeUndefined();
    expect(stepNamed(off, /Comment/).stdout).toBe('');
    git(clone, ['fetch', '-q', 'origin', 'main:refs/remotes/origin/main']);
    const push = await runAction({ workspace: clone, eventBefore: git(clone, ['rev-parse', 'origin/main']).trim(), repository: REPO, apiUrl: api.url, token: TOKEN, inputs: { comment: 'true' } });
    expect(push.failed).toBeUndefined();
    expect(stepNamed(push, /Comment/).stdout).toBe('okr: not a pull request, so no comment (comment: true acts on pull_request events).\n');
    expect(api.requests).toEqual([]);
  });
});

describe('the example workflow and the pre-commit hooks', () => {
  it('the example workflow uses this action with the history the diff needs', () => {
    const workflow = parse(readFileSync(join(PROJECT_ROOT, 'examples/github-workflow.yml'), 'utf8'));
    const steps = workflow.jobs.okr.steps as Step[];
    expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    const okrStep = steps.find((s) => s.id === 'okr')!;
    expect(Object.keys(okrStep.with ?? {}).every((k) => k in action.inputs)).toBe(true);
    expect(workflow.permissions['security-events']).toBe('write');
    expect(okrStep.uses).toMatch(/^okr-cli\/okr@v\d+\.\d+\.\d+$/); // a release tag: the built files are in it
    expect(okrStep.with!.comment).toBe('true');
    expect(workflow.permissions['pull-requests']).toBe('write');
    expect(workflow.on.pull_request.paths).toEqual(['okr.yaml', 'teams/**']);
  });

  it('the README documents every input of the action, with its default, and every output', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### In CI: the GitHub Action'), readme.indexOf('### pre-commit'));
    const rows = new Map([...section.matchAll(/^\| `([\w-]+)` \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]));
    expect([...rows.keys()].sort()).toEqual(Object.keys(action.inputs).sort());
    for (const [name, input] of Object.entries(action.inputs)) {
      const row = rows.get(name)!;
      const given = input.default ?? '';
      if (given === 'true' || given === 'false') expect(row, name).toBe(`\`'${given}'\``);
      else if (given.startsWith('${{')) expect(row, name).toContain(`\`${given.match(/\$\{\{\s*(.+?)\s*\}\}/)![1]}\``);
      else if (given) expect(row, name).toBe(`\`${given}\``);
      else expect(row, name).not.toBe('');
      expect(input.description.length, name).toBeGreaterThan(20);
    }
    for (const output of Object.keys(action.outputs)) expect(section).toContain(`\`${output}\``);
  });

  it('.pre-commit-hooks.yaml: hooks run okr once for the workspace when a goal file changes', () => {
    const hooks = parse(readFileSync(join(PROJECT_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files: string; pass_filenames: boolean; language: string }[];
    expect(hooks.map((h) => h.id)).toEqual(['okr-check', 'okr-check-system', 'okr-codeowners']);
    const check = hooks[0]!;
    expect(check.pass_filenames).toBe(false);
    const files = new RegExp(check.files);
    for (const path of ['okr.yaml', 'teams/payments/2026-Q4.yaml', 'teams/payments/team.yaml', 'goals/teams/a/2026.yaml', 'goals/okr.yaml']) expect(files.test(path)).toBe(true);
    for (const path of ['README.md', 'teams/payments/notes.md', 'teams/a/b/c.yaml', 'myokr.yaml', 'src/teams.yaml']) expect(files.test(path)).toBe(false);
    // The entry, as pre-commit runs it: the command line split on spaces, in the repository.
    const dir = copyExample('acme', { repo: true });
    const [command, ...args] = check.entry.split(' ');
    expect(command).toBe('okr');
    const ok = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/okr.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(ok.status).toBe(0);
    writeFileSync(join(dir, 'teams/sre/team.yaml'), 'name: [\n');
    const bad = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/okr.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/teams\/sre\/team\.yaml:\d+:\d+ error/);
    expect(hooks[2]!.entry).toBe('okr codeowners --check');
  });
});
