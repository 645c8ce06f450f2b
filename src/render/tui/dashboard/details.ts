// The right pane: everything about the selected goal that fits: title, reference, numbers, progress
// and status, grade, owner and confidence, the last check-in (and whether it is stale), the history
// as a sparkline with the forecast, what it serves and what serves it, and the latest feedback.
// Built for the one selected entry per frame; lines past the pane's height are left out with a note.
import { alignmentGraph } from '../../../model/alignment.js';
import { daysBetween } from '../../../model/calendar.js';
import type { Feedback } from '../../../model/feedback.js';
import { forecastMissesTarget } from '../../../model/forecast.js';
import { dayOf } from '../../../model/history.js';
import { describeGoal } from '../../../model/goal-detail.js';
import { parseRef } from '../../../model/ids.js';
import { ownersOf } from '../../../model/key-results.js';
import type { KeyResult, Objective } from '../../../model/types.js';
import type { KeyResultScore, ObjectiveScore } from '../../../model/view.js';
import { NO_FORECAST } from '../../text/forecast.js';
import { rollupFeeders, withUnit } from '../../text/key-result-text.js';
import { cycleText, formatNumber, gradeText, percent } from '../../text/progress-cells.js';
import { sparkline } from '../../text/sparkline.js';
import type { DashboardData, DashboardFacts } from './data.js';
import { fit, seg, shown, wrap, type Line, type Segment, type Style } from './line.js';
import type { OutlineEntry } from './outline.js';
import { bar, scoreColour, statusColour } from './tree-pane.js';

export interface DetailsInput {
  readonly data: DashboardData;
  readonly facts: DashboardFacts | undefined;
  /** Why there are no facts: still reading, or none to read (outside git). */
  readonly factsNote: string | undefined;
  readonly entry: OutlineEntry;
  readonly width: number;
  readonly height: number;
}

export function detailsPane(input: DetailsInput): Line[] {
  const { width, height } = input;
  const content = contentOf(input);
  return frameLines(content, width, height, (hidden) => `… ${hidden} more line${hidden === 1 ? '' : 's'}: a taller terminal shows them`);
}

/** Exactly `height` lines of `width`; when the content is longer, the last line says so. */
export function frameLines(content: readonly Line[], width: number, height: number, more: (hidden: number) => string): Line[] {
  const lines = content.length > height ? [...content.slice(0, Math.max(0, height - 1)), [seg(more(content.length - height + 1), { dim: true })]] : [...content];
  while (lines.length < height) lines.push([]);
  return lines.map((l) => fit([seg(' '), ...l], width));
}

function contentOf(input: DetailsInput): Line[] {
  const { entry } = input;
  switch (entry.kind) {
    case 'mission':
      return missionDetails(input);
    case 'objective':
      return objectiveDetails(input, entry.score, entry.alsoUnder);
    case 'key-result':
      return keyResultDetails(input, entry.objective, entry.score);
    case 'unaligned':
      return [[seg('Unaligned objectives', { bold: true })], ...wrapped('These objectives are aligned to nothing in this view: no aligns_to, a goal that does not exist, or one of a cycle not in view. okr check says which.', input.width - 1, 6, { dim: true })];
    case 'hidden':
      return wrapped(
        entry.reason === 'cycle'
          ? `${entry.count} aligned objectives are not repeated here: they form an alignment cycle with the goals above (okr check reports it).`
          : `${entry.count} aligned objectives are shown in full where the tree first lists them.`,
        input.width - 1,
        6,
        { dim: true },
      );
  }
}

const text = (width: number) => width - 1;

function wrapped(s: string, width: number, maxLines: number, style: Style = {}): Line[] {
  return wrap(s, width, maxLines).map((l) => [seg(l, style)]);
}

function progressLine(progress: number, status: ObjectiveScore['status'] | KeyResultScore['status'], expected: number | null, width: number): Line {
  const cells = width >= 44 ? 10 : width >= 36 ? 6 : 4;
  return [
    ...bar(progress, cells),
    seg(' '),
    seg(percent(progress), { color: scoreColour(progress), bold: true }),
    seg(' '),
    seg(status ?? 'unpaced', status === null ? { dim: true } : { color: statusColour(status)! }),
    ...(expected === null ? [] : [seg(` · expected ${percent(expected)}`, { dim: true })]),
  ];
}

