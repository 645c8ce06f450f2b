// The dashboard's state and what every key and event does to it: a pure reducer, (state, event) →
// state, tested without a terminal. What needs the world (reading the goals again, a check-in, a
// feedback commit, quitting) is asked for as a `request` the live shell carries out; its outcome comes
// back as an event. Keys follow SPEC 14: ↑/↓ or j/k move, →/← or l/h expand and collapse, Enter focuses
// a goal's line of sight, / filters by text, t by team, s cycles the status filters, c checks in, f
// gives feedback, r reloads, ? helps, q or Esc quits.
import { FEEDBACK_KINDS, type FeedbackKind } from '../../../model/feedback.js';
import { closedOn } from '../../../model/grades.js';
import { isCheckable, type CheckableKeyResult } from '../../../model/key-results.js';
import { closest } from '../../../model/suggest.js';
import type { Objective } from '../../../model/types.js';
import type { DashboardData, DashboardFacts } from './data.js';
import { bodyHeight, type ScreenSize } from './layout.js';
import { refOf, teamOf, type Outline } from './outline.js';
import { computeRows, hasMatching, isFiltered, NO_FILTER, STATUS_FILTERS, type Filter } from './rows.js';

/** A key as the dashboard reads it (the shell turns the terminal's keys into these). */
export type KeyName = 'up' | 'down' | 'left' | 'right' | 'pageup' | 'pagedown' | 'home' | 'end' | 'enter' | 'escape' | 'backspace' | 'tab' | 'text';

export interface DashboardKey {
  readonly name: KeyName;
  /** The character typed, for `text` (one character). */
  readonly text: string;
  readonly ctrl: boolean;
}

/** What the shell is asked to do. One at a time; a reload asked meanwhile waits its turn. */
export type Request =
  | { readonly id: number; readonly kind: 'reload'; readonly why: string }
  | {
      readonly id: number;
      readonly kind: 'checkin';
      readonly ref: string;
      /** The new value as typed ("420", "done", "not-done"); undefined keeps the value (a confidence-only check-in). */
      readonly value: string | undefined;
      readonly confidence: number | undefined;
      readonly note: string | undefined;
    }
  | { readonly id: number; readonly kind: 'feedback'; readonly ref: string; readonly feedbackKind: FeedbackKind | undefined; readonly text: string };

export type Outcome = { readonly ok: true; readonly message: string } | { readonly ok: false; readonly message: string; readonly hint?: string };

export type DashboardEvent =
  | { readonly type: 'key'; readonly key: DashboardKey }
  | { readonly type: 'resize'; readonly size: ScreenSize }
  /** A new load of the goals (a reload): the selection, folds and focus are kept where they still exist. */
  | { readonly type: 'loaded'; readonly data: DashboardData }
  /** What git says about a load; `why` when there is nothing to read (outside git) or reading failed. */
  | { readonly type: 'facts'; readonly generation: number; readonly facts: DashboardFacts | undefined; readonly why?: string }
  | { readonly type: 'finished'; readonly id: number; readonly outcome: Outcome }
  /** The goal files changed on disk, or HEAD moved: read them again. */
  | { readonly type: 'changed'; readonly why: string };

export interface Message {
  readonly text: string;
  readonly tone: 'info' | 'success' | 'error';
  readonly hint?: string;
}

export interface CheckinForm {
  readonly kind: 'checkin';
  readonly objective: Objective;
  readonly keyResult: CheckableKeyResult;
  readonly step: 'value' | 'confidence' | 'note' | 'saving' | 'failed';
  readonly value: string;
  readonly confidence: string;
  readonly note: string;
  /** Why the answer was not taken, or why the check-in failed. */
  readonly error: { readonly message: string; readonly hint?: string } | undefined;
}

export interface FeedbackForm {
  readonly kind: 'feedback';
  readonly ref: string;
  readonly title: string;
  readonly step: 'kind' | 'text' | 'saving' | 'failed';
  readonly feedbackKind: FeedbackKind | undefined;
  readonly text: string;
  readonly error: { readonly message: string; readonly hint?: string } | undefined;
}

