// The dashboard's key handling, without a terminal: the pure reducer over the goals as the dashboard
// loads them (the fixture and the bundled example, read by the real loader). Each test presses keys
// and reads the state: which rows are listed, which is selected, what is asked of the shell.
import { describe, expect, it } from 'vitest';
import { buildTree, lineOfSight } from '../../src/model/tree.js';
import { keysOf } from '../../src/render/tui/dashboard/app.js';
import type { DashboardData, DashboardFacts } from '../../src/render/tui/dashboard/data.js';
import { bodyHeight } from '../../src/render/tui/dashboard/layout.js';
import { refOf, teamOf } from '../../src/render/tui/dashboard/outline.js';
import { dashboardStep, initialState, type DashboardKey, type DashboardState } from '../../src/render/tui/dashboard/state.js';
import { copyExample, writeFiles } from '../support/temp-repo.js';
import { FILES, fixtureDir, loadData } from './fixture.js';

const SIZE = { columns: 80, rows: 24 };

function key(spec: string): DashboardKey {
  const named: Record<string, DashboardKey['name']> = { UP: 'up', DOWN: 'down', LEFT: 'left', RIGHT: 'right', PGUP: 'pageup', PGDN: 'pagedown', HOME: 'home', END: 'end', ENTER: 'enter', ESC: 'escape', BS: 'backspace', TAB: 'tab' };
  if (spec.startsWith('C-')) return { name: 'text', text: spec.slice(2), ctrl: true };
  const name = named[spec];
  return name ? { name, text: '', ctrl: false } : { name: 'text', text: spec, ctrl: false };
}

/** Presses keys: named ones (DOWN, ENTER, ESC, C-c) as words, text character by character. */
function press(state: DashboardState, ...keys: string[]): DashboardState {
  let s = state;
  for (const k of keys) {
    const list = /^[A-Z]{2,}$|^C-./.test(k) ? [key(k)] : [...k].map(key);
    for (const one of list) s = dashboardStep(s, { type: 'key', key: one });
  }
  return s;
}

const refs = (s: DashboardState) => [...s.rows].map((i) => refOf(s.data.outline.entries[i]!) ?? `:${s.data.outline.entries[i]!.kind}`);
const selectedRef = (s: DashboardState) => refOf(s.data.outline.entries[s.selected]!);

function selectRef(s: DashboardState, ref: string): DashboardState {
  for (let n = 0; n < s.rows.length; n++) {
    if (selectedRef(s) === ref) return s;
    s = press(s, 'j');
  }
  throw new Error(`${ref} is not listed`);
}

describe('moving', () => {
  it('starts on the mission with every goal listed, in the order okr tree draws them', async () => {
    const s = initialState(await loadData(fixtureDir()), SIZE);
    expect(selectedRef(s)).toBe('mission');
    expect(refs(s)).toEqual([
      'mission',
      'eng/platform',
      'eng/platform/uptime',
      'eng/platform/adoption',
      'payments/checkout',
      'payments/checkout/p95',
      'payments/checkout/edge-cache',
      'payments/checkout/errors',
      'mobile/app',
      'mobile/app/rating',
      'mobile/app',
      'mobile/app/rating',
      'ops/evil',
      'ops/evil/done-thing',
    ]);
  });

  it('moves with j/k and the arrows, stops at the ends, jumps with g/G, Home/End and by pages', async () => {
    const s = initialState(await loadData(fixtureDir()), SIZE);
    expect(press(s, 'j', 'j', 'DOWN').cursor).toBe(3);
    expect(press(s, 'j', 'j', 'k').cursor).toBe(1);
    expect(press(s, 'UP').cursor).toBe(0);
    expect(press(s, 'G').cursor).toBe(s.rows.length - 1);
    expect(press(s, 'END', 'DOWN').cursor).toBe(s.rows.length - 1);
    expect(press(s, 'G', 'g').cursor).toBe(0);
    expect(press(s, 'END', 'HOME').cursor).toBe(0);
    expect(press(s, 'PGDN').cursor).toBe(Math.min(s.rows.length - 1, bodyHeight(SIZE)));
    expect(selectedRef(press(s, 'j', 'j'))).toBe('eng/platform/uptime');
  });

  it('scrolls so the selection stays on screen, and a page of the example moves by the body height', async () => {
    let s = initialState(await loadData(copyExample('acme')), SIZE);
    const height = bodyHeight(SIZE);
    s = press(s, 'PGDN');
    expect(s.cursor).toBe(height);
    expect(s.top).toBe(1);
    s = press(s, 'PGDN', 'PGDN');
    expect(s.cursor).toBe(3 * height);
    expect(s.cursor - s.top).toBe(height - 1);
    s = press(s, 'PGUP');
    expect(s.top).toBe(s.cursor);
    s = press(s, 'G');
    expect(s.top).toBe(s.rows.length - height);
  });

  it('keeps the selection on screen when the terminal shrinks', async () => {
    let s = press(initialState(await loadData(copyExample('acme')), { columns: 120, rows: 50 }), 'PGDN');
    expect(s.cursor - s.top).toBeGreaterThan(bodyHeight({ columns: 80, rows: 12 }));
    s = dashboardStep(s, { type: 'resize', size: { columns: 80, rows: 12 } });
    expect(s.cursor - s.top).toBeLessThan(bodyHeight(s.size));
    expect(s.cursor - s.top).toBeGreaterThanOrEqual(0);
  });
});

