// `okr stale` for people: the key results nobody has checked in for longer than stale_after_days,
// longest-silent first; or, with --by-owner, one digest per owner to send on.
import { dayOf } from '../../model/history.js';
import type { StaleEntry } from '../json/history.js';
import type { Paint } from '../paint.js';
import { printable } from '../../printable.js';
import { truncate } from './progress-cells.js';
import { fold } from './fit.js';
import { renderTable } from './table.js';

function lastCell(e: StaleEntry, paint: Paint): string {
  const { last, lastBefore } = e.staleness;
  if (last) return `${dayOf(last.date)} ${paint.dim(`by ${truncate(printable(last.authorName), 20)}`)}`;
  return paint.dim(lastBefore !== undefined ? `on or before ${lastBefore}` : 'never');
}

/** How many key results were looked at, and how many of them cannot be told (a shallow clone). */
export interface StaleCounts {
  readonly checked: number;
  readonly unknown: number;
}

function summary(asOf: string, staleAfterDays: number, counts: StaleCounts, stale: number, paint: Paint, width?: number): string {
  const unknown = counts.unknown ? `; ${counts.unknown} cannot be told (their last change is older than this shallow clone's history)` : '';
  const text =
    stale === 0
      ? `✔ no stale key results as of ${asOf}: ${counts.checked} checked, stale after ${staleAfterDays} days without a check-in`
      : `${stale} of ${counts.checked} key results stale as of ${asOf}: no check-in for more than ${staleAfterDays} days`;
  const colour = stale === 0 && !unknown ? paint.green : paint.yellow;
  return fold(text + unknown, width, '  ')
    .map((l) => colour(l))
    .join('\n');
}

/** Whole days without a check-in; "> N" when a shallow clone only tells it is more than N. */
function daysCell(e: StaleEntry, staleAfterDays: number): string {
  return e.staleness.days !== undefined ? `${e.staleness.days}` : e.staleness.lastBefore !== undefined ? `>${staleAfterDays}` : '-';
}

export function renderStaleList(asOf: string, staleAfterDays: number, counts: StaleCounts, entries: readonly StaleEntry[], paint: Paint, width?: number): string {
  const head = summary(asOf, staleAfterDays, counts, entries.length, paint, width);
  if (entries.length === 0) return head + '\n';
  const rows = entries.map((e) => [printable(e.keyResult.ref), daysCell(e, staleAfterDays), lastCell(e, paint), printable(e.owners.join(', ')) || paint.dim('-')]);
  const table = renderTable(['KEY RESULT', 'DAYS', 'LAST CHECK-IN', 'OWNER'], rows, paint, new Set([1]), { width, giveWay: [3, 2, 1] });
  return [head, '', ...table, '', paint.dim('Check in with: okr checkin <ref>=<value> [-m "what changed"]')].join('\n') + '\n';
}

export function renderStaleByOwner(
  asOf: string,
  staleAfterDays: number,
  counts: StaleCounts,
  groups: readonly { owner: string; entries: readonly StaleEntry[] }[],
  paint: Paint,
): string {
  const total = new Set(groups.flatMap((g) => g.entries.map((e) => e.keyResult.ref))).size;
  const out = [summary(asOf, staleAfterDays, counts, total, paint)];
  for (const group of groups) {
    out.push('', paint.bold(`${printable(group.owner)} (${group.entries.length} stale)`));
    for (const e of group.entries) {
      const { last, lastBefore } = e.staleness;
      const when = last ? dayOf(last.date) : lastBefore !== undefined ? `on or before ${lastBefore}` : 'never';
      out.push(`  ${printable(e.keyResult.ref)}  ${paint.dim(`${daysCell(e, staleAfterDays)} days, last ${when}`)}  ${printable(e.keyResult.title)}`);
    }
  }
  return out.join('\n') + '\n';
}
