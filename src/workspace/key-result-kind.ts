// Tells which kind a key result is from its fields, and says plainly what is wrong when the fields
// do not make exactly one kind (the schema's oneOf error alone would not tell a person).
import type { KeyResultKind, NodePath } from '../model/types.js';

const MARKERS: Record<KeyResultKind, readonly string[]> = {
  metric: ['start', 'target'],
  milestone: ['done'],
  rollup: ['rollup'],
  guardrail: ['keep_below', 'keep_above'],
};

const HOW =
  'give start and target (metric), done (milestone), rollup: true (rollup), or keep_below or keep_above with current (guardrail)';

/** Fields that belong to no kind but the ones listed. */
const ONLY_FOR: Record<string, readonly KeyResultKind[]> = {
  current: ['metric', 'guardrail'],
  unit: ['metric', 'guardrail'],
  source: ['metric', 'guardrail'],
};

/** The kinds whose marker fields appear in `kr` (exactly one for a valid key result). Hot: no closures. */
export function kindsPresent(kr: Record<string, unknown>): KeyResultKind[] {
  const has = (field: string) => Object.hasOwn(kr, field);
  const kinds: KeyResultKind[] = [];
  if (has('start') || has('target')) kinds.push('metric');
  if (has('done')) kinds.push('milestone');
  if (has('rollup')) kinds.push('rollup');
  if (has('keep_below') || has('keep_above')) kinds.push('guardrail');
  return kinds;
}

/**
 * The one kind whose marker fields appear in `kr`, or undefined when none or several do: what
 * kindsPresent says, without the array it makes (one for each of a large organisation's 120,000
 * key results while loading).
 */
export function kindOf(kr: Record<string, unknown>): KeyResultKind | undefined {
  const metric = Object.hasOwn(kr, 'start') || Object.hasOwn(kr, 'target');
  const milestone = Object.hasOwn(kr, 'done');
  const rollup = Object.hasOwn(kr, 'rollup');
  const guardrail = Object.hasOwn(kr, 'keep_below') || Object.hasOwn(kr, 'keep_above');
  if (+metric + +milestone + +rollup + +guardrail !== 1) return undefined;
  return metric ? 'metric' : milestone ? 'milestone' : rollup ? 'rollup' : 'guardrail';
}

/** The message for a key result that is not exactly one kind, and the field (if any) to point at. */
export function explainKeyResultKind(value: unknown): { message: string; path: NodePath } {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { message: 'a key result must be a mapping with at least id and title', path: [] };
  const kr = value as Record<string, unknown>;
  const kinds = kindsPresent(kr);
  if (kinds.length === 0) return { message: `key result has no kind: ${HOW}`, path: [] };
  if (kinds.length > 1) {
    const [first, second] = kinds as [KeyResultKind, KeyResultKind];
    const field = (kind: KeyResultKind) => MARKERS[kind].find((f) => Object.hasOwn(kr, f))!;
    return {
      message: `key result mixes kinds: "${field(first)}" makes it a ${first}, "${field(second)}" a ${second}; a key result is exactly one kind`,
      path: [field(second)],
    };
  }
  const kind = kinds[0]!;
  for (const [field, kindsAllowed] of Object.entries(ONLY_FOR))
    if (Object.hasOwn(kr, field) && !kindsAllowed.includes(kind))
      return { message: `"${field}" does not apply to a ${kind} key result`, path: [field] };
  if (kind === 'metric') {
    const missing = ['start', 'target'].find((f) => !Object.hasOwn(kr, f));
    if (missing) return { message: `a metric key result needs both start and target; "${missing}" is missing`, path: [] };
  }
  if (kind === 'guardrail') {
    if (Object.hasOwn(kr, 'keep_below') && Object.hasOwn(kr, 'keep_above'))
      return { message: 'a guardrail has one bound: keep_below or keep_above, not both', path: ['keep_above'] };
    if (!Object.hasOwn(kr, 'current'))
      return { message: 'a guardrail key result needs "current", the value the bound is checked against', path: [] };
  }
  return { message: `key result is not a valid ${kind}: ${HOW}`, path: [] };
}
