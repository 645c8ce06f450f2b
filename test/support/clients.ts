// The real clients users combine okr with (pre-commit, shellcheck, PyYAML, npm): tests run them
// when they are installed. Outside CI a missing client skips the test with a message that says how
// to install it; in CI (.ci/run installs them) a missing client fails the test.
import { spawn, spawnSync } from 'node:child_process';
import type { TestContext } from 'vitest';

export const IN_CI = !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());

/** The environment for a client process: this process's, without what `npm test` adds for its scripts. */
export function clientEnv(vars: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD'));
  return { ...env, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...vars };
}

/** The first of `commands` that runs `args` with exit status 0, if any. */
export function findClient(commands: readonly string[], args: readonly string[]): string | undefined {
  return commands.find((command) => spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 }).status === 0);
}

/**
 * `found` when the client is there; otherwise skips the test (outside CI) or fails it (in CI), saying
 * what is missing and how to install it.
 */
export function requireClient(ctx: TestContext, found: string | undefined, what: string, install: string): string {
  if (found) return found;
  if (IN_CI) throw new Error(`${what} is not installed, and CI must run this test: ${install} (.ci/run does)`);
  const note = `${what} is not installed: ${install} to run this test`;
  console.warn(`skipped "${ctx.task.name}": ${note}`);
  ctx.skip(note);
  throw new Error('unreachable: ctx.skip() ends the test');
}

export interface ClientRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a client as a process, without a shell; resolves when it exits (or is killed at `timeout` ms). */
export function runClient(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeout: number }): Promise<ClientRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeout });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