function gradeLine(grade: number | undefined): Line[] {
  return grade === undefined ? [] : [[seg('grade ', { dim: true }), seg(gradeText(grade), { color: scoreColour(grade), bold: true }), seg(' (the cycle is closed)', { dim: true })]];
}

function missionDetails({ data, facts, factsNote, width }: DetailsInput): Line[] {
  const w = text(width);
  const { tree, outline } = data;
  const c = outline.counts.objectives;
  const lines: Line[] = [
    [seg('Mission', { bold: true })],
    ...wrapped(shown(tree.mission.statement), w, 4),
    [...bar(tree.mission.progress, width >= 44 ? 10 : 6), seg(' '), seg(percent(tree.mission.progress), { color: scoreColour(tree.mission.progress), bold: true })],
    ...wrapped(`cycle ${cycleText(tree.cycle)}`, w, 2, { dim: true }),
    ...wrapped(`as of ${tree.asOf}; expected ${tree.cycles.map(({ cycle, expected }) => `${percent(expected)} (${cycle.id})`).join(', ')}`, w, 2, { dim: true }),
    [],
    [seg('Objectives', { bold: true })],
    [seg(`${c['off-track']} off track`, { color: 'red' }), seg(' · ', { dim: true }), seg(`${c['at-risk']} at risk`, { color: 'yellow' })],
    [seg(`${c['on-track']} on track`, { color: 'green' }), seg(' · ', { dim: true }), seg(`${c.done} done`, { color: 'green' }), ...(c.unpaced ? [seg(' · ', { dim: true }), seg(`${c.unpaced} unpaced`, { dim: true })] : [])],
    ...wrapped(`${data.view.objectives.length} in view, ${tree.roots.length} aligned to the mission${tree.unaligned.length ? `, ${tree.unaligned.length} unaligned` : ''}`, w, 2, { dim: true }),
    [seg(`${outline.counts.keyResults} key results`, { dim: true })],
  ];
  if (outline.counts.breached) lines.push([seg(`! ${outline.counts.breached} guardrail${outline.counts.breached === 1 ? '' : 's'} breached`, { color: 'red', bold: true })]);
  if (facts) lines.push(facts.stale.size ? [seg(`~ ${facts.stale.size} key result${facts.stale.size === 1 ? '' : 's'} stale`, { color: 'yellow', bold: true })] : [seg('no key result is stale', { dim: true })]);
  else if (factsNote) lines.push([seg(factsNote, { dim: true })]);
  if (data.errors) lines.push([], [seg(`the goals have ${data.errors} error${data.errors === 1 ? '' : 's'}: run okr check`, { color: 'red' })]);
  return lines;
}

function objectiveDetails({ data, facts, factsNote, width }: DetailsInput, score: ObjectiveScore, alsoUnder: readonly string[]): Line[] {
  const w = text(width);
  const { objective } = score;
  const workspace = data.view.workspace;
  const team = workspace.teams.get(objective.team);
  const lines: Line[] = [
    ...wrapped(shown(objective.title), w, 3, { bold: true }),
    [seg(shown(objective.ref), { dim: true })],
    progressLine(score.progress, score.status, score.expected, width),
    ...gradeLine(objective.grade),
    [seg('team ', { dim: true }), seg(shown(team?.name ?? objective.team)), seg(` · cycle ${objective.cycle}`, { dim: true })],
    ownerLine(objective.owner ? [objective.owner] : [...(team?.owners ?? [])]),
  ];
  const detail = describeGoal(workspace, data.scorer, { kind: 'objective', team: objective.team, objective: objective.id }, data.view.includes);
  if (detail.kind === 'objective') {
    for (const link of detail.alignsTo) {
      const target = link.target;
      const what = target === undefined ? `${link.raw} (names nothing)` : target.kind === 'mission' ? 'the mission' : link.ref!;
      lines.push([seg('serves ', { dim: true }), seg(shown(what), target === undefined ? { color: 'red' } : {})]);
    }
    if (alsoUnder.length) lines.push([seg('appears under ', { dim: true }), seg(shown(alsoUnder.join(', ')))]);
    if (detail.aligned.length) lines.push([seg(`served by ${detail.aligned.length}: `, { dim: true }), seg(shown(detail.aligned.map((a) => a.score.objective.ref).join(', ')))]);
  }
  lines.push([], [seg(`Key results (${score.keyResults.length})`, { bold: true })]);
  const shownKrs = score.keyResults.slice(0, 8);
  for (const kr of shownKrs) {
    const cells: Segment[] = [seg(` ${percent(kr.progress).padStart(4)} `, { color: scoreColour(kr.progress) }), seg(kr.status ?? 'unpaced', kr.status === null ? { dim: true } : { color: statusColour(kr.status)! })];
    const stale = facts?.stale.has(kr.keyResult.ref) ? [seg(' ~', { color: 'yellow', bold: true })] : [];
    const label = fit([seg('· '), seg(shown(kr.keyResult.title))], Math.max(4, w - 15 - stale.length * 2));
    lines.push([...label, ...cells, ...stale]);
  }
  if (score.keyResults.length > shownKrs.length) lines.push([seg(`+${score.keyResults.length - shownKrs.length} more`, { dim: true })]);
  lines.push(...feedbackLines(facts, objective.ref, w));
  return lines;
}

