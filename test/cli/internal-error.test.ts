// A bug in okr is not a finding: it exits 70 (SPEC 9), says it is a bug, and shows the stack trace
// only with OKR_DEBUG=1. The bug is provoked by an output stream that throws a plain Error, the
// kind of failure no command words for the user.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { Environment } from '../../src/env.js';
import { EXAMPLES } from '../support/run-cli.js';

async function crash(vars: Record<string, string>): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const env: Environment = {
    cwd: `${EXAMPLES}acme`,
    stdout: {
      write: () => {
        throw new Error('the stream broke');
      },
      isTTY: false,
    },
    stderr: { write: (s) => void (stderr += s), isTTY: false },
    vars: { NO_COLOR: '1', ...vars },
    today: '2026-11-25',
  };
  return { code: await run(['tree'], env), stderr };
}

describe('an internal error', () => {
  it('exits 70 and says it is a bug, without a stack trace', async () => {
    const { code, stderr } = await crash({});
    expect(code).toBe(70);
    expect(stderr).toBe('okr: internal error: the stream broke\nThis is a bug in okr. Run again with OKR_DEBUG=1 for details and report it.\n');
  });

  it('shows the stack trace with OKR_DEBUG=1, and still exits 70', async () => {
    const { code, stderr } = await crash({ OKR_DEBUG: '1' });
    expect(code).toBe(70);
    expect(stderr).toMatch(/^okr: internal error: the stream broke\nError: the stream broke\n\s+at /);
  });
});
