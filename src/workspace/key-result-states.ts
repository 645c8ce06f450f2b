// What one version of a cycle file says about its key results' values: the part of a goal file that
// check-in history compares from commit to commit. Rollups carry no value of their own and are left out.
import type { FileStates, KeyResultState } from '../model/history.js';
import { isValidId } from '../model/ids.js';
import { kindsPresent } from './key-result-kind.js';
import { parseYaml } from './parse-yaml.js';

type Data = Record<string, unknown>;
const isRecord = (x: unknown): x is Data => x !== null && typeof x === 'object' && !Array.isArray(x);
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

/** The key results of a cycle file's text by `objective/kr`, or undefined when the text is not readable YAML. */
export function keyResultStates(file: string, text: string): FileStates | undefined {
  const parsed = parseYaml(file, text);
  if (parsed.data === undefined || parsed.findings.some((f) => f.severity === 'error' && f.rule === 'yaml-syntax')) return undefined;
  return statesOf(parsed.data);
}

export function statesOf(data: unknown): FileStates {
  const states = new Map<string, KeyResultState>();
  if (!isRecord(data) || !Array.isArray(data.objectives)) return states;
  for (const objective of data.objectives) {
    if (!isRecord(objective) || typeof objective.id !== 'string' || !isValidId(objective.id)) continue;
    if (!Array.isArray(objective.key_results)) continue;
    for (const kr of objective.key_results) {
      if (!isRecord(kr) || typeof kr.id !== 'string' || !isValidId(kr.id)) continue;
      const state = stateOf(kr);
      const key = `${objective.id}/${kr.id}`;
      if (state && !states.has(key)) states.set(key, state);
    }
  }
  return states;
}

function stateOf(kr: Data): KeyResultState | undefined {
  const kinds = kindsPresent(kr);
  if (kinds.length !== 1) return undefined;
  const confidence = num(kr.confidence);
  const unit = typeof kr.unit === 'string' ? kr.unit : undefined;
  const extra = { ...(confidence !== undefined ? { confidence } : {}), ...(unit !== undefined ? { unit } : {}) };
  switch (kinds[0]) {
    case 'metric': {
      const value = num(kr.current) ?? num(kr.start);
      return value === undefined ? undefined : { kind: 'metric', value, ...extra };
    }
    case 'guardrail': {
      const value = num(kr.current);
      return value === undefined ? undefined : { kind: 'guardrail', value, ...extra };
    }
    case 'milestone':
      return typeof kr.done === 'boolean' ? { kind: 'milestone', value: kr.done, ...extra } : undefined;
    default:
      return undefined;
  }
}
