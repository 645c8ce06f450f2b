// SPEC 9 (issue 9, item 2): a key result with nothing left to report is never stale: a milestone
// done, a metric at or past its target, a guardrail that holds, a key result of a cycle that has
// ended. The same rule in okr check (stale-checkin), okr stale, okr status and okr show, so that
// --max-warnings 0 can pass once the unfinished work is checked in.
import { describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { commitAll, makeRepo, writeFiles } from '../support/temp-repo.js';
import { at } from './workspace.js';

const OKR_YAML = `version: 1
mission: Ship it.
cycles:
  - id: 2026-Q3
    start: 2026-07-01
    end: 2026-09-30
  - id: 2026-Q4
    start: 2026-10-01
    end: 2026-12-31
`;

const Q4 = `objectives:
  - id: finished
    title: Everything here is finished
    aligns_to: mission
    key_results:
      - {id: shipped, title: Shipped, done: true}
      - {id: at-target, title: At target, start: 0, target: 10, current: 10}
      - {id: past-target, title: Past a lower-is-better target, start: 900, target: 300, current: 250}
      - {id: holding, title: Holding guardrail, keep_below: 0.1, current: 0.05}
  - id: unfinished
    title: Work left
    aligns_to: mission
    key_results:
      - {id: halfway, title: Halfway, start: 0, target: 10, current: 5}
`;

const Q3 = `objectives:
  - id: last-quarter
    title: An ended cycle
    aligns_to: mission
    key_results:
      - {id: never-reached, title: Never reached, start: 0, target: 10, current: 2}
`;

const HALFWAY = 'core/unfinished/halfway';

function repo(): string {
  const dir = makeRepo();
  writeFiles(dir, { 'okr.yaml': OKR_YAML, 'teams/core/team.yaml': 'name: Core\n', 'teams/core/2026-Q4.yaml': Q4, 'teams/core/2026-Q3.yaml': Q3 });
  commitAll(dir, 'goals', at('2026-07-01'));
  return dir;
}

const staleRefs = async (dir: string, argv: string[] = []) => {
  const result = await okr(['stale', '--json', ...argv], { cwd: dir });
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout).stale.map((s: { ref: string }) => s.ref);
};

describe('nothing left to report is never stale', () => {
  it('okr stale lists only the unfinished key result, and nothing of an ended cycle', async () => {
    const dir = repo();
    expect(await staleRefs(dir)).toEqual([HALFWAY]);
    expect(await staleRefs(dir, ['--cycle', '2026-Q3'])).toEqual([]);
  });

  it('okr check warns only about it, and --max-warnings 0 passes once it is checked in', async () => {
    const dir = repo();
    const check = await okr(['check', '--format', 'json', '--max-warnings', '0'], { cwd: dir });
    const findings = JSON.parse(check.stdout).findings.filter((f: { rule: string }) => f.rule === 'stale-checkin');
    expect(findings.map((f: { message: string }) => f.message.match(/"([^"]+)"/)![1])).toEqual(['halfway']);
    expect(check.code).toBe(1);
    expect((await okr(['checkin', `${HALFWAY}=10`], { cwd: dir })).code).toBe(0);
    const clean = await okr(['check', '--max-warnings', '0'], { cwd: dir });
    expect(clean.stdout).toContain('no problems');
    expect(clean.code).toBe(0);
    // Every key result is finished now: nothing is stale.
    expect(await staleRefs(dir)).toEqual([]);
  });

  it('okr status counts it alone, and okr show marks it alone', async () => {
    const dir = repo();
    const status = JSON.parse((await okr(['status', '--json'], { cwd: dir })).stdout);
    expect(status.teams).toEqual([expect.objectContaining({ team: 'core', stale: 1 })]);
    const finished = await okr(['show', 'core/finished'], { cwd: dir });
    expect(finished.stdout).toContain('History');
    expect(finished.stdout).not.toContain('stale');
    const unfinished = await okr(['show', HALFWAY], { cwd: dir });
    expect(unfinished.stdout).toMatch(/· stale: no check-in for 147 days/);
  });
});
