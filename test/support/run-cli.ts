// Runs okr the two ways tests need: in-process through run() with an injected environment (fast,
// for most tests), and as a real process through bin/okr.js (for what only a process shows).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/run.js';
import type { Environment } from '../../src/env.js';

export const BIN = fileURLToPath(new URL('../../bin/okr.js', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  /** Extra environment variables (NO_COLOR is set unless overridden). */
  readonly vars?: Record<string, string | undefined>;
  /** "Today" for the command; defaults to 2026-11-25. */
  readonly today?: string;
  readonly tty?: boolean;
  /** The terminal's width when `tty` (default 100). */
  readonly columns?: number;
}

export const TEST_TODAY = '2026-11-25';

/** An environment for calling okr's modules directly: `cwd`, nothing written anywhere, "today" fixed. */
export function quietEnvironment(cwd: string): Environment {
  return { cwd, stdout: { write: () => undefined, isTTY: false }, stderr: { write: () => undefined, isTTY: false }, vars: process.env, today: TEST_TODAY };
}

/** Runs okr in this process with captured output. */
export async function okr(argv: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const vars = { NO_COLOR: '1', ...options.vars };
  const env: Environment = {
    cwd: options.cwd ?? PROJECT_ROOT,
    stdout: { write: (s) => void (stdout += s), isTTY: options.tty ?? false, columns: options.columns ?? 100 },
    stderr: { write: (s) => void (stderr += s), isTTY: options.tty ?? false },
    vars,
    today: options.today ?? TEST_TODAY,
  };
  const code = await run(argv, env);
  return { code, stdout, stderr };
}

/** Runs the built okr binary as a child process (requires `npm run build`, which `npm test` does). */
export function okrProcess(argv: readonly string[], options: CliOptions & { input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...argv],
      {
        cwd: options.cwd ?? PROJECT_ROOT,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, OKR_TODAY: options.today ?? TEST_TODAY, ...options.vars },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
