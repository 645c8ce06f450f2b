// A number as a person types it, unit and all ("45%", "380 ms", "$5", "1,000"): read so that okr can
// take what is unambiguous (a value in the key result's own unit) and say exactly what to write
// instead of what is not.

/** What a typed number holds: the value, the unit written with it, and the number as okr wants it. */
export interface TypedNumber {
  readonly value: number;
  /** The unit written before or after the number (`%`, `ms`, `$`), if any. */
  readonly unit: string | undefined;
  /** The number alone, as okr wants it written (`45`, `1000`). */
  readonly plain: string;
  /** True when digits were grouped with commas (`1,000`): okr does not guess what a comma means. */
  readonly grouped: boolean;
}

const NUMBER = String.raw`[+-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
/** A currency sign before the number ($5, € 12). */
const PREFIX = String.raw`[$€£¥]`;
/** A unit after the number: anything that does not start like a number (%, ms, h/week, services). */
const SUFFIX = String.raw`[^\d\s.,+-][^\n]{0,39}`;
const TYPED = new RegExp(String.raw`^\s*(?:(${PREFIX})\s*)?(${NUMBER})(?:\s*(${SUFFIX}))?\s*$`);

/** Reads `text` as a number with an optional unit; undefined when it is no number at all. */
export function readTypedNumber(text: string): TypedNumber | undefined {
  const m = TYPED.exec(text);
  if (!m || (m[1] !== undefined && m[3] !== undefined)) return undefined;
  const digits = m[2]!;
  const plain = digits.replace(/,/g, '').replace(/^\+/, '');
  const value = Number(plain);
  if (!Number.isFinite(value)) return undefined;
  const unit = (m[1] ?? m[3])?.trim();
  return { value, unit: unit === '' ? undefined : unit, plain: String(value), grouped: digits.includes(',') };
}

/** Whether a unit written with a value is the key result's own unit ("ms" and "MS" are; spaces do not count). */
export function sameUnit(written: string, declared: string | undefined): boolean {
  if (declared === undefined) return false;
  const norm = (u: string) => u.replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(written) === norm(declared);
}
