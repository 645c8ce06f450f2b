// okr check --format sarif against the official SARIF 2.1.0 schema (draft-04), as code-scanning
// services read it: rules, levels, regions, and paths relative to the repository root.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { KNOWN_RULES, RULE_CATALOG } from '../../src/model/rules.js';
import { renderCheckSarif, summarize } from '../../src/render/check.js';
import { okr, PROJECT_ROOT } from '../support/run-cli.js';
import { makeRepo, writeFiles } from '../support/temp-repo.js';
import { BASE_FILES, workspace } from './workspace.js';

// ajv-draft-04 is CommonJS; through require its class is typed as the constructor it is.
const AjvDraft04 = createRequire(import.meta.url)('ajv-draft-04') as typeof import('ajv-draft-04').default;

/** The official OASIS schema, kept in the test fixtures (a clone has nothing beside it). */
const SARIF_SCHEMA = join(PROJECT_ROOT, 'test', 'fixtures', 'sarif-2.1.0.json');

function sarifValidator() {
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  // The schema's formats, checked for real rather than ignored.
  ajv.addFormat('uri', (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s) && URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(s));
  return ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
}

const BROKEN = {
  'teams/platform/2026-Q4.yaml': `objectives:
  - id: alone
    title: Alone
    key_results:
      - id: flat
        title: Flat
        start: 5
        target: 5
`,
  'teams/odd dir/team.yaml': 'name: Spaces\n',
};

/**
 * What GitHub code scanning requires of a SARIF log beyond the schema, as the SARIF multitool's
 * GitHub rules check it (`sarif validate --rule-kinds Ghas`; the multitool is a .NET tool that is not
 * installable here): each message says which rule it stands for.
 */
function codeScanningProblems(log: any): string[] {
  const problems: string[] = [];
  const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';
  if (log.version !== '2.1.0') problems.push('GH1013: version must be 2.1.0');
  if (!Array.isArray(log.runs) || log.runs.length === 0) problems.push('GH1013: the log has no runs');
  for (const [r, run] of (log.runs ?? []).entries()) {
    const driver = run.tool?.driver;
    if (blank(driver?.name)) problems.push(`GH1018: runs[${r}].tool.driver has no name`);
    if (!Array.isArray(run.results)) problems.push(`GH1014: runs[${r}] has no results array`);
    const rules: any[] = driver?.rules ?? [];
    for (const [i, rule] of rules.entries()) {
      const at = `runs[${r}].tool.driver.rules[${i}] (${rule.id})`;
      if (blank(rule.id)) problems.push(`GH2012: ${at} has no id`);
      if (blank(rule.shortDescription?.text)) problems.push(`GH2012: ${at} has no shortDescription`);
      if (blank(rule.fullDescription?.text)) problems.push(`GH2012: ${at} has no fullDescription`);
      if (rule.help === undefined) problems.push(`GH2012: ${at} has no help`);
      else if (blank(rule.help.text)) problems.push(`GH2012: ${at} has help without text`);
    }
    for (const [i, result] of (run.results ?? []).entries()) {
      const at = `runs[${r}].results[${i}]`;
      if (blank(result.message?.text)) problems.push(`GH1015: ${at} has no message text`);
      if (blank(result.ruleId) || rules[result.ruleIndex]?.id !== result.ruleId) problems.push(`GH1015: ${at} does not point at its rule`);
      if (!Array.isArray(result.locations) || result.locations.length !== 1) problems.push(`GH1001: ${at} needs exactly one location`);
      for (const location of result.locations ?? []) {
        const physical = location.physicalLocation;
        const uri: unknown = physical?.artifactLocation?.uri;
        if (blank(uri)) problems.push(`GH1017: ${at} has no artifactLocation.uri`);
        else if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri as string) || (uri as string).startsWith('/'))
          problems.push(`GH1005: ${at}: ${uri} is not relative to the repository`);
        if (!Number.isInteger(physical?.region?.startLine) || physical.region.startLine < 1) problems.push(`GH1003: ${at} has no startLine`);
      }
    }
  }
  return problems;
}

async function sarifOf(dir: string) {
  const result = await okr(['check', '--format', 'sarif', '-C', dir]);
  return { code: result.code, log: JSON.parse(result.stdout) };
}

