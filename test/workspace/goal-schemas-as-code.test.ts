// The team and cycle schemas written as code (src/workspace/goal-schemas-as-code.ts) must say yes
// exactly where ajv's quick validators, compiled from schemas/*.schema.json as the build compiles
// them, say yes: on generated documents that mix valid values with every kind of wrong one (wrong
// types, NaN and infinities, empty and astral text, ids one character too long, duplicates,
// unknown and inherited-looking keys, every combination of the key-result kind fields).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidCycleFile, isValidTeamFile } from '../../src/workspace/goal-schemas-as-code.js';
import { validateAgainstSchema } from '../../src/workspace/schema-validation.js';
import { PROJECT_ROOT } from '../support/run-cli.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default as typeof import('ajv').default;
const schemaText = (name: string) => readFileSync(join(PROJECT_ROOT, 'schemas', `${name}.schema.json`), 'utf8');
const ajv = new Ajv2020({ allErrors: false, strict: true }); // the options of dist/validators-quick.cjs
const byAjv = { cycle: ajv.compile(JSON.parse(schemaText('cycle'))), team: ajv.compile(JSON.parse(schemaText('team'))) };

/** A schema without its annotations (descriptions, comments, titles): what validation depends on. */
function validationPart(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(validationPart);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node))
    if (!(['description', '$comment', 'title', 'examples'].includes(key) && typeof value === 'string')) out[key] = validationPart(value);
  return out;
}

const digest = (name: string) => createHash('sha256').update(JSON.stringify(validationPart(JSON.parse(schemaText(name))))).digest('hex').slice(0, 16);

const long = 'a'.repeat(64);
const anyValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1, 0.5, 2, NaN, Infinity, -Infinity, '', 'x', '😀', [], {}, ['x']),
  fc.anything({ maxDepth: 1 }),
);
const text = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('Make checkout fast', 'x', '😀') }, fc.constant(''), anyValue);
const id = fc.oneof({ weight: 16, arbitrary: fc.constantFrom('o1', 'k2', 'faster-checkout', 'a.b_c-d', long, '9') }, fc.constantFrom(`${long}a`, '-x', '.x', 'a b', 'é', 'a/b', '', 'x😀'), anyValue);
const ref = fc.oneof({ weight: 16, arbitrary: fc.constantFrom('mission', 'o1', 'payments/o1', 'payments/o1/k1', `${long}/${long}/${long}`) }, fc.constantFrom('a/b/c/d', 'a//b', '/a', 'a/', `${long}a/b`, 'a b'), anyValue);
const list = <T>(item: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 8, arbitrary: fc.array(item, { maxLength: 3 }) }, item.map((x) => [x, x]), fc.array(item, { minLength: 9, maxLength: 12 }), anyValue);
const number = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(0, 1, -1, 0.5, 1.5, 100, -0) }, fc.constantFrom(NaN, Infinity, -Infinity, '1', true, null), fc.double());
const fraction = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(0, 1, 0.7, -0) }, fc.constantFrom(-0.1, 1.01, NaN), number);
/** Keys a mapping may have by mistake: misspelled, inherited from Object.prototype, empty. */
const extra = fc.dictionary(fc.constantFrom('titel', 'kind', 'toString', 'constructor', 'hasOwnProperty', '', 'ID'), anyValue, { maxKeys: 1 });

const optional = { requiredKeys: [] as never[] };
const source = fc.oneof(
  fc.record({ file: fc.oneof(fc.constantFrom('metrics.json', ''), anyValue), pointer: fc.oneof(fc.constantFrom('', '/a', '/a~1b', '/a~2', 'a', '/~'), anyValue) }, optional),
  fc.tuple(fc.record({ file: fc.constant('m.json'), pointer: fc.constant('/x') }), extra).map(([s, e]) => ({ ...e, ...s })),
  anyValue,
);

/** Each field that decides a key result's kind, with a good value. */
const GOOD_KIND_FIELDS: Record<string, unknown> = {
  start: 1,
  target: 2,
  current: 1.5,
  unit: 'ms',
  done: true,
  rollup: true,
  keep_below: 3,
  keep_above: 0,
  source: { file: 'm.json', pointer: '/a' },
};

const keyResult = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.record(
          {
            id,
            title: text,
            description: text,
            owner: text,
            weight: number,
            confidence: fraction,
            grade: fraction,
            start: number,
            target: number,
            current: number,
            unit: text,
            done: fc.oneof(fc.boolean(), anyValue),
            rollup: fc.oneof(fc.constant(true), anyValue),
            keep_below: number,
            keep_above: number,
            source,
          },
          optional,
        ),
        fc.option(extra, { freq: 12 }),
      )
      .map(([kr, e]) => (e ? { ...kr, ...e } : kr)),
  },
  // Any combination of the kind fields with good values, and now and then one other field that
  // may be wrong: valid key results are common, and so are those wrong in one thing only.
  {
    weight: 30,
    arbitrary: fc
      .tuple(
        id,
        fc.oneof(
          fc.subarray(Object.keys(GOOD_KIND_FIELDS)).map((keys) => Object.fromEntries(keys.map((k) => [k, GOOD_KIND_FIELDS[k]]))),
          fc.constantFrom<Record<string, unknown>>({ start: 1, target: 2 }, { done: false }, { rollup: true }, { keep_below: 1, current: 0.2, unit: '%' }, { keep_above: 1, current: 2 }),
        ),
        fc.record({ description: text, owner: text, weight: number, confidence: fraction, grade: fraction, unit: text, source }, optional),
        fc.boolean(),
      )
      .map(([i, kind, more, both]) => ({ id: i, title: 'T', ...kind, ...(both ? more : {}) })),
  },
  anyValue,
);

