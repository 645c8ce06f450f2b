// eslint habits (issue 10, item 11): `okr check FILE...` reports on just those files or folders,
// every file still read so references resolve; `--quiet` reports errors only.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okr, okrProcess } from '../support/run-cli.js';
import { copyExample } from '../support/temp-repo.js';
import { BASE_FILES, checkJson, OKR_YAML, where, workspace } from './workspace.js';

const files = (report: { findings: { file: string }[] }) => [...new Set(report.findings.map((f) => f.file))].sort();

describe('okr check FILE...', () => {
  it('reports on the files named, and counts only them', async () => {
    const dir = copyExample('broken');
    const all = await checkJson(dir);
    const { code, report } = await checkJson(dir, ['teams/payments/2026.yaml', 'okr.yaml'], { cwd: dir });
    expect(code).toBe(1);
    expect(files(report)).toEqual(['okr.yaml', 'teams/payments/2026.yaml']);
    expect(report.findings).toEqual(all.report.findings.filter((f) => f.file === 'okr.yaml' || f.file === 'teams/payments/2026.yaml'));
    const text = await okr(['check', 'teams/payments/2026.yaml'], { cwd: dir });
    expect(text.stdout).toMatch(/in 1 file\n$/);
  });

  it('takes folders, and paths relative to where you are, as eslint does', async () => {
    const dir = copyExample('broken');
    const { report } = await checkJson(dir, ['fraud', 'payments/2026-Q4.yaml'], { cwd: join(dir, 'teams') });
    expect(files(report)).toEqual(['teams/fraud/2026-Q4.yaml', 'teams/fraud/2027-Q1.yaml', 'teams/fraud/team.yaml', 'teams/payments/2026-Q4.yaml']);
  });

  it('still reads every file: a reference into a file not named resolves, and a clean file named is clean', async () => {
    const dir = workspace({
      'teams/platform/2026-Q4.yaml': `objectives:
  - id: fast
    title: Be fast
    aligns_to: platform/yearly
    key_results:
      - id: p95
        title: Cut p95
        start: 900
        target: 300
`,
      'teams/platform/2026.yaml': `objectives:
  - id: yearly
    title: A yearly goal
    aligns_to: mission
    key_results:
      - id: broken
        title: Broken
        start: 1
        target: 1
`,
    });
    const named = await checkJson(dir, ['teams/platform/2026-Q4.yaml'], { cwd: dir });
    expect(named.report.findings).toEqual([]);
    expect(named.code).toBe(0);
    const whole = await checkJson(dir);
    expect(whole.code).toBe(1);
    expect(whole.report.findings.map(where)).toEqual([expect.stringMatching(/^teams\/platform\/2026\.yaml:\d+:\d+ error /)]);
  });

  it.each([
    [['nope.yaml'], /^okr: nope\.yaml: no such file or folder\n/],
    [['README.md'], /^okr: README\.md is not a goal file\n/],
    [['/etc/hostname'], /^okr: \/etc\/hostname is not in the workspace at /],
    [['../'], /is not in the workspace at /],
  ])('a path it cannot report on, %j: a usage error (exit 2), nothing checked', async (args, message) => {
    const dir = copyExample('broken');
    const result = await okrProcess(['check', ...args], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

describe('okr check --quiet', () => {
  it('shows errors only, and does not count warnings', async () => {
    const dir = copyExample('broken');
    const loud = await checkJson(dir);
    expect(loud.report.warnings).toBeGreaterThan(0);
    const { code, report } = await checkJson(dir, ['--quiet']);
    expect(code).toBe(1);
    expect(report.warnings).toBe(0);
    expect(report.findings).toEqual(loud.report.findings.filter((f) => f.severity === 'error'));
    const text = await okr(['check', '-q'], { cwd: dir });
    expect(text.stdout).not.toContain(' warning ');
    expect(text.stdout).toContain(' error ');
  });

  it('a workspace with warnings only passes quietly, even with --max-warnings 0', async () => {
    const dir = workspace({
      'okr.yaml': `${OKR_YAML}rules:\n  require-alignment: warn\n`,
      'teams/platform/2026.yaml': BASE_FILES['teams/platform/2026.yaml']!.replace('    aligns_to: mission\n', ''),
    });
    const loud = await okr(['check', '--max-warnings', '0'], { cwd: dir });
    expect(loud.code).toBe(1);
    expect(loud.stdout).toContain('warning require-alignment');
    const quiet = await okr(['check', '--quiet', '--max-warnings', '0'], { cwd: dir });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('warning');
  });
});
