// The semantic diff of two workspaces: what a change to the goal files means (goals added, removed,
// renamed, re-aimed, re-aligned, checked in) and how it moves progress up to the mission. Pure.
import { formatRef } from './ids.js';
import type { Alignment, Config, GoalRef, KeyResult, Objective, RuleSetting, Team, Workspace } from './types.js';

/** A JSON-like value a change carries as `before` / `after`. Object keys are camelCase here. */
export type DiffValue = null | string | number | boolean | readonly DiffValue[] | { readonly [key: string]: DiffValue };

export const CHANGE_KINDS = [
  // okr.yaml
  'mission-changed',
  'organization-changed',
  'cycle-added',
  'cycle-removed',
  'cycle-changed',
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

/** What the diff needs of a roll-up: progress by ref (undefined for an unknown ref). */
export interface ProgressLookup {
  objective(ref: string): number | undefined;
  keyResult(ref: string): number | undefined;
  readonly mission: number;
}

export interface DiffSide {
  readonly workspace: Workspace;
  /** The roll-up of this side; without it, changes carry no effect. */
  readonly progress?: ProgressLookup;
}

/** The semantic changes from `base` to `head`, grouped by team, each with its effect on progress. */
export function diffWorkspaces(base: DiffSide, head: DiffSide): GoalChange[] {
  const pairing = pairGoals(base.workspace, head.workspace);
  const emitter = new ChangeList();
  diffConfig(base.workspace.config, head.workspace.config, emitter);
  diffTeams(pairing, emitter);
  diffObjectives(pairing, emitter);
  const changes = emitter.sorted();
  if (!base.progress || !head.progress) return changes;
  const effects = new EffectWalker(pairing, base.progress, head.progress);
  return changes.map((c) => (MOVES_PROGRESS.has(c.kind) ? { ...c, effect: effects.from(c.ref) } : c));
}

/** Kinds that can move progress somewhere; the others (titles, owners...) carry no effect. */
const MOVES_PROGRESS: ReadonlySet<ChangeKind> = new Set<ChangeKind>([
  'objective-added',
  'objective-removed',
  'alignment-changed',
  'key-result-added',
  'key-result-removed',
  'kind-changed',
  'target-changed',
  'start-changed',
  'bound-changed',
  'value-changed',
  'weight-changed',
]);

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

// ---------------------------------------------------------------------------------------------
// Pairing: which goal in head is which goal in base (same id, or renamed with the same content).

interface Pairing {
  readonly base: Workspace;
  readonly head: Workspace;
  /** base team id -> head team id, for teams present on both sides. */
  readonly teams: Map<string, string>;
  readonly renamedTeams: Set<string>;
  /** Each base objective that has a counterpart in head (a repeated id pairs copy by copy). */
  readonly objectivePairs: Map<Objective, Counterpart<Objective>>;
  readonly keyResultPairs: Map<KeyResult, Counterpart<KeyResult>>;
  /**
   * base ref -> head ref of paired goals whose ref changed (renamed, or in a renamed team), for
   * renaming references; the first of a repeated ref. Empty when nothing was renamed.
   */
  readonly objectives: Map<string, string>;
  readonly keyResults: Map<string, string>;
  /** head ref -> base ref: the same pairs the other way. */
  readonly baseNameOf: Map<string, string>;
  /** Whether anything was renamed: without renames, every ref means the same on both sides. */
  hasRenames: boolean;
  /** The objective each ref names (the first when ids repeat, as the roll-up counts them). */
  readonly baseObjectives: ReadonlyMap<string, Objective>;
  readonly headObjectives: ReadonlyMap<string, Objective>;
  /** Every objective by team, in file order. */
  readonly baseByTeam: ReadonlyMap<string, Objective[]>;
  readonly headByTeam: ReadonlyMap<string, Objective[]>;
}

interface Counterpart<T> {
  readonly head: T;
  readonly renamed: boolean;
}

function firstByRef(objectives: readonly Objective[]): Map<string, Objective> {
  const byRef = new Map<string, Objective>();
  for (const o of objectives) if (!byRef.has(o.ref)) byRef.set(o.ref, o);
  return byRef;
}

function groupByTeam(objectives: Iterable<Objective>): Map<string, Objective[]> {
  const byTeam = new Map<string, Objective[]>();
  for (const o of objectives) {
    let list = byTeam.get(o.team);
    if (!list) byTeam.set(o.team, (list = []));
    list.push(o);
  }
  return byTeam;
}

function pairGoals(base: Workspace, head: Workspace): Pairing {
  const baseObjectives = firstByRef(base.objectives);
  const headObjectives = firstByRef(head.objectives);
  const pairing: Pairing = {
    base,
    head,
    teams: new Map(),
    renamedTeams: new Set(),
    objectivePairs: new Map(),
    keyResultPairs: new Map(),
    objectives: new Map(),
    keyResults: new Map(),
    baseNameOf: new Map(),
    hasRenames: false,
    baseObjectives,
    headObjectives,
    baseByTeam: groupByTeam(base.objectives),
    headByTeam: groupByTeam(head.objectives),
  };
  pairTeams(pairing);
  pairObjectives(pairing);
  for (const [b, { head: h }] of pairing.objectivePairs) pairKeyResults(pairing, b, h);
  return pairing;
}

/**
 * Pairs items by key, then pairs what is left on each side by content (a rename): the first
 * unpaired base item whose signature equals an unpaired head item's. Returns [base, head, renamed].
 */
function pairBy<B, H>(
  baseItems: readonly B[],
  headItems: readonly H[],
  baseKey: (b: B) => string,
  headKey: (h: H) => string,
  baseSignature: (b: B) => string,
  headSignature: (h: H) => string,
): { pairs: [B, H, boolean][]; removed: B[]; added: H[] } {
  // The usual case, cheaply: the same keys in the same order.
  if (baseItems.length === headItems.length && baseItems.every((b, i) => baseKey(b) === headKey(headItems[i]!)))
    return { pairs: baseItems.map((b, i) => [b, headItems[i]!, false]), removed: [], added: [] };
  // A key repeated (a duplicate id, an error okr check reports) pairs copy by copy, in order.
  const headByKey = new Map<string, H[]>();
  for (const h of headItems) {
    const list = headByKey.get(headKey(h));
    if (list) list.push(h);
    else headByKey.set(headKey(h), [h]);
  }
  const pairs: [B, H, boolean][] = [];
  const taken = new Set<H>();
  const unpairedBase: B[] = [];
  for (const b of baseItems) {
    const h = headByKey.get(baseKey(b))?.shift();
    if (h !== undefined) {
      pairs.push([b, h, false]);
      taken.add(h);
    } else unpairedBase.push(b);
  }
  const unpairedHead = headItems.filter((h) => !taken.has(h));
  if (unpairedBase.length === 0 || unpairedHead.length === 0) return { pairs, removed: unpairedBase, added: unpairedHead };
  const candidates = new Map<string, H[]>();
  for (const h of unpairedHead) {
    const sig = headSignature(h);
    const list = candidates.get(sig);
    if (list) list.push(h);
    else candidates.set(sig, [h]);
  }
  const removed: B[] = [];
  for (const b of unpairedBase) {
    const h = candidates.get(baseSignature(b))?.shift();
    if (h === undefined) removed.push(b);
    else {
      pairs.push([b, h, true]);
      taken.add(h);
    }
  }
  return { pairs, removed, added: unpairedHead.filter((h) => !taken.has(h)) };
}

function pairTeams(p: Pairing): void {
  // A team's signature for rename detection: its team.yaml and its goals, with its own id hidden
  // (a renamed folder renames every ref inside it, bare or written out).
  const signature = (team: Team, objectives: readonly Objective[] | undefined) =>
    JSON.stringify([
      team.name,
      team.parent ?? null,
      team.owners,
      team.purpose ?? null,
      (objectives ?? []).map((o) => [o.id, objectiveSignature(o, (ref) => hideTeam(ref, team.id))]),
    ]);
  const { pairs } = pairBy(
    [...p.base.teams.values()],
    [...p.head.teams.values()],
    (t) => t.id,
    (t) => t.id,
    (t) => signature(t, p.baseByTeam.get(t.id)),
    (t) => signature(t, p.headByTeam.get(t.id)),
  );
  for (const [b, h, renamed] of pairs) {
    p.teams.set(b.id, h.id);
    if (renamed) {
      p.renamedTeams.add(b.id);
      p.hasRenames = true;
    }
  }
}

function hideTeam(ref: string, team: string): string {
  return ref === team || ref.startsWith(`${team}/`) ? `\u0000${ref.slice(team.length)}` : ref;
}

function pairObjectives(p: Pairing): void {
  const teams = new Set([...p.teams.values(), ...p.headByTeam.keys()]);
  const baseTeamOf = new Map([...p.teams].map(([b, h]) => [h, b]));
  for (const headTeam of teams) {
    const baseTeam = baseTeamOf.get(headTeam) ?? (p.base.teams.has(headTeam) ? undefined : headTeam);
    const baseList = baseTeam === undefined ? [] : (p.baseByTeam.get(baseTeam) ?? []);
    const headList = p.headByTeam.get(headTeam) ?? [];
    const { pairs } = pairBy(
      baseList,
      headList,
      (o) => o.id,
      (o) => o.id,
      (o) => objectiveSignature(o, (ref) => mapBaseRef(p, ref)),
      (o) => objectiveSignature(o, (ref) => ref),
    );
    for (const [b, h, renamed] of pairs) {
      p.objectivePairs.set(b, { head: h, renamed });
      if (b.ref !== h.ref && !p.objectives.has(b.ref)) {
        p.objectives.set(b.ref, h.ref);
        p.baseNameOf.set(h.ref, b.ref);
        p.hasRenames = true;
      }
    }
  }
}

function pairKeyResults(p: Pairing, base: Objective, head: Objective): void {
  const { pairs } = pairBy(
    base.keyResults,
    head.keyResults,
    (k) => k.id,
    (k) => k.id,
    keyResultSignature,
    keyResultSignature,
  );
  for (const [b, h, renamed] of pairs) {
    p.keyResultPairs.set(b, { head: h, renamed });
    if (b.ref !== h.ref && !p.keyResults.has(b.ref)) {
      p.keyResults.set(b.ref, h.ref);
      p.baseNameOf.set(h.ref, b.ref);
      p.hasRenames = true;
    }
  }
}

/** An objective's content without its id, and without its key results' current values. */
function objectiveSignature(o: Objective, mapRef: (ref: string) => string): string {
  return JSON.stringify([
    o.title,
    o.cycle,
    alignmentList(o.alignsTo, mapRef).sort(),
    o.values,
    o.owner ?? null,
    o.weight,
    o.description ?? null,
    o.keyResults.map((k) => [k.id, keyResultSignature(k)]),
  ]);
}

/** A key result's content without its id, and without what a check-in changes (current, done, confidence). */
function keyResultSignature(k: KeyResult): string {
  const common = [k.kind, k.title, k.weight, k.owner ?? null, k.description ?? null];
  switch (k.kind) {
    case 'metric':
      return JSON.stringify([...common, k.start, k.target, k.unit ?? null, sourceValue(k.source)]);
    case 'guardrail':
      return JSON.stringify([...common, k.bound.direction, k.bound.value, k.unit ?? null, sourceValue(k.source)]);
    case 'milestone':
    case 'rollup':
      return JSON.stringify(common);
  }
}

/** A base ref (`team`, `team/objective` or `team/objective/kr`) as it is called in head. */
function mapBaseRef(p: Pairing, ref: string): string {
  if (!p.hasRenames) return ref;
  const direct = p.keyResults.get(ref) ?? p.objectives.get(ref);
  if (direct !== undefined) return direct;
  const parts = ref.split('/');
  if (parts.length === 3) return `${mapBaseRef(p, `${parts[0]}/${parts[1]}`)}/${parts[2]}`;
  if (parts.length === 2) return `${p.teams.get(parts[0]!) ?? parts[0]}/${parts[1]}`;
  return p.teams.get(ref) ?? ref;
}

function alignmentText(a: Alignment, mapRef: (ref: string) => string): string {
  return a.target ? (a.target.kind === 'mission' ? 'mission' : mapRef(formatRef(a.target))) : a.raw;
}

/** Whether two alignment lists name the same goals in the same order (the cheap check before sorting). */
function sameAlignment(base: readonly Alignment[], head: readonly Alignment[], mapRef: (ref: string) => string): boolean {
  if (base.length !== head.length) return false;
  for (let i = 0; i < base.length; i++) if (alignmentText(base[i]!, mapRef) !== alignmentText(head[i]!, (r) => r)) return false;
  return true;
}

function alignmentList(alignments: readonly Alignment[], mapRef: (ref: string) => string): string[] {
  return alignments.map((a) => alignmentText(a, mapRef));
}

// ---------------------------------------------------------------------------------------------
// Emitting changes.

class ChangeList {
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

function diffConfig(base: Config, head: Config, out: ChangeList): void {
  out.compare('organization-changed', 'organization', null, base.organization ?? null, head.organization ?? null);
  out.compare('mission-changed', 'mission', null, base.mission, head.mission);

  const baseCycles = new Map(base.cycles.map((c) => [c.id, c]));
  const headCycles = new Map(head.cycles.map((c) => [c.id, c]));
  for (const [id, c] of baseCycles) {
    const h = headCycles.get(id);
    if (!h) out.add('cycle-removed', id, null, { start: c.start, end: c.end }, null);
    else out.compare('cycle-changed', id, null, { start: c.start, end: c.end }, { start: h.start, end: h.end });
  }
  for (const [id, c] of headCycles) if (!baseCycles.has(id)) out.add('cycle-added', id, null, null, { start: c.start, end: c.end });

  const baseValues = new Map(base.values.map((v) => [v.id, v]));
  const headValues = new Map(head.values.map((v) => [v.id, v]));
  for (const [id, v] of baseValues) {
    const h = headValues.get(id);
    if (!h) out.add('guiding-value-removed', id, null, v.title, null);
    else out.compare('guiding-value-changed', id, null, v.title, h.title);
  }
  for (const [id, v] of headValues) if (!baseValues.has(id)) out.add('guiding-value-added', id, null, null, v.title);

  const rules = [...new Set([...Object.keys(base.rules), ...Object.keys(head.rules)])].sort();
  for (const name of rules) out.compare('rule-changed', name, null, ruleValue(base.rules[name]), ruleValue(head.rules[name]));
  out.compare('setting-changed', 'checkins.stale_after_days', null, base.staleAfterDays, head.staleAfterDays);
}

/** A rule setting as written in okr.yaml: `warn`, or `[warn, 5]`. */
function ruleValue(setting: RuleSetting | undefined): DiffValue {
  if (!setting) return null;
  return setting.option === undefined ? setting.severity : [setting.severity, setting.option];
}

export function teamSnapshot(t: Team): DiffValue {
  return { name: t.name, parent: t.parent ?? null, owners: t.owners, purpose: t.purpose ?? null };
}

function diffTeams(p: Pairing, out: ChangeList): void {
  const pairedHead = new Set(p.teams.values());
  for (const [id, team] of p.base.teams) {
    const headId = p.teams.get(id);
    if (headId === undefined) {
      out.add('team-removed', id, id, teamSnapshot(team), null);
      continue;
    }
    const h = p.head.teams.get(headId)!;
    if (p.renamedTeams.has(id)) out.add('team-renamed', headId, headId, id, headId);
    out.compare('team-name-changed', headId, headId, team.name, h.name);
    const parent = team.parent === undefined ? null : (p.teams.get(team.parent) ?? team.parent);
    out.compare('team-parent-changed', headId, headId, parent, h.parent ?? null);
    out.compare('team-owners-changed', headId, headId, team.owners, h.owners);
    out.compare('team-purpose-changed', headId, headId, team.purpose ?? null, h.purpose ?? null);
  }
  for (const [id, team] of p.head.teams) if (!pairedHead.has(id)) out.add('team-added', id, id, null, teamSnapshot(team));
}

export function objectiveSnapshot(o: Objective, mapRef: (ref: string) => string = (r) => r): DiffValue {
  return {
    title: o.title,
    cycle: o.cycle,
    alignsTo: alignmentList(o.alignsTo, mapRef),
    values: o.values,
    owner: o.owner ?? null,
    weight: o.weight,
    keyResults: o.keyResults.map((k) => keyResultSnapshot(k, true)),
  };
}

export function keyResultSnapshot(k: KeyResult, withId = false): DiffValue {
  return {
    ...(withId ? { id: k.id } : {}),
    kind: k.kind,
    title: k.title,
    weight: k.weight,
    start: k.kind === 'metric' ? k.start : null,
    target: k.kind === 'metric' ? k.target : null,
    current: k.kind === 'metric' || k.kind === 'guardrail' ? k.current : null,
    unit: (k.kind === 'metric' || k.kind === 'guardrail' ? k.unit : undefined) ?? null,
    done: k.kind === 'milestone' ? k.done : null,
    keepBelow: k.kind === 'guardrail' && k.bound.direction === 'below' ? k.bound.value : null,
    keepAbove: k.kind === 'guardrail' && k.bound.direction === 'above' ? k.bound.value : null,
    confidence: k.confidence ?? null,
    owner: k.owner ?? null,
  };
}

function diffObjectives(p: Pairing, out: ChangeList): void {
  const pairedHead = new Set<Objective>();
  const mapRef = (ref: string) => mapBaseRef(p, ref);
  for (const b of p.base.objectives) {
    const pair = p.objectivePairs.get(b);
    if (pair === undefined) {
      out.add('objective-removed', mapRef(b.ref), p.teams.get(b.team) ?? b.team, objectiveSnapshot(b, mapRef), null);
      continue;
    }
    const h = pair.head;
    pairedHead.add(h);
    const headRef = h.ref;
    const team = h.team;
    if (pair.renamed) out.add('objective-renamed', headRef, team, b.ref, headRef);
    out.compare('objective-cycle-changed', headRef, team, b.cycle, h.cycle);
    out.compare('title-changed', headRef, team, b.title, h.title);
    out.compare('description-changed', headRef, team, b.description ?? null, h.description ?? null);
    if (!sameAlignment(b.alignsTo, h.alignsTo, mapRef)) {
      const baseAlign = alignmentList(b.alignsTo, mapRef);
      const headAlign = alignmentList(h.alignsTo, (r) => r);
      if (!sameValue([...baseAlign].sort(), [...headAlign].sort())) out.add('alignment-changed', headRef, team, baseAlign, headAlign);
    }
    if (!sameValue(b.values, h.values) && !sameValue([...b.values].sort(), [...h.values].sort()))
      out.add('values-changed', headRef, team, b.values, h.values);
    out.compare('owner-changed', headRef, team, b.owner ?? null, h.owner ?? null);
    out.compare('weight-changed', headRef, team, b.weight, h.weight);
    diffKeyResults(p, b, h, out);
  }
  for (const h of p.head.objectives) if (!pairedHead.has(h)) out.add('objective-added', h.ref, h.team, null, objectiveSnapshot(h));
}

function diffKeyResults(p: Pairing, base: Objective, head: Objective, out: ChangeList): void {
  const team = head.team;
  const pairedHead = new Set<KeyResult>();
  for (const b of base.keyResults) {
    const pair = p.keyResultPairs.get(b);
    if (pair === undefined) {
      out.add('key-result-removed', `${head.ref}/${b.id}`, team, keyResultSnapshot(b), null, { unit: unitOf(b) });
      continue;
    }
    pairedHead.add(pair.head);
    if (pair.renamed) out.add('key-result-renamed', pair.head.ref, team, b.ref, pair.head.ref);
    diffKeyResult(b, pair.head, team, out);
  }
  for (const h of head.keyResults)
    if (!pairedHead.has(h)) out.add('key-result-added', h.ref, team, null, keyResultSnapshot(h), { unit: unitOf(h) });
}

function unitOf(k: KeyResult): string | undefined {
  return k.kind === 'metric' || k.kind === 'guardrail' ? k.unit : undefined;
}

function sourceValue(source: { file: string; pointer: string } | undefined): DiffValue {
  return source ? { file: source.file, pointer: source.pointer } : null;
}

function diffKeyResult(b: KeyResult, h: KeyResult, team: string, out: ChangeList): void {
  const ref = h.ref;
  if (b.kind !== h.kind) out.add('kind-changed', ref, team, keyResultSnapshot(b), keyResultSnapshot(h), { unit: unitOf(h) });
  out.compare('title-changed', ref, team, b.title, h.title);
  out.compare('description-changed', ref, team, b.description ?? null, h.description ?? null);
  out.compare('owner-changed', ref, team, b.owner ?? null, h.owner ?? null);
  out.compare('weight-changed', ref, team, b.weight, h.weight);
  if (b.kind !== h.kind) {
    out.compare('confidence-changed', ref, team, b.confidence ?? null, h.confidence ?? null);
    return; // the kind-changed change shows both sides whole; field by field would compare unlike things
  }
  const unit = unitOf(h) ?? unitOf(b);
  if (b.kind === 'metric' && h.kind === 'metric') {
    out.compare('start-changed', ref, team, b.start, h.start, unit);
    if (b.target !== h.target) out.add('target-changed', ref, team, b.target, h.target, { unit, madeEasier: targetMadeEasier(b, h) });
    out.compare('value-changed', ref, team, b.current, h.current, unit);
  } else if (b.kind === 'guardrail' && h.kind === 'guardrail') {
    const before = { [b.bound.direction === 'below' ? 'keepBelow' : 'keepAbove']: b.bound.value };
    const after = { [h.bound.direction === 'below' ? 'keepBelow' : 'keepAbove']: h.bound.value };
    if (!sameValue(before, after)) out.add('bound-changed', ref, team, before, after, { unit, madeEasier: guardrailLoosened(b, h) });
    out.compare('value-changed', ref, team, b.current, h.current, unit);
  } else if (b.kind === 'milestone' && h.kind === 'milestone') {
    out.compare('value-changed', ref, team, b.done, h.done);
  }
  out.compare('unit-changed', ref, team, unitOf(b) ?? null, unitOf(h) ?? null);
  if ((b.kind === 'metric' || b.kind === 'guardrail') && (h.kind === 'metric' || h.kind === 'guardrail'))
    out.compare('source-changed', ref, team, sourceValue(b.source), sourceValue(h.source));
  out.compare('confidence-changed', ref, team, b.confidence ?? null, h.confidence ?? null);
}

/**
 * A metric's target moved back toward where it started: lowered when higher is better, raised when
 * lower is better (the direction is the base's: target above start means higher is better).
 */
export function targetMadeEasier(b: { start: number; target: number }, h: { target: number }): boolean {
  const direction = Math.sign(b.target - b.start);
  return direction !== 0 && Math.sign(h.target - b.target) === -direction;
}

/** A guardrail's bound loosened: keep_below raised, or keep_above lowered (same direction only). */
export function guardrailLoosened(
  b: { bound: { direction: 'below' | 'above'; value: number } },
  h: { bound: { direction: 'below' | 'above'; value: number } },
): boolean {
  if (b.bound.direction !== h.bound.direction) return false;
  return b.bound.direction === 'below' ? h.bound.value > b.bound.value : h.bound.value < b.bound.value;
}

// ---------------------------------------------------------------------------------------------
// Effects: the progress of a changed goal and of the goals above it, before and after.

/**
 * Walks up from a goal along the links progress flows by (see parentLinks), using the links of both
 * sides, so a re-aligned objective shows its old parents and its new ones. Each goal reached is
 * listed when its progress moved between the sides: the move of the whole diff, which other changes
 * feeding the same goal share.
 */
class EffectWalker {
  /** head team id -> base team id, for renamed teams. */
  private readonly baseTeamOf = new Map<string, string>();

  constructor(
    private readonly p: Pairing,
    private readonly base: ProgressLookup,
    private readonly head: ProgressLookup,
  ) {
    for (const baseTeam of p.renamedTeams) this.baseTeamOf.set(p.teams.get(baseTeam)!, baseTeam);
  }

  /** The steps whose progress moved, from the goal (named as in head) up to the mission. */
  from(ref: string): ProgressStep[] {
    if (ref.split('/').length < 2) return [];
    const order: string[] = [];
    const seen = new Set<string>([ref]);
    const queue = [ref];
    let reachesMission = false;
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i]!;
      order.push(node);
      for (const parent of this.parentsOf(node)) {
        if (parent === 'mission') reachesMission = true;
        else if (!seen.has(parent)) {
          seen.add(parent);
          queue.push(parent);
        }
      }
    }
    const steps: ProgressStep[] = [];
    for (const node of order) {
      const step = this.step(node);
      if (moved(step)) steps.push(step);
    }
    const mission = { ref: 'mission', before: this.base.mission, after: this.head.mission };
    if (reachesMission && moved(mission)) steps.push(mission);
    return steps;
  }

  /** Where progress flows from a goal, on either side (base links named as in head). */
  private parentsOf(name: string): string[] {
    const cut = name.lastIndexOf('/');
    if (name.indexOf('/') !== cut) return [name.slice(0, cut)]; // a key result feeds its objective
    const parents = feeds(this.p.headObjectives, this.p.headObjectives.get(name), (r) => r);
    const baseRef = this.baseRefOf(name);
    for (const parent of feeds(this.p.baseObjectives, this.p.baseObjectives.get(baseRef), (r) => mapBaseRef(this.p, r)))
      if (!parents.includes(parent)) parents.push(parent);
    return parents;
  }

  private step(ref: string): ProgressStep {
    const isKeyResult = ref.indexOf('/') !== ref.lastIndexOf('/');
    const lookup = (side: ProgressLookup, r: string) => (isKeyResult ? side.keyResult(r) : side.objective(r)) ?? null;
    return { ref, before: lookup(this.base, this.baseRefOf(ref)), after: lookup(this.head, ref) };
  }

  /** The base ref of a goal named as in head (mapBaseRef the other way). */
  private baseRefOf(name: string): string {
    if (!this.p.hasRenames) return name;
    const direct = this.p.baseNameOf.get(name);
    if (direct !== undefined) return direct;
    const cut = name.lastIndexOf('/');
    if (name.indexOf('/') !== cut) return `${this.baseRefOf(name.slice(0, cut))}/${name.slice(cut + 1)}`;
    const baseTeam = this.baseTeamOf.get(name.slice(0, cut));
    return baseTeam === undefined ? name : `${baseTeam}/${name.slice(cut + 1)}`;
  }
}

function moved(step: ProgressStep): boolean {
  if (step.before === null || step.after === null) return step.before !== step.after;
  return Math.abs(step.before - step.after) > 1e-12;
}

/**
 * Where progress flows from an objective, with refs passed through `name` (to call base goals as in
 * head): into a rollup key result it aligns to, and into the mission. (A key result always feeds its
 * objective.) An objective aligned to an objective, or to a key result that is not a rollup, sits
 * under it in the tree but does not feed its progress, so a change there moves nothing above.
 */
function feeds(objectives: ReadonlyMap<string, Objective>, objective: Objective | undefined, name: (ref: string) => string): string[] {
  const parents: string[] = [];
  if (!objective) return parents;
  for (const a of objective.alignsTo) {
    const target: GoalRef | undefined = a.target;
    if (!target || target.kind === 'objective') continue;
    let parent: string | undefined;
    if (target.kind === 'mission') parent = 'mission';
    else {
      const owner = objectives.get(`${target.team}/${target.objective}`);
      const kr = owner?.keyResults.find((k) => k.id === target.keyResult);
      if (kr?.kind === 'rollup') parent = name(formatRef(target));
    }
    if (parent !== undefined && !parents.includes(parent)) parents.push(parent);
  }
  return parents;
}