export type Mode =
  | { readonly kind: 'browse' }
  | { readonly kind: 'help' }
  /** Typing a text (/) or team (t) filter; `before` is restored by Esc. */
  | { readonly kind: 'filter'; readonly field: 'text' | 'team'; readonly text: string; readonly before: Filter }
  | CheckinForm
  | FeedbackForm;

export interface DashboardState {
  readonly data: DashboardData;
  /** The newest facts read (possibly of an earlier load while a reload reads new ones). */
  readonly facts: DashboardFacts | undefined;
  /** Reading facts for the current load; or why there are none. */
  readonly factsStatus: { readonly kind: 'loading' } | { readonly kind: 'loaded' } | { readonly kind: 'none'; readonly why: string };
  readonly size: ScreenSize;
  readonly filter: Filter;
  /** Folded entries: those of the whole tree, and those folded while a filter or focus is on. */
  readonly folds: { readonly tree: ReadonlySet<number>; readonly filtered: ReadonlySet<number> };
  /** The entries on the list, in order (see rows.ts). */
  readonly rows: Int32Array;
  readonly matches: Uint8Array | undefined;
  readonly matchCount: number;
  /** The selected entry, always one of `rows`. */
  readonly selected: number;
  /** Its position in `rows`. */
  readonly cursor: number;
  /** The first row drawn. */
  readonly top: number;
  readonly mode: Mode;
  readonly message: Message | undefined;
  /** What the shell is doing for the dashboard now. */
  readonly request: Request | undefined;
  /** A reload asked while a request was running. */
  readonly reloadWaiting: string | undefined;
  readonly nextRequest: number;
  readonly quit: boolean;
}

export interface InitialOptions {
  /** --team: start with the list filtered to the team. */
  readonly team?: string;
}

/** The state of a fresh dashboard on its first load; facts are asked for at once. */
export function initialState(data: DashboardData, size: ScreenSize, options: InitialOptions = {}): DashboardState {
  const state: DashboardState = {
    data,
    facts: undefined,
    factsStatus: { kind: 'loading' },
    size,
    filter: options.team === undefined ? NO_FILTER : { ...NO_FILTER, team: options.team },
    folds: { tree: new Set(), filtered: new Set() },
    rows: new Int32Array(0),
    matches: undefined,
    matchCount: 0,
    selected: 0,
    cursor: 0,
    top: 0,
    mode: { kind: 'browse' },
    message: undefined,
    request: undefined,
    reloadWaiting: undefined,
    nextRequest: 1,
    quit: false,
  };
  const withRows = recompute(state);
  return hasMatching(withRows.filter) ? selectFirstMatch(withRows) : withRows;
}

export function dashboardStep(state: DashboardState, event: DashboardEvent): DashboardState {
  switch (event.type) {
    case 'key':
      return onKey(state, event.key);
    case 'resize':
      return settle({ ...state, size: event.size });
    case 'loaded':
      return onLoaded(state, event.data);
    case 'facts':
      if (event.generation !== state.data.generation) return state;
      if (!event.facts) return { ...state, facts: undefined, factsStatus: { kind: 'none', why: event.why ?? 'no history' } };
      return state.filter.status === 'stale'
        ? recompute({ ...state, facts: event.facts, factsStatus: { kind: 'loaded' } })
        : { ...state, facts: event.facts, factsStatus: { kind: 'loaded' } };
    case 'finished':
      return onFinished(state, event.id, event.outcome);
    case 'changed':
      return reload(state, event.why);
  }
}

// ——— keys ———

function onKey(state: DashboardState, key: DashboardKey): DashboardState {
  // Ctrl+C quits from anywhere (a running check-in finishes: the shell waits for it).
  if (key.ctrl && key.text === 'c') return { ...state, quit: true };
  switch (state.mode.kind) {
    case 'browse':
      return browseKey({ ...state, message: undefined }, key);
    case 'help':
      return { ...state, mode: { kind: 'browse' } };
    case 'filter':
      return filterKey(state, state.mode, key);
    case 'checkin':
      return checkinKey(state, state.mode, key);
    case 'feedback':
      return feedbackKey(state, state.mode, key);
  }
}

