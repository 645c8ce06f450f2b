// The whole screen for a state, as lines exactly as wide as the terminal and exactly as many as it
// has rows: a title line, the filter line, the tree beside the details (or a form, or the help), the
// counts (or a message, or the filter being typed) and the keys. Pure: the golden tests draw it.
import { FEEDBACK_KINDS } from '../../../model/feedback.js';
import { unitOf } from '../../../model/key-results.js';
import { withUnit } from '../../text/key-result-text.js';
import { formatNumber, percent } from '../../text/progress-cells.js';
import { detailsPane, frameLines } from './details.js';
import { bodyHeight, fits, MIN_SIZE, paneWidths } from './layout.js';
import { fit, lineWidth, seg, shown, wrap, type Line, type Segment } from './line.js';
import { refOf } from './outline.js';
import { hasMatching, isFiltered } from './rows.js';
import type { CheckinForm, DashboardState, FeedbackForm, Message } from './state.js';
import { treePane } from './tree-pane.js';

export function dashboardFrame(state: DashboardState): Line[] {
  const { size } = state;
  if (!fits(size)) return tooSmall(state);
  const height = bodyHeight(size);
  const widths = paneWidths(size.columns);
  const header = [titleLine(state), filterLine(state)];
  let body: Line[];
  if (state.mode.kind === 'help') body = helpPane(size.columns, height);
  else {
    const left = treePane({
      outline: state.data.outline,
      rows: state.rows,
      top: state.top,
      cursor: state.cursor,
      height,
      width: widths.tree,
      folded: isFiltered(state.filter) ? state.folds.filtered : state.folds.tree,
      matches: state.matches,
      facts: state.facts,
    });
    const right =
      state.mode.kind === 'checkin'
        ? checkinPane(state.mode, widths.details, height)
        : state.mode.kind === 'feedback'
          ? feedbackPane(state.mode, widths.details, height)
          : detailsPane({ data: state.data, facts: state.facts, factsNote: factsNote(state), entry: state.data.outline.entries[state.selected]!, width: widths.details, height });
    body = left.map((l, i) => [...l, seg('│', { dim: true }), ...right[i]!]);
  }
  const footer = [statusLine(state), keysLine(state)];
  return [...header, ...body, ...footer].map((l) => fit(l, size.columns));
}

function tooSmall(state: DashboardState): Line[] {
  const { columns, rows } = state.size;
  const words = wrap(`okr dashboard needs a terminal of at least ${MIN_SIZE.columns}×${MIN_SIZE.rows}; this one is ${columns}×${rows}. Make it larger, or press q to quit.`, Math.max(1, columns), Math.max(1, rows));
  const lines: Line[] = words.map((w) => [seg(w)]);
  while (lines.length < rows) lines.push([]);
  return lines.slice(0, rows).map((l) => fit(l, columns));
}

function factsNote(state: DashboardState): string | undefined {
  if (state.facts) return undefined;
  return state.factsStatus.kind === 'none' ? `no history: ${state.factsStatus.why}` : 'reading history from git…';
}

function titleLine(state: DashboardState): Line {
  const { data } = state;
  const { tree } = data;
  const title: Segment[] = [
    seg(' okr dashboard', { bold: true, inverse: true }),
    ...(data.organization ? [seg(` · ${shown(data.organization)}`, { inverse: true })] : []),
    seg(` · ${tree.cycle.id}${tree.cycle.closed ? ' (closed)' : ''} · as of ${tree.asOf} · mission `, { inverse: true }),
    seg(percent(tree.mission.progress), { inverse: true, bold: true }),
    seg(' ', { inverse: true }),
  ];
  const activity = activityText(state);
  const right: Segment[] = activity ? [seg(` ${activity} `, { inverse: true, dim: true })] : [];
  const used = lineWidth(title);
  const rightWidth = lineWidth(right);
  const gap = Math.max(0, state.size.columns - used - rightWidth);
  return [...title, seg(' '.repeat(gap), { inverse: true }), ...right];
}

function activityText(state: DashboardState): string | undefined {
  const r = state.request;
  if (r?.kind === 'reload') return 'reloading…';
  if (r?.kind === 'checkin') return 'checking in…';
  if (r?.kind === 'feedback') return 'recording feedback…';
  if (state.factsStatus.kind === 'loading') return 'reading history…';
  if (state.data.errors) return `${state.data.errors} error${state.data.errors === 1 ? '' : 's'}: okr check`;
  return undefined;
}

