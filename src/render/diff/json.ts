// `okr diff --format json`: the contract of SPEC section 6, `{base, head, changes}`, with snake_case
// keys. The model's camelCase values pass through a DTO so the contract can change apart from it.
import type { DiffValue, GoalChange } from '../../model/diff-change.js';
import type { DiffEnd, DiffEnds } from './words.js';

export interface DiffEndJson {
  /** The revision as given (`main`, `HEAD~2`, `main...feature` for a merge base); null for the work tree. */
  readonly rev: string | null;
  readonly commit: string | null;
  readonly worktree: boolean;
}

export interface DiffJson {
  readonly base: DiffEndJson;
  readonly head: DiffEndJson;
  readonly changes: readonly {
    readonly kind: string;
    readonly ref: string;
    readonly team: string | null;
    readonly before: unknown;
    readonly after: unknown;
    readonly unit: string | null;
    readonly made_easier: boolean;
    readonly effect: readonly { readonly ref: string; readonly before: number | null; readonly after: number | null }[];
  }[];
}

function endJson(end: DiffEnd): DiffEndJson {
  if (end.kind === 'members') return { rev: end.fetch === 'before' ? 'refs/okr-prev/*' : 'refs/okr/*', commit: null, worktree: false };
  return end.kind === 'worktree' ? { rev: null, commit: null, worktree: true } : { rev: end.rev, commit: end.commit, worktree: false };
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function valueJson(v: DiffValue): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => valueJson(x as DiffValue));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [snake(k), valueJson(x)]));
}

export function diffJson(ends: DiffEnds, changes: readonly GoalChange[]): DiffJson {
  return {
    base: endJson(ends.base),
    head: endJson(ends.head),
    changes: changes.map((c) => ({
      kind: c.kind,
      ref: c.ref,
      team: c.team,
      before: valueJson(c.before),
      after: valueJson(c.after),
      unit: c.unit,
      made_easier: c.madeEasier,
      effect: c.effect.map((s) => ({ ref: s.ref, before: s.before, after: s.after })),
    })),
  };
}