describe('folding', () => {
  it('← folds an open goal, → opens it again; ← on a folded or leaf entry goes to its parent; → on an open one goes in', async () => {
    const s0 = initialState(await loadData(fixtureDir()), SIZE);
    const s1 = press(s0, 'j', 'j', 'j'); // eng/platform/adoption, with checkout under it
    expect(selectedRef(s1)).toBe('eng/platform/adoption');
    const folded = press(s1, 'LEFT');
    expect(refs(folded)).not.toContain('payments/checkout');
    expect(selectedRef(folded)).toBe('eng/platform/adoption');
    expect(folded.rows.length).toBe(s0.rows.length - 6); // checkout, its three key results, mobile/app and its one
    expect(selectedRef(press(folded, 'h'))).toBe('eng/platform');
    const opened = press(folded, 'l');
    expect(refs(opened)).toEqual(refs(s0));
    expect(selectedRef(press(opened, 'RIGHT'))).toBe('payments/checkout');
    // A leaf: ← goes up, → does nothing.
    const leaf = press(s0, 'j', 'j');
    expect(selectedRef(press(leaf, 'RIGHT'))).toBe('eng/platform/uptime');
    expect(selectedRef(press(leaf, 'LEFT'))).toBe('eng/platform');
    // The mission folds to one row.
    expect(refs(press(s0, 'h'))).toEqual(['mission']);
  });
});

describe('focus (Enter)', () => {
  it("lists the focused goal's line of sight, as model/tree has it; Enter again or Backspace shows all", async () => {
    const data = await loadData(copyExample('acme'));
    let s = initialState(data, SIZE);
    s = selectRef(s, 'payments/faster-checkout');
    const focused = press(s, 'ENTER');
    const objective = data.view.workspace.objectives.find((o) => o.ref === 'payments/faster-checkout')!;
    const sight = lineOfSight(data.view, { kind: 'objective', objective });
    const listedObjectives = new Set(focused.rows.length ? [...focused.rows].map((i) => focused.data.outline.entries[i]!).filter((e) => e.kind === 'objective').map((e) => (e.kind === 'objective' ? e.score.objective : undefined)) : []);
    expect([...listedObjectives].map((o) => o!.ref).sort()).toEqual([...sight].map((o) => o.ref).sort());
    expect(focused.filter.focus).toBe(s.selected);
    expect(selectedRef(focused)).toBe('payments/faster-checkout');
    expect(focused.rows.length).toBeLessThan(s.rows.length);
    expect(refs(press(focused, 'ENTER'))).toEqual(refs(s));
    expect(refs(press(focused, 'BS'))).toEqual(refs(s));
    // On a key result: only what is aligned through it below.
    const kr = press(selectRef(s, 'payments/faster-checkout/partner-adoption'), 'ENTER');
    expect(refs(kr)).toContain('checkout/one-click-checkout');
    expect(refs(kr)).not.toContain('checkout/checkout-a11y');
  });
});

