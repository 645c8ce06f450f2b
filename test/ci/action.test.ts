// Runs the composite action's shell steps (action.yml) the way a GitHub runner does: each `run:`
// with bash -eo pipefail, the runner's environment variables (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT,
// RUNNER_TEMP, ...), and the step's `env:` expressions evaluated. `uses:` steps (the SARIF upload)
// are not run; the test checks their conditions and inputs instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../support/run-cli.js';
import { commitAll, copyExample, git, GIT_IDENTITY, makeRepo, tempDir } from '../support/temp-repo.js';

interface Step {
  id?: string;
  name: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as Action;

interface RunnerContext {
  workspace: string;
  inputs?: Record<string, string>;
  baseRef?: string;
  eventBefore?: string;
}

interface StepRun {
  name: string;
  code: number;
  stdout: string;
  stderr: string;
}

interface ActionRun {
  steps: StepRun[];
  /** The first step that failed (the runner skips the rest), if any. */
  failed?: StepRun;
  summary: string;
  outputs: Record<string, string>;
  skippedUses: Step[];
}

/** Evaluates the `${{ ... }}` expressions the action uses; anything else fails the test. */
function evaluate(text: string, lookup: (path: string) => string): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => lookup(expr));
}

function runAction(ctx: RunnerContext): ActionRun {
  const runnerTemp = tempDir('okr-runner-temp-');
  const home = tempDir('okr-runner-home-');
  const summaryFile = join(runnerTemp, 'step_summary.md');
  writeFileSync(summaryFile, '');
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, ctx.inputs?.[k] ?? v.default ?? '']));
  const stepOutputs = new Map<string, Record<string, string>>();
  const lookup = (expr: string): string => {
    let m: RegExpMatchArray | null;
    if ((m = expr.match(/^inputs\.([\w-]+)$/))) {
      if (!(m[1]! in inputs)) throw new Error(`unknown input ${m[1]}`);
      return inputs[m[1]!]!;
    }
    if ((m = expr.match(/^steps\.([\w-]+)\.outputs\.([\w-]+)$/))) return stepOutputs.get(m[1]!)?.[m[2]!] ?? '';
    switch (expr) {
      case 'github.action_path':
        return PROJECT_ROOT;
      case 'github.base_ref':
        return ctx.baseRef ?? '';
      case 'github.event.before':
        return ctx.eventBefore ?? '';
      case 'runner.temp':
        return runnerTemp;
    }
    throw new Error(`the test runner does not know the expression \${{ ${expr} }}`);
  };

  const steps: StepRun[] = [];
  const skippedUses: Step[] = [];
  let failed: StepRun | undefined;
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.uses) {
      skippedUses.push(step);
      continue;
    }
    if (failed) continue; // a failed step skips the rest (none of the run steps says if: always())
    expect(step.if, `run step "${step.name}" has an if: the test runner does not evaluate those`).toBeUndefined();
    expect(step.shell).toBe('bash');
    const outputFile = join(runnerTemp, `output_${i}`);
    writeFileSync(outputFile, '');
    const scriptFile = join(runnerTemp, `step_${i}.sh`);
    writeFileSync(scriptFile, step.run!);
    expect(step.run, 'scripts must take workflow values from env, never pasted in').not.toMatch(/\$\{\{/);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: ctx.workspace,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      GITHUB_ENV: join(runnerTemp, 'env'),
      GITHUB_ACTION_PATH: PROJECT_ROOT,
      GITHUB_BASE_REF: ctx.baseRef ?? '',
      GITHUB_EVENT_NAME: ctx.baseRef ? 'pull_request' : 'push',
      RUNNER_TEMP: runnerTemp,
      OKR_TODAY: '2026-11-25',
      GIT_CONFIG_NOSYSTEM: '1',
      ...GIT_IDENTITY,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v), lookup)])),
    };
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], { cwd: ctx.workspace, env, encoding: 'utf8' });
    const run = { name: step.name, code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
    steps.push(run);
    if (step.id) stepOutputs.set(step.id, parseOutputs(readFileSync(outputFile, 'utf8')));
    if (run.code !== 0) failed = run;
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, evaluate(v.value, lookup)]));
  return { steps, failed, summary: readFileSync(summaryFile, 'utf8'), outputs, skippedUses };
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return outputs;
}