function browseKey(state: DashboardState, key: DashboardKey): DashboardState {
  const page = bodyHeight(state.size);
  switch (key.name) {
    case 'up':
      return moveTo(state, state.cursor - 1);
    case 'down':
      return moveTo(state, state.cursor + 1);
    case 'pageup':
      return moveTo(state, state.cursor - page);
    case 'pagedown':
      return moveTo(state, state.cursor + page);
    case 'home':
      return moveTo(state, 0);
    case 'end':
      return moveTo(state, state.rows.length - 1);
    case 'left':
      return collapseOrUp(state);
    case 'right':
      return expandOrDown(state);
    case 'enter':
      return toggleFocus(state);
    case 'escape':
      return { ...state, quit: true };
    case 'backspace':
      return state.filter.focus === undefined ? state : setFilter(state, { ...state.filter, focus: undefined });
    case 'text':
      break;
    default:
      return state;
  }
  if (key.ctrl) return state;
  switch (key.text) {
    case 'k':
      return moveTo(state, state.cursor - 1);
    case 'j':
      return moveTo(state, state.cursor + 1);
    case 'g':
      return moveTo(state, 0);
    case 'G':
      return moveTo(state, state.rows.length - 1);
    case 'h':
      return collapseOrUp(state);
    case 'l':
      return expandOrDown(state);
    case 'q':
      return { ...state, quit: true };
    case '?':
      return { ...state, mode: { kind: 'help' } };
    case '/':
      return { ...state, mode: { kind: 'filter', field: 'text', text: state.filter.text, before: state.filter } };
    case 't': {
      const team = state.filter.team ?? teamOf(state.data.outline.entries[state.selected]!) ?? '';
      return { ...state, mode: { kind: 'filter', field: 'team', text: team, before: state.filter } };
    }
    case 's': {
      const at = state.filter.status === undefined ? -1 : STATUS_FILTERS.indexOf(state.filter.status);
      const status = at + 1 < STATUS_FILTERS.length ? STATUS_FILTERS[at + 1] : undefined;
      const next = setFilter(state, { ...state.filter, status });
      if (status === 'stale' && state.factsStatus.kind !== 'loaded')
        return {
          ...next,
          message: { tone: 'info', text: state.factsStatus.kind === 'loading' ? 'staleness comes from git history, still being read: the list fills in when it is' : `no staleness: ${state.factsStatus.why}` },
        };
      return next;
    }
    case 'x':
      return isFiltered(state.filter) ? setFilter(state, NO_FILTER) : state;
    case 'r':
      return reload(state, 'reloading');
    case 'c':
      return openCheckin(state);
    case 'f':
      return openFeedback(state);
    default:
      return state;
  }
}

function moveTo(state: DashboardState, row: number): DashboardState {
  const cursor = Math.max(0, Math.min(state.rows.length - 1, row));
  return scroll({ ...state, cursor, selected: state.rows[cursor]! });
}

function foldsInUse(state: DashboardState): ReadonlySet<number> {
  return isFiltered(state.filter) ? state.folds.filtered : state.folds.tree;
}

function withFolds(state: DashboardState, folded: ReadonlySet<number>): DashboardState {
  return recompute({ ...state, folds: isFiltered(state.filter) ? { ...state.folds, filtered: folded } : { ...state.folds, tree: folded } });
}

/** ← / h: folds an open entry; on a folded or leaf entry, goes to its parent. */
function collapseOrUp(state: DashboardState): DashboardState {
  const { outline } = state.data;
  const i = state.selected;
  const folded = foldsInUse(state);
  if (!folded.has(i) && isOpenAt(state.rows, state.cursor, outline)) return withFolds(state, new Set([...folded, i]));
  const parent = outline.parent[i]!;
  if (parent < 0) return state;
  const row = rowOf(state.rows, parent);
  return row === undefined ? state : moveTo(state, row);
}

