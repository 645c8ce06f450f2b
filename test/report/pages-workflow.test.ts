// The example workflow that publishes the report to GitHub Pages (examples/github-pages-report.yml):
// it parses, runs on every push to main with the permissions Pages needs and the history the report
// reads, installs okr as the README says, its shell passes shellcheck, and its report step, run with
// bash in a real repository, writes the page and the job summary.
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findClient, requireClient } from '../support/clients.js';
import { BIN, PROJECT_ROOT } from '../support/run-cli.js';
import { copyExample, tempDir } from '../support/temp-repo.js';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string;
  environment?: { name: string; url: string };
  steps: Step[];
}

const workflow = parse(readFileSync(join(PROJECT_ROOT, 'examples/github-pages-report.yml'), 'utf8')) as {
  on: { push: { branches: string[] }; schedule?: { cron: string }[] };
  permissions: Record<string, string>;
  concurrency: { group: string };
  jobs: { build: Job; deploy: Job };
};
const build = workflow.jobs.build.steps;
const reportStep = build.find((s) => s.name === 'Write the report')!;

describe('examples/github-pages-report.yml', () => {
  it('publishes on every push to main, with the permissions Pages needs and no more', () => {
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
    expect(workflow.concurrency.group).toBe('pages');
    expect(workflow.jobs.deploy.needs).toBe('build');
    expect(workflow.jobs.deploy.environment?.name).toBe('github-pages');
    expect(workflow.jobs.deploy.steps.map((s) => s.uses)).toEqual(['actions/deploy-pages@v4']);
  });

  it('checks out the whole history, installs okr as the README says, and uploads the folder the report is written to', () => {
    expect(build[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(build[1]).toMatchObject({ uses: 'actions/setup-node@v4', with: { 'node-version': 20 } });
    const install = build.find((s) => s.name === 'Install okr')!.run!.trim();
    expect(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')).toContain(install);
    expect(reportStep.run).toContain('okr report -C "$WORKSPACE" -o _site/index.html');
    expect(build[build.length - 1]).toMatchObject({ uses: 'actions/upload-pages-artifact@v3', with: { path: '_site' } });
  });

  it('its shell steps have no shellcheck findings', (ctx) => {
    const shellcheck = requireClient(ctx, findClient(['shellcheck'], ['--version']), 'shellcheck', 'apt-get install -y shellcheck');
    const dir = tempDir('okr-pages-shellcheck-');
    const files = build
      .filter((s) => s.run)
      .map((s, i) => {
        const file = join(dir, `${i}.sh`);
        writeFileSync(file, s.run!);
        return file;
      });
    expect(files).toHaveLength(2);
    const run = spawnSync(shellcheck, ['--shell=bash', '--format=gcc', ...files], { encoding: 'utf8' });
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });

  it('its report step, run with bash in a goals repository, writes the page and the job summary', () => {
    const repo = copyExample('acme', { repo: true });
    // `okr` on the PATH is this checkout's, as the install step would provide it.
    const bin = tempDir('okr-pages-bin-');
    writeFileSync(join(bin, 'okr'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(bin, 'okr'), 0o755);
    const summary = join(tempDir('okr-pages-summary-'), 'summary.md');
    const run = spawnSync('bash', ['-e', '-c', reportStep.run!], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, ...reportStep.env, PATH: `${bin}:${process.env.PATH}`, GITHUB_STEP_SUMMARY: summary, OKR_TODAY: '2026-11-25', NO_COLOR: '1' },
    });
    expect(run.stderr).toMatch(/^okr: wrote _site\/index\.html \(html, \d+ KB: 12 teams, 37 objectives, \d+ key results\)\n$/);
    expect(run.status).toBe(0);
    expect(readFileSync(join(repo, '_site/index.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(readFileSync(summary, 'utf8')).toMatch(/^# Acme: goals of 2026-Q4\n/);
  });
});
