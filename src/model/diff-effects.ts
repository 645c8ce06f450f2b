// The effect of a change on progress: the progress of the changed goal and of each goal above it
// that moved, before and after, up to the mission. Pure.
import { formatRef } from './ids.js';
import type { ProgressStep } from './diff-change.js';
import { mapBaseRef, type Pairing } from './diff-pairing.js';
import type { GoalRef, Objective } from './types.js';

/** What the diff needs of a roll-up: progress by ref (undefined for an unknown ref). */
export interface ProgressLookup {
  objective(ref: string): number | undefined;
  keyResult(ref: string): number | undefined;
  readonly mission: number;
}

/**
 * Walks up from a goal along the links progress flows by (see parentLinks), using the links of both
 * sides, so a re-aligned objective shows its old parents and its new ones. Each goal reached is
 * listed when its progress moved between the sides: the move of the whole diff, which other changes
 * feeding the same goal share.
 */
export class EffectWalker {
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