/** → / l: opens a folded entry; on an open one, goes to its first child. */
function expandOrDown(state: DashboardState): DashboardState {
  const i = state.selected;
  const folded = foldsInUse(state);
  if (folded.has(i)) {
    const rest = new Set(folded);
    rest.delete(i);
    return withFolds(state, rest);
  }
  return isOpenAt(state.rows, state.cursor, state.data.outline) ? moveTo(state, state.cursor + 1) : state;
}

/** Whether the entry on `row` is open: the next row is one of its descendants. */
export function isOpenAt(rows: Int32Array, row: number, outline: Outline): boolean {
  const next = rows[row + 1];
  return next !== undefined && next < outline.end[rows[row]!]!;
}

/** Enter: the selected goal's line of sight; Enter on the focused goal (or the mission) shows all again. */
function toggleFocus(state: DashboardState): DashboardState {
  const entry = state.data.outline.entries[state.selected]!;
  if (entry.kind !== 'objective' && entry.kind !== 'key-result') return state.filter.focus === undefined ? state : setFilter(state, { ...state.filter, focus: undefined });
  return setFilter(state, { ...state.filter, focus: state.filter.focus === state.selected ? undefined : state.selected });
}

function setFilter(state: DashboardState, filter: Filter): DashboardState {
  // Each new filter starts with everything it matches open.
  const next = recompute({ ...state, filter, folds: { ...state.folds, filtered: new Set() } });
  return hasMatching(filter) ? selectFirstMatch(next) : next;
}

/** Keeps a selection that matches; else selects the first match from it on (or from the top). */
function selectFirstMatch(state: DashboardState): DashboardState {
  const { matches, rows } = state;
  if (!matches || matches[state.selected]) return state;
  let first: number | undefined;
  for (let r = 0; r < rows.length; r++)
    if (matches[rows[r]!]) {
      first ??= r;
      if (rows[r]! >= state.selected) return moveTo(state, r);
    }
  return first === undefined ? state : moveTo(state, first);
}

// ——— filters typed in ———

function filterKey(state: DashboardState, mode: Extract<Mode, { kind: 'filter' }>, key: DashboardKey): DashboardState {
  if (key.name === 'escape') return setFilter({ ...state, mode: { kind: 'browse' } }, mode.before);
  if (key.name === 'enter') {
    if (mode.field === 'text') return { ...state, mode: { kind: 'browse' } };
    return applyTeam(state, mode);
  }
  const text = edit(mode.text, key);
  if (text === undefined) return state;
  const typed = { ...state, mode: { ...mode, text } };
  // The text filter narrows the list as it is typed; a team is applied on Enter.
  return mode.field === 'text' ? setFilter(typed, { ...state.filter, text }) : { ...typed, message: undefined };
}

function applyTeam(state: DashboardState, mode: Extract<Mode, { kind: 'filter' }>): DashboardState {
  const typed = mode.text.trim();
  const browse = { ...state, mode: { kind: 'browse' } as const };
  if (typed === '') return setFilter(browse, { ...state.filter, team: undefined });
  const { teams } = state.data;
  const team = teams.includes(typed) ? typed : uniquePrefix(teams, typed);
  if (team !== undefined) return setFilter(browse, { ...state.filter, team });
  const near = closest(typed, teams);
  return { ...state, message: { tone: 'error', text: `no team "${typed}"${near ? `: did you mean "${near}"?` : ''}`, hint: 'Enter with nothing typed shows every team; Esc cancels.' } };
}

function uniquePrefix(names: readonly string[], prefix: string): string | undefined {
  let found: string | undefined;
  for (const name of names)
    if (name.startsWith(prefix)) {
      if (found !== undefined) return undefined;
      found = name;
    }
  return found;
}

/** A line of typed text after `key`: characters added, Backspace, Ctrl+U; undefined for other keys. */
function edit(text: string, key: DashboardKey): string | undefined {
  if (key.name === 'backspace') return [...text].slice(0, -1).join('');
  if (key.ctrl && key.text === 'u') return '';
  if (key.name === 'text' && !key.ctrl && key.text !== '' && !/[\u0000-\u001f\u007f-\u009f]/.test(key.text)) return text + key.text;
  return undefined;
}