describe('filters', () => {
  it('/ narrows the list as the text is typed (titles and references, any case), with the goals above each match', async () => {
    const s0 = initialState(await loadData(fixtureDir()), SIZE);
    const typing = press(s0, '/', 'EDGE');
    expect(typing.mode.kind).toBe('filter');
    expect(typing.matchCount).toBe(1);
    expect(refs(typing)).toEqual(['mission', 'eng/platform', 'eng/platform/adoption', 'payments/checkout', 'payments/checkout/edge-cache']);
    expect(selectedRef(typing)).toBe('payments/checkout/edge-cache');
    // The reference matches too.
    expect(press(s0, '/', 'p95').matchCount).toBe(1);
    // Enter keeps it; Esc while typing puts back the filter there was before.
    const kept = press(typing, 'ENTER');
    expect(kept.mode.kind).toBe('browse');
    expect(kept.filter.text).toBe('EDGE');
    expect(press(kept, '/', 'BS', 'BS', 'ESC').filter.text).toBe('EDGE');
    expect(press(kept, 'x').filter.text).toBe('');
    expect(refs(press(kept, 'x'))).toEqual(refs(s0));
    // Nothing matches: the mission alone, and the count says 0.
    const none = press(s0, '/', 'zzz');
    expect(none.matchCount).toBe(0);
    expect(refs(none)).toEqual(['mission']);
  });

  it('t filters by team: the selected goal\'s team first; a unique prefix will do; an unknown team says the nearest', async () => {
    const s0 = initialState(await loadData(fixtureDir()), SIZE);
    const onCheckout = selectRef(s0, 'payments/checkout/p95');
    const prompt = press(onCheckout, 't');
    expect(prompt.mode).toMatchObject({ kind: 'filter', field: 'team', text: 'payments' });
    const applied = press(prompt, 'ENTER');
    expect(applied.filter.team).toBe('payments');
    expect([...applied.rows].filter((i) => applied.matches![i]).map((i) => teamOf(applied.data.outline.entries[i]!))).toEqual(['payments', 'payments', 'payments', 'payments']);
    expect(applied.matchCount).toBe(4);
    const prefix = press(s0, 't', 'mob', 'ENTER');
    expect(prefix.filter.team).toBe('mobile');
    expect(refs(prefix).filter((r) => r.startsWith('mobile/'))).toHaveLength(4);
    const typo = press(s0, 't', 'paymnts', 'ENTER');
    expect(typo.mode.kind).toBe('filter');
    expect(typo.message?.text).toBe('no team "paymnts": did you mean "payments"?');
    expect(press(applied, 't', 'C-u', 'ENTER').filter.team).toBeUndefined();
  });

  it('--team starts filtered', async () => {
    const s = initialState(await loadData(fixtureDir()), SIZE, { team: 'ops' });
    expect(s.filter.team).toBe('ops');
    expect(refs(s)).toEqual(['mission', 'ops/evil', 'ops/evil/done-thing']);
    expect(selectedRef(s)).toBe('ops/evil');
  });

  it('s cycles off-track, at-risk, breached, stale and back to all', async () => {
    const s0 = initialState(await loadData(fixtureDir()), SIZE);
    const offTrack = press(s0, 's');
    expect(offTrack.filter.status).toBe('off-track');
    const statuses = (s: DashboardState) =>
      [...s.rows]
        .filter((i) => s.matches![i])
        .map((i) => s.data.outline.entries[i]!)
        .map((e) => (e.kind === 'objective' || e.kind === 'key-result' ? e.score.status : e.kind));
    expect(statuses(offTrack).length).toBeGreaterThan(0);
    expect(new Set(statuses(offTrack))).toEqual(new Set(['off-track']));
    const atRisk = press(offTrack, 's');
    expect(atRisk.filter.status).toBe('at-risk');
    expect(new Set(statuses(atRisk))).toEqual(new Set(['at-risk']));
    const breached = press(atRisk, 's');
    expect(refs(breached).filter((_, r) => breached.matches![breached.rows[r]!])).toEqual(['payments/checkout/errors']);
    const stale = press(breached, 's');
    expect(stale.filter.status).toBe('stale');
    expect(stale.message?.text).toMatch(/still being read/);
    expect(press(stale, 's').filter.status).toBeUndefined();
  });

  it('stale matches the key results the facts call stale, once they arrive', async () => {
    const data = await loadData(fixtureDir());
    let s = press(initialState(data, SIZE), 's', 's', 's', 's');
    expect(s.matchCount).toBe(0);
    s = dashboardStep(s, { type: 'facts', generation: data.generation, facts: factsWithStale(data, ['payments/checkout/p95']) });
    expect(s.matchCount).toBe(1);
    expect(selectedRef(s)).toBe('mission');
    expect(refs(s)).toContain('payments/checkout/p95');
    // Facts of an older load are dropped.
    const old = dashboardStep(s, { type: 'facts', generation: data.generation - 1, facts: undefined, why: 'x' });
    expect(old).toBe(s);
  });
});

