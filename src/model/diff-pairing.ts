// Pairing the goals of two workspaces: which team, objective and key result in head is which one in
// base (same id, or renamed with the same content), and how base refs are called in head. Pure.
import { indexWorkspace } from './goal-index.js';
import { formatRef } from './ids.js';
import { sourceValue } from './diff-change.js';
import type { Alignment, KeyResult, Objective, Team, Workspace } from './types.js';

export interface Pairing {
  readonly base: Workspace;
  readonly head: Workspace;
  /** base team id -> head team id, for teams present on both sides. */
  readonly teams: Map<string, string>;
  readonly renamedTeams: Set<string>;
  /** Each base objective that has a counterpart in head (a repeated id pairs copy by copy). */
  readonly objectivePairs: Map<Objective, Counterpart<Objective>>;
  /** Each base key result with a counterpart in head, except those of an objective that is one object on both sides. */
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
  /** The objective each ref names (the first when ids repeat, as the roll-up counts them; of carried-over copies, the current one). */
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

function groupByTeam(objectives: Iterable<Objective>): Map<string, Objective[]> {
  const byTeam = new Map<string, Objective[]>();
  for (const o of objectives) {
    let list = byTeam.get(o.team);
    if (!list) byTeam.set(o.team, (list = []));
    list.push(o);
  }
  return byTeam;
}

export function pairGoals(base: Workspace, head: Workspace): Pairing {
  const baseObjectives = indexWorkspace(base).objectives;
  const headObjectives = indexWorkspace(head).objectives;
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
  // An objective that is the same object on both sides pairs each key result with itself, renaming
  // nothing: diffKeyResults knows, so no pair is recorded for it.
  for (const [b, { head: h }] of pairing.objectivePairs) if (b !== h) pairKeyResults(pairing, b, h);
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
    recordPairs(p, pairs, p.objectivePairs, p.objectives);
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
  recordPairs(p, pairs, p.keyResultPairs, p.keyResults);
}

/** Records paired goals, and the refs that changed (renamed, or in a renamed team) both ways. */
function recordPairs<T extends { readonly ref: string }>(
  p: Pairing,
  pairs: readonly [T, T, boolean][],
  counterparts: Map<T, Counterpart<T>>,
  renamedRefs: Map<string, string>,
): void {
  for (const [b, h, renamed] of pairs) {
    counterparts.set(b, { head: h, renamed });
    if (b.ref !== h.ref && !renamedRefs.has(b.ref)) {
      renamedRefs.set(b.ref, h.ref);
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
export function mapBaseRef(p: Pairing, ref: string): string {
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
export function sameAlignment(base: readonly Alignment[], head: readonly Alignment[], mapRef: (ref: string) => string): boolean {
  if (base.length !== head.length) return false;
  for (let i = 0; i < base.length; i++) if (alignmentText(base[i]!, mapRef) !== alignmentText(head[i]!, (r) => r)) return false;
  return true;
}

export function alignmentList(alignments: readonly Alignment[], mapRef: (ref: string) => string): string[] {
  return alignments.map((a) => alignmentText(a, mapRef));
}