const stepNamed = (run: ActionRun, name: RegExp) => run.steps.find((s) => name.test(s.name))!;

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

  it('a pull request that changes goals: no annotations, the changes in the job summary, outputs set', () => {
    const { clone } = pullRequest((dir) => {
      edit(dir, 'teams/checkout/2026-Q4.yaml', 'target: 350', 'target: 400');
      edit(dir, 'teams/checkout/2026-Q4.yaml', 'current: 9\n', 'current: 20\n');
    });
    expect(existsSync(join(clone, '.git/refs/remotes/origin/main'))).toBe(false); // the action must fetch it
    const run = runAction({ workspace: clone, baseRef: 'main' });
    expect(run.failed).toBeUndefined();
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

  it('a pull request with a broken goal: an annotation on the line, SARIF written, the summary still there, the job failing', () => {
    const file = 'teams/checkout/2026-Q4.yaml';
    const { clone } = pullRequest((dir) => edit(dir, file, 'aligns_to: payments/faster-checkout\n', 'aligns_to: payments/faster-checkot\n'));
    const run = runAction({ workspace: clone, baseRef: 'main', inputs: { sarif: 'true' } });
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

  it('a workspace in a subfolder (working-directory): annotations name the file from the repository root', () => {
    const file = 'teams/sales/2026-Q4.yaml';
    const { clone } = pullRequest((dir) => edit(dir, file, 'objectives:', 'objectives:\n  - id: -bad\n'), { prefix: 'org/goals', shallow: false });
    const run = runAction({ workspace: clone, baseRef: 'main', inputs: { 'working-directory': 'org/goals' } });
    expect(stepNamed(run, /Check/).stdout).toMatch(/^::error file=org\/goals\/teams\/sales\/2026-Q4\.yaml,line=2,/m);
    expect(run.failed?.name).toBe('Fail on goal errors');
  });

  it('a push: compares with the commit before the push; max-warnings makes warnings fail', () => {
    const { clone } = pullRequest((dir) => edit(dir, 'teams/sre/team.yaml', 'name: Site Reliability', 'name: SRE'), { shallow: false });
    git(clone, ['fetch', '-q', 'origin', 'main:refs/remotes/origin/main']);
    const before = git(clone, ['rev-parse', 'origin/main']).trim();
    const run = runAction({ workspace: clone, eventBefore: before });
    expect(run.failed).toBeUndefined();
    expect(run.summary).toMatch(/^### Goal changes: `[0-9a-f]{7}` → `HEAD \([0-9a-f]{7}\)`/);
    expect(run.summary).toContain('| ✏️ | `sre` | name | "Site Reliability" | "SRE" |');

    // A rollup key result nothing feeds: a warning, which fails the job only with max-warnings.
    edit(clone, 'teams/sre/2026-Q4.yaml', 'key_results:\n', 'key_results:\n      - {id: unfed, title: Nothing feeds this, rollup: true}\n');
    const lenient = runAction({ workspace: clone, eventBefore: before });
    expect(stepNamed(lenient, /Check/).stdout).toMatch(/^::warning file=teams\/sre\/2026-Q4\.yaml,line=\d+,col=\d+,title=rollup-without-children::/m);
    expect(lenient.failed).toBeUndefined();
    const strict = runAction({ workspace: clone, eventBefore: before, inputs: { 'max-warnings': '0', summary: 'false' } });
    expect(strict.summary).toBe('');
    expect(strict.failed?.name).toBe('Fail on goal errors');
  });

  it('a new branch pushed (before is all zeros): no diff, no failure', () => {
    const { clone } = pullRequest(() => undefined, { shallow: false });
    const run = runAction({ workspace: clone, eventBefore: '0000000000000000000000000000000000000000' });
    expect(run.failed).toBeUndefined();
    expect(stepNamed(run, /Summarise/).stdout).toMatch(/no base to compare with/);
    expect(run.outputs.changed).toBe('false');
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
    expect(workflow.on.pull_request.paths).toEqual(['okr.yaml', 'teams/**']);
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
