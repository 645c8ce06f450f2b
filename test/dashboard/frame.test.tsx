// The dashboard's frames, drawn by the pure view with ink's renderToString: golden frames of each
// pane and form at 80×24 (colour off), and for every size from the smallest it draws to a wide one,
// a frame exactly as wide and as tall as the terminal, with nothing from the goal files reaching the
// terminal as a control character.
import { renderToString } from 'ink';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dayFromNumber, dayNumber } from '../../src/model/calendar.js';
import type { Feedback } from '../../src/model/feedback.js';
import { forecastIndex } from '../../src/model/forecast.js';
import type { History, HistoryPoint } from '../../src/model/history.js';
import { isCheckable } from '../../src/model/key-results.js';
import { stalenessOf } from '../../src/model/staleness.js';
import { datedCycles } from '../../src/model/view.js';
import type { DashboardData, DashboardFacts } from '../../src/render/tui/dashboard/data.js';
import { dashboardFrame } from '../../src/render/tui/dashboard/frame.js';
import type { ScreenSize } from '../../src/render/tui/dashboard/layout.js';
import { lineWidth } from '../../src/render/tui/dashboard/line.js';
import { refOf } from '../../src/render/tui/dashboard/outline.js';
import { dashboardStep, initialState, type DashboardKey, type DashboardState } from '../../src/render/tui/dashboard/state.js';
import { DashboardView, styledLine } from '../../src/render/tui/dashboard/view.js';
import { visibleWidth } from '../../src/render/text/progress-cells.js';
import { expectGolden } from '../support/golden.js';
import { copyExample } from '../support/temp-repo.js';
import { fixtureDir, loadData } from './fixture.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SIZE: ScreenSize = { columns: 80, rows: 24 };

function draw(state: DashboardState): string {
  return renderToString(<DashboardView state={state} styling="plain" />, { columns: state.size.columns });
}

function press(state: DashboardState, ...keys: string[]): DashboardState {
  let s = state;
  for (const k of keys) {
    const named: Record<string, DashboardKey['name']> = { DOWN: 'down', ENTER: 'enter', LEFT: 'left' };
    const list: DashboardKey[] = named[k] ? [{ name: named[k]!, text: '', ctrl: false }] : [...k].map((text) => ({ name: 'text', text, ctrl: false }));
    for (const key of list) s = dashboardStep(s, { type: 'key', key });
  }
  return s;
}

function select(s: DashboardState, ref: string): DashboardState {
  while (refOf(s.data.outline.entries[s.selected]!) !== ref) {
    const next = press(s, 'DOWN');
    if (next.cursor === s.cursor) throw new Error(`${ref} not listed`);
    s = next;
  }
  return s;
}

const point = (ref: string, day: string, value: number, note?: string): HistoryPoint => ({
  ref,
  commit: `${day.replace(/-/g, '')}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`.slice(0, 40),
  date: `${day}T09:00:00+01:00`,
  authorName: 'Ana Lima',
  authorEmail: 'ana@acme.example',
  subject: 'checkin(payments): p95',
  value,
  previous: undefined,
  confidence: undefined,
  unit: 'ms',
  note,
  source: undefined,
  via: 'checkin',
});

