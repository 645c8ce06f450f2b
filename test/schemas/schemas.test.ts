// The JSON Schemas editors load: strict (no unknown keys), documented on every property (hover
// help), and with the four key-result kinds mutually exclusive.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/run-cli.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default as typeof import('ajv').default;

const NAMES = ['okr', 'team', 'cycle'] as const;
const schemaOf = (name: string) => JSON.parse(readFileSync(join(PROJECT_ROOT, 'schemas', `${name}.schema.json`), 'utf8'));

type Json = Record<string, unknown>;

/** Every subschema with the JSON Pointer that leads to it. */
function* subschemas(node: unknown, pointer = ''): Generator<[string, Json]> {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* subschemas(item, `${pointer}/${i}`);
    return;
  }
  const schema = node as Json;
  yield [pointer, schema];
  for (const key of ['properties', '$defs', 'patternProperties'])
    if (schema[key]) for (const [name, sub] of Object.entries(schema[key] as Json)) yield* subschemas(sub, `${pointer}/${key}/${name}`);
  for (const key of ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'])
    if (schema[key] && typeof schema[key] === 'object') yield* subschemas(schema[key], `${pointer}/${key}`);
  for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems']) if (Array.isArray(schema[key])) yield* subschemas(schema[key], `${pointer}/${key}`);
}

describe.each(NAMES)('schemas/%s.schema.json', (name) => {
  const schema = schemaOf(name);

  it('is draft 2020-12 and compiles in ajv strict mode', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(() => new Ajv2020({ strict: true }).compile(schema)).not.toThrow();
  });

  it('has a description on every property', () => {
    const missing: string[] = [];
    for (const [pointer, sub] of subschemas(schema))
      // okr.yaml's condition "mission and cycles, unless an upstream" (/if, /then) names keys, adds none.
      if (sub.properties && pointer !== '/if' && pointer !== '/then')
        for (const [key, prop] of Object.entries(sub.properties as Json))
          if (typeof (prop as Json).description !== 'string' || ((prop as Json).description as string).length < 10) missing.push(`${pointer}/properties/${key}`);
    expect(missing).toEqual([]);
  });

  it('closes every object: additionalProperties is false (except the rules map)', () => {
    const open: string[] = [];
    for (const [pointer, sub] of subschemas(schema)) {
      if (!sub.properties) {
        // An object type without its own field list must take it from a closed allOf member.
        const closedByAllOf = Array.isArray(sub.allOf) && (sub.allOf as Json[]).some((m) => m.properties && m.additionalProperties === false);
        if (sub.type === 'object' && sub.additionalProperties !== false && !closedByAllOf) open.push(pointer);
        continue;
      }
      if (pointer === '/properties/rules') continue; // rule names are checked by okr check, with a suggestion
      if (pointer === '/if' || pointer === '/then') continue; // okr.yaml's condition "mission and cycles, unless an upstream" names keys, adds none
      // The key-result schema keeps its field list in allOf/0; the kind branches add no fields.
      if (sub.additionalProperties !== false) open.push(pointer);
    }
    expect(open).toEqual([]);
  });
});

describe('the rules map', () => {
  it('is the one object that allows unknown keys, so okr check can suggest the right name', () => {
    const rules = schemaOf('okr').properties.rules;
    expect(rules.additionalProperties).not.toBe(false);
    expect(Object.keys(rules.properties)).toEqual([
      'max-objectives-per-team',
      'max-key-results-per-objective',
      'require-alignment',
      'stale-checkin',
      'rollup-without-children',
      'closed-cycle-changed',
    ]);
  });
});

describe('key-result kinds in the cycle schema', () => {
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schemaOf('cycle'));
  const valid = (kr: Json) => validate({ objectives: [{ id: 'o', title: 'O', key_results: [{ id: 'k', title: 'K', ...kr }] }] });

  it.each<[string, Json]>([
    ['metric', { start: 900, target: 300 }],
    ['metric with current, unit and source', { start: 0, target: 10, current: 4, unit: '%', source: { file: 'm.json', pointer: '/x' } }],
    ['milestone', { done: false }],
    ['rollup', { rollup: true }],
    ['guardrail below', { keep_below: 0.1, current: 0.05 }],
    ['guardrail above', { keep_above: 99.9, current: 99.95, unit: '%' }],
  ])('accepts a %s', (_kind, kr) => {
    expect(valid(kr)).toBe(true);
  });

  it.each<[string, Json]>([
    ['no kind at all', {}],
    ['metric + milestone', { start: 0, target: 1, done: true }],
    ['metric + rollup', { start: 0, target: 1, rollup: true }],
    ['metric + guardrail', { start: 0, target: 1, keep_below: 5, current: 1 }],
    ['milestone + rollup', { done: true, rollup: true }],
    ['milestone + guardrail', { done: true, keep_above: 1, current: 2 }],
    ['rollup + guardrail', { rollup: true, keep_below: 1, current: 0 }],
    ['all four', { start: 0, target: 1, done: false, rollup: true, keep_below: 1, current: 0 }],
    ['a metric without target', { start: 0 }],
    ['a guardrail with both bounds', { keep_below: 5, keep_above: 1, current: 2 }],
    ['a guardrail without current', { keep_below: 5 }],
    ['a milestone with current', { done: false, current: 1 }],
    ['a rollup with a unit', { rollup: true, unit: 'teams' }],
    ['a milestone with a source', { done: true, source: { file: 'm.json', pointer: '' } }],
    ['rollup: false', { rollup: false }],
  ])('rejects %s', (_kind, kr) => {
    expect(valid(kr)).toBe(false);
  });
});
