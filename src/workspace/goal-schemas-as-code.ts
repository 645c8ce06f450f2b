// The yes/no of schemas/cycle.schema.json and schemas/team.schema.json, written out as code: the
// answer ajv's quick validators give, for every input, in one walk that allocates nothing. ajv's
// code for the key results' kinds (a oneOf of four `not anyOf required` branches) makes error
// objects even for valid data; at 10,000 teams (120,000 key results) this walk takes ~40 ms where
// ajv's took ~220 ms. ajv still words every finding: a file this says no to is validated again by
// the thorough validator (schema-validation.ts).
//
// It must change with the schemas: test/workspace/goal-schemas-as-code.test.ts compares it with
// ajv on generated documents, and holds a digest of both schema files so that a schema edit fails
// that test until this file is brought along.

import { isValidId } from '../model/ids.js';

/** `$defs/id`. The `u` flag, as ajv compiles schema patterns. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/u;
/** `$defs/ref`. */
const REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,63}){0,2}$/u;
/** A key result's `source.pointer`: a JSON Pointer. */
const POINTER = /^(\/([^~]|~[01])*)*$/u;
/** A team's owner: an @handle or an email address. */
const OWNER = /^(@[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)?|[^@\s]+@[^@\s]+)$/u;

type Data = Record<string, unknown>;

/** JSON Schema's "object" as ajv tests it. */
function isObject(x: unknown): x is Data {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** JSON Schema's "number" as ajv tests it (strictNumbers: no NaN, no infinities). */
function isNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** `minLength: 1` (ajv counts code points; a non-empty string has at least one). */
function isText(x: unknown): boolean {
  return typeof x === 'string' && x.length > 0;
}

function isFraction(x: unknown): boolean {
  return isNumber(x) && x >= 0 && x <= 1;
}

function isPositive(x: unknown): boolean {
  return isNumber(x) && x > 0;
}

/** `$defs/id` for one value, as isValidId tests ID_PATTERN (the same pattern): without a regex, for ~150,000 ids at 10,000 teams. */
function isId(x: unknown): boolean {
  return typeof x === 'string' && isValidId(x);
}

function matches(x: unknown, pattern: RegExp): boolean {
  return typeof x === 'string' && pattern.test(x);
}

/** An array of strings each matching `pattern`, no two the same (`uniqueItems`), at least `min` long. */
function isUniqueList(x: unknown, pattern: RegExp, min: number): boolean {
  if (!Array.isArray(x) || x.length < min) return false;
  for (let i = 0; i < x.length; i++) if (!matches(x[i], pattern)) return false;
  // Lists are one or two items: compared pairwise; a long (hostile) list through a set, not n² steps.
  if (x.length > 8) return new Set(x).size === x.length;
  for (let i = 1; i < x.length; i++) for (let j = 0; j < i; j++) if (x[j] === x[i]) return false;
  return true;
}

/** Whether `data` is a valid cycle file (schemas/cycle.schema.json). */
export function isValidCycleFile(data: unknown): boolean {
  if (!isObject(data)) return false;
  let objectives: unknown;
  for (const key in data) {
    if (key !== 'objectives') return false;
    objectives = data[key];
  }
  if (!Array.isArray(objectives)) return false; // missing (undefined) or not a list
  for (let i = 0; i < objectives.length; i++) if (!isValidObjective(objectives[i])) return false;
  return true;
}

function isValidObjective(o: unknown): boolean {
  if (!isObject(o)) return false;
  let required = 0;
  for (const key in o) {
    const v = o[key];
    switch (key) {
      case 'id':
        if (v === undefined) continue;
        // `not: {const: mission}`: the word names the mission (SPEC 9).
        if (!isId(v) || v === 'mission') return false;
        required |= 1;
        continue;
      case 'title':
        if (v === undefined) continue;
        if (!isText(v)) return false;
        required |= 2;
        continue;
      case 'description':
        if (v !== undefined && typeof v !== 'string') return false;
        continue;
      case 'aligns_to':
        if (v !== undefined && !matches(v, REF) && !isUniqueList(v, REF, 1)) return false;
        continue;
      case 'values':
        if (v !== undefined && !isUniqueList(v, ID, 0)) return false;
        continue;
      case 'owner':
        if (v !== undefined && !isText(v)) return false;
        continue;
      case 'weight':
        if (v !== undefined && !isPositive(v)) return false;
        continue;
      case 'grade':
        if (v !== undefined && !isFraction(v)) return false;
        continue;
      case 'key_results':
        if (v === undefined) continue;
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!isValidKeyResult(v[i])) return false;
        continue;
      default:
        return false; // additionalProperties: false
    }
  }
  return required === 3;
}

