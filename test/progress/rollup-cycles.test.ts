// SPEC section 9: "A rollup key result in the view of a cycle C is fed by the objectives aligned to
// it whose cycle is C, covers C, or lies inside C and has started on the evaluation day (a yearly
// rollup fed by quarterly objectives shows the quarters begun so far)." Numbers worked out by hand,
// checked against the JSON and text of the real CLI (in process).
import { beforeAll, describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { tempDir, writeFiles } from '../support/temp-repo.js';

const FILES = {
  'okr.yaml': `version: 1
mission: Ship it.
cycles:
  - {id: "2026", start: 2026-01-01, end: 2026-12-31}
  - {id: 2026-H2, start: 2026-07-01, end: 2026-12-31}
  - {id: 2026-Q3, start: 2026-07-01, end: 2026-09-30}
  - {id: 2026-Q4, start: 2026-10-01, end: 2026-12-31}
`,
  'teams/org/team.yaml': 'name: Org\n',
  'teams/web/team.yaml': 'name: Web\nparent: org\n',
  'teams/org/2026.yaml': `objectives:
  - id: grow
    title: Grow
    aligns_to: mission
    key_results:
      - {id: teams, title: Teams deliver, rollup: true}
`,
  // Fed by every cycle inside the year: a half year, and one quarter of each half.
  'teams/web/2026-H2.yaml': `objectives:
  - id: half
    title: Half year
    aligns_to: org/grow/teams
    weight: 4
    key_results:
      - {id: k, title: k, start: 0, target: 10, current: 5}
`,
  'teams/web/2026-Q3.yaml': `objectives:
  - id: summer
    title: Summer
    aligns_to: org/grow/teams
    key_results:
      - {id: k, title: k, done: true}
`,
  'teams/web/2026-Q4.yaml': `objectives:
  - id: autumn
    title: Autumn
    aligns_to: org/grow/teams
    weight: 3
    key_results:
      - {id: k, title: k, start: 0, target: 4, current: 1}
`,
};

// half 0.5 (weight 4), summer 1 (weight 1), autumn 0.25 (weight 3).
const CASES: { cycle: string; asOf: string; feeders: string; teams: number }[] = [
  // The year before anything inside it began: nothing feeds it yet.
  { cycle: '2026', asOf: '2026-03-01', feeders: 'none begun', teams: 0 },
  // The year in August: H2 and Q3 have begun, Q4 has not.
  { cycle: '2026', asOf: '2026-08-15', feeders: 'half, summer', teams: (4 * 0.5 + 1) / 5 },
  // The year in November: all three.
  { cycle: '2026', asOf: '2026-11-15', feeders: 'all', teams: (4 * 0.5 + 1 + 3 * 0.25) / 8 },
  // Q4's view: Q4 (C) and H2 (covers C); Q3 is neither C, nor covering it, nor inside it.
  { cycle: '2026-Q4', asOf: '2026-11-15', feeders: 'half, autumn', teams: (4 * 0.5 + 3 * 0.25) / 7 },
  // Q3's view in August: Q3 and H2.
  { cycle: '2026-Q3', asOf: '2026-08-15', feeders: 'half, summer', teams: (4 * 0.5 + 1) / 5 },
  // H2's view in August: H2 (C), and Q3 inside it and begun; Q4 not yet.
  { cycle: '2026-H2', asOf: '2026-08-15', feeders: 'half, summer', teams: (4 * 0.5 + 1) / 5 },
];

let dir: string;
beforeAll(() => {
  dir = tempDir();
  writeFiles(dir, FILES);
});

const run = async (argv: string[]) => {
  const result = await okr([...argv, '-C', dir]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
};

describe('a rollup key result in the view of a cycle (SPEC 9)', () => {
  it.each(CASES)('$cycle on $asOf is fed by $feeders', async ({ cycle, asOf, teams }) => {
    const tree = JSON.parse(await run(['tree', '--json', '--cycle', cycle, '--as-of', asOf]));
    const grow = tree.roots.find((n: { ref: string }) => n.ref === 'org/grow');
    expect(grow.key_results[0]).toMatchObject({ ref: 'org/grow/teams', kind: 'rollup', progress: expect.closeTo(teams, 12) });
    expect(grow.progress).toBeCloseTo(teams, 12);
    expect(tree.mission.progress).toBeCloseTo(teams, 12);

    const show = JSON.parse(await run(['show', 'org/grow/teams', '--json', '--cycle', cycle, '--as-of', asOf]));
    expect(show.progress).toBeCloseTo(teams, 12);
    const status = JSON.parse(await run(['status', '--json', '--cycle', cycle, '--as-of', asOf]));
    expect(status.teams.find((t: { team: string }) => t.team === 'org').progress).toBeCloseTo(teams, 12);
  });

  it('without --cycle, show feeds it as the tree of the default cycle does', async () => {
    // 2026-08-15 is in Q3, the narrowest cycle containing it: half and summer feed the year's key result.
    const tree = JSON.parse(await run(['tree', '--json', '--as-of', '2026-08-15']));
    expect(tree.cycle).toBe('2026-Q3');
    expect(tree.roots[0].key_results[0].progress).toBeCloseTo(0.6, 12);
    const show = JSON.parse(await run(['show', 'org/grow/teams', '--json', '--as-of', '2026-08-15']));
    expect(show.progress).toBeCloseTo(0.6, 12);
  });

  it('the text names as many objectives as feed the key result in the view', async () => {
    expect(await run(['tree', '--cycle', '2026', '--as-of', '2026-08-15'])).toMatch(/teams: rollup of 2 objectives\n/);
    expect(await run(['tree', '--cycle', '2026', '--as-of', '2026-11-15'])).toMatch(/teams: rollup of 3 objectives\n/);
    expect(await run(['show', 'org/grow', '--cycle', '2026-Q4', '--as-of', '2026-11-15'])).toMatch(/rollup of 2 objectives/);
    // Three are aligned, none has begun: not "no objective aligned to it".
    expect(await run(['tree', '--cycle', '2026', '--as-of', '2026-03-01'])).toMatch(/teams: rollup: none of its 3 aligned objectives counts in this view\n/);
    expect(await run(['show', 'org/grow', '--cycle', '2026', '--as-of', '2026-03-01'])).toMatch(/rollup: none of its 3 aligned objectives counts in this view/);
  });
});
