// Builds model objects directly (no files) for the roll-up tests: small, exact, and fast enough to
// make workspaces of tens of thousands of objectives.
import { parseRef } from '../../src/model/ids.js';
import type { Cycle, KeyResult, Objective, Team, Workspace } from '../../src/model/types.js';

const origin = { file: 'test.yaml', path: [] };

export type KeyResultSpec =
  | { id: string; start: number; target: number; current?: number; weight?: number; unit?: string; confidence?: number }
  | { id: string; done: boolean; weight?: number }
  | { id: string; rollup: true; weight?: number }
  | { id: string; keep_below: number; current: number; weight?: number }
  | { id: string; keep_above: number; current: number; weight?: number };

export function keyResult(objectiveRef: string, spec: KeyResultSpec): KeyResult {
  const common = { id: spec.id, ref: `${objectiveRef}/${spec.id}`, title: `KR ${spec.id}`, weight: spec.weight ?? 1, origin };
  if ('start' in spec)
    return {
      ...common,
      kind: 'metric',
      start: spec.start,
      target: spec.target,
      current: spec.current ?? spec.start,
      ...(spec.unit !== undefined ? { unit: spec.unit } : {}),
      ...(spec.confidence !== undefined ? { confidence: spec.confidence } : {}),
    };
  if ('done' in spec) return { ...common, kind: 'milestone', done: spec.done };
  if ('rollup' in spec) return { ...common, kind: 'rollup' };
  if ('keep_below' in spec) return { ...common, kind: 'guardrail', bound: { direction: 'below', value: spec.keep_below }, current: spec.current };
  return { ...common, kind: 'guardrail', bound: { direction: 'above', value: spec.keep_above }, current: spec.current };
}

export interface ObjectiveSpec {
  /** `team/objective` */
  ref: string;
  cycle?: string;
  alignsTo?: string | string[];
  weight?: number;
  krs: KeyResultSpec[];
}

export function objective(spec: ObjectiveSpec): Objective {
  const [team, id] = spec.ref.split('/') as [string, string];
  const aligns = spec.alignsTo === undefined ? [] : Array.isArray(spec.alignsTo) ? spec.alignsTo : [spec.alignsTo];
  return {
    id,
    team,
    cycle: spec.cycle ?? 'Q4',
    ref: spec.ref,
    title: `Objective ${spec.ref}`,
    alignsTo: aligns.map((raw) => ({ raw, target: parseRef(raw, team), origin })),
    values: [],
    weight: spec.weight ?? 1,
    keyResults: spec.krs.map((kr) => keyResult(spec.ref, kr)),
    origin,
  };
}

export const YEAR: Cycle = { id: 'Y', start: '2026-01-01', end: '2026-12-31', origin };
export const QUARTER: Cycle = { id: 'Q4', start: '2026-10-01', end: '2026-12-31', origin };

export function workspace(objectives: (ObjectiveSpec | Objective)[], cycles: Cycle[] = [YEAR, QUARTER], mission = 'The mission'): Workspace {
  const built = objectives.map((o) => ('krs' in o ? objective(o) : o));
  const teams = new Map<string, Team>();
  for (const o of built) if (!teams.has(o.team)) teams.set(o.team, { id: o.team, name: o.team.toUpperCase(), owners: [], origin });
  return {
    config: { version: 1, mission, values: [], cycles, staleAfterDays: 14, rules: {}, origin },
    teams: new Map([...teams].sort(([a], [b]) => (a < b ? -1 : 1))),
    objectives: built,
    goalFiles: [],
  };
}
