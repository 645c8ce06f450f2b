// `okr log` for people: recent check-ins across the workspace, newest first, one line each.
import { dayOf, type HistoryPoint } from '../../model/history.js';
import type { Paint } from '../paint.js';
import { pointRemark, valueText } from './history.js';
import { truncate } from './progress-cells.js';
import { renderTable } from './table.js';

export function renderCheckinLog(since: string, until: string, entries: readonly HistoryPoint[], paint: Paint): string {
  const header = paint.dim(`check-ins from ${since} to ${until}, newest first`);
  if (entries.length === 0) return `${header}\n\n${paint.dim('no check-ins in that time: try a longer --since (e.g. --since 90d)')}\n`;
  const rows = entries.map((p) => [
    dayOf(p.date),
    p.ref,
    `${p.previous === undefined ? '' : `${valueText(p.previous, undefined)} → `}${valueText(p.value, p.unit)}`,
    truncate(p.authorName, 24),
    paint.dim(p.commit.slice(0, 7)),
    truncate(pointRemark(p, paint), 60),
  ]);
  const table = renderTable(['DATE', 'KEY RESULT', 'CHANGE', 'AUTHOR', 'COMMIT', 'NOTE'], rows, paint);
  const refs = new Set(entries.map((p) => p.ref)).size;
  const footer = paint.dim(`${entries.length} change${entries.length === 1 ? '' : 's'} to ${refs} key result${refs === 1 ? '' : 's'}`);
  return [header, '', ...table, '', footer].join('\n') + '\n';
}