function filterLine(state: DashboardState): Line {
  const { filter } = state;
  const rows = `${state.rows.length.toLocaleString('en-US')} row${state.rows.length === 1 ? '' : 's'}`;
  if (!isFiltered(filter)) return [seg(' all goals', { bold: true }), seg(` · ${rows} · / t s filter, Enter focuses`, { dim: true })];
  const parts: Segment[] = [];
  const add = (label: string, value: string) => {
    if (parts.length) parts.push(seg(' · ', { dim: true }));
    parts.push(seg(`${label} `, { dim: true }), seg(value, { bold: true, color: 'cyan' }));
  };
  if (filter.focus !== undefined) add('focus', shown(refOf(state.data.outline.entries[filter.focus]!) ?? ''));
  if (filter.text !== '') add('text', `"${shown(filter.text)}"`);
  if (filter.team !== undefined) add('team', shown(filter.team));
  if (filter.status !== undefined) add('status', filter.status);
  const count = hasMatching(filter) ? `${state.matchCount.toLocaleString('en-US')} match${state.matchCount === 1 ? '' : 'es'}` : rows;
  return [seg(' '), ...parts, seg(` · ${count} · x clears`, { dim: true })];
}

function statusLine(state: DashboardState): Line {
  const { mode } = state;
  if (mode.kind === 'filter') {
    const label = mode.field === 'text' ? ' / filter by text: ' : ' t team: ';
    const hint = mode.field === 'text' ? '  Enter keeps it · Esc cancels' : '  Enter applies (nothing: every team) · Esc cancels';
    return [seg(label, { bold: true }), seg(shown(mode.text), { color: 'cyan' }), seg(' ', { inverse: true }), seg(hint, { dim: true })];
  }
  if (state.message) return messageLine(state.message);
  const c = state.data.outline.counts;
  const o = c.objectives;
  const parts: Segment[] = [
    seg(' '),
    seg(`${o['off-track']} off track`, { color: 'red' }),
    seg(' · ', { dim: true }),
    seg(`${o['at-risk']} at risk`, { color: 'yellow' }),
    seg(' · ', { dim: true }),
    seg(`${o['on-track']} on track`, { color: 'green' }),
    seg(' · ', { dim: true }),
    seg(`${o.done} done`, { color: 'green' }),
  ];
  if (c.breached) parts.push(seg(' · ', { dim: true }), seg(`! ${c.breached} breached`, { color: 'red', bold: true }));
  if (state.facts?.stale.size) parts.push(seg(' · ', { dim: true }), seg(`~ ${state.facts.stale.size} stale`, { color: 'yellow', bold: true }));
  return parts;
}

function messageLine(message: Message): Line {
  const colour = message.tone === 'error' ? 'red' : message.tone === 'success' ? 'green' : undefined;
  return [seg(' '), seg(shown(message.text), colour ? { color: colour, bold: true } : { bold: true })];
}

/** The keys the footer names, each with how much it matters when the line is too short for all. */
const KEYS: readonly { readonly key: string; readonly what: string; readonly rank: number }[] = [
  { key: '↑↓', what: 'move', rank: 3 },
  { key: '←→', what: 'fold', rank: 2 },
  { key: 'Enter', what: 'focus', rank: 4 },
  { key: '/ t s', what: 'filter', rank: 5 },
  { key: 'c', what: 'check in', rank: 6 },
  { key: 'f', what: 'feedback', rank: 6 },
  { key: 'r', what: 'reload', rank: 1 },
  { key: '?', what: 'help', rank: 7 },
  { key: 'q', what: 'quit', rank: 7 },
];

function keysLine(state: DashboardState): Line {
  if (state.message?.hint && state.mode.kind === 'browse') return [seg(` ${shown(state.message.hint)}`, { dim: true })];
  const { mode } = state;
  if (mode.kind === 'help') return [seg(' any key closes the help', { dim: true })];
  if (mode.kind === 'checkin' || mode.kind === 'feedback')
    return [seg(mode.step === 'failed' ? ' Enter edits again · Esc closes' : mode.step === 'saving' ? ' writing the commit…' : ' Enter next · Backspace erases · Esc cancels (nothing is written)', { dim: true })];
  // What does not fit is left out, the least needed first (? help lists every key).
  let shownKeys = [...KEYS];
  const width = (keys: typeof KEYS) => keys.reduce((w, k) => w + 1 + k.key.length + 1 + k.what.length + 1, 0);
  while (width(shownKeys) > state.size.columns) {
    const least = Math.min(...shownKeys.map((k) => k.rank));
    shownKeys = shownKeys.filter((k, i) => k.rank !== least || i !== shownKeys.findIndex((x) => x.rank === least));
  }
  return shownKeys.flatMap((k) => [seg(` ${k.key}`, { bold: true }), seg(` ${k.what} `, { dim: true })]);
}

