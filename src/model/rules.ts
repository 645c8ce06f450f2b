// The configurable policy rules of okr.yaml (eslint-style) and their defaults: without a `rules`
// block every rule warns, so a workspace never fails on policy alone.
import type { RuleSetting } from './types.js';

export const DEFAULT_RULES: Readonly<Record<string, RuleSetting>> = {
  'max-objectives-per-team': { severity: 'warn', option: 5 },
  'max-key-results-per-objective': { severity: 'warn', option: 5 },
  'require-alignment': { severity: 'warn' },
  'stale-checkin': { severity: 'warn' },
  'rollup-without-children': { severity: 'warn' },
  'closed-cycle-changed': { severity: 'error' },
};

export const KNOWN_RULES: ReadonlyMap<string, string> = new Map([
  ['max-objectives-per-team', 'a team has at most N objectives in a cycle (default 5)'],
  ['max-key-results-per-objective', 'an objective has at most N key results (default 5)'],
  ['require-alignment', 'every objective says what it aligns to (aligns_to)'],
  ['stale-checkin', 'a key result was checked in within checkins.stale_after_days'],
  ['rollup-without-children', 'a rollup key result has objectives aligned to it'],
  ['closed-cycle-changed', "a closed cycle's values, targets and grades are those of its close commit"],
]);

/** Every rule id `okr check` can report, with a one-line description (SARIF rule metadata, docs). */
export const RULE_CATALOG: ReadonlyMap<string, string> = new Map([
  ['yaml-syntax', 'the file is valid YAML'],
  ['duplicate-key', 'a YAML mapping has no repeated key'],
  ['schema', 'the file matches its JSON Schema (keys, types, key-result kinds)'],
  ['invalid-encoding', 'the file is UTF-8'],
  ['file-too-large', 'the file is under the size limit'],
  ['unsafe-path', 'no link or path leads outside the workspace or repository'],
  ['unreadable-file', 'the file can be read'],
  ['invalid-id', 'ids and folder names match the id pattern'],
  ['missing-team-file', 'every team folder has a team.yaml'],
  ['duplicate-id', 'ids are unique where references need them to be'],
  ['unknown-reference', 'aligns_to names an existing objective or key result'],
  ['alignment-cycle', 'alignment does not form a cycle'],
  ['team-cycle', 'team parent links do not form a cycle'],
  ['unknown-parent', "a team's parent exists"],
  ['undeclared-cycle', 'a cycle file names a cycle declared in okr.yaml'],
  ['cycle-not-covered', "an objective aligns only to goals whose cycle covers its own"],
  ['invalid-date', 'cycle dates are real days, start before end'],
  ['start-equals-target', 'a metric key result has start different from target'],
  ['objective-without-key-results', 'every objective has key results'],
  ['unknown-value', 'cited values are declared in okr.yaml'],
  ['unknown-rule', 'okr.yaml configures only known rules'],
  ...KNOWN_RULES,
]);
