// How a key result's numbers read to a person: "410 ms (900 → 300)", "0.08% (keep below 0.1%)".
import type { KeyResult } from '../../model/types.js';
import { printable } from '../../printable.js';
import { formatNumber } from './progress-cells.js';

/** A value with its unit: "%" hugs the number, other units follow a space. */
export function withUnit(value: number, unit: string | undefined): string {
  if (unit === undefined || unit === '') return formatNumber(value);
  return unit === '%' ? `${formatNumber(value)}%` : `${formatNumber(value)} ${printable(unit)}`;
}

/**
 * The key result's current state in a few words; `fedBy` is how many objectives feed a rollup in the
 * view, `aligned` how many are aligned to it in any cycle (SPEC 9: not all of them feed it in every view).
 */
export function describeKeyResult(kr: KeyResult, fedBy: number, aligned = fedBy): string {
  const confidence = kr.confidence !== undefined ? `, confidence ${formatNumber(kr.confidence)}` : '';
  switch (kr.kind) {
    case 'metric':
      return `${withUnit(kr.current, kr.unit)} (${formatNumber(kr.start)} → ${formatNumber(kr.target)}${confidence})`;
    case 'milestone':
      return `${kr.done ? 'milestone done' : 'milestone not done'}${confidence ? ` (${confidence.slice(2)})` : ''}`;
    case 'guardrail':
      return `${withUnit(kr.current, kr.unit)} (keep ${kr.bound.direction} ${withUnit(kr.bound.value, kr.unit)}${confidence})`;
    case 'rollup':
      return `rollup${rollupFeeders(fedBy, aligned)}${fedBy > 0 && confidence ? ` (${confidence.slice(2)})` : ''}`;
  }
}

/**
 * What feeds a rollup key result, said after the word "rollup": " of 2 objectives", ": no objective
 * aligned to it", ": none of its 3 aligned objectives counts in this view" (SPEC 9).
 */
export function rollupFeeders(fedBy: number, aligned: number): string {
  if (fedBy > 0) return ` of ${fedBy} objective${fedBy === 1 ? '' : 's'}`;
  return aligned === 0 ? ': no objective aligned to it' : `: none of its ${aligned} aligned objective${aligned === 1 ? '' : 's'} counts in this view`;
}
