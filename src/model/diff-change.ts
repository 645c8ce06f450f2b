// The changes a semantic diff reports: their kinds, the values they carry, how they are sorted and
// counted. Pure.
/** A JSON-like value a change carries as `before` / `after`. Object keys are camelCase here. */
export type DiffValue = null | string | number | boolean | readonly DiffValue[] | { readonly [key: string]: DiffValue };

export const CHANGE_KINDS = [
  // okr.yaml
  'mission-changed',
  'organization-changed',
  'cycle-added',
  'cycle-removed',
  'cycle-changed',
  'cycle-closed',
  'guiding-value-added',
  'guiding-value-removed',
  'guiding-value-changed',
  'rule-changed',
  'setting-changed',
  // teams
  'team-added',
  'team-removed',
  'team-renamed',
  'team-name-changed',
  'team-parent-changed',
  'team-owners-changed',
  'team-purpose-changed',
  // objectives
  'objective-added',
  'objective-removed',
  'objective-renamed',
  'objective-cycle-changed',
  'alignment-changed',
  'values-changed',
  // key results
  'key-result-added',
  'key-result-removed',
  'key-result-renamed',
  'kind-changed',
  'target-changed',
  'start-changed',
  'bound-changed',
  'value-changed',
  'unit-changed',
  'confidence-changed',
  'source-changed',
  // objectives and key results
  'title-changed',
  'description-changed',
  'owner-changed',
  'weight-changed',
  'grade-changed',
] as const;

export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The progress of one goal (or `mission`) before and after; null where the goal does not exist. */
export interface ProgressStep {
  readonly ref: string;
  readonly before: number | null;
  readonly after: number | null;
}

export interface GoalChange {
  readonly kind: ChangeKind;
  /**
   * What changed: a goal ref (`team/objective[/kr]`) named as in head (a removed goal keeps its id,
   * under its team's and objective's names in head), a team id, a cycle id, a guiding value id, a
   * rule name, `mission`, `organization` or a setting's key.
   */
  readonly ref: string;
  /** The team the change belongs to (as in head); null for changes to okr.yaml. */
  readonly team: string | null;
  readonly before: DiffValue;
  readonly after: DiffValue;
  /** The key result's unit, for numbers that have one. */
  readonly unit: string | null;
  /** A target moved back toward the start, or a guardrail's bound loosened. */
  readonly madeEasier: boolean;
  /** Progress of the goal and of each goal above it that moved, up to the mission (mission last). */
  readonly effect: readonly ProgressStep[];
}

export type ChangeCategory = 'added' | 'removed' | 'renamed' | 'changed';

export function categoryOf(kind: ChangeKind): ChangeCategory {
  if (kind.endsWith('-added')) return 'added';
  if (kind.endsWith('-removed')) return 'removed';
  if (kind.endsWith('-renamed')) return 'renamed';
  return 'changed';
}

export interface DiffSummary {
  readonly changes: number;
  readonly added: number;
  readonly removed: number;
  readonly renamed: number;
  readonly changed: number;
  readonly madeEasier: number;
  /** Teams with at least one change, in order. */
  readonly teams: readonly string[];
  /** The mission's progress before and after, when a change moved it. */
  readonly mission: ProgressStep | undefined;
}

export function summarizeDiff(changes: readonly GoalChange[]): DiffSummary {
  const counts = { added: 0, removed: 0, renamed: 0, changed: 0 };
  const teams: string[] = [];
  let madeEasier = 0;
  let mission: ProgressStep | undefined;
  for (const c of changes) {
    counts[categoryOf(c.kind)]++;
    if (c.madeEasier) madeEasier++;
    if (c.team !== null && teams[teams.length - 1] !== c.team) teams.push(c.team);
    mission ??= c.effect.find((s) => s.ref === 'mission');
  }
  return { changes: changes.length, ...counts, madeEasier, teams: [...new Set(teams)], mission };
}

export class ChangeList {
  private readonly changes: GoalChange[] = [];

  add(
    kind: ChangeKind,
    ref: string,
    team: string | null,
    before: DiffValue,
    after: DiffValue,
    extra: { unit?: string | undefined; madeEasier?: boolean } = {},
  ): void {
    this.changes.push({ kind, ref, team, before, after, unit: extra.unit ?? null, madeEasier: extra.madeEasier ?? false, effect: [] });
  }

  /** If `before` and `after` differ, adds the change. */
  compare(kind: ChangeKind, ref: string, team: string | null, before: DiffValue, after: DiffValue, unit?: string): void {
    if (!sameValue(before, after)) this.add(kind, ref, team, before, after, { unit });
  }

  /** okr.yaml first, then by team, then by ref segment by segment (an objective before its key results). */
  sorted(): GoalChange[] {
    const keyed = this.changes.map((c, i) => ({ c, i, team: c.team, parts: c.team === null ? [] : c.ref.split('/') }));
    keyed.sort((a, b) => {
      if (a.team !== b.team) return a.team === null ? -1 : b.team === null ? 1 : a.team < b.team ? -1 : 1;
      if (a.team === null) return a.i - b.i;
      // Team-level changes (ref = the team id) come before the team's goals.
      const aTeamLevel = a.c.ref === a.team && TEAM_KINDS.has(a.c.kind);
      const bTeamLevel = b.c.ref === b.team && TEAM_KINDS.has(b.c.kind);
      if (aTeamLevel !== bTeamLevel) return aTeamLevel ? -1 : 1;
      for (let k = 0; k < Math.min(a.parts.length, b.parts.length); k++)
        if (a.parts[k] !== b.parts[k]) return a.parts[k]! < b.parts[k]! ? -1 : 1;
      return a.parts.length - b.parts.length || a.i - b.i;
    });
    return keyed.map((k) => k.c);
  }
}

const TEAM_KINDS: ReadonlySet<ChangeKind> = new Set(CHANGE_KINDS.filter((kind) => kind.startsWith('team-')));

export function sameValue(a: DiffValue, b: DiffValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as readonly DiffValue[];
    return a.length === bs.length && a.every((x, i) => sameValue(x, bs[i]!));
  }
  const ao = a as { readonly [key: string]: DiffValue };
  const bo = b as { readonly [key: string]: DiffValue };
  const keys = Object.keys(ao);
  return keys.length === Object.keys(bo).length && keys.every((k) => Object.hasOwn(bo, k) && sameValue(ao[k]!, bo[k]!));
}

export function sourceValue(source: { file: string; pointer: string } | undefined): DiffValue {
  return source ? { file: source.file, pointer: source.pointer } : null;
}
