// What `okr checkin` and `okr measure` say when they are done: the values recorded (previous → new),
// the commit, and the key results that needed no change.
import { formatValue, type CheckinEntry } from '../../model/checkin-message.js';
import type { Paint } from '../paint.js';
import { printable } from '../../printable.js';
import { valueText } from './history.js';
import { renderTable } from './table.js';

export interface CheckinReport {
  readonly recorded: readonly CheckinEntry[];
  readonly unchanged: readonly { ref: string; value: number | boolean; unit?: string }[];
  readonly files: readonly string[];
  readonly commit: string | undefined;
  /** False with --no-commit. */
  readonly committed: boolean;
}

export function renderCheckinReport(report: CheckinReport, paint: Paint): string {
  const out: string[] = [];
  const n = report.recorded.length;
  if (n > 0) {
    const what = `${n} key result${n === 1 ? '' : 's'}`;
    out.push(
      report.commit
        ? `${paint.green('✔')} checked in ${what} in ${paint.bold(report.commit.slice(0, 7))} (${printable(report.files.join(', '))})`
        : `${paint.green('✔')} edited ${printable(report.files.join(', '))}: ${what}${report.committed ? '' : paint.dim(' (not committed: --no-commit)')}`,
    );
    const rows = report.recorded.map((e) => [
      `  ${printable(e.ref)}`,
      e.previous === e.value ? valueText(e.value, e.unit) : `${formatValue(e.previous)} → ${valueText(e.value, e.unit)}`,
      e.confidence !== undefined ? paint.dim(`confidence ${e.confidence}`) : '',
    ]);
    out.push(...renderTable(['', '', ''], rows, paint).slice(1));
  }
  for (const u of report.unchanged) out.push(paint.dim(`  ${printable(u.ref)} is already ${valueText(u.value, u.unit)}: nothing to record`));
  if (n === 0) out.unshift(paint.dim(report.unchanged.length ? 'nothing to check in: the goal files already hold these values' : 'nothing recorded'));
  return out.join('\n') + '\n';
}

export function checkinReportJson(report: CheckinReport) {
  return {
    commit: report.commit ?? null,
    files: [...report.files],
    checkins: report.recorded.map((e) => ({
      ref: e.ref,
      previous: e.previous,
      value: e.value,
      unit: e.unit ?? null,
      confidence: e.confidence ?? null,
      source: e.source ?? null,
    })),
    unchanged: report.unchanged.map((u) => u.ref),
  };
}
