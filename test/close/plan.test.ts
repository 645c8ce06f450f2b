// okr plan NEXT --from CYCLE against real files and git: the drafts carry the unfinished objectives
// over (same ids, metrics starting where they ended), okr.yaml gains the cycle with quoted dates and
// keeps every other byte, nothing is committed, the result passes okr check, and an existing NEXT
// file refuses the whole plan.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../support/golden.js';
import { okr } from '../support/run-cli.js';
import { commitAll, git, tempDir, writeFiles } from '../support/temp-repo.js';
import { at, closeRepo, commitCount, FILES, OKR_YAML, P95, read, workState } from './workspace.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const AFTER_Q3 = '2026-10-02';
const NEW_Q1 = '  - id: 2027-Q1\n    start: "2027-01-01"\n    end: "2027-03-31"\n';

async function closedRepo(): Promise<string> {
  const dir = closeRepo();
  expect((await okr(['close', '2026-Q3'], { cwd: dir, today: AFTER_Q3, vars: at(AFTER_Q3) })).code).toBe(0);
  return dir;
}

const check = async (dir: string, today = AFTER_Q3) => {
  const result = await okr(['check', '--format', 'json'], { cwd: dir, today });
  return { code: result.code, report: JSON.parse(result.stdout) };
};

describe('okr plan: the drafts', () => {
  it('carries every unfinished objective over to the declared next cycle, commits nothing, and passes okr check', async () => {
    const dir = await closedRepo();
    const before = { commits: commitCount(dir), okr: read(dir, 'okr.yaml') };
    const result = await okr(['plan', '2026-Q4', '--from', '2026-Q3'], { cwd: dir, today: AFTER_Q3 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Drafted 2026-Q4 (2026-10-01 – 2026-12-31) from 2026-Q3: 2 unfinished objectives carried over.');
    expectGolden(HERE, 'plan-payments-2026-Q4.yaml', read(dir, 'teams/payments/2026-Q4.yaml'));
    expectGolden(HERE, 'plan-checkout-2026-Q4.yaml', read(dir, 'teams/checkout/2026-Q4.yaml'));
    expect(read(dir, 'okr.yaml')).toBe(before.okr); // declared already: untouched
    expect(commitCount(dir)).toBe(before.commits);
    expect(git(dir, ['status', '--porcelain', '--untracked-files=all'])).toBe('?? teams/checkout/2026-Q4.yaml\n?? teams/payments/2026-Q4.yaml\n');
    const { code, report } = await check(dir);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('declares the next cycle with quoted dates, every other byte of okr.yaml kept, and realigns what does not carry over', async () => {
    const dir = await closedRepo();
    const okrBefore = read(dir, 'okr.yaml');
    const result = await okr(['plan', '2027-Q1', '--from', '2026-Q3', '--start', '2027-01-01', '--end', '2027-03-31', '--json'], { cwd: dir, today: AFTER_Q3 });
    expect(result.code).toBe(0);
    expect(read(dir, 'okr.yaml')).toBe(okrBefore.replace('    end: 2026-12-31\nrules:', `    end: 2026-12-31\n${NEW_Q1}rules:`));
    const json = JSON.parse(result.stdout);
    expect(json).toEqual({
      cycle: { id: '2027-Q1', start: '2027-01-01', end: '2027-03-31' },
      from: '2026-Q3',
      scored_on: '2026-09-30',
      declared: true,
      carried: 2,
      files: [
        { file: 'teams/checkout/2027-Q1.yaml', team: 'checkout', objectives: ['checkout/one-click'], realigned: [{ ref: 'checkout/one-click', was: 'payments/instant/speed', now: ['mission'] }], done: 0 },
        {
          file: 'teams/payments/2027-Q1.yaml',
          team: 'payments',
          objectives: ['payments/faster-checkout'],
          realigned: [{ ref: 'payments/faster-checkout', was: 'payments/instant/speed', now: ['mission'] }],
          done: 1,
        },
      ],
    });
    // The year 2026 does not cover 2027-Q1: the alignment climbs to what the year's objective serves.
    expect(read(dir, 'teams/payments/2027-Q1.yaml')).toContain('  # aligns_to was payments/instant/speed, which does not carry over: now mission\n  - id: faster-checkout\n');
    expect((await check(dir, '2026-12-20')).code).toBe(0);
    expect((await check(dir, '2027-01-10')).report.errors).toBe(0);
  });

  it('a carried-over key result keeps its history: the copy continues it, and check-ins go to the open cycle', async () => {
    const dir = await closedRepo();
    expect((await okr(['plan', '2026-Q4', '--from', '2026-Q3'], { cwd: dir, today: AFTER_Q3 })).code).toBe(0);
    commitAll(dir, 'plan(2026-Q4)', at('2026-10-03'));
    const checkin = await okr(['checkin', `${P95}=400`, '-m', 'first of the quarter'], { cwd: dir, today: '2026-10-09', vars: at('2026-10-09') });
    expect(checkin.stderr).toBe('');
    expect(checkin.code).toBe(0);
    expect(read(dir, 'teams/payments/2026-Q4.yaml')).toContain('current: 400');
    expect(read(dir, 'teams/payments/2026-Q3.yaml')).toContain('current: 450');
    const history = JSON.parse((await okr(['history', P95, '--json'], { cwd: dir, today: '2026-10-10' })).stdout);
    expect(history.points.map((p: { value: number }) => p.value)).toEqual([450, 400]);
    expect((await check(dir, '2026-10-10')).report.errors).toBe(0);
    // The closed quarter still shows its own copy, with its grade.
    const q3 = JSON.parse((await okr(['show', 'payments/faster-checkout', '--cycle', '2026-Q3', '--json'], { cwd: dir, today: '2026-10-10' })).stdout);
    expect(q3).toMatchObject({ cycle: '2026-Q3', grade: 0.91 });
    const q4 = JSON.parse((await okr(['show', 'payments/faster-checkout', '--json'], { cwd: dir, today: '2026-10-10' })).stdout);
    expect(q4).toMatchObject({ cycle: '2026-Q4', grade: null });
  });

  it('plans before the close too: the drafts pass check, and check-ins still go to the running cycle', async () => {
    const dir = closeRepo();
    expect((await okr(['plan', '2026-Q4', '--from', '2026-Q3'], { cwd: dir, today: '2026-09-20' })).code).toBe(0);
    expect((await check(dir, '2026-09-20')).report.errors).toBe(0);
    commitAll(dir, 'plan(2026-Q4)', at('2026-09-20'));
    expect((await okr(['checkin', `${P95}=420`], { cwd: dir, today: '2026-09-21' })).code).toBe(0);
    expect(read(dir, 'teams/payments/2026-Q3.yaml')).toContain('current: 420');
  });

  it('writes an empty placeholder for a team whose objectives were all done', async () => {
    const dir = closeRepo({ 'teams/checkout/2026-Q3.yaml': 'objectives:\n  - id: done-deal\n    title: Done\n    aligns_to: mission\n    key_results:\n      - {id: k, title: K, done: true}\n' });
    expect((await okr(['plan', '2026-Q4', '--from', '2026-Q3'], { cwd: dir, today: AFTER_Q3 })).code).toBe(0);
    expect(read(dir, 'teams/checkout/2026-Q4.yaml')).toMatch(/^# Drafted by okr plan 2026-Q4 --from 2026-Q3 on 2026-10-02: no objective carried over\n# \(progress below 100% on 2026-09-30\); 1 objective was done\. Edit the draft, then run okr check\.\n\nobjectives: \[\]\n$/);
    expect((await check(dir)).report.errors).toBe(0);
  });
});

describe('okr plan: refusals write nothing', () => {
  const untouched = (dir: string, okrText = OKR_YAML) => {
    expect(read(dir, 'okr.yaml')).toBe(okrText);
    expect(existsSync(join(dir, 'teams/checkout/2027-Q1.yaml'))).toBe(false);
    expect(existsSync(join(dir, 'teams/checkout/2026-Q4.yaml'))).toBe(false);
    expect(existsSync(join(dir, 'teams/payments/2027-Q1.yaml'))).toBe(false);
  };

  it.each<[string, string[], number, RegExp]>([
    ['a next cycle not declared, without dates', ['plan', '2027-Q1', '--from', '2026-Q3'], 1, /cycle 2027-Q1 is not declared in okr\.yaml[\s\S]*--start YYYY-MM-DD --end YYYY-MM-DD/],
    ['--start without --end', ['plan', '2027-Q1', '--from', '2026-Q3', '--start', '2027-01-01'], 2, /give both --start and --end, or neither/],
    ['an end before the start', ['plan', '2027-Q1', '--from', '2026-Q3', '--start', '2027-03-01', '--end', '2027-01-01'], 2, /--end 2027-01-01 is before --start 2027-03-01/],
    ['a date that is not a day', ['plan', '2027-Q1', '--from', '2026-Q3', '--start', '2027-02-30', '--end', '2027-03-31'], 2, /expected a date as YYYY-MM-DD/],
    ['dates that differ from the declared ones', ['plan', '2026-Q4', '--from', '2026-Q3', '--start', '2026-10-01', '--end', '2026-12-30'], 1, /already declared in okr\.yaml, from 2026-10-01 to 2026-12-31/],
    ['a next cycle that overlaps the one it comes from', ['plan', '2026-Q3b', '--from', '2026-Q3', '--start', '2026-09-01', '--end', '2026-11-30'], 1, /overlaps 2026-Q3[\s\S]*must not share a day/],
    ['the year around it', ['plan', '2026', '--from', '2026-Q3'], 1, /2026 \(2026-01-01 – 2026-12-31\) overlaps 2026-Q3/],
    ['an unknown --from (a usage error)', ['plan', '2027-Q1', '--from', '2026-Q5', '--start', '2027-01-01', '--end', '2027-03-31'], 2, /unknown cycle "2026-Q5": did you mean/],
    ['a next id that looks like a path', ['plan', '../2027', '--from', '2026-Q3', '--start', '2027-01-01', '--end', '2027-03-31'], 2, /"\.\.\/2027" cannot be a cycle id/],
    ['the same cycle', ['plan', '2026-Q3', '--from', '2026-Q3'], 2, /cannot be 2026-Q3 itself/],
    ['no --from', ['plan', '2027-Q1'], 2, /required option '--from <cycle>' not specified/],
  ])('%s', async (_what, argv, code, message) => {
    const dir = closeRepo();
    const result = await okr(argv, { cwd: dir, today: AFTER_Q3 });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(code);
    untouched(dir);
  });

  it('an existing file of the next cycle: no draft is written, okr.yaml is left as it was', async () => {
    const dir = closeRepo();
    writeFiles(dir, { 'teams/payments/2027-Q1.yaml': 'objectives: []\n# mine\n' });
    const before = workState(dir);
    const result = await okr(['plan', '2027-Q1', '--from', '2026-Q3', '--start', '2027-01-01', '--end', '2027-03-31'], { cwd: dir, today: AFTER_Q3 });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('teams/payments/2027-Q1.yaml already exists');
    expect(read(dir, 'teams/payments/2027-Q1.yaml')).toBe('objectives: []\n# mine\n');
    expect(existsSync(join(dir, 'teams/checkout/2027-Q1.yaml'))).toBe(false);
    expect(read(dir, 'okr.yaml')).toBe(OKR_YAML);
    expect(workState(dir)).toEqual(before);
  });
});

describe('okr plan: okr.yaml written by other hands', () => {
  const Q3_ONLY = 'objectives:\n  - id: fast\n    title: Fast\n    aligns_to: mission\n    key_results:\n      - {id: k, title: K, done: false}\n';
  const BLOCK = 'version: 1\nmission: M.\ncycles:\n  - id: 2026-Q3\n    start: 2026-07-01\n    end: 2026-09-30\n';
  it.each<[string, string, string]>([
    ['a flow list, with a comment after it', 'version: 1\nmission: M.\ncycles: [{id: 2026-Q3, start: 2026-07-01, end: 2026-09-30}]  # one\n', 'version: 1\nmission: M.\ncycles: [{id: 2026-Q3, start: 2026-07-01, end: 2026-09-30}, {id: 2027-Q1, start: "2027-01-01", end: "2027-03-31"}]  # one\n'],
    ['CRLF line endings', BLOCK.replace(/\n/g, '\r\n'), `${BLOCK}${NEW_Q1}`.replace(/\n/g, '\r\n')],
    ['no newline at the end', BLOCK.replace(/\n$/, ''), `${BLOCK}${NEW_Q1}`],
    ['the dash at column 0, a comment and a key after the list', 'version: 1\ncycles:\n- id: 2026-Q3\n  start: 2026-07-01\n  end: 2026-09-30   # last day\n# settings\nmission: M.\n', 'version: 1\ncycles:\n- id: 2026-Q3\n  start: 2026-07-01\n  end: 2026-09-30   # last day\n- id: 2027-Q1\n  start: "2027-01-01"\n  end: "2027-03-31"\n# settings\nmission: M.\n'],
  ])('%s', async (_what, okrText, expected) => {
    const dir = tempDir();
    writeFiles(dir, { 'okr.yaml': okrText, 'teams/payments/team.yaml': 'name: Payments\n', 'teams/payments/2026-Q3.yaml': Q3_ONLY });
    const result = await okr(['plan', '2027-Q1', '--from', '2026-Q3', '--start', '2027-01-01', '--end', '2027-03-31'], { cwd: dir, today: AFTER_Q3 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(read(dir, 'okr.yaml')).toBe(expected);
    expect((await check(dir)).report.errors).toBe(0);
  });
});