// ——— check-in ———

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const CONFIDENCE = /^[+]?(\d+(\.\d*)?|\.\d+)$/;

function openCheckin(state: DashboardState): DashboardState {
  const entry = state.data.outline.entries[state.selected]!;
  const refuse = (text: string, hint?: string): DashboardState => ({ ...state, message: { tone: 'error', text, ...(hint ? { hint } : {}) } });
  if (state.data.readOnly) return refuse(`check-ins are off here: ${state.data.readOnly}`);
  if (entry.kind !== 'key-result') return refuse('select a key result to check in (c)', entry.kind === 'objective' ? '→ or l opens the objective to show its key results.' : undefined);
  const kr = entry.score.keyResult;
  if (!isCheckable(kr)) return refuse(`${kr.id} is a rollup key result: its progress comes from the objectives aligned to it`, 'Check in their key results instead.');
  const objective = entry.objective.objective;
  const closed = closedOn(state.data.view.workspace, objective.cycle);
  if (closed !== undefined) return refuse(`cycle ${objective.cycle} was closed on ${closed}: its numbers are frozen`, `Carry the objective over with okr plan NEXT --from ${objective.cycle}.`);
  return { ...state, mode: { kind: 'checkin', objective, keyResult: kr, step: 'value', value: '', confidence: '', note: '', error: undefined } };
}

function checkinKey(state: DashboardState, form: CheckinForm, key: DashboardKey): DashboardState {
  if (form.step === 'saving') return state;
  if (key.name === 'escape') return { ...state, mode: { kind: 'browse' }, message: { tone: 'info', text: 'check-in cancelled: nothing was written' } };
  if (form.step === 'failed') return key.name === 'enter' ? { ...state, mode: { ...form, step: 'value', error: undefined } } : state;
  const set = (changes: Partial<CheckinForm>): DashboardState => ({ ...state, mode: { ...form, ...changes } });
  if (key.name === 'enter') {
    if (form.step === 'value') {
      const value = form.value.trim();
      if (value !== '' && checkinValue(form.keyResult, value) === undefined)
        return set({ error: { message: form.keyResult.kind === 'milestone' ? 'type d (done) or n (not done), or nothing to keep it' : `"${value}" is not a number` } });
      return set({ step: 'confidence', error: undefined });
    }
    if (form.step === 'confidence') {
      const typed = form.confidence.trim();
      if (typed !== '' && !(CONFIDENCE.test(typed) && Number(typed) <= 1)) return set({ error: { message: `confidence is a number from 0 to 1, not "${typed}"` } });
      return set({ step: 'note', error: undefined });
    }
    // The note: Enter checks in.
    const value = form.value.trim() === '' ? undefined : checkinValue(form.keyResult, form.value.trim());
    const confidence = form.confidence.trim() === '' ? undefined : Number(form.confidence.trim());
    if (value === undefined && confidence === undefined)
      return set({ step: 'value', error: { message: 'nothing to check in: type a new value (or a confidence)' } });
    const note = form.note.trim() === '' ? undefined : form.note.trim();
    return ask({ ...state, mode: { ...form, step: 'saving', error: undefined } }, { kind: 'checkin', ref: form.keyResult.ref, value, confidence, note });
  }
  const field = form.step === 'value' ? 'value' : form.step === 'confidence' ? 'confidence' : 'note';
  const text = edit(form[field], key);
  return text === undefined ? state : set({ [field]: text, error: undefined });
}

/** The value as `okr checkin` takes it ("420", "done", "not-done"), or undefined when it is none. */
export function checkinValue(kr: CheckableKeyResult, typed: string): string | undefined {
  if (kr.kind === 'milestone') {
    const t = typed.toLowerCase();
    if (t === 'd' || t === 'done' || t === 'y' || t === 'yes') return 'done';
    if (t === 'n' || t === 'not-done' || t === 'no') return 'not-done';
    return undefined;
  }
  return NUMBER.test(typed) && Number.isFinite(Number(typed)) ? typed : undefined;
}

