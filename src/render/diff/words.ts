// How a diff reads to a person, shared by the text and markdown renderers: each change as a field
// with its before and after, each goal as a group of its changes, and the header naming both sides.
import { categoryOf, type DiffValue, type GoalChange, type ProgressStep } from '../../model/diff-change.js';
import { formatNumber } from '../text/progress-cells.js';
import { withUnit } from '../text/key-result-text.js';
import { printable } from '../../printable.js';

/** One side of the diff as the command resolved it: a commit (named as the user named it) or the work tree. */
export type DiffEnd =
  | { readonly kind: 'worktree' }
  | { readonly kind: 'revision'; readonly rev: string; readonly commit: string }
  /** okr diff --members: the members as fetched before the last fetch that changed each (refs/okr-prev), or as fetched now (refs/okr). */
  | { readonly kind: 'members'; readonly fetch: 'before' | 'after' };

export interface DiffEnds {
  readonly base: DiffEnd;
  readonly head: DiffEnd;
}

export function endLabel(end: DiffEnd): string {
  if (end.kind === 'worktree') return 'work tree';
  if (end.kind === 'members') return end.fetch === 'before' ? 'members before the last fetch' : 'members as fetched';
  const short = end.commit.slice(0, 7);
  return end.rev === end.commit || end.rev.startsWith(short) ? short : `${end.rev} (${short})`;
}

/** A change in words: what changed, and, for a change of a field, the value before and after. */
export interface ChangeWords {
  /** "target", "objective added", "renamed from" ... */
  readonly what: string;
  readonly before?: string;
  readonly after?: string;
  /** A one-line description, for additions, removals and renames. */
  readonly detail?: string;
}

type Obj = { readonly [key: string]: DiffValue };
const isObj = (v: DiffValue): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const field = (v: DiffValue, key: string): DiffValue => (isObj(v) ? (v[key] ?? null) : null);
const text = (v: DiffValue): string => (typeof v === 'string' ? printable(v) : v === null ? '' : String(v));

// Text from goal files made safe to print: the one rule of render/printable.ts (re-exported for the
// renderers that import it from here).
export { printable };
const list = (v: DiffValue): string[] => (Array.isArray(v) ? v.map((x) => text(x as DiffValue)) : []);
const quoted = (v: DiffValue): string => (v === null || v === '' ? 'none' : `"${text(v)}"`);
const names = (v: DiffValue, none: string): string => (list(v).length ? list(v).join(', ') : none);

function amount(v: DiffValue, unit: string | null): string {
  if (typeof v === 'number') return withUnit(v, unit ?? undefined);
  if (typeof v === 'boolean') return v ? 'done' : 'not done';
  return v === null ? 'none' : text(v);
}

function bound(v: DiffValue, unit: string | null): string {
  const below = field(v, 'keepBelow');
  if (typeof below === 'number') return `keep below ${withUnit(below, unit ?? undefined)}`;
  const above = field(v, 'keepAbove');
  return typeof above === 'number' ? `keep above ${withUnit(above, unit ?? undefined)}` : 'none';
}

/** A key result as a few words: `metric 900 → 300 ms (now 410)`, `milestone, done`. */
export function describeKeyResultSnapshot(v: DiffValue): string {
  const unit = field(v, 'unit');
  const u = typeof unit === 'string' ? unit : null;
  switch (field(v, 'kind')) {
    case 'metric':
      return `metric ${amount(field(v, 'start'), null)} → ${amount(field(v, 'target'), u)}, now ${amount(field(v, 'current'), u)}`;
    case 'milestone':
      return `milestone, ${field(v, 'done') ? 'done' : 'not done'}`;
    case 'guardrail':
      return `guardrail, ${bound(v, u)}, now ${amount(field(v, 'current'), u)}`;
    case 'rollup':
      return 'rollup of the objectives aligned to it';
    default:
      return text(field(v, 'kind'));
  }
}

function describeObjectiveSnapshot(v: DiffValue): string {
  const krs = Array.isArray(field(v, 'keyResults')) ? (field(v, 'keyResults') as readonly DiffValue[]).length : 0;
  const align = list(field(v, 'alignsTo'));
  return `${quoted(field(v, 'title'))} (cycle ${text(field(v, 'cycle'))}, aligns to ${align.length ? align.join(', ') : 'nothing'}, ${krs} key result${krs === 1 ? '' : 's'})`;
}

