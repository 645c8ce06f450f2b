// The "History" block `okr show` adds when the workspace is in git: a sparkline of each key result's
// values, how many there are since when, the last check-in, and where a metric is heading.
import type { KeyResultHistory } from '../../model/forecast.js';
import { dayOf, type HistoryPoint } from '../../model/history.js';
import type { Staleness } from '../../model/staleness.js';
import type { Paint } from '../paint.js';
import { printable } from '../../printable.js';
import { forecastText, NO_FORECAST } from './forecast.js';
import { padEnd, visibleWidth } from './progress-cells.js';
import { sparkline } from './sparkline.js';

/** A key result's history with its staleness (undefined for rollups, which are never checked in). */
export type ShownHistory = KeyResultHistory & { readonly staleness: Staleness | undefined };

function summary(k: ShownHistory, staleAfterDays: number, paint: Paint): string {
  const { points, staleness } = k;
  const last = points[points.length - 1];
  const stale = staleness?.stale ? paint.yellow(` · stale: no check-in for ${staleness.days === undefined ? `more than ${staleAfterDays}` : staleness.days} days`) : '';
  if (!last) {
    if (staleness?.lastBefore !== undefined) return paint.dim(`last change on or before ${staleness.lastBefore} (before this shallow clone's history)`) + stale;
    return paint.dim('not committed yet');
  }
  const count = `${points.length} value${points.length === 1 ? '' : 's'} since ${dayOf(points[0]!.date)}`;
  return `${paint.cyan(sparkline(points.map((p) => p.value), 24))}  ${paint.dim(`${count}; last ${dayOf(last.date)} by ${printable(last.authorName)} (${last.commit.slice(0, 7)})`)}${stale}`;
}

/**
 * For one key result, or each key result of an objective (rollups have no values of their own); a
 * metric's forecast on the line below its sparkline (a lone key result also says why it has none).
 */
export function renderShowHistory(keyResults: readonly ShownHistory[], staleAfterDays: number, paint: Paint): string {
  const shown = keyResults.filter((k) => k.keyResult.kind !== 'rollup');
  if (shown.length === 0) return '';
  const lines = ['', paint.bold('History')];
  const unit = (k: ShownHistory) => (k.keyResult.kind === 'metric' ? k.keyResult.unit : undefined);
  if (shown.length === 1 && keyResults.length === 1) {
    const only = shown[0]!;
    lines.push(`  ${summary(only, staleAfterDays, paint)}`);
    if (only.keyResult.kind === 'metric') lines.push(only.forecast ? `  ${forecastText(only.forecast, unit(only), paint)}` : paint.dim(`  ${NO_FORECAST}`));
    lines.push(paint.dim(`  okr history ${printable(only.keyResult.ref)} lists every value`));
  } else {
    const width = Math.max(...shown.map((k) => visibleWidth(printable(k.keyResult.id))));
    for (const k of shown) {
      lines.push(`  ${padEnd(printable(k.keyResult.id), width)}  ${summary(k, staleAfterDays, paint)}`);
      if (k.forecast) lines.push(`  ${' '.repeat(width)}  ${forecastText(k.forecast, unit(k), paint)}`);
    }
  }
  return lines.join('\n') + '\n';
}