// ——— feedback ———

const KIND_KEYS: Readonly<Record<string, FeedbackKind>> = Object.fromEntries(FEEDBACK_KINDS.map((k) => [k[0]!, k]));

function openFeedback(state: DashboardState): DashboardState {
  const entry = state.data.outline.entries[state.selected]!;
  if (state.data.readOnly) return { ...state, message: { tone: 'error', text: `feedback is off here: ${state.data.readOnly}` } };
  if (entry.kind !== 'objective' && entry.kind !== 'key-result') return { ...state, message: { tone: 'error', text: 'select an objective or a key result to give feedback on (f)' } };
  const ref = refOf(entry)!;
  const title = entry.kind === 'objective' ? entry.score.objective.title : entry.score.keyResult.title;
  return { ...state, mode: { kind: 'feedback', ref, title, step: 'kind', feedbackKind: undefined, text: '', error: undefined } };
}

function feedbackKey(state: DashboardState, form: FeedbackForm, key: DashboardKey): DashboardState {
  if (form.step === 'saving') return state;
  if (key.name === 'escape') return { ...state, mode: { kind: 'browse' }, message: { tone: 'info', text: 'feedback cancelled: nothing was written' } };
  if (form.step === 'failed') return key.name === 'enter' ? { ...state, mode: { ...form, step: 'text', error: undefined } } : state;
  const set = (changes: Partial<FeedbackForm>): DashboardState => ({ ...state, mode: { ...form, ...changes } });
  if (form.step === 'kind') {
    if (key.name === 'enter') return set({ step: 'text', feedbackKind: undefined });
    const kind = key.name === 'text' && !key.ctrl ? KIND_KEYS[key.text.toLowerCase()] : undefined;
    return kind ? set({ step: 'text', feedbackKind: kind, error: undefined }) : set({ error: { message: 'k kudos, q question, c concern, s suggestion, or Enter for none' } });
  }
  if (key.name === 'enter') {
    if (form.text.trim() === '') return set({ error: { message: 'the feedback text is empty: say what you think' } });
    return ask({ ...state, mode: { ...form, step: 'saving', error: undefined } }, { kind: 'feedback', ref: form.ref, feedbackKind: form.feedbackKind, text: form.text.trim() });
  }
  const text = edit(form.text, key);
  return text === undefined ? state : set({ text, error: undefined });
}

// ——— requests and their outcomes ———

type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

function ask(state: DashboardState, body: RequestBody): DashboardState {
  return { ...state, request: { ...body, id: state.nextRequest } as Request, nextRequest: state.nextRequest + 1 };
}

function reload(state: DashboardState, why: string): DashboardState {
  if (state.request) return { ...state, reloadWaiting: why };
  return ask({ ...state, reloadWaiting: undefined }, { kind: 'reload', why });
}

function onFinished(state: DashboardState, id: number, outcome: Outcome): DashboardState {
  const request = state.request;
  if (!request || request.id !== id) return state;
  let next: DashboardState = { ...state, request: undefined };
  if (request.kind === 'reload') {
    if (!outcome.ok) next = { ...next, message: { tone: 'error', text: `could not read the goals again: ${outcome.message}`, ...(outcome.hint ? { hint: outcome.hint } : {}) } };
  } else if (outcome.ok) {
    // Written: back to the list, and read the goals again to show the new state.
    next = reload({ ...next, mode: { kind: 'browse' }, message: { tone: 'success', text: outcome.message } }, 'after the commit');
    return next;
  } else if (next.mode.kind === 'checkin' || next.mode.kind === 'feedback') {
    next = { ...next, mode: { ...next.mode, step: 'failed', error: { message: outcome.message, ...(outcome.hint ? { hint: outcome.hint } : {}) } } };
  }
  return next.reloadWaiting !== undefined ? reload(next, next.reloadWaiting) : next;
}

