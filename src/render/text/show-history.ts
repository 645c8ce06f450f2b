// The "History" block `okr show` adds when the workspace is in git: a sparkline of each key result's
// values, how many there are since when, and the last check-in.
import { dayOf, type HistoryPoint } from '../../model/history.js';
import type { KeyResult } from '../../model/types.js';
import type { Paint } from '../paint.js';
import { padEnd, visibleWidth } from './progress-cells.js';
import { sparkline } from './sparkline.js';

function summary(points: readonly HistoryPoint[], paint: Paint): string {
  const last = points[points.length - 1];
  if (!last) return paint.dim('not committed yet');
  const count = `${points.length} value${points.length === 1 ? '' : 's'} since ${dayOf(points[0]!.date)}`;
  return `${paint.cyan(sparkline(points.map((p) => p.value), 24))}  ${paint.dim(`${count}; last ${dayOf(last.date)} by ${last.authorName} (${last.commit.slice(0, 7)})`)}`;
}

/** For one key result, or each key result of an objective (rollups have no values of their own). */
export function renderShowHistory(keyResults: readonly KeyResult[], pointsOf: (kr: KeyResult) => readonly HistoryPoint[], paint: Paint): string {
  const shown = keyResults.filter((kr) => kr.kind !== 'rollup');
  if (shown.length === 0) return '';
  const lines = ['', paint.bold('History')];
  if (shown.length === 1 && keyResults.length === 1) lines.push(`  ${summary(pointsOf(shown[0]!), paint)}`, paint.dim(`  okr history ${shown[0]!.ref} lists every value`));
  else {
    const width = Math.max(...shown.map((kr) => visibleWidth(kr.id)));
    for (const kr of shown) lines.push(`  ${padEnd(kr.id, width)}  ${summary(pointsOf(kr), paint)}`);
  }
  return lines.join('\n') + '\n';
}