describe('okr check --format sarif', () => {
  const validate = sarifValidator();

  it('is valid SARIF 2.1.0 with findings', async () => {
    const { code, log } = await sarifOf(workspace(BROKEN));
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(code).toBe(1);
  });

  it('is valid SARIF 2.1.0 with no findings', async () => {
    const { code, log } = await sarifOf(workspace());
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
    expect(code).toBe(0);
  });

  it('rejects what is not SARIF (the validator can fail)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  it('has what GitHub code scanning requires: every rule with a short and a full description and help (GH2012)', async () => {
    const { log } = await sarifOf(workspace(BROKEN));
    expect(codeScanningProblems(log)).toEqual([]);
    const rules: any[] = log.runs[0].tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining([...RULE_CATALOG.keys()]));
    for (const rule of rules) {
      // Each says more than its summary, and the help says what to do, not the rule id again.
      expect(rule.fullDescription.text.length, rule.id).toBeGreaterThan(rule.shortDescription.text.length);
      expect(rule.fullDescription.text, rule.id).not.toBe(rule.shortDescription.text);
      expect(rule.help.text, rule.id).not.toBe(rule.fullDescription.text);
      expect(rule.help.markdown, rule.id).toContain(rule.help.text);
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(['error', 'warning']).toContain(rule.defaultConfiguration.level);
    }
    expect(rules.find((r) => r.id === 'require-alignment').defaultConfiguration.level).toBe('warning');
    expect(rules.find((r) => r.id === 'yaml-syntax').defaultConfiguration.level).toBe('error');
  });

  it('the catalog describes every configurable rule', () => {
    expect([...KNOWN_RULES.keys()].filter((rule) => !RULE_CATALOG.has(rule))).toEqual([]);
  });

  it('the code-scanning check can fail: a rule with only a short description gives two GH2012 problems', async () => {
    const { log } = await sarifOf(workspace(BROKEN));
    const rule = log.runs[0].tool.driver.rules[0];
    delete rule.fullDescription;
    delete rule.help;
    log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'file:///abs/team.yaml';
    expect(codeScanningProblems(log)).toEqual([
      `GH2012: runs[0].tool.driver.rules[0] (${rule.id}) has no fullDescription`,
      `GH2012: runs[0].tool.driver.rules[0] (${rule.id}) has no help`,
      'GH1005: runs[0].results[0]: file:///abs/team.yaml is not relative to the repository',
    ]);
  });

  it('describes a rule the catalog does not know (a finding of a newer rule) as fully as the others', () => {
    const finding = { file: 'okr.yaml', line: 1, column: 1, severity: 'warning' as const, rule: 'some-new-rule', message: 'something' };
    const log = JSON.parse(renderCheckSarif(summarize([finding], 1), (f) => f, '0.0.0'));
    expect(validate(log)).toBe(true);
    expect(codeScanningProblems(log)).toEqual([]);
    expect(log.runs[0].tool.driver.rules.at(-1).id).toBe('some-new-rule');
  });

  it('describes every rule and points each result at its rule, level and region', async () => {
    const { log } = await sarifOf(workspace(BROKEN));
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('okr');
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ruleIds).toEqual(expect.arrayContaining([...RULE_CATALOG.keys()]));
    for (const rule of run.tool.driver.rules) expect(rule.shortDescription.text.length).toBeGreaterThan(5);
    expect(validate(log)).toBe(true);
    const results = run.results.map((r: any) => ({
      rule: r.ruleId,
      indexed: ruleIds[r.ruleIndex],
      level: r.level,
      uri: r.locations[0].physicalLocation.artifactLocation.uri,
      line: r.locations[0].physicalLocation.region.startLine,
      column: r.locations[0].physicalLocation.region.startColumn,
    }));
    expect(results).toEqual([
      { rule: 'invalid-id', indexed: 'invalid-id', level: 'error', uri: 'teams/odd%20dir/team.yaml', line: 1, column: 1 },
      { rule: 'require-alignment', indexed: 'require-alignment', level: 'warning', uri: 'teams/platform/2026-Q4.yaml', line: 2, column: 9 },
      { rule: 'start-equals-target', indexed: 'start-equals-target', level: 'error', uri: 'teams/platform/2026-Q4.yaml', line: 8, column: 17 },
    ]);
    expect(run.results[2].message.text).toMatch(/start and target both 5/);
  });

  it('uses paths relative to the repository root when the workspace is a subfolder of a repository', async () => {
    const repo = makeRepo({ 'package.json': '{}\n' });
    const dir = join(repo, 'org', 'goals');
    writeFiles(dir, { ...BASE_FILES, ...BROKEN });
    const { log } = await sarifOf(dir);
    expect(validate(log)).toBe(true);
    const uris = log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['org/goals/teams/odd%20dir/team.yaml', 'org/goals/teams/platform/2026-Q4.yaml', 'org/goals/teams/platform/2026-Q4.yaml']);
    for (const r of log.runs[0].results) expect(r.locations[0].physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
  });

  it('uses workspace paths when the workspace is the repository root', async () => {
    const dir = workspace(BROKEN, { repo: true });
    const { log } = await sarifOf(dir);
    expect(log.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri).toBe('teams/platform/2026-Q4.yaml');
  });
});
