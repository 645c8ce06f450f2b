// `okr log` for people: recent check-ins across the workspace, newest first, one line each; with
// --feedback, the peer feedback given meanwhile on lines of its own among them.
import type { Feedback } from '../../model/feedback.js';
import { dayOf, type HistoryPoint } from '../../model/history.js';
import { printable } from '../diff/words.js';
import type { Paint } from '../paint.js';
import { pointRemark, valueText } from './history.js';
import { truncate } from './progress-cells.js';
import { renderTable } from './table.js';

type Row = { readonly time: number; readonly cells: string[] };

/** On a narrow terminal, the columns that leave the table first (to lines under each check-in). */
const GIVE_WAY = [5, 4, 3, 2, 0];

export function renderCheckinLog(since: string, until: string, entries: readonly HistoryPoint[], paint: Paint, feedback?: readonly Feedback[], width?: number): string {
  const header = paint.dim(`check-ins${feedback ? ' and feedback' : ''} from ${since} to ${until}, newest first`);
  if (entries.length === 0 && !feedback?.length)
    return `${header}\n\n${paint.dim(`no check-ins${feedback ? ' or feedback' : ''} in that time: try a longer --since (e.g. --since 90d)`)}\n`;
  const rows: Row[] = entries.map((p) => ({
    time: Date.parse(p.date),
    cells: [
      dayOf(p.date),
      printable(p.ref),
      `${p.previous === undefined ? '' : `${valueText(p.previous, undefined)} → `}${valueText(p.value, p.unit)}`,
      truncate(printable(p.authorName), 24),
      paint.dim(p.commit.slice(0, 7)),
      truncate(pointRemark(p, paint), 60),
    ],
  }));
  for (const f of feedback ?? [])
    rows.push({
      time: Date.parse(f.date),
      cells: [
        dayOf(f.date),
        printable(f.ref),
        paint.magenta(`${f.kind ?? 'feedback'}${f.replyTo === null ? '' : ` re ${f.replyTo.slice(0, 7)}`}`),
        truncate(printable(f.authorName), 24),
        paint.dim(f.commit.slice(0, 7)),
        truncate(printable(f.text.split('\n')[0]!), 60),
      ],
    });
  // Stable: among equal times, check-ins in their order, then feedback in its own.
  rows.sort((a, b) => b.time - a.time);
  const table = renderTable(['DATE', feedback ? 'GOAL' : 'KEY RESULT', 'CHANGE', 'AUTHOR', 'COMMIT', 'NOTE'], rows.map((r) => r.cells), paint, new Set(), { width, giveWay: GIVE_WAY });
  const refs = new Set(entries.map((p) => p.ref)).size;
  const counts = [`${entries.length} change${entries.length === 1 ? '' : 's'} to ${refs} key result${refs === 1 ? '' : 's'}`];
  if (feedback) counts.push(`${feedback.length} piece${feedback.length === 1 ? '' : 's'} of feedback`);
  return [header, '', ...table, '', paint.dim(counts.join(', '))].join('\n') + '\n';
}
