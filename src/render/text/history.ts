// `okr history` for people: per key result a line on what it measures, a sparkline of its values,
// and a table of every point (day, value, confidence, author, commit, note), oldest first.
import { formatValue } from '../../model/checkin-message.js';
import type { KeyResultHistory } from '../../model/forecast.js';
import { dayOf, type HistoryPoint } from '../../model/history.js';
import { unitOf } from '../../model/key-results.js';
import type { KeyResult } from '../../model/types.js';
import type { Paint } from '../paint.js';
import { printable } from '../../printable.js';
import { forecastText, NO_FORECAST } from './forecast.js';
import { formatNumber, truncate } from './progress-cells.js';
import { sparkline } from './sparkline.js';
import { renderTable } from './table.js';

/** A value with its unit, numbers without float noise. */
export function valueText(value: number | boolean, unit: string | undefined): string {
  if (typeof value === 'boolean') return formatValue(value);
  return unit ? `${formatNumber(value)} ${printable(unit)}` : formatNumber(value);
}

/** What a point says beyond its value: the note, or where a value from outside okr came from. */
export function pointRemark(p: HistoryPoint, paint: Paint): string {
  if (p.note) return printable(p.note.split('\n')[0]!);
  if (p.via === 'checkin') return p.source ? paint.dim(`measured from ${printable(p.source)}`) : '';
  return paint.dim(`${p.previous === undefined ? 'added' : 'edited'}: ${printable(p.subject)}`);
}

function describe(kr: KeyResult): string {
  switch (kr.kind) {
    case 'metric':
      return `metric, ${valueText(kr.start, kr.unit)} → ${valueText(kr.target, kr.unit)}${kr.target < kr.start ? ' (lower is better)' : ''}`;
    case 'guardrail':
      return `guardrail, keep ${kr.bound.direction} ${valueText(kr.bound.value, kr.unit)}`;
    case 'milestone':
      return 'milestone';
    case 'rollup':
      return 'rollup (its progress comes from the objectives aligned to it)';
  }
}

export function renderKeyResultHistory({ keyResult: kr, points, forecast }: KeyResultHistory, paint: Paint, width = 48): string {
  const unit = unitOf(kr);
  const lines = [`${paint.bold(printable(kr.ref))} ${paint.dim('·')} ${printable(kr.title)}`];
  if (kr.kind === 'rollup') {
    lines.push(paint.dim(`${describe(kr)}: it has no values of its own to check in`));
    return lines.join('\n') + '\n';
  }
  if (points.length === 0) {
    lines.push(paint.dim(`${describe(kr)} · no committed values yet: commit the goal file (or run okr checkin) to start its history`));
    return lines.join('\n') + '\n';
  }
  const first = points[0]!;
  const last = points[points.length - 1]!;
  lines.push(
    paint.dim(
      `${describe(kr)} · now ${valueText(last.value, unit)} · ${points.length} value${points.length === 1 ? '' : 's'} since ${dayOf(first.date)}`,
    ),
  );
  lines.push(paint.cyan(sparkline(points.map((p) => p.value), width)));
  if (kr.kind === 'metric') lines.push(forecast ? `forecast: ${forecastText(forecast, unit, paint)}` : paint.dim(NO_FORECAST));
  lines.push('');
  const rows = points.map((p) => [
    dayOf(p.date),
    valueText(p.value, p.unit ?? unit),
    p.confidence === undefined ? paint.dim('-') : formatNumber(p.confidence),
    truncate(printable(p.authorName), 24),
    paint.dim(p.commit.slice(0, 7)),
    truncate(pointRemark(p, paint), 80),
  ]);
  lines.push(...renderTable(['DATE', 'VALUE', 'CONFIDENCE', 'AUTHOR', 'COMMIT', 'NOTE'], rows, paint, new Set([1, 2])));
  return lines.join('\n') + '\n';
}

/** Every key result of an objective, each as renderKeyResultHistory draws it, under the objective's heading. */
export function renderObjectiveHistory(
  objective: { readonly ref: string; readonly title: string },
  keyResults: readonly KeyResultHistory[],
  paint: Paint,
): string {
  const header = `${paint.bold(printable(objective.ref))} ${paint.dim('·')} ${printable(objective.title)}\n\n`;
  return header + keyResults.map((k) => renderKeyResultHistory(k, paint)).join('\n');
}
