// The real clients users combine okr with (pre-commit, shellcheck, PyYAML, npm): tests run them
// when they are installed. Outside CI a missing client skips the test with a message that says how
// to install it; in CI (.ci/run installs them) a missing client fails the test.
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'vitest';

export const IN_CI = !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());

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
