// A goals repository on its first day: `git init`, `okr init`, nothing committed yet. Every command
// reads it as "no history yet" (as outside git) instead of failing on git's missing HEAD, and the
// pre-commit hook lets the first commit through.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, okr } from '../support/run-cli.js';
import { git, makeRepo } from '../support/temp-repo.js';

async function freshRepository(): Promise<string> {
  const dir = makeRepo(); // git init, identity, no commit
  expect((await okr(['init'], { cwd: dir })).code).toBe(0);
  return dir;
}

const KR = 'core/first-objective/first-metric';

describe('a repository with no commits yet', () => {
  it.each([
    [['check'], /no problems/],
    [['check', '--format', 'json'], /"ok":true/],
    [['status'], /core/],
    [['status', '--json'], /"last_checkin":null/],
    [['log'], /no check-ins/],
    [['log', '--json'], /\[\]|"checkins":\[\]/],
    [['stale'], /first-metric|stale|checked in/],
    [['stale', '--json'], /^[[{]/],
    [['history', KR], /no committed values yet/],
    [['history', KR, '--json'], /"points":\[\]/],
    [['show', 'core/first-objective'], /not committed yet/],
    [['tree'], /Mission/],
  ])('okr %s: no history yet, not an internal error', async (argv, output) => {
    const dir = await freshRepository();
    const result = await okr(argv, { cwd: dir });
    expect(result.stderr).not.toMatch(/internal error|bad revision/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(output);
  });

  it('okr diff and --at HEAD say there is no commit yet (exit 1), not an internal error', async () => {
    const dir = await freshRepository();
    for (const argv of [['diff'], ['tree', '--at', 'HEAD'], ['history', KR, '--at', 'HEAD~1']]) {
      const result = await okr(argv, { cwd: dir });
      expect(result.stderr).toMatch(/no commits yet/);
      expect(result.code).toBe(1);
    }
  });

  it('a pre-commit hook running okr check lets the first commit through', async () => {
    const dir = await freshRepository();
    const hook = join(dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" check\n`);
    chmodSync(hook, 0o755);
    git(dir, ['add', 'okr.yaml', 'teams']);
    git(dir, ['commit', '-q', '-m', 'goals'], { OKR_TODAY: '2026-11-25' });
    expect(git(dir, ['rev-list', '--count', 'HEAD']).trim()).toBe('1');
  });
});