function describeTeamSnapshot(v: DiffValue): string {
  const parent = field(v, 'parent');
  return `${quoted(field(v, 'name'))} (${parent === null ? 'top-level' : `parent ${text(parent)}`}, owners ${names(field(v, 'owners'), 'none')})`;
}

export function describeChange(c: GoalChange): ChangeWords {
  const { before: b, after: a, unit } = c;
  switch (c.kind) {
    case 'mission-changed':
      return { what: 'mission', before: quoted(b), after: quoted(a) };
    case 'organization-changed':
      return { what: 'organization', before: quoted(b), after: quoted(a) };
    case 'cycle-added':
      return { what: `cycle ${c.ref} added`, detail: `${text(field(a, 'start'))}..${text(field(a, 'end'))}` };
    case 'cycle-removed':
      return { what: `cycle ${c.ref} removed`, detail: `was ${text(field(b, 'start'))}..${text(field(b, 'end'))}` };
    case 'cycle-changed':
      return {
        what: `cycle ${c.ref}`,
        before: `${text(field(b, 'start'))}..${text(field(b, 'end'))}`,
        after: `${text(field(a, 'start'))}..${text(field(a, 'end'))}`,
      };
    case 'cycle-closed':
      if (b === null) return { what: `cycle ${c.ref} closed`, detail: `on ${text(a)}` };
      if (a === null) return { what: `cycle ${c.ref} reopened`, detail: `was closed on ${text(b)}` };
      return { what: `cycle ${c.ref} closed on`, before: text(b), after: text(a) };
    case 'guiding-value-added':
      return { what: `value ${c.ref} added`, detail: quoted(a) };
    case 'guiding-value-removed':
      return { what: `value ${c.ref} removed`, detail: `was ${quoted(b)}` };
    case 'guiding-value-changed':
      return { what: `value ${c.ref}`, before: quoted(b), after: quoted(a) };
    case 'rule-changed':
      return { what: `rule ${c.ref}`, before: ruleText(b), after: ruleText(a) };
    case 'setting-changed':
      return { what: c.ref, before: text(b), after: text(a) };
    case 'team-added':
      return { what: 'team added', detail: describeTeamSnapshot(a) };
    case 'team-removed':
      return { what: 'team removed', detail: `was ${describeTeamSnapshot(b)}` };
    case 'team-renamed':
    case 'objective-renamed':
    case 'key-result-renamed':
      return { what: 'renamed', before: text(b), after: text(a) };
    case 'team-name-changed':
      return { what: 'name', before: quoted(b), after: quoted(a) };
    case 'team-parent-changed':
      return { what: 'parent', before: b === null ? 'none (top level)' : text(b), after: a === null ? 'none (top level)' : text(a) };
    case 'team-owners-changed':
      return { what: 'owners', before: names(b, 'none'), after: names(a, 'none') };
    case 'team-purpose-changed':
      return { what: 'purpose', before: quoted(b), after: quoted(a) };
    case 'objective-added':
      return { what: 'objective added', detail: describeObjectiveSnapshot(a) };
    case 'objective-removed':
      return { what: 'objective removed', detail: `was ${describeObjectiveSnapshot(b)}` };
    case 'objective-cycle-changed':
      return { what: 'cycle', before: text(b), after: text(a) };
    case 'alignment-changed':
      return { what: 'aligns to', before: names(b, 'nothing'), after: names(a, 'nothing') };
    case 'values-changed':
      return { what: 'values', before: names(b, 'none'), after: names(a, 'none') };
    case 'key-result-added':
      return { what: 'key result added', detail: `${quoted(field(a, 'title'))}, ${describeKeyResultSnapshot(a)}` };
    case 'key-result-removed':
      return { what: 'key result removed', detail: `was ${quoted(field(b, 'title'))}, ${describeKeyResultSnapshot(b)}` };
    case 'kind-changed':
      return { what: 'kind', before: describeKeyResultSnapshot(b), after: describeKeyResultSnapshot(a) };
    case 'target-changed':
      return { what: 'target', before: amount(b, unit), after: amount(a, unit) };
    case 'start-changed':
      return { what: 'start', before: amount(b, unit), after: amount(a, unit) };
    case 'bound-changed':
      return { what: 'bound', before: bound(b, unit), after: bound(a, unit) };
    case 'value-changed':
      return typeof b === 'boolean' || typeof a === 'boolean'
        ? { what: 'milestone', before: amount(b, null), after: amount(a, null) }
        : { what: 'current', before: amount(b, unit), after: amount(a, unit) };
    case 'unit-changed':
      return { what: 'unit', before: b === null ? 'none' : text(b), after: a === null ? 'none' : text(a) };
    case 'confidence-changed':
      return { what: 'confidence', before: b === null ? 'none' : formatNumber(b as number), after: a === null ? 'none' : formatNumber(a as number) };
    case 'source-changed':
      return { what: 'source', before: sourceText(b), after: sourceText(a) };
    case 'title-changed':
      return { what: 'title', before: quoted(b), after: quoted(a) };
    case 'description-changed':
      return { what: 'description', before: b === null ? 'none' : clip(text(b)), after: a === null ? 'none' : clip(text(a)) };
    case 'owner-changed':
      return { what: 'owner', before: b === null ? "the team's owners" : text(b), after: a === null ? "the team's owners" : text(a) };
    case 'weight-changed':
      return { what: 'weight', before: amount(b, null), after: amount(a, null) };
    case 'grade-changed':
      return { what: 'grade', before: b === null ? 'none' : formatNumber(b as number), after: a === null ? 'none' : formatNumber(a as number) };
  }
}

