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

let validators: Record<SchemaName, ValidateFunction> | undefined;

function loadValidators(): Record<SchemaName, ValidateFunction> {
  if (validators) return validators;
  try {
    validators = require('../validators.cjs') as Record<SchemaName, ValidateFunction>;
  } catch {
    const Ajv2020 = require('ajv/dist/2020.js').default as typeof import('ajv').default;
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
    validators = {
      okr: ajv.compile(readSchema('okr')),
      team: ajv.compile(readSchema('team')),
      cycle: ajv.compile(readSchema('cycle')),
    };
  }
  return validators;
}

/** Validates one file's data; returns findings (empty when valid). */
export function validateAgainstSchema(name: SchemaName, file: string, data: unknown): Finding[] {
  const validate = loadValidators()[name];
  if (validate(data)) return [];
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

function explainErrors(file: string, data: unknown, errors: readonly ErrorObject[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (path: NodePath, message: string, on: 'key' | 'value' = 'value') => {
    const key = `${path.join('/')}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({ rule: 'schema', severity: 'error', message, target: { file, path, on } });
  };

  for (const error of errors) {
    const path = pathOf(error.instancePath);
    const isKeyResult = path.length === 4 && path[0] === 'objectives' && path[2] === 'key_results';
    if (isKeyResult && (error.keyword === 'oneOf' || BRANCHING.test(error.schemaPath))) {
      if (error.keyword !== 'oneOf') continue;
      const explained = explainKeyResultKind(valueAt(data, path));
      add([...path, ...explained.path], explained.message, explained.path.length ? 'key' : 'value');
      continue;
    }
    if (BRANCHING.test(error.schemaPath)) continue; // summarised by the oneOf/anyOf error itself
    add(path, describe(error, path, data, errors), error.keyword === 'additionalProperties' ? 'key' : 'value');
  }
  for (const finding of findings) {
    // An unknown key points at the key itself, not the mapping that holds it.
    if (finding.message.startsWith('unknown key') && 'path' in finding.target) {
      const key = /"([^"]*)"/.exec(finding.message)?.[1];
      if (key !== undefined) (finding.target as { path: NodePath }).path = [...finding.target.path, key];
    }
  }
  return findings;
}

function describe(error: ErrorObject, path: NodePath, data: unknown, all: readonly ErrorObject[]): string {
  const name = path.length ? String(path[path.length - 1]) : 'the document';
  const field = typeof path[path.length - 1] === 'number' ? `item ${name} of ${String(path[path.length - 2])}` : `"${name}"`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = allowedKeys(error);
      const hint = closest(key, allowed);
      return `unknown key "${key}"${hint ? `: did you mean "${hint}"?` : allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`;
    }
    case 'required':
      return `missing required key "${String(params.missingProperty)}"`;
    case 'type': {
      const value = valueAt(data, path);
      return `${field} must be ${article(String(params.type))}, not ${typeName(value)}`;
    }
    case 'pattern': {
      const value = String(valueAt(data, path));
      if (name === 'id' || path[path.length - 2] === 'values' || path[path.length - 2] === 'parent')
        return `${explainInvalidId(value)}: ${ID_RULE_TEXT}`;
      if (path.includes('aligns_to'))
        return `"${value}" is not a valid reference: use "mission", an objective id, "team/objective" or "team/objective/kr"`;
      if (name === 'start' || name === 'end') return `${field} must be a date as YYYY-MM-DD, not "${value}"`;
      return `${field} does not have the expected form (${String(params.pattern)})`;
    }
    case 'oneOf':
    case 'anyOf': {
      const types = all
        .filter((e) => e.instancePath === error.instancePath && e.keyword === 'type' && BRANCHING.test(e.schemaPath))
        .map((e) => String((e.params as { type: string }).type));
      if (types.length) return `${field} must be ${[...new Set(types)].map(article).join(' or ')}, not ${typeName(valueAt(data, path))}`;
      const inner = all.find((e) => e.instancePath.startsWith(error.instancePath) && BRANCHING.test(e.schemaPath));
      return inner ? describe(inner, pathOf(inner.instancePath), data, []) : `${field} is not valid`;
    }
    case 'const':
      return `${field} must be ${JSON.stringify(params.allowedValue)}`;
    case 'enum':
      return `${field} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'minItems':
      return `${field} must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `${field} must have at most ${String(params.limit)} items`;
    case 'minLength':
      return `${field} must not be empty`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${field} must be ${String(params.comparison)} ${String(params.limit)}`;
    default:
      return `${field} ${error.message ?? 'is not valid'}`;
  }
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
  return `${typeof value} ${String(value)}`;
}