function factsWithStale(data: DashboardData, stale: string[]): DashboardFacts {
  return {
    generation: data.generation,
    points: () => undefined,
    staleness: () => ({ last: undefined, days: undefined, stale: false, settled: undefined }),
    forecast: () => undefined,
    feedback: () => [],
    stale: new Set(stale),
  };
}

describe('check-in (c)', () => {
  it('asks for the value, the confidence and a note, then asks the shell for one check-in', async () => {
    const s0 = selectRef(initialState(await loadData(fixtureDir()), SIZE), 'payments/checkout/p95');
    let s = press(s0, 'c');
    expect(s.mode).toMatchObject({ kind: 'checkin', step: 'value' });
    s = press(s, 'abc', 'ENTER');
    expect(s.mode).toMatchObject({ step: 'value', error: { message: '"abc" is not a number' } });
    s = press(s, 'BS', 'BS', 'BS', '420', 'ENTER');
    expect(s.mode).toMatchObject({ step: 'confidence', value: '420' });
    s = press(s, '1.5', 'ENTER');
    expect(s.mode).toMatchObject({ step: 'confidence', error: { message: 'confidence is a number from 0 to 1, not "1.5"' } });
    s = press(s, 'C-u', '0.7', 'ENTER', 'Edge cache live in EU', 'ENTER');
    expect(s.mode).toMatchObject({ kind: 'checkin', step: 'saving' });
    expect(s.request).toEqual({ id: 1, kind: 'checkin', ref: 'payments/checkout/p95', value: '420', confidence: 0.7, note: 'Edge cache live in EU' });
    // Keys while it is written do nothing (Ctrl+C still quits).
    expect(press(s, 'q', 'ESC')).toEqual(s);
    // Written: back to the list with the outcome, and the goals are read again.
    const done = dashboardStep(s, { type: 'finished', id: 1, outcome: { ok: true, message: 'checked in p95: 640 → 420 ms' } });
    expect(done.mode.kind).toBe('browse');
    expect(done.message).toEqual({ tone: 'success', text: 'checked in p95: 640 → 420 ms' });
    expect(done.request).toMatchObject({ id: 2, kind: 'reload' });
  });

  it('a milestone takes d or n; Enter with nothing keeps the value; nothing at all is refused; Esc writes nothing', async () => {
    const s0 = selectRef(initialState(await loadData(fixtureDir()), SIZE), 'payments/checkout/edge-cache');
    expect(press(s0, 'c', 'maybe', 'ENTER').mode).toMatchObject({ error: { message: 'type d (done) or n (not done), or nothing to keep it' } });
    expect(press(s0, 'c', 'd', 'ENTER', 'ENTER', 'ENTER').request).toMatchObject({ kind: 'checkin', value: 'done', confidence: undefined, note: undefined });
    expect(press(s0, 'c', 'ENTER', '0.4', 'ENTER', 'ENTER').request).toMatchObject({ kind: 'checkin', value: undefined, confidence: 0.4 });
    const nothing = press(s0, 'c', 'ENTER', 'ENTER', 'ENTER');
    expect(nothing.request).toBeUndefined();
    expect(nothing.mode).toMatchObject({ step: 'value', error: { message: 'nothing to check in: type a new value (or a confidence)' } });
    const cancelled = press(s0, 'c', 'd', 'ESC');
    expect(cancelled.mode.kind).toBe('browse');
    expect(cancelled.request).toBeUndefined();
    expect(cancelled.message?.text).toBe('check-in cancelled: nothing was written');
  });

  it('a refused check-in stays in the form with the reason; Enter edits again', async () => {
    const s0 = selectRef(initialState(await loadData(fixtureDir()), SIZE), 'payments/checkout/p95');
    const asked = press(s0, 'c', '420', 'ENTER', 'ENTER', 'ENTER');
    const failed = dashboardStep(asked, { type: 'finished', id: asked.request!.id, outcome: { ok: false, message: 'teams/payments/2026-Q4.yaml has uncommitted changes', hint: 'Commit or stash them.' } });
    expect(failed.mode).toMatchObject({ kind: 'checkin', step: 'failed', error: { message: 'teams/payments/2026-Q4.yaml has uncommitted changes', hint: 'Commit or stash them.' } });
    expect(failed.request).toBeUndefined();
    expect(press(failed, 'ENTER').mode).toMatchObject({ step: 'value', value: '420', error: undefined });
    expect(press(failed, 'ESC').mode.kind).toBe('browse');
  });

  it('says why on the mission, an objective, a rollup, a closed cycle and a view of the past', async () => {
    const s0 = initialState(await loadData(fixtureDir()), SIZE);
    expect(press(s0, 'c').message?.text).toBe('select a key result to check in (c)');
    expect(press(selectRef(s0, 'eng/platform'), 'c').message?.text).toBe('select a key result to check in (c)');
    expect(press(selectRef(s0, 'eng/platform/adoption'), 'c').message?.text).toMatch(/^adoption is a rollup key result/);
    const past = initialState(await loadData(fixtureDir(), { asOf: '2026-11-01' }), SIZE);
    expect(press(selectRef(past, 'payments/checkout/p95'), 'c').message?.text).toMatch(/^check-ins are off here: the goals are shown as of 2026-11-01/);
    const dir = fixtureDir();
    writeFiles(dir, { 'okr.yaml': FILES['okr.yaml']!.replace('end: "2026-12-31"\n', 'end: "2026-12-31"\n    closed: "2026-12-31"\n') });
    const closed = initialState(await loadData(dir, { cycle: '2026' }), SIZE);
    expect(press(selectRef(closed, 'eng/platform/uptime'), 'c').message?.text).toBe('cycle 2026 was closed on 2026-12-31: its numbers are frozen');
  });
});

