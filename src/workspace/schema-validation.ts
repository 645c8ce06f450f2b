// JSON Schema validation of goal files, with ajv's errors rewritten as findings a person can act on.
// The validators are compiled to standalone code at build time (scripts/build.mjs): compiling the
// schemas on every run would cost ~90 ms of start-up. Running from source, they are compiled here.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Finding } from '../model/findings.js';
import { explainInvalidId, ID_RULE_TEXT } from '../model/ids.js';
import type { NodePath } from '../model/types.js';
import { closest } from '../model/suggest.js';
import { readTypedNumber, sameUnit } from '../model/typed-number.js';
import { isValidCycleFile, isValidTeamFile } from './goal-schemas-as-code.js';
import { explainKeyResultKind } from './key-result-kind.js';

export type SchemaName = 'okr' | 'team' | 'cycle';
export const SCHEMA_NAMES: readonly SchemaName[] = ['okr', 'team', 'cycle'];

const require = createRequire(import.meta.url);

export function schemaPath(name: SchemaName): string {
  return fileURLToPath(new URL(`../../schemas/${name}.schema.json`, import.meta.url));
}

export function readSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath(name), 'utf8')) as Record<string, unknown>;
}

/** A schema as okr writes it for editors (init, schema --out) and prints it: indented, one trailing newline. */
export function schemaFileText(name: SchemaName): string {
  return JSON.stringify(readSchema(name), null, 2) + '\n';
}

type Validators = Record<SchemaName, ValidateFunction>;

/** Validators that stop at the first error: the yes/no of okr.yaml. */
let quick: Validators | undefined;
/** Validators that collect every error with its data: for the files the quick ones reject. */
let thorough: Validators | undefined;

function loadValidators(which: 'quick' | 'thorough'): Validators {
  try {
    return require(which === 'quick' ? '../validators-quick.cjs' : '../validators.cjs') as Validators;
  } catch {
    const Ajv2020 = require('ajv/dist/2020.js').default as typeof import('ajv').default;
    const ajv = new Ajv2020(which === 'quick' ? { allErrors: false, strict: true } : { allErrors: true, strict: true, verbose: true });
    return { okr: ajv.compile(readSchema('okr')), team: ajv.compile(readSchema('team')), cycle: ajv.compile(readSchema('cycle')) };
  }
}

/**
 * The yes/no every file gets: team and cycle files (20,000 of 20,001 at 10,000 teams) by the
 * schemas written as code, okr.yaml by ajv's quick validator.
 */
function isValid(name: SchemaName, data: unknown): boolean {
  if (name === 'cycle') return isValidCycleFile(data);
  if (name === 'team') return isValidTeamFile(data);
  return (quick ??= loadValidators('quick'))[name](data);
}

/** Validates one file's data; returns findings (empty when valid). */
export function validateAgainstSchema(name: SchemaName, file: string, data: unknown): Finding[] {
  if (isValid(name, data)) return [];
  const validate = (thorough ??= loadValidators('thorough'))[name];
  if (validate(data)) return []; // cannot happen: both are compiled from the same schema
  return explainErrors(file, data, validate.errors ?? []);
}

function pathOf(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function valueAt(data: unknown, path: NodePath): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.hasOwn(node, key) ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return node;
}

const BRANCHING = /\/(oneOf|anyOf)\//;

/** Keywords ajv checks whatever the value's type; the others only apply to their own type. */
const TYPE_AGNOSTIC = new Set(['enum', 'const']);

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/**
 * The errors an anyOf/oneOf at `index` is made of: its branches' errors, which ajv reports right
 * before it, at or under the same value (those reached through a $ref carry the $ref's path).
 */
function branchErrors(errors: readonly ErrorObject[], index: number): number[] {
  const at = errors[index]!.instancePath;
  const owned: number[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const e = errors[i]!;
    const under = e.instancePath === at || e.instancePath.startsWith(`${at}/`);
    if (!under || !(BRANCHING.test(e.schemaPath) || e.schemaPath.startsWith('#/$defs/'))) break;
    owned.push(i);
  }
  return owned.reverse();
}

