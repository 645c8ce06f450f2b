// What `okr checkin` is given, resolved: REF=VALUE arguments checked for form before anything is
// read, then planned against the workspace (the key result exists, is not a rollup, and the value
// fits its kind), and the -m paragraphs joined into the note.
import { DataError, UsageError } from '../errors.js';
import { findGoal } from '../model/goal-detail.js';
import { formatRef, isValidId, parseRef } from '../model/ids.js';
import { resolveShortRef } from '../model/short-refs.js';
import type { CheckableKeyResult } from '../model/key-results.js';
import { closest } from '../model/suggest.js';
import { readTypedNumber, sameUnit } from '../model/typed-number.js';
import type { GoalRef, KeyResultValue, Workspace } from '../model/types.js';
import type { CheckinPlan } from './checkin-transaction.js';
import { shortRef } from './goal-arguments.js';

/** One REF=VALUE argument, checked for form before anything is read. */
export interface CheckinArgument {
  readonly raw: string;
  /** The reference as given: team/objective/kr, or short (a key result's id, objective/kr). */
  readonly refText: string;
  readonly value: string;
}

export const CHECKIN_EXAMPLE = 'Write REF=VALUE, e.g. payments/faster-checkout/p95-latency=420 or payments/faster-checkout/edge-cache=done.';
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseCheckinArguments(args: readonly string[]): CheckinArgument[] {
  const seen = new Set<string>();
  return args.map((raw) => {
    const eq = raw.indexOf('=');
    if (eq < 0) throw new UsageError(`"${raw}" is not REF=VALUE`, CHECKIN_EXAMPLE);
    const refText = raw.slice(0, eq).trim();
    const value = raw.slice(eq + 1).trim();
    if (refText === 'mission' || !refText.split('/').every(isValidId) || refText.split('/').length > 3)
      throw new UsageError(
        `"${refText}" is not a key result reference`,
        'A key result is named team/objective/key-result, or by its id alone when no other key result has it; ids use letters, digits, ".", "_" and "-".',
      );
    if (value === '') throw new UsageError(`no value given for ${refText}`, CHECKIN_EXAMPLE);
    if (seen.has(refText)) throw new UsageError(`${refText} is given twice`, 'Give each key result once per check-in.');
    seen.add(refText);
    return { raw, refText, value };
  });
}

/** The key result (or, to refuse it, objective) an argument names: in full, or by a name only one key result has. */
function resolveArgument(workspace: Workspace, refText: string): Extract<GoalRef, { kind: 'objective' | 'key-result' }> {
  const short = resolveShortRef(workspace, refText, 'key-result');
  // objective/kr that names nothing is more likely team/objective with a typo: said as such below.
  if (short && !(short.kind === 'none' && refText.includes('/'))) return shortRef(refText, short, 'key result');
  const ref = parseRef(refText);
  if (!ref || ref.kind === 'mission') throw new UsageError(`"${refText}" is not a key result reference`, CHECKIN_EXAMPLE);
  return ref;
}

/** Resolves each argument against the workspace and checks the value fits the key result's kind. */
export function planCheckins(workspace: Workspace, args: readonly CheckinArgument[], confidence?: number): CheckinPlan[] {
  const named = new Map<string, string>();
  return args.map((arg) => {
    const ref = resolveArgument(workspace, arg.refText);
    const found = findGoal(workspace, ref);
    const { refText } = arg;
    const full = formatRef(ref);
    const twice = named.get(full);
    if (twice !== undefined) throw new UsageError(`${refText} and ${twice} are the same key result (${full})`, 'Give each key result once per check-in.');
    named.set(full, refText);
    if (found.kind === 'not-found') {
      const all = workspace.objectives.flatMap((o) => o.keyResults.map((kr) => kr.ref));
      const near = ref.kind === 'key-result' ? (closest(refText, all) ?? found.suggestion) : found.suggestion;
      throw new DataError(`unknown key result ${refText}: ${found.message.replace(/^no objective [^:]+: /, '')}${near ? `; did you mean ${near}?` : ''}`, 'Run "okr tree" to see every key result with its reference. Nothing was written.');
    }
    if (found.kind === 'objective') {
      const krs = found.objective.keyResults.filter((kr) => kr.kind !== 'rollup').map((kr) => kr.ref);
      throw new DataError(
        `${refText} is an objective: check in one of its key results`,
        krs.length ? `Its key results: ${krs.slice(0, 6).join(', ')}${krs.length > 6 ? ', …' : ''}.` : 'It has no key results to check in.',
      );
    }
    const kr = found.keyResult;
    if (kr.kind === 'rollup')
      throw new DataError(
        `${refText} is a rollup key result: its progress comes from the objectives aligned to it`,
        `Check in the key results of the objectives aligned to it (okr show ${refText}). Nothing was written.`,
      );
    return { objective: found.objective, keyResult: kr, value: parseValue(kr, refText, arg.value), ...(confidence !== undefined ? { confidence } : {}) };
  });
}

/** The words a milestone's value may be given as: okr's own, and the YAML value they stand for. */
const MILESTONE_WORDS: Readonly<Record<string, boolean>> = { done: true, 'not-done': false, true: true, false: false };

function parseValue(kr: CheckableKeyResult, ref: string, text: string): KeyResultValue {
  if (kr.kind === 'milestone') {
    const done = Object.hasOwn(MILESTONE_WORDS, text.toLowerCase()) ? MILESTONE_WORDS[text.toLowerCase()] : undefined;
    if (done !== undefined) return done;
    throw new DataError(`${ref} is a milestone: its value is done or not-done (or true or false), not "${text}"`, `okr checkin ${ref}=done`);
  }
  if (NUMBER.test(text) && Number.isFinite(Number(text))) return Number(text);
  const what = kr.kind === 'metric' ? `a metric (${kr.start} → ${kr.target}${kr.unit ? ` ${kr.unit}` : ''})` : `a guardrail (keep ${kr.bound.direction} ${kr.bound.value}${kr.unit ? ` ${kr.unit}` : ''})`;
  const typed = readTypedNumber(text);
  // A value with the key result's own unit (0.07% where unit is "%", 380ms where it is "ms") is that number.
  if (typed && !typed.grouped && typed.unit !== undefined && sameUnit(typed.unit, kr.unit)) return typed.value;
  if (typed?.grouped)
    throw new DataError(`${ref}: "${text}" groups digits with commas, which okr does not guess at`, `Write the number alone, with a "." for decimals: okr checkin ${ref}=${typed.plain}`);
  if (typed?.unit !== undefined)
    throw new DataError(
      kr.unit === undefined
        ? `${ref} is ${what} with no unit: its value is a number, not "${text}"`
        : `${ref} is measured in ${kr.unit}, not "${typed.unit}": give the value in ${kr.unit}`,
      kr.unit === undefined
        ? `Write the number alone: okr checkin ${ref}=${typed.plain} (or give the key result a unit in its goal file).`
        : `okr checkin ${ref}=${kr.current} (the number alone, or followed by ${kr.unit})`,
    );
  throw new DataError(`${ref} is ${what}: its value is a number, not "${text}"`, `okr checkin ${ref}=${kr.current}`);
}

/** The note of a check-in from its -m options: one paragraph each. */
export function noteFromMessages(messages: readonly string[] | undefined): string | undefined {
  return messages && messages.length ? messages.join('\n\n') : undefined;
}