describe('feedback (f)', () => {
  it('asks for a kind (a letter, or Enter for none) and the text, then asks the shell for one feedback commit', async () => {
    const s0 = selectRef(initialState(await loadData(fixtureDir()), SIZE), 'payments/checkout');
    let s = press(s0, 'f');
    expect(s.mode).toMatchObject({ kind: 'feedback', step: 'kind', ref: 'payments/checkout' });
    s = press(s, 'z');
    expect(s.mode).toMatchObject({ step: 'kind', error: { message: 'k kudos, q question, c concern, s suggestion, or Enter for none' } });
    s = press(s, 'q');
    expect(s.mode).toMatchObject({ step: 'text', feedbackKind: 'question' });
    expect(press(s, 'ENTER').mode).toMatchObject({ error: { message: 'the feedback text is empty: say what you think' } });
    s = press(s, 'Why not the CDN?', 'ENTER');
    expect(s.request).toEqual({ id: 1, kind: 'feedback', ref: 'payments/checkout', feedbackKind: 'question', text: 'Why not the CDN?' });
    expect(press(s0, 'f', 'ENTER', 'ok', 'ENTER').request).toMatchObject({ feedbackKind: undefined, text: 'ok' });
    expect(press(initialState(s0.data, SIZE), 'f').message?.text).toBe('select an objective or a key result to give feedback on (f)');
  });
});

