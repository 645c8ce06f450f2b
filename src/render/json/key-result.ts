// The JSON contract's key-result object (SPEC section 6): every field present, null where it does
// not apply to the key result's kind, numbers unrounded.
import type { Status } from '../../model/pacing.js';
import { keyResultFields } from '../../model/key-results.js';
import type { KeyResult, KeyResultKind } from '../../model/types.js';
import type { KeyResultScore } from '../../model/view.js';

export interface KeyResultJson {
  ref: string;
  title: string;
  kind: KeyResultKind;
  progress: number;
  status: Status | null;
  start: number | null;
  target: number | null;
  current: number | null;
  unit: string | null;
  done: boolean | null;
  keep_below: number | null;
  keep_above: number | null;
  confidence: number | null;
  /** The score the cycle's close gave it (0..1); null until its cycle is closed. */
  grade: number | null;
}

export function keyResultJson({ keyResult: kr, progress, status }: KeyResultScore): KeyResultJson {
  const { start, target, current, unit, done, keepBelow, keepAbove, confidence } = keyResultFields(kr);
  return {
    ref: kr.ref,
    title: kr.title,
    kind: kr.kind,
    progress,
    status,
    start,
    target,
    current,
    unit,
    done,
    keep_below: keepBelow,
    keep_above: keepAbove,
    confidence,
    grade: kr.grade ?? null,
  };
}

/** The fields a key result has beyond the tree's (for `okr show`). */
export function keyResultExtraJson(kr: KeyResult) {
  return {
    weight: kr.weight,
    owner: kr.owner ?? null,
    description: kr.description ?? null,
    source: (kr.kind === 'metric' || kr.kind === 'guardrail') && kr.source ? { file: kr.source.file, pointer: kr.source.pointer } : null,
  };
}