function helpPane(columns: number, height: number): Line[] {
  const rows: [string, string][] = [
    ['↑ ↓  or  j k', 'move; PgUp PgDn Home End (g G) jump'],
    ['→ ←  or  l h', 'open and fold; ← on a leaf goes to its parent'],
    ['Enter', "focus the goal's line of sight; again to show all"],
    ['Backspace', 'leave the focus'],
    ['/', 'filter by text in titles and references'],
    ['t', 'filter by team (Enter on nothing: every team)'],
    ['s', 'cycle status: off-track, at-risk, breached, stale, all'],
    ['x', 'clear every filter and the focus'],
    ['c', 'check in the selected key result (one commit)'],
    ['f', 'give feedback on the selected goal (one commit)'],
    ['r', 'read the goals again (also when files or HEAD change)'],
    ['?', 'this help'],
    ['q  Esc  Ctrl+C', 'quit'],
  ];
  const marks: [string, string][] = [
    ['! ~', 'a breached guardrail, a stale key result'],
    ['▸ ▾', 'folded, open'],
  ];
  const keyWidth = Math.max(...rows.map(([k]) => k.length)) + 2;
  const content: Line[] = [
    [seg('Keys', { bold: true })],
    ...rows.map(([k, what]): Line => [seg(k.padEnd(keyWidth), { bold: true, color: 'cyan' }), seg(what)]),
    [],
    [seg('Marks', { bold: true })],
    ...marks.map(([k, what]): Line => [seg(k.padEnd(keyWidth), { bold: true }), seg(what)]),
    [],
    [seg('Check-ins and feedback are commits, as okr checkin and okr feedback make them.', { dim: true })],
  ];
  return frameLines(content, columns, height, (hidden) => `… ${hidden} more: a taller terminal shows them`);
}

function checkinPane(form: CheckinForm, width: number, height: number): Line[] {
  const kr = form.keyResult;
  const unit = unitOf(kr);
  const w = width - 1;
  const scale =
    kr.kind === 'metric'
      ? `${withUnit(kr.start, kr.unit)} → ${withUnit(kr.target, kr.unit)}`
      : kr.kind === 'guardrail'
        ? `keep ${kr.bound.direction} ${withUnit(kr.bound.value, kr.unit)}`
        : 'd: done · n: not done';
  const step = (name: CheckinForm['step'], label: string, value: string): Line => {
    const active = form.step === name;
    return [seg(label, active ? { bold: true } : { dim: true }), seg(shown(value), { color: 'cyan' }), ...(active ? [seg(' ', { inverse: true })] : [])];
  };
  const content: Line[] = [
    [seg('Check in', { bold: true, color: 'cyan' })],
    ...wrap(shown(kr.title), w, 2).map((l): Line => [seg(l, { bold: true })]),
    [seg(shown(kr.ref), { dim: true })],
    [seg('now ', { dim: true }), seg(shown(kr.kind === 'milestone' ? (kr.done ? 'done' : 'not done') : withUnit(kr.current, unit))), seg(` · ${shown(scale)}`, { dim: true })],
    [],
    step('value', kr.kind === 'milestone' ? 'done? (d/n, Enter keeps) ' : 'new value (Enter keeps) ', form.value),
    step('confidence', `confidence 0–1${kr.confidence !== undefined ? ` (now ${formatNumber(kr.confidence)})` : ''} `, form.confidence),
    step('note', 'note (Enter checks in) ', form.note),
    [],
  ];
  if (form.step === 'saving') content.push([seg('checking in…', { bold: true })]);
  if (form.error) {
    content.push(...wrap(shown(form.error.message), w, 4).map((l): Line => [seg(l, { color: 'red', bold: true })]));
    if (form.error.hint) content.push(...wrap(shown(form.error.hint), w, 4).map((l): Line => [seg(l, { dim: true })]));
  }
  if (form.step === 'failed') content.push([seg('Nothing was written.', { dim: true })]);
  return frameLines(content, width, height, () => '…');
}

function feedbackPane(form: FeedbackForm, width: number, height: number): Line[] {
  const w = width - 1;
  const content: Line[] = [
    [seg('Feedback', { bold: true, color: 'cyan' })],
    ...wrap(shown(form.title), w, 2).map((l): Line => [seg(l, { bold: true })]),
    [seg(shown(form.ref), { dim: true })],
    [],
    form.step === 'kind'
      ? [seg('kind: ', { bold: true }), seg(FEEDBACK_KINDS.map((k) => `${k[0]} ${k}`).join(' · ')), seg(' · Enter none', { dim: true })]
      : [seg('kind ', { dim: true }), seg(form.feedbackKind ?? 'none', { color: 'cyan' })],
  ];
  if (form.step !== 'kind') {
    const lines = wrap(shown(form.text), w - 6, 6);
    if (lines.length === 0) lines.push('');
    lines.forEach((l, i) => content.push([seg(i === 0 ? 'text: ' : '      ', form.step === 'text' ? { bold: true } : { dim: true }), seg(l, { color: 'cyan' }), ...(i === lines.length - 1 && form.step === 'text' ? [seg(' ', { inverse: true })] : [])]));
    content.push([seg('Enter records it (one commit)', { dim: true })]);
  }
  content.push([]);
  if (form.step === 'saving') content.push([seg('recording…', { bold: true })]);
  if (form.error) {
    content.push(...wrap(shown(form.error.message), w, 4).map((l): Line => [seg(l, { color: 'red', bold: true })]));
    if (form.error.hint) content.push(...wrap(shown(form.error.hint), w, 4).map((l): Line => [seg(l, { dim: true })]));
  }
  if (form.step === 'failed') content.push([seg('Nothing was written.', { dim: true })]);
  return frameLines(content, width, height, () => '…');
}