function keyResultDetails({ data, facts, factsNote, width }: DetailsInput, objectiveScore: ObjectiveScore, score: KeyResultScore): Line[] {
  const w = text(width);
  const objective = objectiveScore.objective;
  const kr = score.keyResult;
  const lines: Line[] = [
    ...wrapped(shown(kr.title), w, 3, { bold: true }),
    [seg(shown(kr.ref), { dim: true })],
    numbersLine(data, kr),
    progressLine(score.progress, score.status, objectiveScore.expected, width),
    ...gradeLine(kr.grade),
    ownerLine(ownersOf(data.view.workspace, objective, kr)),
    ...(kr.confidence !== undefined ? [[seg('confidence ', { dim: true }), seg(formatNumber(kr.confidence))]] : []),
  ];
  if (facts) lines.push(...checkinLines(facts, objective, kr, data.tree.asOf, w));
  else if (factsNote) lines.push([seg(factsNote, { dim: true })]);
  lines.push([seg('serves ', { dim: true }), seg(shown(objective.ref))]);
  const refs = servedBy(data, objective, kr);
  if (refs.length) lines.push([seg(`${kr.kind === 'rollup' ? 'fed' : 'served'} by ${refs.length}: `, { dim: true }), seg(shown(refs.join(', ')))]);
  lines.push(...feedbackLines(facts, kr.ref, w));
  return lines;
}

function ownerLine(owners: readonly string[]): Segment[] {
  return owners.length ? [seg('owner ', { dim: true }), seg(shown(owners.join(', ')))] : [seg('no owner', { dim: true })];
}

/** What the key result measures and where it stands: "410 ms · 900 → 300 ms", "keep below 0.1%". */
function numbersLine(data: DashboardData, kr: KeyResult): Line {
  switch (kr.kind) {
    case 'metric':
      return [seg('metric ', { dim: true }), seg(shown(withUnit(kr.current, kr.unit)), { bold: true }), seg(shown(` · ${withUnit(kr.start, kr.unit)} → ${withUnit(kr.target, kr.unit)}`), { dim: true })];
    case 'guardrail':
      return [seg('guardrail ', { dim: true }), seg(shown(withUnit(kr.current, kr.unit)), { bold: true }), seg(shown(` · keep ${kr.bound.direction} ${withUnit(kr.bound.value, kr.unit)}`), { dim: true })];
    case 'milestone':
      return [seg('milestone ', { dim: true }), seg(kr.done ? 'done' : 'not done', { bold: true })];
    case 'rollup':
      return [seg('rollup', { dim: true }), seg(rollupFeeders(feedersInView(data, kr).length, alignmentGraph(data.view.workspace).feedersOfKeyResult(kr).length))];
  }
}

/**
 * The objectives a key result is served by: for a rollup, those that feed it in the view (SPEC 9),
 * which may lie outside it (a year's view is fed by its quarters begun); else those aligned in view.
 */
function servedBy(data: DashboardData, objective: Objective, kr: KeyResult): string[] {
  if (kr.kind === 'rollup') return feedersInView(data, kr).map((o) => o.ref);
  const detail = parseRef(kr.ref) && describeGoal(data.view.workspace, data.scorer, { kind: 'key-result', team: objective.team, objective: objective.id, keyResult: kr.id }, data.view.includes);
  return detail && detail.kind === 'key-result' ? detail.aligned.map((a) => a.score.objective.ref) : [];
}