function ruleText(v: DiffValue): string {
  if (v === null) return 'not set';
  return Array.isArray(v) ? `${text(v[0] as DiffValue)} (${text(v[1] as DiffValue)})` : text(v);
}

function sourceText(v: DiffValue): string {
  return v === null ? 'none' : `${text(field(v, 'file'))}#${text(field(v, 'pointer'))}`;
}

function clip(s: string, max = 80): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `"${one.slice(0, max - 1)}…"` : `"${one}"`;
}

/** A progress fraction as a percentage with one decimal, rounded down (100.0% only when done). */
export function progressPercent(x: number, decimals = 1): string {
  const scale = 10 ** decimals;
  return `${(Math.floor(x * 100 * scale + 1e-7) / scale).toFixed(decimals)}%`;
}

/** "41.2% → 43.0%": one decimal, or two when one would hide the move; "new"/"gone" for a missing side. */
export function stepText(step: ProgressStep): string {
  if (step.before === null) return `new, ${progressPercent(step.after ?? 0)}`;
  if (step.after === null) return `gone, was ${progressPercent(step.before)}`;
  const decimals = progressPercent(step.before) === progressPercent(step.after) ? 2 : 1;
  return `${progressPercent(step.before, decimals)} → ${progressPercent(step.after, decimals)}`;
}

/** The changes of one goal (or of a team itself, or of okr.yaml), in order. */
export interface ChangeGroup {
  /** The goal ref, team id, or '' for okr.yaml. */
  readonly ref: string;
  readonly team: string | null;
  readonly marker: '+' | '-' | '~';
  readonly changes: readonly GoalChange[];
  /** The effect of the group's changes (they share one: it depends on the goal only). */
  readonly effect: readonly ProgressStep[];
}

/** The marker of one change: + for an addition, - for a removal, ~ for the rest. */
export function changeMarker(c: GoalChange): ChangeGroup['marker'] {
  const category = categoryOf(c.kind);
  return category === 'added' ? '+' : category === 'removed' ? '-' : '~';
}

/** Groups consecutive changes of the same goal; okr.yaml changes form one group. */
export function groupChanges(changes: readonly GoalChange[]): ChangeGroup[] {
  const groups: { ref: string; team: string | null; changes: GoalChange[] }[] = [];
  for (const c of changes) {
    const ref = c.team === null ? '' : c.ref;
    const last = groups[groups.length - 1];
    if (last && last.ref === ref && last.team === c.team) last.changes.push(c);
    else groups.push({ ref, team: c.team, changes: [c] });
  }
  return groups.map((g) => {
    const categories = new Set(g.changes.map((c) => categoryOf(c.kind)));
    const marker = g.ref !== '' && categories.size === 1 && categories.has('added') ? '+' : g.ref !== '' && categories.size === 1 && categories.has('removed') ? '-' : '~';
    const effect = g.changes.find((c) => c.effect.length > 0)?.effect ?? [];
    return { ...g, marker, effect };
  });
}

/** Changes grouped by team: okr.yaml first (team null), then each team in order. */
export function byTeam(groups: readonly ChangeGroup[]): { team: string | null; groups: ChangeGroup[] }[] {
  const out: { team: string | null; groups: ChangeGroup[] }[] = [];
  for (const g of groups) {
    const last = out[out.length - 1];
    if (last && last.team === g.team) last.groups.push(g);
    else out.push({ team: g.team, groups: [g] });
  }
  return out;
}

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