/** Facts as the loader makes them, from a handful of points: the model's staleness and forecast. */
function factsOf(data: DashboardData, later: HistoryPoint[] = []): DashboardFacts {
  const p95: HistoryPoint[] = [
    point('payments/checkout/p95', '2026-10-02', 880),
    point('payments/checkout/p95', '2026-10-20', 760),
    point('payments/checkout/p95', '2026-11-02', 640, 'Edge cache live in EU. Next: APAC, which needs the new contract\u001b[2J first'),
    ...later,
  ];
  const points: Map<string, HistoryPoint[]> = new Map();
  points.set('payments/checkout/p95', p95);
  const workspace = data.view.workspace;
  const cycles = datedCycles(workspace);
  const feedback: Feedback[] = [
    { ref: 'payments/checkout/p95', commit: 'f'.repeat(40), date: '2026-11-20T10:00:00+01:00', authorName: 'Dee \u001b]0;x\u0007Doe', authorEmail: 'dee@acme.example', kind: 'kudos', text: 'Great progress on the edge cache; the EU numbers look solid.', replyTo: null },
  ];
  const history: History = { points, commitCount: 3 };
  const stale = new Set<string>();
  for (const o of data.view.objectives) for (const kr of o.keyResults) if (isCheckable(kr) && stalenessOf(kr, history, data.tree.asOf, 14, cycles.get(o.cycle)).stale) stale.add(kr.ref);
  return {
    generation: data.generation,
    points: (ref) => points.get(ref),
    staleness: (o, kr) => stalenessOf(kr, history, data.tree.asOf, 14, cycles.get(o.cycle)),
    forecast: forecastIndex(workspace, (ref) => points.get(ref), data.tree.asOf),
    feedback: (ref) => feedback.filter((f) => f.ref === ref || f.ref.startsWith(`${ref}/`)),
    stale,
  };
}

async function withFacts(size = SIZE): Promise<DashboardState> {
  const data = await loadData(fixtureDir());
  return dashboardStep(initialState(data, size), { type: 'facts', generation: data.generation, facts: factsOf(data) });
}

describe('golden frames at 80×24', () => {
  it('the start: the mission selected, history still being read', async () => {
    expectGolden(HERE, 'start.txt', draw(initialState(await loadData(fixtureDir()), SIZE)));
  });

  it('a key result: numbers, progress, owner, confidence, last check-in, stale, history, forecast, what it serves, feedback', async () => {
    expectGolden(HERE, 'key-result.txt', draw(select(await withFacts(), 'payments/checkout/p95')));
  });

  it('an objective: its alignment both ways, its key results, feedback on them', async () => {
    expectGolden(HERE, 'objective.txt', draw(select(await withFacts(), 'payments/checkout')));
  });

  it('the status filter off-track, with the goals above each match', async () => {
    expectGolden(HERE, 'off-track.txt', draw(press(await withFacts(), 's')));
  });

  it('the check-in form, half filled in, and refused', async () => {
    const s = press(select(await withFacts(), 'payments/checkout/p95'), 'c', '420', 'ENTER', '0.8');
    expectGolden(HERE, 'checkin-form.txt', draw(s));
    const asked = press(s, 'ENTER', 'ENTER');
    const refused = dashboardStep(asked, { type: 'finished', id: asked.request!.id, outcome: { ok: false, message: 'teams/payments/2026-Q4.yaml has uncommitted changes', hint: 'Commit them first, or check in with okr checkin --include-changes.' } });
    expectGolden(HERE, 'checkin-refused.txt', draw(refused));
  });

  it('the feedback form', async () => {
    expectGolden(HERE, 'feedback-form.txt', draw(press(select(await withFacts(), 'mobile/app'), 'f', 'k', 'Lovely to see this in Japanese first')));
  });

  it('a last check-in dated after the as-of day is said so, not as a negative number of days ago', async () => {
    const data = await loadData(fixtureDir());
    const asOf = data.tree.asOf;
    const later = dayFromNumber(dayNumber(asOf) + 3);
    const s = dashboardStep(initialState(data, { columns: 140, rows: 30 }), { type: 'facts', generation: data.generation, facts: factsOf(data, [point('payments/checkout/p95', later, 600)]) });
    const frame = draw(select(s, 'payments/checkout/p95'));
    expect(frame).toContain(`last check-in ${later}, after the as-of day`);
    expect(frame).not.toMatch(/-\d+ days ago/);
  });

  it('the help', async () => {
    expectGolden(HERE, 'help.txt', draw(press(await withFacts(), '?')));
  });

  it('a terminal too small to draw in', async () => {
    expectGolden(HERE, 'too-small.txt', draw(await withFacts({ columns: 30, rows: 8 })));
  });
});

