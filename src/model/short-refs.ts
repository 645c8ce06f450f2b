// Goals named the short way on the command line: a bare id (`faster-checkout`, `p95-latency`) or
// `objective/key-result` without the team. Ids are unique only within a team (SPEC 2), so a short
// name stands for a goal only when exactly one goal in the workspace has it; otherwise the ones that
// do are the candidates to choose from.
import { isValidId } from './ids.js';
import { closest } from './suggest.js';
import type { GoalRef, Workspace } from './types.js';

export type GoalKind = 'objective' | 'key-result';
type Goal = Extract<GoalRef, { kind: GoalKind }>;

export type ShortRefResolution =
  | { readonly kind: 'found'; readonly ref: Goal }
  /** More than one goal has this name: their full references, sorted. */
  | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] }
  /** No goal has it: the nearest full reference whose last part is close, if any. */
  | { readonly kind: 'none'; readonly suggestion: string | undefined };

const fullRef = (g: Goal) => (g.kind === 'objective' ? `${g.team}/${g.objective}` : `${g.team}/${g.objective}/${g.keyResult}`);

/**
 * What `text` names when it is a short reference: a bare id (of an objective or a key result), or
 * `objective/kr` whose first part is no team. Undefined when `text` is not short (a full reference,
 * `mission`, or no reference at all). `only` limits the goals considered (key results for a check-in).
 */
export function resolveShortRef(workspace: Workspace, text: string, only?: GoalKind): ShortRefResolution | undefined {
  const parts = text.split('/');
  if (text === 'mission' || !parts.every(isValidId)) return undefined;
  if (parts.length === 2 && workspace.teams.has(parts[0]!)) return undefined; // team/objective: a full reference
  if (parts.length > 2) return undefined;
  const goals: Goal[] = [];
  const seen = new Set<string>();
  const add = (goal: Goal) => {
    const ref = fullRef(goal);
    if (seen.has(ref)) return; // an objective carried over to a later cycle has the same reference
    seen.add(ref);
    goals.push(goal);
  };
  const all: string[] = [];
  for (const o of workspace.objectives) {
    if (parts.length === 1 && only !== 'key-result') {
      all.push(o.id);
      if (o.id === parts[0]) add({ kind: 'objective', team: o.team, objective: o.id });
    }
    for (const kr of o.keyResults) {
      if (parts.length === 1) {
        all.push(kr.id);
        if (kr.id === parts[0]) add({ kind: 'key-result', team: o.team, objective: o.id, keyResult: kr.id });
      } else {
        all.push(`${o.id}/${kr.id}`);
        if (o.id === parts[0] && kr.id === parts[1]) add({ kind: 'key-result', team: o.team, objective: o.id, keyResult: kr.id });
      }
    }
  }
  if (goals.length === 1) return { kind: 'found', ref: goals[0]! };
  if (goals.length > 1) return { kind: 'ambiguous', candidates: goals.map(fullRef).sort() };
  const near = closest(text, all);
  if (near === undefined) return { kind: 'none', suggestion: undefined };
  const again = resolveShortRef(workspace, near, only);
  return { kind: 'none', suggestion: again?.kind === 'found' ? fullRef(again.ref) : near };
}
