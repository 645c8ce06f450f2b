// Calendar days as `YYYY-MM-DD` strings: validity, whole-day differences, and which cycle covers which.
import type { Cycle, Day } from './types.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Parsed days: a workspace or a history names few distinct days, and asks about them 100,000s of times. */
const dayNumbers = new Map<Day, number>();

/** Days since 1970-01-01 (UTC), or NaN for something that is not a calendar day. */
export function dayNumber(day: Day): number {
  let n = dayNumbers.get(day);
  if (n === undefined) {
    n = parseDay(day);
    if (dayNumbers.size > 100_000) dayNumbers.clear();
    dayNumbers.set(day, n);
  }
  return n;
}

function parseDay(day: Day): number {
  const m = DAY.exec(day);
  if (!m) return NaN;
  const time = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
  return new Date(time).toISOString().slice(0, 10) === day ? time / MS_PER_DAY : NaN;
}

export function isValidDay(day: Day): boolean {
  return !Number.isNaN(dayNumber(day));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why `text` is not a calendar day, in words a person can act on; undefined when it is one. */
export function whyNotADay(text: string): string | undefined {
  if (isValidDay(text)) return undefined;
  const m = DAY.exec(text);
  if (!m) {
    const loose = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    const padded = loose ? `${loose[1]}-${loose[2]!.padStart(2, '0')}-${loose[3]!.padStart(2, '0')}` : undefined;
    return padded && isValidDay(padded) ? `write it as YYYY-MM-DD: ${padded}` : 'write a day as YYYY-MM-DD, e.g. 2026-10-01';
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `there is no month ${m[2]} (months are 01 to 12)`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${MONTHS[month - 1]} ${year} has ${days} days${day === 0 ? ', and days start at 01' : ''}`;
}

export function dayFromNumber(n: number): Day {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: Day, b: Day): number {
  return dayNumber(b) - dayNumber(a);
}

/** True when `outer` spans all of `inner` (a year covers its quarters, and a cycle covers itself). */
export function coversCycle(outer: Cycle, inner: Cycle): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