// The fields that decide a key result's kind, as bits.
const START = 1;
const TARGET = 2;
const CURRENT = 4;
const UNIT = 8;
const DONE = 16;
const ROLLUP = 32;
const KEEP_BELOW = 64;
const KEEP_ABOVE = 128;
const SOURCE = 256;
const ID_AND_TITLE = 512 | 1024;

/**
 * The kinds (the schema's `oneOf`), by the fields present: metric (start and target, none of
 * done, rollup, keep_below, keep_above), milestone (done and nothing of another kind), rollup
 * (likewise), guardrail (current and exactly one of keep_below and keep_above, none of start,
 * target, done, rollup). The four exclude each other, so "exactly one" is "any".
 */
function hasOneKind(fields: number): boolean {
  const metric = (fields & (START | TARGET)) === (START | TARGET) && (fields & (DONE | ROLLUP | KEEP_BELOW | KEEP_ABOVE)) === 0;
  const alone = START | TARGET | CURRENT | UNIT | ROLLUP | DONE | KEEP_BELOW | KEEP_ABOVE | SOURCE;
  const milestone = (fields & alone) === DONE;
  const rollup = (fields & alone) === ROLLUP;
  const keep = fields & (KEEP_BELOW | KEEP_ABOVE);
  const guardrail = (fields & CURRENT) !== 0 && (keep === KEEP_BELOW || keep === KEEP_ABOVE) && (fields & (START | TARGET | DONE | ROLLUP)) === 0;
  return metric || milestone || rollup || guardrail;
}

function isValidKeyResult(kr: unknown): boolean {
  if (!isObject(kr)) return false;
  let fields = 0;
  for (const key in kr) {
    const v = kr[key];
    let bit = 0;
    switch (key) {
      case 'id':
        if (v !== undefined && !isId(v)) return false;
        bit = 512;
        break;
      case 'title':
        if (v !== undefined && !isText(v)) return false;
        bit = 1024;
        break;
      case 'description':
        if (v !== undefined && typeof v !== 'string') return false;
        break;
      case 'unit':
        if (v !== undefined && typeof v !== 'string') return false;
        bit = UNIT;
        break;
      case 'owner':
        if (v !== undefined && !isText(v)) return false;
        break;
      case 'weight':
        if (v !== undefined && !isPositive(v)) return false;
        break;
      case 'confidence':
      case 'grade':
        if (v !== undefined && !isFraction(v)) return false;
        break;
      case 'start':
      case 'target':
      case 'current':
      case 'keep_below':
      case 'keep_above':
        if (v !== undefined && !isNumber(v)) return false;
        bit = key === 'start' ? START : key === 'target' ? TARGET : key === 'current' ? CURRENT : key === 'keep_below' ? KEEP_BELOW : KEEP_ABOVE;
        break;
      case 'done':
        if (v !== undefined && typeof v !== 'boolean') return false;
        bit = DONE;
        break;
      case 'rollup':
        if (v !== undefined && v !== true) return false;
        bit = ROLLUP;
        break;
      case 'source':
        if (v !== undefined && !isValidSource(v)) return false;
        bit = SOURCE;
        break;
      default:
        return false; // additionalProperties: false
    }
    // `required` and the kinds count a field as present when it is not undefined, as ajv does.
    if (v !== undefined) fields |= bit;
  }
  return (fields & ID_AND_TITLE) === ID_AND_TITLE && hasOneKind(fields);
}

function isValidSource(x: unknown): boolean {
  if (!isObject(x)) return false;
  let required = 0;
  for (const key in x) {
    const v = x[key];
    if (key === 'file') {
      if (v === undefined) continue;
      if (!isText(v)) return false;
      required |= 1;
    } else if (key === 'pointer') {
      if (v === undefined) continue;
      if (!matches(v, POINTER)) return false;
      required |= 2;
    } else return false;
  }
  return required === 3;
}

/** Whether `data` is a valid team file (schemas/team.schema.json). */
export function isValidTeamFile(data: unknown): boolean {
  if (!isObject(data)) return false;
  let named = false;
  for (const key in data) {
    const v = data[key];
    if (v === undefined) {
      if (key !== 'name' && key !== 'parent' && key !== 'owners' && key !== 'purpose') return false;
      continue;
    }
    switch (key) {
      case 'name':
        if (!isText(v)) return false;
        named = true;
        continue;
      case 'parent':
        if (!isId(v)) return false;
        continue;
      case 'owners':
        if (!isUniqueList(v, OWNER, 1)) return false;
        continue;
      case 'purpose':
        if (typeof v !== 'string') return false;
        continue;
      default:
        return false;
    }
  }
  return named;
}
