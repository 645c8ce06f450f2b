// How the report reads, shared by its HTML and markdown renderers: values and targets, status words,
// why a team needs attention, what the goals were read from. Plain text, not escaped: each renderer
// escapes for its own format.
import { formatValue } from '../../model/checkin-message.js';
import { forecastMissesTarget, type Forecast } from '../../model/forecast.js';
import { dayOf, type HistoryPoint } from '../../model/history.js';
import type { Status } from '../../model/pacing.js';
import type { Attention, KeyResultSection, Report, ReportSource, StatusCounts } from '../../model/report.js';
import type { KeyResult } from '../../model/types.js';
import { withUnit } from '../text/key-result-text.js';
import { formatNumber, percent } from '../text/progress-cells.js';

/** At most this many stale key results and recent check-ins are listed (the counts are always exact). */
export const LIST_LIMIT = { stale: 200, recent: 100 } as const;

/** The status a goal is shown with; "unpaced" when its cycle has no valid dates. */
export function statusText(status: Status | null): string {
  return status ?? 'unpaced';
}

/** A history value with its unit: "410 ms", "64.2%", "done". */
export function pointValue(value: number | boolean, unit: string | undefined): string {
  return typeof value === 'boolean' ? (value ? 'done' : 'not done') : withUnit(value, unit);
}

/** The key result's value now: "410 ms", "done", "52%" for a rollup (its progress). */
export function currentText(section: KeyResultSection): string {
  const kr = section.score.keyResult;
  switch (kr.kind) {
    case 'metric':
    case 'guardrail':
      return withUnit(kr.current, kr.unit);
    case 'milestone':
      return kr.done ? 'done' : 'not done';
    case 'rollup':
      return percent(section.score.progress);
  }
}

/** What the key result aims at: "300 ms (from 900)", "keep below 0.1%", "done", "rollup of 2 objectives". */
export function targetText(section: KeyResultSection): string {
  const kr = section.score.keyResult;
  switch (kr.kind) {
    case 'metric':
      return `${withUnit(kr.target, kr.unit)} (from ${formatNumber(kr.start)})`;
    case 'guardrail':
      return `keep ${kr.bound.direction} ${withUnit(kr.bound.value, kr.unit)}`;
    case 'milestone':
      return 'done';
    case 'rollup':
      return section.fedBy === 0 ? 'rollup: nothing aligned to it' : `rollup of ${section.fedBy} objective${section.fedBy === 1 ? '' : 's'}`;
  }
}

export function unitOfKeyResult(kr: KeyResult): string | undefined {
  return kr.kind === 'metric' || kr.kind === 'guardrail' ? kr.unit : undefined;
}

/** "on pace for 85% by 2026-12-31 (380 ms)": where the line of the values so far lands. */
export function forecastWords(forecast: Forecast, unit: string | undefined): string {
  const progress = forecastMissesTarget(forecast) ? forecast.progress : 1;
  return `on pace for ${percent(progress)} by ${forecast.day} (${withUnit(estimate(forecast.value), unit)})`;
}

/** An estimate to four significant digits (whole numbers from 1000 up): a line's value is not a measurement. */
function estimate(x: number): number {
  return Math.abs(x) >= 1000 ? Math.round(x) : Number(x.toPrecision(4));
}

/** The last check-in as a day, or why there is none. */
export function lastCheckinText(section: KeyResultSection, hasHistory: boolean): string {
  if (!hasHistory) return 'unknown (no git)';
  if (section.score.keyResult.kind === 'rollup') return '—';
  return section.last ? dayOf(section.last.date) : 'not committed yet';
}

/** Why a team needs attention, in a sentence; the goal it concerns is named apart (a link in HTML). */
export function attentionText(a: Attention): { readonly ref: string; readonly title: string; readonly why: string } {
  switch (a.kind) {
    case 'behind': {
      const o = a.objective;
      const expected = o.expected === null ? '' : `, expected ${percent(o.expected)}`;
      return { ref: o.objective.ref, title: o.objective.title, why: `${statusText(o.status)}: ${percent(o.progress)}${expected}` };
    }
    case 'breached': {
      const kr = a.keyResult.keyResult;
      const bound = kr.kind === 'guardrail' ? `${withUnit(kr.current, kr.unit)}, must stay ${kr.bound.direction} ${withUnit(kr.bound.value, kr.unit)}` : '';
      return { ref: kr.ref, title: kr.title, why: `guardrail breached: ${bound}` };
    }
    case 'stale':
      return { ref: a.keyResult.ref, title: a.keyResult.title, why: `no check-in for ${a.days} days` };
    case 'forecast':
      return { ref: a.keyResult.ref, title: a.keyResult.title, why: `forecast: ${forecastWords(a.forecast, unitOfKeyResult(a.keyResult))}` };
  }
}

/** "abc1234" style short commit id. */
export const shortCommit = (id: string) => id.slice(0, 7);

/** What the goals were read from: "commit 1a2b3c4 (main)", "the work tree at 1a2b3c4, with uncommitted changes". */
export function sourceText(source: ReportSource): string {
  switch (source.kind) {
    case 'files':
      return 'the goal files (not in git: no history, staleness, forecasts or feedback)';
    case 'work-tree':
      if (source.head === null) return 'the work tree (no commit yet: no history)';
      return `the work tree at commit ${shortCommit(source.head)}${source.uncommitted ? ', with uncommitted changes to the goals' : ''}`;
    case 'revision':
      return source.rev !== null && !source.commit.startsWith(source.rev) ? `${source.rev} (commit ${shortCommit(source.commit)})` : `commit ${shortCommit(source.commit)}`;
  }
}

/** The counts by status in words, zero counts left out: "7 off track, 6 at risk, 22 on track, 2 done". */
export function countPhrases(counts: StatusCounts): { readonly objectives: string; readonly keyResults: string } {
  const o = counts.objectives;
  const k = counts.keyResults;
  const join = (parts: [number, string][]) =>
    parts
      .filter(([n]) => n > 0)
      .map(([n, w]) => `${n} ${w}`)
      .join(', ');
  return {
    objectives: join([
      [o['off-track'], 'off track'],
      [o['at-risk'], 'at risk'],
      [o['on-track'], 'on track'],
      [o.done, 'done'],
      [o.unpaced, 'unpaced'],
    ]),
    keyResults: join([
      [k.breached, 'breached'],
      [k['off-track'], 'off track'],
      [k['at-risk'], 'at risk'],
      [k['on-track'], 'on track'],
      [k.done, 'done'],
      [k.unpaced, 'unpaced'],
    ]),
  };
}

/** A check-in's change: "640 → 410 ms", "not done → done". */
export function changeText(p: HistoryPoint): string {
  const to = pointValue(p.value, p.unit);
  if (p.previous === undefined) return to;
  const from = typeof p.previous === 'boolean' ? (p.previous ? 'done' : 'not done') : typeof p.value === 'number' ? formatNumber(p.previous) : formatValue(p.previous);
  return `${from} → ${to}`;
}

/** What a check-in says beyond its value: its note, where `okr measure` read it, or the commit of a hand edit. */
export function pointRemarkText(p: HistoryPoint): string {
  if (p.note) return p.note;
  if (p.via === 'checkin') return p.source ? `measured from ${p.source}` : '';
  return `edited: ${p.subject}`;
}