function onLoaded(state: DashboardState, data: DashboardData): DashboardState {
  const old = state.data.outline;
  const now = data.outline;
  const remap = (i: number) => findPath(now, pathOf(old, i));
  const remapSet = (set: ReadonlySet<number>) => new Set([...set].map(remap).filter((i): i is number => i !== undefined));
  const focus = state.filter.focus === undefined ? undefined : remap(state.filter.focus);
  const selected = remap(state.selected) ?? nearestAncestor(old, now, state.selected);
  const next = recompute({
    ...state,
    data,
    factsStatus: { kind: 'loading' },
    filter: { ...state.filter, focus },
    folds: { tree: remapSet(state.folds.tree), filtered: remapSet(state.folds.filtered) },
    selected,
  });
  return next;
}

/** The new index of the closest ancestor of old entry `i` that still exists (the mission at worst). */
function nearestAncestor(old: Outline, now: Outline, i: number): number {
  for (let p = old.parent[i]!; p >= 0; p = old.parent[p]!) {
    const found = findPath(now, pathOf(old, p));
    if (found !== undefined) return found;
  }
  return 0;
}

// ——— derived state ———

/** Rows again after a change of filter, folds or data; then the selection and scroll settle. */
function recompute(state: DashboardState): DashboardState {
  const { rows, matches, matchCount } = computeRows({
    outline: state.data.outline,
    view: state.data.view,
    filter: state.filter,
    folded: foldsInUse(state),
    facts: state.facts,
  });
  return settle({ ...state, rows, matches, matchCount });
}

/** Puts the selection on a row (its nearest shown ancestor when it was hidden) and scrolls to it. */
function settle(state: DashboardState): DashboardState {
  const { rows } = state;
  const { parent } = state.data.outline;
  let selected = Math.min(state.selected, state.data.outline.entries.length - 1);
  let cursor = rowOf(rows, selected);
  for (let p = selected; cursor === undefined && p >= 0; p = parent[p]!) {
    cursor = rowOf(rows, p);
    if (cursor !== undefined) selected = p;
  }
  if (cursor === undefined) {
    cursor = Math.min(rows.length - 1, insertionPoint(rows, selected));
    selected = rows[cursor]!;
  }
  return scroll({ ...state, selected, cursor });
}

/** Scrolls so the cursor's row is on screen, keeping the page full. */
function scroll(state: DashboardState): DashboardState {
  const height = bodyHeight(state.size);
  let top = Math.min(state.top, Math.max(0, state.rows.length - height));
  if (state.cursor < top) top = state.cursor;
  else if (state.cursor >= top + height) top = state.cursor - height + 1;
  return top === state.top ? state : { ...state, top: Math.max(0, top) };
}

/** Where entry `i` is in `rows` (sorted), or undefined. */
export function rowOf(rows: Int32Array, i: number): number | undefined {
  const at = insertionPoint(rows, i);
  return rows[at] === i ? at : undefined;
}

function insertionPoint(rows: Int32Array, i: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]! < i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ——— entries across loads ———

/** An entry's place as references from the top (headings and notes by their kind). */
function pathOf(outline: Outline, i: number): string[] {
  const path: string[] = [];
  for (let p = i; p >= 0; p = outline.parent[p]!) {
    const entry = outline.entries[p]!;
    path.push(refOf(entry) ?? `:${entry.kind}`);
  }
  return path.reverse();
}

const indexes = new WeakMap<Outline, Map<string, number[]>>();

/** The entry at `path` in `outline`; else the first entry of the same goal elsewhere; else undefined. */
function findPath(outline: Outline, path: readonly string[]): number | undefined {
  let index = indexes.get(outline);
  if (!index) {
    index = new Map();
    outline.entries.forEach((entry, i) => {
      const key = refOf(entry) ?? `:${entry.kind}`;
      const list = index!.get(key);
      if (list) list.push(i);
      else index!.set(key, [i]);
    });
    indexes.set(outline, index);
  }
  const candidates = index.get(path[path.length - 1]!) ?? [];
  const same = candidates.find((i) => {
    const p = pathOf(outline, i);
    return p.length === path.length && p.every((ref, k) => ref === path[k]);
  });
  return same ?? candidates[0];
}
