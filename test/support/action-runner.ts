// Runs the composite action's shell steps (action.yml) the way a GitHub runner does: each `run:` as
// a bash process with the runner's flags (bash --noprofile --norc -eo pipefail), the runner's
// environment variables (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP, ...), and the step's `env:`
// and the inputs' defaults with their `${{ ... }}` expressions evaluated. `uses:` steps (the SARIF
// upload) are not run; tests check their conditions and inputs instead. Steps run asynchronously, so
// a test can serve HTTP (a stand-in for the GitHub API) to them from its own process.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from './run-cli.js';
import { GIT_IDENTITY, tempDir } from './temp-repo.js';

export interface Step {
  id?: string;
  name: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}

export interface Action {
  inputs: Record<string, { default?: string; description: string }>;
  outputs: Record<string, { value: string; description: string }>;
  runs: { using: string; steps: Step[] };
}

export const action = parse(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as Action;

export interface RunnerContext {
  workspace: string;
  inputs?: Record<string, string>;
  baseRef?: string;
  eventBefore?: string;
  /** The pull request's number (github.event.pull_request.number). */
  pullRequest?: number;
  /** github.repository, owner/name. */
  repository?: string;
  /** github.api_url. */
  apiUrl?: string;
  /** github.token, the workflow's token. */
  token?: string;
  /** Where the runner checked the action out (github.action_path); default this project. */
  actionPath?: string;
  /** Run each script with plain `bash FILE`, without the runner's -e and pipefail. */
  plainBash?: boolean;
  /** Milliseconds a step may take. */
  timeout?: number;
}

export interface StepRun {
  name: string;
  code: number;
  stdout: string;
  stderr: string;
}

export interface ActionRun {
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

function runScript(file: string, options: { cwd: string; env: Record<string, string>; plainBash: boolean; timeout: number }): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = options.plainBash ? [file] : ['--noprofile', '--norc', '-eo', 'pipefail', file];
  return new Promise((resolve, reject) => {
    const child = spawn('bash', args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeout });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export async function runAction(ctx: RunnerContext): Promise<ActionRun> {
  const runnerTemp = tempDir('okr-runner-temp-');
  const home = tempDir('okr-runner-home-');
  const summaryFile = join(runnerTemp, 'step_summary.md');
  writeFileSync(summaryFile, '');
  const actionPath = ctx.actionPath ?? PROJECT_ROOT;
  const stepOutputs = new Map<string, Record<string, string>>();
  const github = (expr: string): string | undefined => {
    switch (expr) {
      case 'github.action_path':
        return actionPath;
      case 'github.base_ref':
        return ctx.baseRef ?? '';
      case 'github.event.before':
        return ctx.eventBefore ?? '';
      case 'github.event.pull_request.number':
        return ctx.pullRequest === undefined ? '' : String(ctx.pullRequest);
      case 'github.repository':
        return ctx.repository ?? 'okr-test/goals';
      case 'github.api_url':
        return ctx.apiUrl ?? 'http://127.0.0.1:9'; // nothing listens there: no test reaches GitHub
      case 'github.token':
        return ctx.token ?? '';
      case 'runner.temp':
        return runnerTemp;
    }
    return undefined;
  };
  const inputs = Object.fromEntries(
    Object.entries(action.inputs).map(([k, v]) => [
      k,
      ctx.inputs?.[k] ??
        evaluate(v.default ?? '', (expr) => {
          const value = github(expr);
          if (value === undefined) throw new Error(`the test runner does not know the expression \${{ ${expr} }} in the default of ${k}`);
          return value;
        }),
    ]),
  );
  const lookup = (expr: string): string => {
    let m: RegExpMatchArray | null;
    if ((m = expr.match(/^inputs\.([\w-]+)$/))) {
      if (!(m[1]! in inputs)) throw new Error(`unknown input ${m[1]}`);
      return inputs[m[1]!]!;
    }
    if ((m = expr.match(/^steps\.([\w-]+)\.outputs\.([\w-]+)$/))) return stepOutputs.get(m[1]!)?.[m[2]!] ?? '';
    const value = github(expr);
    if (value === undefined) throw new Error(`the test runner does not know the expression \${{ ${expr} }}`);
    return value;
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
    expect(step.run, 'scripts must take workflow values from env, never pasted in').not.toMatch(/\$\{\{/);
    const outputFile = join(runnerTemp, `output_${i}`);
    writeFileSync(outputFile, '');
    const scriptFile = join(runnerTemp, `step_${i}.sh`);
    writeFileSync(scriptFile, step.run!);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: ctx.workspace,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      GITHUB_ENV: join(runnerTemp, 'env'),
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_BASE_REF: ctx.baseRef ?? '',
      GITHUB_EVENT_NAME: ctx.baseRef ? 'pull_request' : 'push',
      GITHUB_REPOSITORY: ctx.repository ?? 'okr-test/goals',
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_RUN_ID: '4242',
      RUNNER_TEMP: runnerTemp,
      OKR_TODAY: '2026-11-25',
      GIT_CONFIG_NOSYSTEM: '1',
      ...GIT_IDENTITY,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v), lookup)])),
    };
    // npm, should the setup step run it, uses this machine's cache, as a runner's would persist.
    env.npm_config_cache = process.env.npm_config_cache ?? join(homedir(), '.npm');
    const result = await runScript(scriptFile, { cwd: ctx.workspace, env, plainBash: ctx.plainBash ?? false, timeout: ctx.timeout ?? 60_000 });
    const run = { name: step.name, ...result };
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

export const stepNamed = (run: ActionRun, name: RegExp): StepRun => run.steps.find((s) => name.test(s.name))!;

/** The run steps' scripts, as the runner writes them to files. */
export function stepScripts(): { name: string; script: string }[] {
  return action.runs.steps.filter((s) => s.run).map((s) => ({ name: s.name, script: s.run! }));
}
