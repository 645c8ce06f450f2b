// Which objective a reference names. References name no cycle, so an objective id is unique within
// its team, with one exception: an objective carried over to a later cycle (`okr plan`) keeps its id,
// so the same id may appear in cycles that do not overlap. A reference then names the copy that is
// still being worked on, and an `aligns_to` names the copy in a cycle covering its own. Pure.
import { coversCycle, dayNumber } from './calendar.js';
import type { Cycle, Objective, Workspace } from './types.js';

export interface GoalIndex {
  /** The objective each `team/objective` reference names, when nothing says which copy (`current`). */
  readonly objectives: ReadonlyMap<string, Objective>;
  /** Every objective that takes part (all but repeated ids okr check reports), in file order. */
  readonly members: readonly Objective[];
  /** Objectives whose id repeats in a cycle that overlaps another copy's: each with the copy it clashes with. */
  readonly duplicates: ReadonlyMap<Objective, Objective>;
  /** Cycles by id (the first when ids repeat). */
  readonly cycles: ReadonlyMap<string, Cycle>;
  /** The copies of a carried-over objective, in file order (one entry for an ordinary objective). */
  copiesOf(ref: string): readonly Objective[];
  /**
   * The objective `ref` names as seen from `from`: of a carried-over objective's copies, the one
   * whose cycle covers `from`'s (its own cycle's copy first), else the current one.
   */
  resolve(ref: string, from?: Objective): Objective | undefined;
}

const NONE: readonly Objective[] = [];

const indexes = new WeakMap<Workspace, GoalIndex>();

/**
 * Objectives by reference and cycles by id; repeated objective ids are told apart by their cycles.
 * Made once per workspace object (checks, the alignment graph and diff's pairing all ask).
 */
export function indexWorkspace(workspace: Workspace): GoalIndex {
  let index = indexes.get(workspace);
  if (!index) indexes.set(workspace, (index = makeIndex(workspace)));
  return index;
}

function makeIndex(workspace: Workspace): GoalIndex {
  const cycles = new Map<string, Cycle>();
  for (const c of workspace.config.cycles) if (!cycles.has(c.id)) cycles.set(c.id, c);
  // The objectives by reference; the few references with copies (carried over) in `copies` too:
  // a list for each of 30,000 objectives cost more than the look-ups.
  const objectives = new Map<string, Objective>();
  const copies = new Map<string, Objective[]>();
  const duplicates = new Map<Objective, Objective>();
  const members: Objective[] = [];
  for (const o of workspace.objectives) {
    const first = objectives.get(o.ref);
    if (!first) {
      objectives.set(o.ref, o);
      members.push(o);
      continue;
    }
    const list = copies.get(o.ref) ?? [first];
    const clash = list.find((other) => !apart(cycles.get(other.cycle), cycles.get(o.cycle)));
    if (clash) duplicates.set(o, clash);
    else {
      if (list.length === 1) copies.set(o.ref, list);
      list.push(o);
      members.push(o);
    }
  }
  for (const [ref, list] of copies) objectives.set(ref, current(list, cycles));
  return {
    objectives,
    members,
    duplicates,
    cycles,
    copiesOf(ref) {
      const list = copies.get(ref);
      if (list) return list;
      const only = objectives.get(ref);
      return only ? [only] : NONE;
    },
    resolve(ref, from) {
      const list = copies.get(ref);
      if (!list || !from) return objectives.get(ref);
      const own = cycles.get(from.cycle);
      const same = list.find((o) => o.cycle === from.cycle);
      if (same) return same;
      const covering = own ? list.find((o) => { const c = cycles.get(o.cycle); return c !== undefined && coversCycle(c, own); }) : undefined;
      return covering ?? objectives.get(ref);
    },
  };
}

/** Two cycles that share no day (both declared, with valid dates): an objective may be in both. */
function apart(a: Cycle | undefined, b: Cycle | undefined): boolean {
  if (!a || !b || a.id === b.id) return false;
  const [as, ae, bs, be] = [dayNumber(a.start), dayNumber(a.end), dayNumber(b.start), dayNumber(b.end)];
  if ([as, ae, bs, be].some(Number.isNaN) || as > ae || bs > be) return false;
  return ae < bs || be < as;
}

/** Of a carried-over objective's copies, the one being worked on: the earliest not closed, else the latest. */
function current(list: readonly Objective[], cycles: ReadonlyMap<string, Cycle>): Objective {
  const start = (o: Objective) => cycles.get(o.cycle)!.start;
  const open = list.filter((o) => cycles.get(o.cycle)!.closed === undefined);
  if (open.length) return open.reduce((a, b) => (start(b) < start(a) ? b : a));
  return list.reduce((a, b) => (start(b) > start(a) ? b : a));
}
