// What differs between the two sides of a diff that share the analysis of every goal file with the
// same content: the files whose analysis is not shared, and the objectives of those files on each
// side. Every other objective is one object on both sides, in the same order.
import type { Objective } from './types.js';

export interface SideDifference {
  readonly files: ReadonlySet<string>;
  readonly baseObjectives: readonly Objective[];
  readonly headObjectives: readonly Objective[];
}

/** The same difference seen from the other side (base and head swapped). */
export function reversed(difference: SideDifference): SideDifference {
  return { files: difference.files, baseObjectives: difference.headObjectives, headObjectives: difference.baseObjectives };
}
