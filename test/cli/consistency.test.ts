// The same habits everywhere, as gh, git and eslint users expect them: -C on every command that
// works in a folder, --team wherever a command narrows to a team, one exit code (2, a usage error)
// for an option naming a team or cycle the workspace does not have, help on stdout for bare `okr`,
// and a pointer to --version for habits from other CLIs.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { EXAMPLES, okr, okrProcess } from '../support/run-cli.js';
import { copyExample, git, tempDir } from '../support/temp-repo.js';

const ACME = `${EXAMPLES}acme`;

describe('bare okr and habits from other CLIs', () => {
  it('bare okr prints the help on stdout and exits 0 (as gh does)', async () => {
    const result = await okrProcess([]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Usage: okr \[options\] \[command\]/);
    expect(result.stdout).toContain('checkin');
    expect(result.stdout).toContain('Exit codes:');
  });

  it.each([['-v'], ['version'], ['-version']])('okr %s points to okr --version (exit 2)', async (word) => {
    const result = await okrProcess([word]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('(Did you mean okr --version?)');
    expect(result.stderr).toContain('Run "okr --help"');
  });

  it('-v after a command is that command\'s unknown option, with no version hint', async () => {
    const result = await okr(['tree', '-v', '-C', ACME]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('--version');
  });
});

describe('an unknown --team or --cycle: exit 2 everywhere, with the nearest and the list', () => {
  const TEAM_COMMANDS = [['tree'], ['status'], ['log'], ['stale'], ['measure'], ['feedback']];
  const CYCLE_COMMANDS = [['tree'], ['status'], ['show', 'mission'], ['history', 'payments/faster-checkout'], ['log'], ['stale'], ['check'], ['measure'], ['diff']];
  const repo = copyExample('acme', { repo: true });

  it.each(TEAM_COMMANDS)('okr %s --team paymnets', async (...command) => {
    const result = await okr([...command, '--team', 'paymnets'], { cwd: repo });
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^okr: no team "paymnets": did you mean "payments"\?\nTeams are the folders under teams\/: /);
    expect(result.code).toBe(2);
  });

  it.each(CYCLE_COMMANDS)('okr %s --cycle 2026-Q5', async (...command) => {
    const result = await okr([...command, '--cycle', '2026-Q5'], { cwd: repo });
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^okr: unknown cycle "2026-Q5": did you mean "2026-Q\d"\?\nCycles declared in okr.yaml: 2026, .*2026-Q4.*\.\n$/);
    expect(result.code).toBe(2);
  });

  it('an unknown goal reference stays a data error (exit 1, SPEC 7)', async () => {
    const result = await okr(['show', 'payments/faster-chekout'], { cwd: repo });
    expect(result.code).toBe(1);
  });
});

describe('okr status --team', () => {
  it('shows only that team\'s row, in text and JSON, with its check-in columns from git', async () => {
    const repo = copyExample('acme', { repo: true });
    const all = JSON.parse((await okr(['status', '--json'], { cwd: repo })).stdout);
    const json = await okr(['status', '--team', 'payments', '--json'], { cwd: repo });
    expect(json.code).toBe(0);
    const one = JSON.parse(json.stdout);
    expect(one.teams).toEqual(all.teams.filter((t: { team: string }) => t.team === 'payments'));
    expect(one.teams[0].last_checkin).not.toBeNull();
    const text = await okr(['status', '-t', 'payments'], { cwd: repo });
    const rows = text.stdout.split('\n').filter((l) => /^[a-z]/.test(l) && !l.startsWith('cycle'));
    expect(rows.map((l) => l.split(/\s+/)[0])).toEqual(['payments']);
    expect(text.stdout).toContain('1 team:');
  });
});

describe('okr demo -C', () => {
  it('builds the demo in the folder -C names, and still takes --dir', async () => {
    for (const flag of ['-C', '--dir']) {
      const dir = join(tempDir(), 'demo');
      const result = await okr(['demo', flag, dir, '--weeks', '1', '--json']);
      expect(result.code, flag).toBe(0);
      expect(JSON.parse(result.stdout).path).toBe(dir);
      expect(existsSync(join(dir, 'okr.yaml'))).toBe(true);
      expect(git(dir, ['status', '--porcelain'])).toBe('');
    }
    const help = await okr(['demo', '--help']);
    expect(help.stdout).toContain('-C, --dir <path>');
  });
});

describe('--cycle means something wherever it is taken', () => {
  it('okr log --cycle lists only the check-ins of that cycle\'s view (a year\'s view holds no quarter)', async () => {
    const repo = copyExample('acme', { repo: true });
    const checkin = await okr(['checkin', 'payments/settlement-in-seconds/settlement-p50=15', 'payments/faster-checkout/p95-latency=400'], {
      cwd: repo,
      vars: { GIT_AUTHOR_DATE: '2026-11-20T12:00:00Z', GIT_COMMITTER_DATE: '2026-11-20T12:00:00Z' },
    });
    expect(checkin.code).toBe(0);
    const refs = async (...args: string[]) =>
      JSON.parse((await okr(['log', '--json', ...args], { cwd: repo })).stdout).checkins.map((c: { ref: string }) => c.ref).sort();
    expect(await refs()).toEqual(['payments/faster-checkout/p95-latency', 'payments/settlement-in-seconds/settlement-p50']);
    expect(await refs('--cycle', '2026-Q4')).toEqual(['payments/faster-checkout/p95-latency', 'payments/settlement-in-seconds/settlement-p50']);
    expect(await refs('--cycle', '2026')).toEqual(['payments/settlement-in-seconds/settlement-p50']);
  });

  it('okr history REF --cycle refuses a goal outside that cycle\'s view, saying which cycle it has', async () => {
    const repo = copyExample('acme', { repo: true });
    const outside = await okr(['history', 'payments/faster-checkout', '--cycle', '2026'], { cwd: repo });
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('payments/faster-checkout belongs to cycle 2026-Q4, which is not in view of cycle 2026');
    const inside = await okr(['history', 'payments/faster-checkout', '--cycle', '2026-Q4', '--json'], { cwd: repo });
    expect(inside.code).toBe(0);
  });
});
