// A small workspace whose every number is worked out by hand below, checked against the JSON of
// okr tree, okr status and okr show (the real CLI, in process).
import { beforeAll, describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { tempDir, writeFiles } from '../support/temp-repo.js';

const FILES = {
  'okr.yaml': `version: 1
mission: Ship it.
cycles:
  - {id: "2026", start: 2026-01-01, end: 2026-12-31}
  - {id: 2026-Q4, start: 2026-10-01, end: 2026-12-31}
`,
  'teams/org/team.yaml': 'name: Org\nowners: [boss@example.com]\n',
  'teams/web/team.yaml': 'name: Web\nparent: org\n',
  'teams/api/team.yaml': 'name: API\nparent: org\n',
  'teams/empty/team.yaml': 'name: Nothing yet\nparent: org\n',
  'teams/org/2026.yaml': `objectives:
  - id: grow
    title: Grow
    aligns_to: mission
    weight: 3
    key_results:
      - {id: revenue, title: Revenue, start: 10, target: 20, current: 16}
      - {id: teams, title: Teams deliver, rollup: true, weight: 2}
  - id: safe
    title: Stay safe
    aligns_to: mission
    key_results:
      - {id: uptime, title: Uptime, keep_above: 99.9, current: 99.5, unit: "%"}
      - {id: audit, title: Audit, done: true}
`,
  'teams/web/2026-Q4.yaml': `objectives:
  - id: fast
    title: Fast pages
    aligns_to: org/grow/teams
    weight: 2
    key_results:
      - {id: latency, title: Latency, start: 800, target: 200, current: 350, unit: ms, confidence: 0.7}
      - {id: launch, title: Launch, done: false}
  - id: both
    title: Serves two goals
    aligns_to: [org/grow/teams, org/safe]
    key_results:
      - {id: signups, title: Sign-ups, start: 0, target: 50, current: 60}
`,
  'teams/api/2026-Q4.yaml': `objectives:
  - id: lonely
    title: Aligned to nothing
    key_results:
      - {id: docs, title: Docs, done: true}
  - id: steady
    title: Steady API
    aligns_to: org/grow
    key_results:
      - {id: errors, title: Errors, keep_below: 1, current: 0.5}
      - {id: p99, title: p99, start: 100, target: 50, current: 100}
`,
};

// Key results:
//   org/grow/revenue  (16 - 10) / (20 - 10)          = 0.6
//   web/fast/latency  (350 - 800) / (200 - 800)      = 0.75 (lower is better)
//   web/fast/launch   not done                       = 0
//   web/both/signups  60 beyond the target 50        = 1
//   org/safe/uptime   99.5 < keep_above 99.9         = 0, breached
//   api/steady/p99    still at its start             = 0
// Objectives:
//   web/fast   (0.75 + 0) / 2                        = 0.375
//   web/both                                         = 1
//   org/grow/teams (rollup) (0.375 × 2 + 1 × 1) / 3  = 1.75 / 3
//   org/grow   (0.6 × 1 + 1.75/3 × 2) / 3            = 5.3 / 9
//   org/safe   (0 + 1) / 2                           = 0.5
//   api/steady (1 + 0) / 2                           = 0.5
// Mission: org/grow (weight 3) and org/safe (1)      = (3 × 5.3/9 + 0.5) / 4 = 17/30
// Expected on 2026-11-25: 2026-Q4 55/91 (0.604), 2026 328/364 (0.901).
//   org/grow 0.589 < 0.901 - 0.25 → off-track;  org/safe 0.5 → off-track
//   web/fast 0.375: below 0.604 - 0.1, not below 0.604 - 0.25 → at-risk;  api/steady 0.5 → at-risk
//   web/both 1 → done;  api/lonely 1 → done
const Q4 = 55 / 91;
const YEAR = 328 / 364;

let dir: string;
beforeAll(() => {
  dir = tempDir();
  writeFiles(dir, FILES);
});

const json = async (argv: string[]) => {
  const result = await okr([...argv, '--json', '-C', dir]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
};

interface Node {
  ref: string;
  progress: number;
  expected: number;
  status: string;
  key_results: { ref: string; progress: number; status: string }[];
  children: Node[];
}

describe('a workspace computed by hand', () => {
  it('okr tree --json', async () => {
    const tree = await json(['tree', '--as-of', '2026-11-25']);
    expect(tree.cycle).toBe('2026-Q4');
    expect(tree.as_of).toBe('2026-11-25');
    expect(tree.mission.statement).toBe('Ship it.');
    expect(tree.mission.progress).toBeCloseTo(17 / 30, 12);

    const shape = (n: Node): unknown => ({ ref: n.ref, children: n.children.map(shape) });
    expect(tree.roots.map(shape)).toEqual([
      { ref: 'org/grow', children: [{ ref: 'api/steady', children: [] }, { ref: 'web/fast', children: [] }, { ref: 'web/both', children: [] }] },
      { ref: 'org/safe', children: [{ ref: 'web/both', children: [] }] },
    ]);
    expect(tree.unaligned.map(shape)).toEqual([{ ref: 'api/lonely', children: [] }]);

    const [grow, safe] = tree.roots as Node[];
    const [steady, fast, both] = grow!.children;
    expect(grow).toMatchObject({ progress: expect.closeTo(5.3 / 9, 12), expected: YEAR, status: 'off-track' });
    expect(safe).toMatchObject({ progress: 0.5, expected: YEAR, status: 'off-track' });
    expect(fast).toMatchObject({ progress: 0.375, expected: Q4, status: 'at-risk' });
    expect(both).toMatchObject({ progress: 1, expected: Q4, status: 'done' });
    expect(steady).toMatchObject({ progress: 0.5, expected: Q4, status: 'at-risk' });
    expect(tree.unaligned[0]).toMatchObject({ progress: 1, status: 'done' });

    const kr = (n: Node, id: string) => n.key_results.find((k) => k.ref.endsWith(`/${id}`))!;
    expect(kr(grow!, 'revenue')).toMatchObject({ kind: 'metric', progress: 0.6, status: 'off-track', start: 10, target: 20, current: 16, unit: null });
    expect(kr(grow!, 'teams')).toMatchObject({ kind: 'rollup', progress: expect.closeTo(1.75 / 3, 12), status: 'off-track', current: null, done: null });
    expect(kr(safe!, 'uptime')).toEqual({
      ref: 'org/safe/uptime',
      title: 'Uptime',
      kind: 'guardrail',
      progress: 0,
      status: 'breached',
      start: null,
      target: null,
      current: 99.5,
      unit: '%',
      done: null,
      keep_below: null,
      keep_above: 99.9,
      confidence: null,
      grade: null,
    });
    expect(kr(fast!, 'latency')).toMatchObject({ progress: 0.75, status: 'on-track', unit: 'ms', confidence: 0.7 });
    expect(kr(fast!, 'launch')).toMatchObject({ kind: 'milestone', progress: 0, status: 'off-track', done: false });
    expect(kr(both!, 'signups')).toMatchObject({ progress: 1, status: 'done', current: 60 });
  });

  it('okr status --json: attention first, a team with no objectives last', async () => {
    const status = await json(['status', '--as-of', '2026-11-25']);
    expect(status.teams).toEqual([
      { team: 'org', objectives: 2, progress: expect.closeTo(17 / 30, 12), grade: null, at_risk: 0, off_track: 2, breached: 1, last_checkin: null, stale: null, forecast_below_target: null },
      { team: 'web', objectives: 2, progress: expect.closeTo(1.75 / 3, 12), grade: null, at_risk: 1, off_track: 0, breached: 0, last_checkin: null, stale: null, forecast_below_target: null },
      { team: 'api', objectives: 2, progress: 0.75, grade: null, at_risk: 1, off_track: 0, breached: 0, last_checkin: null, stale: null, forecast_below_target: null },
      { team: 'empty', objectives: 0, progress: null, grade: null, at_risk: 0, off_track: 0, breached: 0, last_checkin: null, stale: null, forecast_below_target: null },
    ]);
  });

  it('on the last day of the cycle, everything short of done is behind', async () => {
    const tree = await json(['tree', '--as-of', '2026-12-31']);
    const fast = tree.roots[0].children[1];
    expect(fast).toMatchObject({ ref: 'web/fast', expected: 1, status: 'off-track' }); // 0.375 < 1 - 0.25
    expect(tree.roots[0].children[0]).toMatchObject({ ref: 'api/steady', expected: 1, status: 'off-track' });
    expect(fast.key_results[0]).toMatchObject({ progress: 0.75, status: 'at-risk' }); // 0.75 >= 1 - 0.25
  });

  it('--as-of outside the quarter picks the year, whose view holds only its own objectives', async () => {
    const tree = await json(['tree', '--as-of', '2026-06-01']);
    expect(tree.cycle).toBe('2026');
    expect(tree.roots.map((n: Node) => [n.ref, n.children.length])).toEqual([
      ['org/grow', 0],
      ['org/safe', 0],
    ]);
    expect(tree.unaligned).toEqual([]);
    expect(tree.roots[0].expected).toBe(151 / 364);
    // SPEC 9: in the year's view on 2026-06-01 the rollup org/grow/teams is fed by the objectives of
    // the cycles inside the year that have begun; Q4 has not, so nothing feeds it yet (0).
    // org/grow (0.6 × 1 + 0 × 2) / 3 = 0.2; mission (3 × 0.2 + 0.5) / 4 = 0.275.
    expect(tree.roots[0].key_results[1]).toMatchObject({ ref: 'org/grow/teams', progress: 0 });
    expect(tree.roots[0].progress).toBeCloseTo(0.2, 12);
    expect(tree.mission.progress).toBeCloseTo(0.275, 12);
  });

  it('okr show --json on an objective and on a key result', async () => {
    const both = await json(['show', 'web/both', '--as-of', '2026-11-25']);
    expect(both).toMatchObject({
      type: 'objective',
      ref: 'web/both',
      team: 'web',
      cycle: '2026-Q4',
      weight: 1,
      owner: null,
      owners: [],
      progress: 1,
      expected: Q4,
      status: 'done',
      file: 'teams/web/2026-Q4.yaml',
      line: 9,
      aligns_to: [
        { raw: 'org/grow/teams', ref: 'org/grow/teams', found: true, title: 'Teams deliver', progress: expect.closeTo(1.75 / 3, 12) },
        { raw: 'org/safe', ref: 'org/safe', found: true, title: 'Stay safe', progress: 0.5 },
      ],
      aligned: [],
    });
    const teams = await json(['show', 'org/grow/teams', '--as-of', '2026-11-25']);
    expect(teams).toMatchObject({
      type: 'key_result',
      ref: 'org/grow/teams',
      kind: 'rollup',
      weight: 2,
      owners: ['boss@example.com'],
      progress: expect.closeTo(1.75 / 3, 12),
      expected: YEAR,
      status: 'off-track',
      objective: { ref: 'org/grow', progress: expect.closeTo(5.3 / 9, 12) },
      aligned: [
        { ref: 'web/fast', via: 'org/grow/teams', progress: 0.375, status: 'at-risk' },
        { ref: 'web/both', via: 'org/grow/teams', progress: 1, status: 'done' },
      ],
    });
    const mission = await json(['show', 'mission', '--as-of', '2026-11-25']);
    expect(mission).toMatchObject({ type: 'mission', statement: 'Ship it.', progress: expect.closeTo(17 / 30, 12), cycle: '2026-Q4' });
    expect(mission.aligned.map((a: { ref: string }) => a.ref)).toEqual(['org/grow', 'org/safe']);
  });
});