function explainErrors(file: string, data: unknown, errors: readonly ErrorObject[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (path: NodePath, message: string, on: 'key' | 'value' = 'value') => {
    const key = `${path.join('/')}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({ rule: 'schema', severity: 'error', message, target: { file, path, on } });
  };

  // Which alternative did the person mean? The branches whose type fits the value say it.
  const consumed = new Set<number>();
  const explained = new Map<number, ErrorObject[]>();
  errors.forEach((error, i) => {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') return;
    const path = pathOf(error.instancePath);
    if (isKeyResultPath(path)) return;
    const owned = branchErrors(errors, i);
    owned.forEach((j) => consumed.add(j));
    const value = valueAt(data, path);
    const container = typeOf(value) === 'array' || typeOf(value) === 'object';
    explained.set(
      i,
      owned
        .map((j) => errors[j]!)
        // A type error inside the list or mapping (an item, a value) is what is wrong with the branch
        // the person meant; one at the value itself only says it took another branch.
        .filter((e) => (e.keyword !== 'type' || (container && e.instancePath !== error.instancePath)) && !(container && e.instancePath === error.instancePath && TYPE_AGNOSTIC.has(e.keyword))),
    );
  });

  errors.forEach((error, i) => {
    if (consumed.has(i)) return;
    const path = pathOf(error.instancePath);
    if (isKeyResultPath(path) && (error.keyword === 'oneOf' || BRANCHING.test(error.schemaPath))) {
      if (error.keyword !== 'oneOf') return;
      const value = valueAt(data, path);
      if (typeOf(value) !== 'object') return; // the type error says it is not a mapping
      const kind = explainKeyResultKind(value);
      add([...path, ...kind.path], kind.message, kind.path.length ? 'key' : 'value');
      return;
    }
    const relevant = explained.get(i);
    if (relevant) {
      if (relevant.length === 0) add(path, describeTypeChoice(error, path, data, errors));
      else for (const inner of relevant) add(pathOf(inner.instancePath), describe(inner, pathOf(inner.instancePath), data, errors));
      return;
    }
    if (BRANCHING.test(error.schemaPath)) return; // summarised by the oneOf/anyOf error itself
    if (error.keyword === 'if') return; // the errors of its branch say what is missing
    if (error.keyword === 'required' && misspelledAs(error, errors)) return; // "did you mean" says it
    if (error.keyword === 'pattern' && cycleDayCheckedByModel(path, data)) return; // invalid-date says what is wrong with the day
    add(path, describe(error, path, data, errors), error.keyword === 'additionalProperties' ? 'key' : 'value');
  });
  for (const finding of findings) {
    // An unknown key points at the key itself, not the mapping that holds it.
    if (finding.message.startsWith('unknown key') && 'path' in finding.target) {
      const key = /"([^"]*)"/.exec(finding.message)?.[1];
      if (key !== undefined) (finding.target as { path: NodePath }).path = [...finding.target.path, key];
    }
  }
  return findings;
}

/**
 * A cycle's start, end or closed day in okr.yaml that the model's invalid-date check will explain
 * (a cycle with an id, a start and an end is built into the model; see build-model.ts).
 */
function cycleDayCheckedByModel(path: NodePath, data: unknown): boolean {
  if (path.length !== 3 || path[0] !== 'cycles' || !['start', 'end', 'closed'].includes(String(path[2]))) return false;
  const cycle = path.slice(0, 2);
  const id = valueAt(data, [...cycle, 'id']);
  const text = (key: string) => {
    const v = valueAt(data, [...cycle, key]);
    return typeof v === 'string' && v !== '';
  };
  return (typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id) && id >= 0)) && text('start') && text('end');
}

const isKeyResultPath = (path: NodePath) => path.length === 4 && path[0] === 'objectives' && path[2] === 'key_results';

/** True when the missing key is what an unknown key of the same mapping most likely meant ("titel"). */
function misspelledAs(error: ErrorObject, all: readonly ErrorObject[]): boolean {
  const missing = String((error.params as { missingProperty: string }).missingProperty);
  return all.some(
    (e) =>
      e.keyword === 'additionalProperties' &&
      e.instancePath === error.instancePath &&
      closest(String((e.params as { additionalProperty: string }).additionalProperty), [missing]) === missing,
  );
}

/** What a mapping at `path` is, for messages: `objective "faster-checkout"`, `key result "p95"`. */
function subject(path: NodePath, data: unknown): string {
  const holder = path[path.length - 2];
  const what =
    holder === 'objectives' ? 'objective' : holder === 'key_results' ? 'key result' : holder === 'cycles' ? 'cycle' : holder === 'values' ? 'value' : undefined;
  if (!what) return path.length ? `"${String(path[path.length - 1])}"` : 'the file';
  const id = valueAt(data, [...path, 'id']);
  return typeof id === 'string' || typeof id === 'number' ? `${what} "${id}"` : `${what} ${Number(path[path.length - 1]) + 1} of ${String(holder)}`;
}

function describeTypeChoice(error: ErrorObject, path: NodePath, data: unknown, all: readonly ErrorObject[]): string {
  const types = all
    .filter((e) => e.instancePath === error.instancePath && e.keyword === 'type')
    .map((e) => String((e.params as { type: string }).type));
  const value = valueAt(data, path);
  if (path[0] === 'rules' && path.length === 2)
    return `rule "${String(path[1])}" must be a severity (off, warn, error) or a list [severity, option], not ${typeName(value)}`;
  const field = path.length ? `"${String(path[path.length - 1])}"` : 'the document';
  return types.length ? `${field} must be ${[...new Set(types)].map(article).join(' or ')}, not ${typeName(value)}` : `${field} is not valid`;
}

function describe(error: ErrorObject, path: NodePath, data: unknown, all: readonly ErrorObject[]): string {
  const name = path.length ? String(path[path.length - 1]) : 'the document';
  const field = typeof path[path.length - 1] === 'number' ? `item ${name} of ${String(path[path.length - 2])}` : `"${name}"`;
  const params = error.params as Record<string, unknown>;
  if (path[0] === 'rules' && path.length >= 2) {
    const rule = String(path[1]);
    if (error.keyword === 'enum' || (path.length === 3 && path[2] === 0))
      return `rule "${rule}": the severity must be off, warn or error, not ${typeName(valueAt(data, path))}`;
    if (path.length === 3 && path[2] === 1) return `rule "${rule}": the limit must be a whole number of at least 1, not ${typeName(valueAt(data, path))}`;
    if (error.keyword === 'items')
      return params.limit === 1
        ? `rule "${rule}" takes no option: write only its severity (${rule}: warn)`
        : `rule "${rule}" takes [severity, limit]: remove the extra items`;
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = allowedKeys(error);
      const hint = closest(key, allowed);
      return `unknown key "${key}"${hint ? `: did you mean "${hint}"?` : allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`;
    }
    case 'required': {
      const missing = `${subject(path, data)} is missing the required key "${String(params.missingProperty)}"`;
      // okr.yaml's mission and cycles may come from its upstream instead (SPEC 13).
      return error.schemaPath.startsWith('#/then/') ? `${missing} (or an "upstream:" to inherit it from)` : missing;
    }
    case 'type': {
      const value = valueAt(data, path);
      if (path.length === 0) {
        const parent = error.parentSchema as { required?: string[]; then?: { required?: string[] } } | undefined;
        const required = [...(parent?.required ?? []), ...(parent?.then?.required ?? [])];
        const keys = required.map((k) => `"${k}:"`).join(', ');
        return value === null || value === undefined
          ? `the file is empty: it must be a mapping with ${keys || 'keys'}`
          : `the file must be a mapping (lines of key: value, starting with ${keys || 'its keys'}), not ${typeName(value)}`;
      }
      const typed = params.type === 'number' && typeof value === 'string' ? numberTextHint(path, value, data) : undefined;
      return `${field} must be ${params.type === 'boolean' ? 'true or false' : article(String(params.type))}, not ${typeName(value)}${typed ? `: ${typed}` : ''}`;
    }
    case 'pattern': {
      const value = String(valueAt(data, path));
      if (name === 'id' || path[path.length - 2] === 'values' || path[path.length - 2] === 'parent' || name === 'parent')
        return `${explainInvalidId(value)}; ${ID_RULE_TEXT}`;
      if (path.includes('aligns_to'))
        return `"${value}" is not a valid reference: use "mission", an objective id, "team/objective" or "team/objective/kr"`;
      if (name === 'start' || name === 'end') return `${field} must be a date as YYYY-MM-DD, not "${value}"`;
      if (path.includes('owners')) return `owner "${value}" must be an email address (ana@example.com) or an @handle (@ana, @org/team)`;
      if (name === 'pointer') return `"${value}" is not a JSON Pointer: use "" for the whole document, or a path starting with "/", e.g. /conversion_pct`;
      return `${field} does not have the expected form (${String(params.pattern)})`;
    }
    case 'oneOf':
    case 'anyOf':
      return describeTypeChoice(error, path, data, all);
    case 'not':
      if (name === 'id' && valueAt(data, path) === 'mission')
        return '"mission" cannot be an objective id: the word mission names the mission (aligns_to: mission); choose another id';
      return `${field} ${error.message ?? 'is not valid'}`;
    case 'const':
      return `${field} must be ${JSON.stringify(params.allowedValue)}, not ${typeName(valueAt(data, path))}`;
    case 'enum':
      return `${field} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'minItems':
      return `${field} must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    case 'maxItems':
    case 'items':
      return `${field} must have at most ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    case 'uniqueItems':
      return `${field} lists the same item twice (items ${String(params.j)} and ${String(params.i)}): remove one`;
    case 'minLength':
      return `${field} must not be empty`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${field} must be ${String(params.comparison)} ${String(params.limit)}, not ${typeName(valueAt(data, path))}`;
    default:
      return `${field} ${error.message ?? 'is not valid'}`;
  }
}

/** Key-result fields whose number is in the key result's unit. */
const UNIT_FIELDS = new Set(['start', 'target', 'current', 'keep_below', 'keep_above']);

/**
 * What to write instead of a number typed with its unit or grouped digits (`current: 45%`): the
 * number alone, and the unit where okr keeps it (`unit: "%"`). Undefined when the text is no number.
 */
function numberTextHint(path: NodePath, text: string, data: unknown): string | undefined {
  const typed = readTypedNumber(text);
  if (!typed) return undefined;
  const field = String(path[path.length - 1]);
  if (field === 'confidence') {
    const fraction = typed.unit === '%' ? typed.value / 100 : typed.value;
    return fraction >= 0 && fraction <= 1 ? `write ${formatFraction(fraction)} (confidence is a number from 0 to 1)` : 'confidence is a number from 0 to 1, e.g. 0.7';
  }
  if (typed.unit === undefined) return `write ${typed.plain}${typed.grouped ? ' (no commas: okr does not guess what they group)' : ' (no quotes)'}`;
  if (!UNIT_FIELDS.has(field)) return `write ${typed.plain}`;
  const declared = valueAt(data, [...path.slice(0, -1), 'unit']);
  const unit = typeof declared === 'string' ? declared : undefined;
  if (unit === undefined) return `write ${typed.plain} and unit: ${JSON.stringify(typed.unit)}`;
  if (sameUnit(typed.unit, unit)) return `write ${typed.plain} (the key result's unit: ${JSON.stringify(unit)} says the rest)`;
  return `write the number alone, in the key result's unit (unit: ${JSON.stringify(unit)})`;
}

function formatFraction(x: number): string {
  return String(Number(x.toPrecision(12)));
}

function allowedKeys(error: ErrorObject): string[] {
  const schema = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  return schema?.properties ? Object.keys(schema.properties) : [];
}

function article(type: string): string {
  const noun = type === 'integer' ? 'whole number' : type === 'object' ? 'mapping' : type === 'array' ? 'list' : type;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  // .nan, .inf, or a number too large for a double (1e400): "number Infinity" would name no value the file has.
  if (typeof value === 'number' && Number.isNaN(value)) return '.nan (not a number)';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'an infinite number (.inf, or a number too large to hold, like 1e400)';
  return `${typeof value} ${String(value)}`;
}