describe('reloading', () => {
  it('r asks for a reload; a reload asked while the shell is busy waits its turn', async () => {
    const s0 = initialState(await loadData(fixtureDir()), SIZE);
    const reloading = press(s0, 'r');
    expect(reloading.request).toMatchObject({ id: 1, kind: 'reload' });
    const again = dashboardStep(reloading, { type: 'changed', why: 'HEAD moved' });
    expect(again.request).toBe(reloading.request);
    expect(again.reloadWaiting).toBe('HEAD moved');
    const next = dashboardStep(again, { type: 'finished', id: 1, outcome: { ok: true, message: '' } });
    expect(next.request).toMatchObject({ id: 2, kind: 'reload', why: 'HEAD moved' });
    const failed = dashboardStep(reloading, { type: 'finished', id: 1, outcome: { ok: false, message: 'no okr.yaml' } });
    expect(failed.message).toMatchObject({ tone: 'error', text: 'could not read the goals again: no okr.yaml' });
    // An outcome for another request changes nothing.
    expect(dashboardStep(reloading, { type: 'finished', id: 7, outcome: { ok: true, message: '' } })).toBe(reloading);
  });

  it('keeps the selection, the folds and the focus on the same goals when the goals change under them', async () => {
    const dir = fixtureDir();
    let s = initialState(await loadData(dir), SIZE);
    s = press(selectRef(s, 'payments/checkout'), 'LEFT');
    s = press(selectRef(s, 'mobile/app/rating'), 'ENTER');
    expect(s.filter.focus).toBeDefined();
    const focusedRows = refs(s);
    // A new objective before all of them, and a new key result in checkout: every index moves.
    writeFiles(dir, {
      'teams/eng/2026.yaml': FILES['teams/eng/2026.yaml']!.replace('objectives:\n', 'objectives:\n  - id: first\n    title: A new first objective\n    aligns_to: mission\n    key_results:\n      - {id: k, title: K, done: false}\n'),
    });
    const data = await loadData(dir);
    const reloaded = dashboardStep(s, { type: 'loaded', data: { ...data, generation: s.data.generation + 1 } });
    expect(selectedRef(reloaded)).toBe('mobile/app/rating');
    expect(refs(reloaded)).toEqual(focusedRows);
    const all = press(reloaded, 'x');
    expect(refs(all)).not.toContain('payments/checkout/p95'); // still folded
    expect(refs(all)).toContain('eng/first');
    expect(reloaded.factsStatus.kind).toBe('loading');
  });
});

describe('quitting and help', () => {
  it('q, Esc and Ctrl+C quit; Esc in a prompt only closes the prompt; ? shows help and any key closes it', async () => {
    const s0 = initialState(await loadData(fixtureDir()), SIZE);
    expect(press(s0, 'q').quit).toBe(true);
    expect(press(s0, 'ESC').quit).toBe(true);
    expect(press(s0, '/', 'C-c').quit).toBe(true);
    expect(press(s0, '/', 'q').quit).toBe(false);
    expect(press(s0, '/', 'ESC').quit).toBe(false);
    const help = press(s0, '?');
    expect(help.mode.kind).toBe('help');
    expect(press(help, 'q')).toMatchObject({ quit: false, mode: { kind: 'browse' } });
  });
});

describe('keys from the terminal', () => {
  const none = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageUp: false, pageDown: false, home: false, end: false, return: false, escape: false, backspace: false, delete: false, tab: false, ctrl: false, meta: false };
  it('splits text that arrives at once into keys, Enter and Backspace included, and drops control characters', () => {
    expect(keysOf('jk\r42\x7f\x1b[x\x07', none)).toEqual([
      { name: 'text', text: 'j', ctrl: false },
      { name: 'text', text: 'k', ctrl: false },
      { name: 'enter', text: '', ctrl: false },
      { name: 'text', text: '4', ctrl: false },
      { name: 'text', text: '2', ctrl: false },
      { name: 'backspace', text: '', ctrl: false },
      { name: 'text', text: '[', ctrl: false },
      { name: 'text', text: 'x', ctrl: false },
    ]);
    expect(keysOf('', { ...none, escape: true, meta: true })).toEqual([{ name: 'escape', text: '', ctrl: false }]);
    expect(keysOf('c', { ...none, ctrl: true })).toEqual([{ name: 'text', text: 'c', ctrl: true }]);
    expect(keysOf('日本', none).map((k) => k.text)).toEqual(['日', '本']);
  });
});

describe('size', () => {
  it('an outline of the example holds every objective the tree has, each time it appears', async () => {
    const data = await loadData(copyExample('acme'));
    const tree = buildTree(data.view, data.scorer);
    let count = 0;
    const stack = [...tree.roots, ...tree.unaligned];
    while (stack.length) {
      const n = stack.pop()!;
      count++;
      stack.push(...n.children);
    }
    expect(data.outline.entries.filter((e) => e.kind === 'objective')).toHaveLength(count);
  });
});

