// okr demo's closing advice runs as printed, by a real shell: with `okr` on the PATH (npm link) and
// without it (a clone after npm install), where it must name this okr by its full path.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, okrProcess } from '../support/run-cli.js';
import { git, tempDir } from '../support/temp-repo.js';

/** The PATH of a machine where okr is not installed: git and node, nothing named okr. */
function pathWithoutOkr(): string {
  const node = dirname(process.execPath);
  const gitPath = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  return [...new Set([node, dirname(gitPath), '/usr/bin', '/bin'])].join(':');
}

/** The commands under "Explore it:", as printed. */
function advice(stdout: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.indexOf('Explore it:') + 1;
  const end = lines.indexOf('', start);
  return lines.slice(start, end).map((l) => l.trim());
}

/** Runs the printed lines one after the other in bash, as a person pasting them would; stops at the first failure. */
function paste(commands: readonly string[], path: string): { code: number; output: string } {
  try {
    const output = execFileSync('bash', ['-e', '-c', commands.join('\n')], {
      encoding: 'utf8',
      env: { PATH: path, HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', OKR_TODAY: '2026-11-25' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, output };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

describe('okr demo: the advice it prints', () => {
  it('without okr on the PATH: names this okr by its full path, and every line runs as printed', async () => {
    const dir = join(tempDir(), 'demo');
    const path = pathWithoutOkr();
    const result = await okrProcess(['demo', '-C', dir, '--no-show', '--weeks', '3'], { vars: { PATH: path } });
    expect(result.code).toBe(0);
    const commands = advice(result.stdout);
    expect(commands[0]).toBe(`cd ${dir}`);
    expect(commands.filter((c) => c.includes('history'))[0]).toBe(`${BIN} history payments/faster-checkout/p95-latency`);
    expect(result.stdout).toContain('okr is not on your PATH: run "npm link" in');
    expect(result.stdout).toContain(`in the repository that will hold them: ${BIN} init -C goals`);
    // Before: "okr: command not found" at the second line.
    const ran = paste(commands, path);
    expect(ran.output).not.toContain('not found');
    expect(ran.code).toBe(0);
    expect(git(dir, ['log', '-1', '--format=%s'])).toMatch(/^checkin\(payments\): p95-latency \d+ → 395 ms/);
  });

  it('with okr on the PATH (npm link): plain "okr", and the lines run as printed', async () => {
    const root = tempDir();
    const bin = join(root, 'bin');
    mkdirSync(bin);
    symlinkSync(BIN, join(bin, 'okr'));
    const path = `${bin}:${pathWithoutOkr()}`;
    const dir = join(root, 'demo');
    const result = await okrProcess(['demo', '-C', dir, '--no-show', '--weeks', '3'], { vars: { PATH: path } });
    expect(result.code).toBe(0);
    const commands = advice(result.stdout);
    expect(commands.slice(1, 4)).toEqual(['okr history payments/faster-checkout/p95-latency', 'okr log --since 2w', 'okr stale --by-owner']);
    expect(result.stdout).not.toContain('not on your PATH');
    expect(result.stdout).toContain('in the repository that will hold them: okr init -C goals');
    expect(paste(commands, path).code).toBe(0);
  });

  it('another okr first on the PATH is not this one: the full path again', async () => {
    const root = tempDir();
    const bin = join(root, 'bin');
    mkdirSync(bin);
    execFileSync('sh', ['-c', `printf '#!/bin/sh\\necho other okr\\n' > ${bin}/okr && chmod +x ${bin}/okr`]);
    const result = await okrProcess(['demo', '-C', join(root, 'demo'), '--no-show', '--weeks', '1'], { vars: { PATH: `${bin}:${pathWithoutOkr()}` } });
    expect(advice(result.stdout)[1]).toBe(`${BIN} history payments/faster-checkout/p95-latency`);
  });
});
