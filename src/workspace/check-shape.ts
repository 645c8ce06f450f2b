// A goal file's *shape*: a digest of everything the checks across files (references, alignment,
// duplicates, teams, cycles, the policy rules) may read from it. Two versions of a file with the same
// shape give the same findings across files, so `okr check --cache` reuses those when only values
// changed. What is left out is exactly what a check-in writes and no check across files reads: a key
// result's current value, done, and confidence (test/check/check-shape.test.ts holds the checks to
// that). okr.yaml and team files: their whole text and their own findings.
import { createHash } from 'node:crypto';
import type { Alignment, KeyResult, Objective, Origin } from '../model/types.js';
import type { FileAnalysis } from './load.js';

/** Key-result fields no check across files reads: they change with every check-in. */
export const VALUE_FIELDS: ReadonlySet<string> = new Set(['current', 'done', 'confidence']);

export function shapeOf(analysis: FileAnalysis): string {
  const hash = createHash('sha1');
  if (analysis.role?.kind === 'cycle') hash.update(JSON.stringify(analysis.objectives?.map(objectiveShape) ?? null));
  else hash.update(JSON.stringify([analysis.role?.kind ?? null, analysis.text ?? null, analysis.findings]));
  return hash.digest('hex').slice(0, 24); // 96 bits: the versions of one file never meet by chance
}

/** Every field of an objective (origins as their node paths), its key results without their values. */
function objectiveShape(objective: Objective): unknown {
  return fieldsOf(objective, (name, value) => {
    if (name === 'keyResults') return (value as readonly KeyResult[]).map(keyResultShape);
    if (name === 'alignsTo') return (value as readonly Alignment[]).map((a) => fieldsOf(a, (n, v) => (n === 'origin' ? originShape(v as Origin) : v)));
    return name === 'origin' ? originShape(value as Origin) : value;
  });
}

function keyResultShape(kr: KeyResult): unknown {
  return fieldsOf(kr, (name, value) => (VALUE_FIELDS.has(name) ? undefined : name === 'origin' ? originShape(value as Origin) : value));
}

/** An origin's path may be computed on request (a getter JSON would not see): asked for here. */
const originShape = (origin: Origin) => [origin.file, [...origin.path]];

/** The object's own fields in key order, each mapped (undefined leaves it out). */
function fieldsOf(object: object, map: (name: string, value: unknown) => unknown): [string, unknown][] {
  const fields: [string, unknown][] = [];
  for (const name of Object.keys(object).sort()) {
    const value = map(name, (object as Record<string, unknown>)[name]);
    if (value !== undefined) fields.push([name, value]);
  }
  return fields;
}
