// `okr plan NEXT --from CYCLE` (SPEC 12): which objectives of a cycle carry over to the next, and
// what each becomes there. An unfinished objective (progress < 1) keeps its id, title, owner, values
// and alignment; a metric starts where it ended (start and current at the final value), a milestone
// not done is kept, a done key result stays behind, guardrails and rollups carry on. An alignment to a
// goal that will not exist in the next cycle is replaced by that goal's own, so the draft is valid.
// Pure: the plain data of each draft; the workspace layer writes it as YAML.
import { alignmentGraph } from './alignment.js';
import { coversCycle } from './calendar.js';
import { formatRef } from './ids.js';
import type { Cycle, KeyResult, Objective, Workspace } from './types.js';
import type { Scorer } from './view.js';

/** A key result as the draft writes it: the fields of its file entry, in order. */
export type DraftFields = ReadonlyArray<readonly [string, DraftValue]>;
export type DraftValue = string | number | boolean | readonly string[] | { readonly file: string; readonly pointer: string };

export interface DraftObjective {
  readonly objective: Objective;
  readonly fields: DraftFields;
  readonly keyResults: readonly DraftFields[];
  /** Alignments that were replaced: what was written, and why it could not stay. */
  readonly realigned: readonly { readonly was: string; readonly now: readonly string[] }[];
}

export interface TeamDraft {
  readonly team: string;
  readonly objectives: readonly DraftObjective[];
  /** Objectives of the cycle that were done (progress 1) and stay behind. */
  readonly done: number;
}

/**
 * The drafts of `next` for every team with objectives in `from`, from the objectives of `from` scored
 * by `scorer` (on the day the cycle closed or ended).
 */
export function carryOver(workspace: Workspace, from: Cycle, next: Cycle, objectives: readonly Objective[], scorer: Scorer): TeamDraft[] {
  const ofCycle = objectives.filter((o) => o.cycle === from.id);
  const scores = new Map(ofCycle.map((o) => [o, scorer.score(o)]));
  const carried = new Set(ofCycle.filter((o) => scores.get(o)!.progress < 1));
  const kept = new Map<Objective, Set<KeyResult>>();
  for (const o of carried) kept.set(o, new Set(scores.get(o)!.keyResults.filter((k) => carriesOver(k.keyResult, k.progress)).map((k) => k.keyResult)));

  const graph = alignmentGraph(workspace);
  const cycleOf = (o: Objective) => workspace.config.cycles.find((c) => c.id === o.cycle);
  /** Whether a goal will be there for an objective of the next cycle to align to. */
  const available = (parent: Objective, keyResult: KeyResult | undefined): boolean => {
    if (carried.has(parent)) return keyResult === undefined || kept.get(parent)!.has(keyResult);
    if (parent.cycle === from.id) return false;
    const c = cycleOf(parent);
    return c !== undefined && coversCycle(c, next);
  };
  /** The alignments an objective of the next cycle gets in place of `o`'s (climbing past goals left behind). */
  const realign = (o: Objective, seen: Set<Objective>): string[] => {
    const out: string[] = [];
    for (const p of graph.placementsOf(o)) {
      if (p.kind === 'mission') out.push('mission');
      else if (available(p.parent, p.kind === 'key-result' ? p.keyResult : undefined)) out.push(p.kind === 'key-result' ? p.keyResult.ref : p.parent.ref);
      else if (!seen.has(p.parent)) {
        seen.add(p.parent);
        out.push(...realign(p.parent, seen));
      }
    }
    return [...new Set(out)];
  };

  const teams = new Map<string, { objectives: DraftObjective[]; done: number }>();
  for (const o of ofCycle) {
    let team = teams.get(o.team);
    if (!team) teams.set(o.team, (team = { objectives: [], done: 0 }));
    if (!carried.has(o)) {
      team.done++;
      continue;
    }
    const alignsTo: string[] = [];
    const realigned: { was: string; now: string[] }[] = [];
    for (const a of o.alignsTo) {
      const t = a.target;
      if (!t || t.kind === 'mission') {
        alignsTo.push(a.raw);
        continue;
      }
      const parent = graph.resolve(`${t.team}/${t.objective}`, o);
      const keyResult = t.kind === 'key-result' ? parent?.keyResults.find((k) => k.id === t.keyResult) : undefined;
      // A reference that names nothing now is left as written: okr check already reports it.
      if (!parent || (t.kind === 'key-result' && !keyResult) || available(parent, keyResult)) {
        alignsTo.push(a.raw);
        continue;
      }
      const now = realign(parent, new Set([o, parent])).filter((r) => r !== formatRef(t));
      realigned.push({ was: a.raw, now: now.length ? now : ['mission'] });
      alignsTo.push(...(now.length ? now : ['mission']));
    }
    const unique = [...new Set(alignsTo)];
    const fields: [string, DraftValue][] = [
      ['id', o.id],
      ['title', o.title],
    ];
    if (o.description !== undefined) fields.push(['description', o.description]);
    if (unique.length) fields.push(['aligns_to', unique.length === 1 ? unique[0]! : unique]);
    if (o.values.length) fields.push(['values', [...o.values]]);
    if (o.owner !== undefined) fields.push(['owner', o.owner]);
    if (o.weight !== 1) fields.push(['weight', o.weight]);
    team.objectives.push({ objective: o, fields, keyResults: o.keyResults.filter((k) => kept.get(o)!.has(k)).map(keyResultDraft), realigned });
  }
  return [...teams].map(([team, t]) => ({ team, objectives: t.objectives, done: t.done }));
}

/** Whether a key result of an unfinished objective carries over: all but met metrics and done milestones. */
function carriesOver(kr: KeyResult, progress: number): boolean {
  if (kr.kind === 'metric' || kr.kind === 'milestone') return progress < 1;
  return true;
}

function keyResultDraft(kr: KeyResult): DraftFields {
  const fields: [string, DraftValue][] = [
    ['id', kr.id],
    ['title', kr.title],
  ];
  if (kr.description !== undefined) fields.push(['description', kr.description]);
  if (kr.owner !== undefined) fields.push(['owner', kr.owner]);
  if (kr.weight !== 1) fields.push(['weight', kr.weight]);
  switch (kr.kind) {
    case 'metric':
      fields.push(['start', kr.current], ['target', kr.target], ['current', kr.current]);
      if (kr.unit !== undefined) fields.push(['unit', kr.unit]);
      if (kr.source) fields.push(['source', { file: kr.source.file, pointer: kr.source.pointer }]);
      break;
    case 'milestone':
      fields.push(['done', false]);
      break;
    case 'rollup':
      fields.push(['rollup', true]);
      break;
    case 'guardrail':
      fields.push([kr.bound.direction === 'below' ? 'keep_below' : 'keep_above', kr.bound.value], ['current', kr.current]);
      if (kr.unit !== undefined) fields.push(['unit', kr.unit]);
      if (kr.source) fields.push(['source', { file: kr.source.file, pointer: kr.source.pointer }]);
      break;
  }
  return fields;
}
