// Large workspaces are analysed on two threads; the result must not depend on it.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the benchmarks, without types
import { generateWorkspace, teamId } from '../../bench/generate-workspace.mjs';
import { PARALLEL_THRESHOLD } from '../../src/workspace/load-parallel.js';
import { execFileSync } from 'node:child_process';
import { BIN, okrProcess } from '../support/run-cli.js';
import { tempDir } from '../support/temp-repo.js';

const TEAMS = 1000; // 2,001 files: over the threshold, so the process uses a worker

describe('loading on two threads', () => {
  let dir: string;
  beforeAll(() => {
    expect(2 * TEAMS + 1).toBeGreaterThan(PARALLEL_THRESHOLD);
    dir = tempDir('okr-parallel-');
    generateWorkspace(dir, TEAMS);
    // Mistakes in the first files (this thread) and the last ones (the worker's share).
    for (const i of [3, TEAMS - 2]) {
      const file = join(dir, 'teams', teamId(i), '2026-Q4.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('    weight: 2\n', '    weight: 2\n    titel: typo\n'));
      appendFileSync(file, '  - id: extra\n    title: Extra\n    aligns_to: team-00000/nope\n    key_results:\n      - {id: k, title: K, done: false}\n');
    }
  });

  it('reports the same findings, at the same positions, as one thread', async () => {
    const two = await okrProcess(['check', '--json'], { cwd: dir, vars: { OKR_DEBUG: '1' } });
    const one = await okrProcess(['check', '--json'], { cwd: dir, vars: { OKR_THREADS: '1', OKR_DEBUG: '1' } });
    expect(two.stderr).toMatch(/okr: debug: analysed \d+ files here and \d+ in a worker thread/);
    expect(one.stderr).toBe('');
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(two.stdout) as { findings: { file: string; line: number; rule: string }[] };
    const files = new Set(report.findings.map((f) => f.file));
    expect(files).toEqual(new Set([`teams/${teamId(3)}/2026-Q4.yaml`, `teams/${teamId(TEAMS - 2)}/2026-Q4.yaml`]));
    expect(report.findings.map((f) => f.rule).sort()).toEqual(['schema', 'schema', 'unknown-reference', 'unknown-reference']);
  });

  it('shows source lines for findings in files the worker read', async () => {
    const two = await okrProcess(['check'], { cwd: dir });
    const one = await okrProcess(['check'], { cwd: dir, vars: { OKR_THREADS: '1' } });
    expect(two.stdout).toBe(one.stdout);
    expect(two.stdout).toContain('aligns_to: team-00000/nope');
    expect(two.stdout).toContain(`teams/${teamId(TEAMS - 2)}/2026-Q4.yaml`);
  });

  it('still uses the worker when node runs with V8 flags of its own', () => {
    const run = () =>
      execFileSync(process.execPath, ['--max-old-space-size=2048', BIN, 'check', '--json'], {
        cwd: dir,
        env: { ...process.env, OKR_DEBUG: '1', NO_COLOR: '1' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    let stdout = '';
    try {
      run();
    } catch (error) {
      const failed = error as { status: number; stdout: string; stderr: string };
      expect(failed.stderr).toMatch(/in a worker thread/);
      expect(failed.status).toBe(1); // the goals have the mistakes planted above
      stdout = failed.stdout;
    }
    expect(JSON.parse(stdout).errors).toBe(4);
  });
});