describe('every frame fits its terminal', () => {
  it('is exactly as wide and as tall as the terminal at every size, in every pane, titles cut with … by display width', { timeout: 180_000 }, async () => {
    const acme = await loadData(copyExample('acme'));
    const fixture = await loadData(fixtureDir());
    for (const data of [acme, fixture])
      for (const columns of [40, 41, 57, 80, 99, 132, 201])
        for (const rows of [10, 11, 24, 25, 50]) {
          const size = { columns, rows };
          const base = dashboardStep(initialState(data, size), { type: 'facts', generation: data.generation, facts: factsOf(data) });
          const states = [base, press(base, 'DOWN', 'DOWN', 'DOWN', 'DOWN'), press(base, 'G'), press(base, '?'), press(base, 's'), press(base, '/', 'check'), press(select(base, [...base.rows].map((i) => refOf(data.outline.entries[i]!)).find((r) => r?.split('/').length === 3)!), 'c')];
          for (const state of states) {
            const frame = dashboardFrame(state);
            expect(frame.length, `${columns}×${rows}`).toBe(rows);
            for (const line of frame) expect(lineWidth(line), `${columns}×${rows}`).toBe(columns);
          }
          // ink draws the frame's lines as they are: two states through ink at each size are enough
          // (each costs a whole render), the frames above are what sizes the lines.
          for (const state of [states[1]!, states.at(-1)!]) {
            const drawn = draw(state).split('\n');
            expect(drawn.length).toBe(rows);
            for (const line of drawn) expect(visibleWidth(line)).toBeLessThanOrEqual(columns);
          }
        }
  });

  it('cuts wide titles (Japanese, emoji) by columns, not characters', async () => {
    const s = await withFacts();
    const row = dashboardFrame(s).find((l) => l.some((seg) => seg.text.includes('モバイル')))!;
    const text = row.map((seg) => seg.text).join('');
    // Each of these characters takes two columns: 8 of them and "…" fill the 17 columns left.
    expect(text).toMatch(/ モバイル決済を全…  60% on-track/);
    expect(visibleWidth(text)).toBe(80);
    expect(text.length).toBeLessThan(80);
  });

  it('shows control characters from goal files and git escaped, never raw', async () => {
    const s = await withFacts({ columns: 120, rows: 40 });
    const frames = [draw(s), draw(select(s, 'ops/evil')), draw(select(s, 'payments/checkout/p95')), draw(press(select(s, 'ops/evil'), 'ENTER'))];
    for (const frame of frames) expect(frame).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(frames[1]).toContain('Evil \\u001b[2J title');
    expect(frames[1]).toContain('Ops \\u001b]0;pwned\\u0007');
    expect(frames[2]).toContain('Dee \\u001b]0;x\\u0007Doe');
  });
});

describe('colour and attributes', () => {
  it('colour repeats the words (off-track red, on-track green); NO_COLOR keeps bold, dim and the inverse selection, and no colour', async () => {
    const frame = dashboardFrame(await withFacts());
    const coloured = frame.map((l) => styledLine(l, 'colour')).join('\n');
    const mono = frame.map((l) => styledLine(l, 'attributes'));
    expect(coloured).toContain('\x1b[31moff-track');
    expect(coloured).toContain('\x1b[32mon-track');
    expect(mono.join('\n')).not.toMatch(/\x1b\[3[0-7]m/);
    const selected = mono.find((l) => l.includes('›'))!;
    expect(selected).toContain('\x1b[7m');
    expect(mono.join('\n')).toContain('\x1b[1m');
    // Without styling the text is the same, only the escape codes differ.
    const strip = (x: string) => x.replace(/\x1b\[[0-9;]*m/g, '');
    expect(mono.map(strip)).toEqual(frame.map((l) => styledLine(l, 'plain')));
  });
});

describe('the forecast line', () => {
  it('is the model forecast of the points (a line through 880, 760, 640)', async () => {
    const s = select(await withFacts({ columns: 120, rows: 40 }), 'payments/checkout/p95');
    const slope = (640 - 880) / (dayNumber('2026-11-02') - dayNumber('2026-10-02'));
    expect(slope).toBeLessThan(0);
    expect(draw(s)).toMatch(/on pace for 100% by 2026-12-31/);
  });
});
