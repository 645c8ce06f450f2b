// Parsers of option values: each turns the text given into the value the command gets, or tells
// commander it is invalid (a usage error, exit 2, with the option named).
import { InvalidArgumentError } from '@commander-js/extra-typings';

/** A calendar day, YYYY-MM-DD, that exists. */
export function parseDayOption(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : undefined;
  if (!m || !date || date.toISOString().slice(0, 10) !== value) throw new InvalidArgumentError('expected a date as YYYY-MM-DD, e.g. 2026-11-30.');
  return value;
}

export function parseCountOption(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number >= 0.');
  return Number(value);
}

/** --since: a number of days or weeks back from the day evaluated, or a day. */
export type Since = { readonly days: number } | { readonly day: string };

/** --since: `7d`, `2w` (days or weeks before the day evaluated) or a day `2026-11-01`. */
export function parseSinceOption(value: string): Since {
  const m = /^(\d{1,5})([dw])$/.exec(value);
  if (m) return { days: Number(m[1]) * (m[2] === 'w' ? 7 : 1) };
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { day: parseDayOption(value) };
  throw new InvalidArgumentError('expected days (7d), weeks (2w) or a day (2026-11-01).');
}

/** --confidence: the owner's belief in the target, from 0 to 1. */
export function parseConfidenceOption(value: string): number {
  const n = /^\s*[+]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1, e.g. 0.7.');
  return n;
}

/** -m given again and again: each is one paragraph, in order. */
export function collectParagraphs(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** An option given again and again (--grade REF=SCORE ...): every value, in order. */
export function collectRepeated(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