/** The objectives that feed a rollup key result in the view, as its progress counts them (SPEC 9). */
function feedersInView(data: DashboardData, kr: KeyResult): readonly Objective[] {
  return alignmentGraph(data.view.workspace).feedersOfKeyResult(kr).filter(data.view.feeding.feeds);
}

/**
 * How long before the as-of day a change was. A commit dated after it (a clock ahead, or
 * OKR_TODAY/--as-of earlier than the last commit) is said as such, not as "-5 days ago".
 */
function relativeDay(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days > 1) return `${days} days ago`;
  return 'after the as-of day';
}

/** The last check-in, staleness, the sparkline of the values and the forecast. */
function checkinLines(facts: DashboardFacts, objective: Objective, kr: KeyResult, asOf: string, w: number): Line[] {
  if (kr.kind === 'rollup') return [];
  const points = facts.points(kr.ref) ?? [];
  const staleness = facts.staleness(objective, kr);
  const lines: Line[] = [];
  const last = staleness.last;
  if (!last) lines.push([seg(staleness.lastBefore ? `last change on or before ${staleness.lastBefore}` : 'not committed yet: no check-in', { dim: true })]);
  else {
    const days = daysBetween(dayOf(last.date), asOf);
    lines.push([seg(last.via === 'checkin' ? 'last check-in ' : 'last change ', { dim: true }), seg(dayOf(last.date)), seg(`, ${relativeDay(days)}`, { dim: true })]);
    lines.push([seg('by ', { dim: true }), seg(shown(last.authorName))]);
    if (last.note) lines.push(...wrapped(`“${shown(last.note)}”`, w, 2, { dim: true }));
    else if (last.via === 'edit') lines.push(...wrapped(`edited by hand: ${shown(last.subject)}`, w, 1, { dim: true }));
  }
  if (staleness.stale === true) lines.push([seg(staleness.days === undefined ? '~ stale: no check-in for too long' : `~ stale: no check-in in ${staleness.days} days`, { color: 'yellow', bold: true })]);
  else if (staleness.stale === null) lines.push(...wrapped(`stale or not cannot be told: its last change is older than this shallow clone's history${staleness.lastBefore ? ` (${staleness.lastBefore})` : ''}`, w, 2, { dim: true }));
  if (points.length) {
    const values = points.map((p) => p.value);
    const label = `history (${points.length}) `;
    lines.push([seg(label, { dim: true }), seg(sparkline(values, Math.max(4, Math.min(30, w - label.length))), { color: 'cyan' })]);
  }
  if (kr.kind === 'metric') {
    const forecast = facts.forecast(objective, kr);
    if (forecast) {
      const progress = forecastMissesTarget(forecast) ? forecast.progress : 1;
      lines.push([seg(`on pace for ${percent(progress)}`, { color: scoreColour(progress) }), seg(` by ${forecast.day} (${shown(withUnit(Number(forecast.value.toPrecision(4)), kr.unit))})`, { dim: true })]);
    } else lines.push(...wrapped(NO_FORECAST, w, 2, { dim: true }));
  }
  return lines;
}

const KIND_COLOURS = { kudos: 'green', question: 'cyan', concern: 'yellow', suggestion: 'blue' } as const;

function feedbackLines(facts: DashboardFacts | undefined, ref: string, w: number): Line[] {
  if (!facts) return [];
  const list = facts.feedback(ref);
  if (list.length === 0) return [[], [seg('no feedback yet: f gives some', { dim: true })]];
  const lines: Line[] = [[], [seg(`Feedback (${list.length})`, { bold: true })]];
  for (const f of list.slice(0, 3)) lines.push(...feedbackPiece(f, ref, w));
  if (list.length > 3) lines.push([seg(`${list.length - 3} more: okr feedback ${ref}`, { dim: true })]);
  return lines;
}

function feedbackPiece(f: Feedback, ref: string, w: number): Line[] {
  const on = f.ref === ref ? '' : ` on ${f.ref.slice(ref.length + 1)}`;
  return [
    [seg(f.kind ?? 'feedback', f.kind ? { color: KIND_COLOURS[f.kind] } : {}), seg(shown(on), { dim: true }), seg(` · ${shown(f.authorName)} · ${dayOf(f.date)}`, { dim: true })],
    ...wrapped(shown(f.text), w - 2, 2).map((l) => [seg('  '), ...l]),
  ];
}