const objective = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.record(
          {
            id: fc.oneof({ weight: 8, arbitrary: id }, fc.constant('mission')),
            title: text,
            description: text,
            aligns_to: fc.oneof(ref, list(ref)),
            values: list(id),
            owner: text,
            weight: number,
            grade: fraction,
            key_results: list(keyResult),
          },
          { requiredKeys: ['id', 'title', 'key_results'] },
        ),
        fc.option(extra, { freq: 16 }),
        fc.option(fc.constantFrom('id', 'title'), { freq: 16 }),
      )
      .map(([o, e, drop]) => {
        const out: Record<string, unknown> = e ? { ...o, ...e } : { ...o };
        if (drop) delete out[drop];
        return out;
      }),
  },
  fc.constant(null),
);

const cycleFile = fc.oneof(
  { weight: 8, arbitrary: fc.record({ objectives: fc.array(objective, { maxLength: 3 }) }) },
  fc.tuple(fc.record({ objectives: list(objective) }, optional), extra).map(([d, e]) => ({ ...d, ...e })),
  anyValue,
);

const owner = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('@ana', '@org/team', 'ana@acme.example', '@a/b/c', '@', 'ana', 'a@b@c', 'a @b', '@-x', '😀@x') }, anyValue);
const teamFile = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.record({ name: text, parent: id, owners: list(owner), purpose: text }, optional), fc.option(extra, { freq: 6 }))
      .map(([t, e]) => (e ? { ...t, ...e } : t)),
  },
  anyValue,
);

describe('the team and cycle schemas as code', () => {
  it('are written for these schemas (a schema edit must bring goal-schemas-as-code.ts along, then update the digests here)', () => {
    expect({ cycle: digest('cycle'), team: digest('team') }).toEqual({ cycle: '351350473054a626', team: '14c81bd19a652381' });
  });

  // Each key result, and each objective, alone in a file that is otherwise valid: it decides.
  it.each([
    ['a key result', keyResult.map((kr) => ({ objectives: [{ id: 'o', title: 'T', key_results: [kr] }] })), 20000],
    ['an objective', objective.map((o) => ({ objectives: [o] })), 10000],
    ['a whole cycle file', cycleFile, 5000],
  ] as const)('say yes to %s exactly where ajv does', (_what, documents, numRuns) => {
    fc.assert(
      fc.property(documents as fc.Arbitrary<unknown>, (data) => {
        expect([isValidCycleFile(data), data]).toEqual([byAjv.cycle(data), data]);
      }),
      { numRuns },
    );
  });

  it('say yes to a team file exactly where ajv does', () => {
    fc.assert(
      fc.property(teamFile, (data) => {
        expect([isValidTeamFile(data), data]).toEqual([byAjv.team(data), data]);
      }),
      { numRuns: 10000 },
    );
  });

  it('meet valid and invalid documents alike (the properties above are not vacuous)', () => {
    const cycles = fc.sample(cycleFile, { numRuns: 2000, seed: 1 }).map((d) => byAjv.cycle(d));
    const teams = fc.sample(teamFile, { numRuns: 2000, seed: 1 }).map((d) => byAjv.team(d));
    for (const verdicts of [cycles, teams]) {
      expect(verdicts.filter(Boolean).length).toBeGreaterThan(100);
      expect(verdicts.filter((v) => !v).length).toBeGreaterThan(200);
    }
  });

  it('take a long list of references without quadratic work and still find a duplicate', () => {
    const refs = Array.from({ length: 50_000 }, (_, i) => `o${i}`);
    const doc = (aligns: string[]) => ({ objectives: [{ id: 'o', title: 'T', aligns_to: aligns, key_results: [] }] });
    expect(isValidCycleFile(doc(refs))).toBe(true);
    expect(isValidCycleFile(doc([...refs, 'o49999']))).toBe(false);
  });

  it('leave the wording to ajv: a file they refuse gets the same findings as before', () => {
    const data = { objectives: [{ id: 'o1', title: 'T', key_results: [{ id: 'k1', title: 'K', done: true, start: 1 }] }] };
    expect(isValidCycleFile(data)).toBe(false);
    expect(validateAgainstSchema('cycle', 'teams/a/2026.yaml', data)).toEqual([
      expect.objectContaining({ rule: 'schema', target: expect.objectContaining({ file: 'teams/a/2026.yaml' }) }),
    ]);
  });
});
