// JSON for the history commands. `okr history` keeps SPEC section 6's shape for a key result,
// {ref, points: [{commit, date, author, value, confidence, note}]} oldest first, adding the key
// result's kind and unit so a value can be read, and its forecast (SPEC section 10); an objective
// lists its key results that way.
// `okr log` and `okr stale` follow the same conventions (snake_case, null for what does not apply).
import type { Feedback } from '../../model/feedback.js';
import type { KeyResultHistory } from '../../model/forecast.js';
import type { HistoryPoint } from '../../model/history.js';
import type { Staleness } from '../../model/staleness.js';
import { unitOf } from '../../model/key-results.js';
import type { KeyResult } from '../../model/types.js';
import { feedbackJson } from './feedback.js';
import { forecastJson, type ForecastJson } from './forecast.js';

export interface HistoryPointJson {
  commit: string;
  date: string;
  author: string;
  value: number | boolean;
  confidence: number | null;
  note: string | null;
}

export interface KeyResultHistoryJson {
  ref: string;
  kind: KeyResult['kind'];
  unit: string | null;
  points: HistoryPointJson[];
  /** SPEC section 10: where the line through this cycle's values lands on its last day; null without one. */
  forecast: ForecastJson | null;
}

export const authorOf = (p: HistoryPoint) => `${p.authorName} <${p.authorEmail}>`;

export function pointJson(p: HistoryPoint): HistoryPointJson {
  return { commit: p.commit, date: p.date, author: authorOf(p), value: p.value, confidence: p.confidence ?? null, note: p.note ?? null };
}

export function keyResultHistoryJson({ keyResult, points, forecast }: KeyResultHistory): KeyResultHistoryJson {
  return { ref: keyResult.ref, kind: keyResult.kind, unit: unitOf(keyResult) ?? null, points: points.map(pointJson), forecast: forecastJson(forecast) };
}

export function objectiveHistoryJson(ref: string, keyResults: readonly KeyResultHistory[]) {
  return { ref, key_results: keyResults.map(keyResultHistoryJson) };
}

export interface LogEntryJson {
  commit: string;
  date: string;
  author: string;
  ref: string;
  team: string;
  previous: number | boolean | null;
  value: number | boolean;
  unit: string | null;
  confidence: number | null;
  note: string | null;
  source: string | null;
  /** "checkin" when okr recorded it (with trailers), "edit" for a hand edit or merged change. */
  via: 'checkin' | 'edit';
}

/** `okr log --json`; with --feedback, `feedback: [...]` (newest first) after the check-ins. */
export function logJson(since: string, until: string, entries: readonly HistoryPoint[], feedback?: readonly Feedback[]) {
  return {
    since,
    until,
    checkins: entries.map(
      (p): LogEntryJson => ({
        commit: p.commit,
        date: p.date,
        author: authorOf(p),
        ref: p.ref,
        team: p.ref.split('/')[0]!,
        previous: p.previous ?? null,
        value: p.value,
        unit: p.unit ?? null,
        confidence: p.confidence ?? null,
        note: p.note ?? null,
        source: p.source ?? null,
        via: p.via,
      }),
    ),
    ...(feedback ? { feedback: feedback.map(feedbackJson) } : {}),
  };
}

export interface StaleEntry {
  readonly keyResult: KeyResult;
  readonly owners: readonly string[];
  readonly staleness: Staleness;
}

export interface StaleKeyResultJson {
  ref: string;
  team: string;
  title: string;
  owners: string[];
  days: number | null;
  last_checkin: { commit: string; date: string; author: string } | null;
}

function staleJson(e: StaleEntry): StaleKeyResultJson {
  const last = e.staleness.last;
  return {
    ref: e.keyResult.ref,
    team: e.keyResult.ref.split('/')[0]!,
    title: e.keyResult.title,
    owners: [...e.owners],
    days: e.staleness.days ?? null,
    last_checkin: last ? { commit: last.commit, date: last.date, author: authorOf(last) } : null,
  };
}

export function staleListJson(asOf: string, staleAfterDays: number, checked: number, entries: readonly StaleEntry[]) {
  return { as_of: asOf, stale_after_days: staleAfterDays, checked, stale: entries.map(staleJson) };
}

export function staleByOwnerJson(asOf: string, staleAfterDays: number, checked: number, groups: readonly { owner: string; entries: readonly StaleEntry[] }[]) {
  return {
    as_of: asOf,
    stale_after_days: staleAfterDays,
    checked,
    owners: groups.map((g) => ({ owner: g.owner, key_results: g.entries.map(staleJson) })),
  };
}
