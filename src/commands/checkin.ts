// okr checkin REF=VALUE ...: new values of key results, recorded as one commit holding only the goal
// files it touched (SPEC section 4). With --team and no REF in a terminal, it asks for each value.
import type { Environment } from '../env.js';
import { DataError, ExitCode, UsageError } from '../errors.js';
import { findGoal } from '../model/goal-detail.js';
import type { KeyResultValue } from '../model/history.js';
import { parseRef } from '../model/ids.js';
import { closest } from '../model/suggest.js';
import type { GoalRef, KeyResult, Workspace } from '../model/types.js';
import { checkinReportJson, renderCheckinReport } from '../render/text/checkin.js';
import { textStyle, writeJson } from './open-view.js';
import { currentValue, recordCheckins, type CheckableKeyResult, type CheckinPlan, type RecordResult } from './record-checkins.js';

export interface CheckinOptions {
  dir?: string;
  message?: string[];
  confidence?: number;
  team?: string;
  cycle?: string;
  includeChanges?: boolean;
  commit?: boolean;
  json?: boolean;
}

/** One REF=VALUE argument, checked for form before anything is read. */
export interface CheckinArgument {
  readonly raw: string;
  readonly ref: Extract<GoalRef, { kind: 'objective' | 'key-result' }>;
  readonly value: string;
}

const EXAMPLE = 'Write REF=VALUE, e.g. payments/faster-checkout/p95-latency=420 or payments/faster-checkout/edge-cache=done.';
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseCheckinArguments(args: readonly string[]): CheckinArgument[] {
  const seen = new Set<string>();
  return args.map((raw) => {
    const eq = raw.indexOf('=');
    if (eq < 0) throw new UsageError(`"${raw}" is not REF=VALUE`, EXAMPLE);
    const refText = raw.slice(0, eq).trim();
    const value = raw.slice(eq + 1).trim();
    const ref = parseRef(refText);
    if (!ref || ref.kind === 'mission')
      throw new UsageError(`"${refText}" is not a key result reference`, 'A key result is named team/objective/key-result; ids use letters, digits, ".", "_" and "-".');
    if (value === '') throw new UsageError(`no value given for ${refText}`, EXAMPLE);
    if (seen.has(refText)) throw new UsageError(`${refText} is given twice`, 'Give each key result once per check-in.');
    seen.add(refText);
    return { raw, ref, value };
  });
}

/** Resolves each argument against the workspace and checks the value fits the key result's kind. */
export function planCheckins(workspace: Workspace, args: readonly CheckinArgument[], confidence?: number): CheckinPlan[] {
  return args.map((arg) => {
    const found = findGoal(workspace, arg.ref);
    const refText = arg.raw.slice(0, arg.raw.indexOf('=')).trim();
    if (found.kind === 'not-found') {
      const all = workspace.objectives.flatMap((o) => o.keyResults.map((kr) => kr.ref));
      const near = arg.ref.kind === 'key-result' ? (closest(refText, all) ?? found.suggestion) : found.suggestion;
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

function parseValue(kr: CheckableKeyResult, ref: string, text: string): KeyResultValue {
  if (kr.kind === 'milestone') {
    if (text === 'done') return true;
    if (text === 'not-done') return false;
    throw new DataError(`${ref} is a milestone: its value is done or not-done, not "${text}"`, `okr checkin ${ref}=done`);
  }
  if (NUMBER.test(text) && Number.isFinite(Number(text))) return Number(text);
  const what = kr.kind === 'metric' ? `a metric (${kr.start} → ${kr.target}${kr.unit ? ` ${kr.unit}` : ''})` : `a guardrail (keep ${kr.bound.direction} ${kr.bound.value}${kr.unit ? ` ${kr.unit}` : ''})`;
  throw new DataError(`${ref} is ${what}: its value is a number, not "${text}"`, `okr checkin ${ref}=${kr.current}`);
}

export function noteOf(message: readonly string[] | undefined): string | undefined {
  return message && message.length ? message.join('\n\n') : undefined;
}

const isSet = (value: string | undefined) => value !== undefined && value !== '0' && value !== 'false';

export default async function checkin(env: Environment, args: unknown[], options: CheckinOptions): Promise<number> {
  const changes = (args[0] as string[] | undefined) ?? [];
  const commit = options.commit !== false;
  if (changes.length === 0) {
    if (options.team === undefined)
      throw new UsageError('nothing to check in: give REF=VALUE arguments', `${EXAMPLE} In a terminal, "okr checkin --team <team>" asks for each value.`);
    if (!env.stdin?.isTTY || !env.stdout.isTTY)
      throw new UsageError(
        `okr checkin --team ${options.team} asks for values in a terminal, and this is not one`,
        `Pass the values instead: okr checkin ${options.team}/<objective>/<key-result>=VALUE ...`,
      );
    // Under CI (CI or CONTINUOUS_INTEGRATION set), ink draws only the last frame: the prompts would
    // never show, and okr would seem to hang.
    if (isSet(env.vars.CI) || isSet(env.vars.CONTINUOUS_INTEGRATION))
      throw new UsageError(
        `okr checkin --team ${options.team} asks for values interactively, which does not work with CI set`,
        `Pass the values instead (okr checkin ${options.team}/<objective>/<key-result>=VALUE ...), or unset CI.`,
      );
    const { interactiveCheckin } = await import('./checkin-prompt.js');
    return interactiveCheckin(env, options);
  }
  if (options.team !== undefined) throw new UsageError('--team is for asking in a terminal; with REF=VALUE arguments, leave it out');
  const parsed = parseCheckinArguments(changes);
  const result = await recordCheckins(
    env,
    { dir: options.dir, note: noteOf(options.message), includeChanges: Boolean(options.includeChanges), commit },
    ({ workspace }) => planCheckins(workspace, parsed, options.confidence),
  );
  report(env, result, commit, Boolean(options.json));
  return ExitCode.ok;
}

export function report(env: Environment, result: RecordResult, committed: boolean, json: boolean): void {
  const report = {
    recorded: result.recorded,
    unchanged: result.unchanged.map((p) => ({ ref: p.keyResult.ref, value: currentValue(p.keyResult), unit: unitOf(p.keyResult) })),
    files: result.files,
    commit: result.commit,
    committed,
  };
  if (json) writeJson(env, checkinReportJson(report));
  else env.stdout.write(renderCheckinReport(report, textStyle(env).paint));
}

function unitOf(kr: KeyResult): string | undefined {
  return kr.kind === 'metric' || kr.kind === 'guardrail' ? kr.unit : undefined;
}
