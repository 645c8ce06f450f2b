// The made-up past of `okr demo`: weekly check-ins by each team that lead, week by week, to the
// values the bundled example holds today. Pure and seeded, so every demo tells the same story: most
// teams check in most weeks, a couple stop a few weeks early (their key results go stale), metrics
// move toward today's value with some noise, milestones get done along the way.
import type { KeyResult, KeyResultValue } from './types.js';

export interface TimelineKeyResult {
  readonly team: string;
  readonly keyResult: KeyResult;
}

export interface TimelineCheckin {
  readonly team: string;
  /** Weeks after the start (0 is the first commit, which holds every team's starting values). */
  readonly week: number;
  /** The value of every key result of the team that week, by reference. */
  readonly values: ReadonlyMap<string, KeyResultValue>;
  /** True when the values are those of today: the file is then exactly as in the example. */
  readonly final: boolean;
  /** A hand edit (no okr trailers) rather than `okr checkin`. */
  readonly byHand: boolean;
  readonly note: string;
}

const NOTES = [
  'Weekly check-in.',
  'Numbers from the Monday dashboard.',
  'Slower week: two people out.',
  'Good progress after the release.',
  'Re-measured after fixing the tracking.',
  'On plan.',
  'Still blocked on the vendor; see the team channel.',
  'Better than expected.',
];

/** mulberry32: a small seeded generator, enough for a reproducible story. */
export function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const decimals = (x: number) => (Number.isInteger(x) ? 0 : Math.min(4, String(x).split('.')[1]?.length ?? 0));

/** The value a key result has today (what its file says); undefined for rollups. */
function today(kr: KeyResult): KeyResultValue | undefined {
  switch (kr.kind) {
    case 'metric':
    case 'guardrail':
      return kr.current;
    case 'milestone':
      return kr.done;
    case 'rollup':
      return undefined;
  }
}

/**
 * The values a key result can take: 0 to 100 for a percentage, nothing below 0 for what is never
 * negative (durations, counts, money), as its own values say.
 */
function rangeOf(kr: KeyResult): { readonly low: number; readonly high: number } {
  const values = kr.kind === 'metric' ? [kr.start, kr.target, kr.current] : kr.kind === 'guardrail' ? [kr.bound.value, kr.current] : [];
  const low = values.every((v) => v >= 0) ? 0 : Number.NEGATIVE_INFINITY;
  const high = 'unit' in kr && kr.unit?.trim() === '%' && values.every((v) => v <= 100) ? 100 : Number.POSITIVE_INFINITY;
  return { low, high };
}

/**
 * Every team's check-ins over `weeks` weeks, in order (week, then team). Teams in `stopEarly` make
 * their last check-in `stopWeeks` before the end.
 */
export function demoTimeline(keyResults: readonly TimelineKeyResult[], weeks: number, seed = 7, stopEarly: ReadonlySet<string> = new Set(), stopWeeks = 4): TimelineCheckin[] {
  const random = seeded(seed);
  const byTeam = new Map<string, KeyResult[]>();
  for (const { team, keyResult } of keyResults) {
    if (today(keyResult) === undefined) continue;
    let list = byTeam.get(team);
    if (!list) byTeam.set(team, (list = []));
    list.push(keyResult);
  }
  // Each milestone done today is done from a week in the second half on.
  const doneFrom = new Map<string, number>();
  const noise = new Map<string, number>();
  for (const list of byTeam.values())
    for (const kr of list) {
      doneFrom.set(kr.ref, Math.floor(weeks / 2 + random() * (weeks / 2)));
      noise.set(kr.ref, 0.04 + random() * 0.06);
    }

  const valueAt = (kr: KeyResult, progress: number): KeyResultValue => {
    const now = today(kr)!;
    if (progress >= 1) return now;
    if (kr.kind === 'milestone') return kr.done && progress * weeks >= doneFrom.get(kr.ref)! ? true : false;
    const n = now as number;
    const places = Math.max(decimals(n), kr.kind === 'metric' ? decimals(kr.start) : 0, 0);
    const round = (x: number) => Number(x.toFixed(places));
    const wobble = (random() - 0.5) * 2 * noise.get(kr.ref)!;
    const { low, high } = rangeOf(kr);
    const within = (x: number) => round(Math.min(high, Math.max(low, x)));
    // A guardrail wobbles around today's value, by less than half its distance to the edge of its
    // range (99.97% availability moves by hundredths, never to 105%).
    if (kr.kind === 'guardrail') return within(n + wobble * Math.min(Math.abs(n), 5 * (n - low), 5 * (high - n)));
    if (kr.kind !== 'metric') return now;
    // From a third of the way at the start of the story to today's value, with some noise.
    const from = kr.start + (n - kr.start) * 0.3;
    const span = n - kr.start || 1;
    return within(from + (n - from) * progress + span * wobble * (1 - progress));
  };

  const checkins: TimelineCheckin[] = [];
  const teams = [...byTeam.keys()];
  for (let week = 0; week <= weeks; week++)
    for (const team of teams) {
      // A short story stops the quiet teams after half of it at most.
      const last = stopEarly.has(team) ? weeks - Math.min(stopWeeks, Math.floor(weeks / 2)) : weeks;
      if (week > last) continue;
      const due = week === 0 || week === last || random() < 0.8;
      if (!due) continue;
      const progress = week / last;
      const values = new Map<string, KeyResultValue>();
      for (const kr of byTeam.get(team)!) values.set(kr.ref, valueAt(kr, progress));
      checkins.push({
        team,
        week,
        values,
        final: week === last,
        byHand: week > 0 && random() < 0.15,
        note: week === 0 ? '' : NOTES[Math.floor(random() * NOTES.length)]!,
      });
    }
  return checkins;
}
