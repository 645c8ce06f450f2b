// `okr stale` for people: the key results nobody has checked in for longer than stale_after_days,
// longest-silent first; or, with --by-owner, one digest per owner to send on.
import { dayOf } from '../../model/history.js';
import type { StaleEntry } from '../json/history.js';
import type { Paint } from '../paint.js';
import { truncate } from './progress-cells.js';
import { renderTable } from './table.js';

function lastCell(e: StaleEntry, paint: Paint): string {
  const last = e.staleness.last;
  return last ? `${dayOf(last.date)} ${paint.dim(`by ${truncate(last.authorName, 20)}`)}` : paint.dim('never');
}

function summary(asOf: string, staleAfterDays: number, checked: number, stale: number, paint: Paint): string {
  if (stale === 0) return paint.green(`✔ all ${checked} key results checked in within ${staleAfterDays} days (as of ${asOf})`);
  return paint.yellow(`${stale} of ${checked} key results stale as of ${asOf}: no check-in for more than ${staleAfterDays} days`);
}

export function renderStaleList(asOf: string, staleAfterDays: number, checked: number, entries: readonly StaleEntry[], paint: Paint): string {
  const head = summary(asOf, staleAfterDays, checked, entries.length, paint);
  if (entries.length === 0) return head + '\n';
  const rows = entries.map((e) => [e.keyResult.ref, `${e.staleness.days ?? '-'}`, lastCell(e, paint), e.owners.join(', ') || paint.dim('-')]);
  const table = renderTable(['KEY RESULT', 'DAYS', 'LAST CHECK-IN', 'OWNER'], rows, paint, new Set([1]));
  return [head, '', ...table, '', paint.dim('Check in with: okr checkin <ref>=<value> [-m "what changed"]')].join('\n') + '\n';
}

export function renderStaleByOwner(
  asOf: string,
  staleAfterDays: number,
  checked: number,
  groups: readonly { owner: string; entries: readonly StaleEntry[] }[],
  paint: Paint,
): string {
  const total = new Set(groups.flatMap((g) => g.entries.map((e) => e.keyResult.ref))).size;
  const out = [summary(asOf, staleAfterDays, checked, total, paint)];
  for (const group of groups) {
    out.push('', paint.bold(`${group.owner} (${group.entries.length} stale)`));
    for (const e of group.entries)
      out.push(`  ${e.keyResult.ref}  ${paint.dim(`${e.staleness.days ?? '-'} days, last ${e.staleness.last ? dayOf(e.staleness.last.date) : 'never'}`)}  ${e.keyResult.title}`);
  }
  return out.join('\n') + '\n';
}
