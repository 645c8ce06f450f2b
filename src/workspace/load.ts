// Loads a workspace from its raw files: parse, validate against the schemas, build the model, run
// the semantic checks. Findings keep node paths; `positionFindings` turns them into line:column.
import { checkWorkspace } from '../model/checks.js';
import { compareFindings, type Finding, type PositionedFinding } from '../model/findings.js';
import { explainInvalidId, ID_RULE_TEXT, isValidId } from '../model/ids.js';
import type { GoalFile, Objective, Team, Workspace } from '../model/types.js';
import { buildConfig, buildObjectives, buildTeam } from './build-model.js';
import { parseYaml } from './parse-yaml.js';
import { PositionResolver } from './positions.js';
import { validateAgainstSchema } from './schema-validation.js';
import { CONFIG_FILE, roleOf, TEAM_FILE, TEAMS_DIR, type RawFile } from './source.js';

export interface LoadedWorkspace {
  readonly workspace: Workspace;
  /** Every finding of reading, schema and semantic checks, unpositioned. */
  readonly findings: readonly Finding[];
  /** The text of each file read, by workspace-relative path (for positions and in-place edits). */
  readonly texts: ReadonlyMap<string, string>;
}

export function loadWorkspace(files: readonly RawFile[]): LoadedWorkspace {
  const findings: Finding[] = [];
  const texts = new Map<string, string>();
  let config: ReturnType<typeof buildConfig>['config'] | undefined;
  const teams = new Map<string, Team>();
  const objectives: Objective[] = [];
  const goalFiles: GoalFile[] = [];
  const teamFolders = new Map<string, string>(); // team id -> first file seen in its folder

  for (const raw of files) {
    if (raw.problem) findings.push(raw.problem);
    const role = roleOf(raw.file);
    if (!role) continue;
    if (role.kind !== 'config' && !teamFolders.has(role.team)) teamFolders.set(role.team, raw.file);
    if (role.kind === 'cycle') goalFiles.push({ file: raw.file, team: role.team, cycle: role.cycle });
    if (raw.text === undefined) continue;
    texts.set(raw.file, raw.text);

    const nameProblem = role.kind === 'config' ? undefined : invalidName(raw.file, role);
    if (nameProblem) {
      findings.push(nameProblem);
      continue;
    }
    const parsed = parseYaml(raw.file, raw.text);
    findings.push(...parsed.findings);
    if (parsed.data === undefined) continue;
    const data = parsed.data;

    switch (role.kind) {
      case 'config': {
        findings.push(...validateAgainstSchema('okr', raw.file, data));
        const built = buildConfig(raw.file, data);
        config = built.config;
        findings.push(...built.findings);
        break;
      }
      case 'team':
        findings.push(...validateAgainstSchema('team', raw.file, data));
        teams.set(role.team, buildTeam(role.team, raw.file, data));
        break;
      case 'cycle':
        findings.push(...validateAgainstSchema('cycle', raw.file, data));
        {
          const built = buildObjectives(role.team, role.cycle, raw.file, data);
          objectives.push(...built.objectives);
          findings.push(...built.findings);
        }
        break;
    }
  }

  for (const [team, firstFile] of teamFolders) {
    if (teams.has(team) || !isValidId(team)) continue;
    findings.push({
      rule: 'missing-team-file',
      severity: 'error',
      message: `team folder teams/${team}/ has no ${TEAM_FILE}: add one with at least a name`,
      target: { file: firstFile, line: 1, column: 1 },
    });
    teams.set(team, buildTeam(team, `${TEAMS_DIR}/${team}/${TEAM_FILE}`, {}));
  }

  if (!config) {
    if (!files.some((f) => f.file === CONFIG_FILE && f.problem))
      findings.push({
        rule: 'schema',
        severity: 'error',
        message: 'okr.yaml cannot be used: fix the findings above',
        target: { file: CONFIG_FILE, line: 1, column: 1 },
      });
    config = buildConfig(CONFIG_FILE, {}).config;
  }

  const workspace: Workspace = {
    config,
    teams: new Map([...teams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    objectives,
    goalFiles,
  };
  findings.push(...checkWorkspace(workspace));
  return { workspace, findings, texts };
}

function invalidName(file: string, role: { kind: 'team' | 'cycle'; team: string; cycle?: string }): Finding | undefined {
  const bad = !isValidId(role.team) ? role.team : role.kind === 'cycle' && !isValidId(role.cycle!) ? role.cycle! : undefined;
  if (bad === undefined) return undefined;
  const what = bad === role.team ? 'team folder name' : 'cycle file name';
  return {
    rule: 'invalid-id',
    severity: 'error',
    message: `${what}: ${explainInvalidId(bad)}; ${ID_RULE_TEXT}. The file is not read`,
    target: { file, line: 1, column: 1 },
  };
}

/** Resolves every finding to file:line:column and sorts them by file and position. */
export function positionFindings(loaded: LoadedWorkspace, findings: readonly Finding[] = loaded.findings): PositionedFinding[] {
  const resolver = new PositionResolver((file) => loaded.texts.get(file));
  return findings.map((f) => resolver.position(f)).sort(compareFindings);
}
