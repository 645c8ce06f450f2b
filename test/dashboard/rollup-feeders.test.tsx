// The dashboard's detail of a rollup key result counts and names the objectives that feed it in the
// view (SPEC 9), as okr tree, show and report do: a yearly rollup fed by two quarters counts the
// quarters begun on the day, in the year's view; a quarter's view counts its own.
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { refOf } from '../../src/render/tui/dashboard/outline.js';
import { dashboardStep, initialState, type DashboardState } from '../../src/render/tui/dashboard/state.js';
import { DashboardView } from '../../src/render/tui/dashboard/view.js';
import { okr } from '../support/run-cli.js';
import { tempDir, writeFiles } from '../support/temp-repo.js';
import { loadData } from './fixture.js';

const FILES = {
  'okr.yaml': `version: 1
mission: Ship it.
cycles:
  - {id: "2026", start: 2026-01-01, end: 2026-12-31}
  - {id: 2026-Q3, start: 2026-07-01, end: 2026-09-30}
  - {id: 2026-Q4, start: 2026-10-01, end: 2026-12-31}
`,
  'teams/org/team.yaml': 'name: Org\n',
  'teams/web/team.yaml': 'name: Web\nparent: org\n',
  'teams/org/2026.yaml': 'objectives:\n  - id: grow\n    title: Grow\n    aligns_to: mission\n    key_results:\n      - {id: teams, title: Teams deliver, rollup: true}\n',
  'teams/web/2026-Q3.yaml': 'objectives:\n  - id: summer\n    title: Summer\n    aligns_to: org/grow/teams\n    key_results:\n      - {id: k, title: k, done: true}\n',
  'teams/web/2026-Q4.yaml': 'objectives:\n  - id: autumn\n    title: Autumn\n    aligns_to: org/grow/teams\n    key_results:\n      - {id: k, title: k, start: 0, target: 4, current: 1}\n',
};

/** The frame with the key result org/grow/teams selected, in the view of `cycle` on `asOf`. */
async function rollupFrame(cycle: string, asOf: string): Promise<string> {
  const dir = tempDir('okr-dashboard-rollup-');
  writeFiles(dir, FILES);
  const data = await loadData(dir, { cycle, asOf });
  let state: DashboardState = initialState(data, { columns: 180, rows: 30 });
  while (refOf(data.outline.entries[state.selected]!) !== 'org/grow/teams') {
    const next = dashboardStep(state, { type: 'key', key: { name: 'down', text: '', ctrl: false } });
    if (next.cursor === state.cursor) throw new Error('org/grow/teams is not listed');
    state = next;
  }
  return renderToString(<DashboardView state={state} styling="plain" />, { columns: 180 });
}

/** The words okr tree says of the rollup in the same view. */
async function treeSays(cycle: string, asOf: string): Promise<string> {
  const dir = tempDir('okr-dashboard-rollup-');
  writeFiles(dir, FILES);
  const { stdout } = await okr(['tree', '--cycle', cycle, '--as-of', asOf, '-C', dir]);
  return /teams: (rollup[^\n]*)/.exec(stdout)![1]!.trim();
}

describe('okr dashboard: a rollup key result is fed by the objectives that feed it in the view', () => {
  it('the year in August: the quarter begun feeds it, the one not begun does not', async () => {
    const frame = await rollupFrame('2026', '2026-08-15');
    expect(await treeSays('2026', '2026-08-15')).toBe('rollup of 1 objective');
    expect(frame).toContain('rollup of 1 objective');
    expect(frame).toContain('fed by 1: web/summer');
    expect(frame).not.toContain('web/autumn');
  });

  it('the year in November: both quarters', async () => {
    const frame = await rollupFrame('2026', '2026-11-15');
    expect(await treeSays('2026', '2026-11-15')).toBe('rollup of 2 objectives');
    expect(frame).toContain('rollup of 2 objectives');
    expect(frame).toContain('fed by 2: web/summer, web/autumn');
  });

  it("Q4's view: its own quarter alone (Q3 neither is Q4, nor covers it, nor lies inside it)", async () => {
    const frame = await rollupFrame('2026-Q4', '2026-11-15');
    expect(frame).toContain('rollup of 1 objective');
    expect(frame).toContain('fed by 1: web/autumn');
    expect(frame).not.toContain('web/summer');
  });

  it('the year before either quarter began: aligned objectives, none counting, said as okr tree says it', async () => {
    const frame = await rollupFrame('2026', '2026-03-01');
    const words = await treeSays('2026', '2026-03-01');
    expect(words).toBe('rollup: none of its 2 aligned objectives counts in this view');
    expect(frame).toContain(words.slice(0, 'rollup: none of its 2 aligned objectives counts'.length)); // the pane cuts the rest with …
    expect(frame).not.toContain('fed by');
  });
});
