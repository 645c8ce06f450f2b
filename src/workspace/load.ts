// Loads a workspace from its raw files: each file is analysed on its own (parse, schema, model
// elements), then the workspace is assembled and the semantic checks run. Findings keep node
// paths; `positionFindings` turns them into line:column.
import { checkWorkspace } from '../model/checks.js';
import { compareFindings, type Finding, type PositionedFinding } from '../model/findings.js';
import { explainInvalidId, ID_RULE_TEXT, isValidId } from '../model/ids.js';
import type { Config, GoalFile, Objective, Team, Workspace } from '../model/types.js';
import { buildConfig, buildObjectives, buildTeam } from './build-model.js';
import { parseGoalYaml } from './parse-yaml.js';
import { PositionResolver } from './positions.js';
import { validateAgainstSchema } from './schema-validation.js';
import { CONFIG_FILE, readableNameOf, roleOf, TEAM_FILE, TEAMS_DIR, type GoalFileRole, type RawFile } from './source.js';

export interface LoadedWorkspace {
  readonly workspace: Workspace;
  /** Every finding of reading, schema and semantic checks, unpositioned. */
  readonly findings: readonly Finding[];
  /** The text of each file read, by workspace-relative path (for positions and source lines). */
  readonly texts: SourceTexts;
  /** Every goal file considered, read or not (unreadable ones have findings), in load order. */
  readonly files: readonly string[];
  /** The commit each other repository (upstream, members: SPEC 13) was read at, by its id. */
  readonly remoteCommits?: ReadonlyMap<string, string>;
}

export interface SourceTexts {
  get(file: string): string | undefined;
  /** Whether the subset reader read the file's text whole (then its findings are located faster). */
  readBySubset?(file: string): boolean;
}

/** What one file contributes: its model elements and findings. Plain data, so a worker can send it. */
export interface FileAnalysis {
  readonly file: string;
  /** What the file is to okr (undefined for a problem that is no goal file, such as a teams/ link out). */
  readonly role?: GoalFileRole;
  readonly text?: string;
  /** Set when the subset reader read `text` (not `yaml`). */
  readonly bySubset?: boolean;
  readonly findings: readonly Finding[];
  readonly config?: Config;
  readonly team?: Team;
  readonly objectives?: readonly Objective[];
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** `role`: what the file is (given for another repository's file, whose name is `<id>:<file>`). */
export function analyzeFile(raw: RawFile, role: GoalFileRole | undefined = roleOf(raw.file)): FileAnalysis | undefined {
  if (!role) return undefined;
  const base: { file: string; role: GoalFileRole; text: string | undefined; bySubset?: boolean; findings: readonly Finding[] } = {
    file: raw.file,
    role,
    text: raw.text,
    findings: raw.problem ? [raw.problem] : NO_FINDINGS,
  };
  if (raw.text === undefined) return base;
  const nameProblem = role.kind === 'config' ? undefined : invalidName(raw.file, role);
  if (nameProblem) return { ...base, findings: [...base.findings, nameProblem] };

  const parsed = parseGoalYaml(raw.file, raw.text, raw.printableAscii);
  const findings: Finding[] = [];
  if (raw.problem) findings.push(raw.problem);
  for (const f of parsed.findings) findings.push(f);
  if (parsed.data === undefined) return { ...base, findings };
  if (parsed.bySubset) base.bySubset = true;
  const data = parsed.data;
  switch (role.kind) {
    case 'config': {
      for (const f of validateAgainstSchema('okr', raw.file, data)) findings.push(f);
      const built = buildConfig(raw.file, data);
      for (const f of built.findings) findings.push(f);
      return { ...base, findings: orNone(findings), config: built.config };
    }
    case 'team':
      for (const f of validateAgainstSchema('team', raw.file, data)) findings.push(f);
      return { ...base, findings: orNone(findings), team: buildTeam(role.team, raw.file, data) };
    case 'cycle': {
      // An empty cycle file (nothing but comments and blank lines) is a placeholder for planning, as
      // `objectives: []` is (SPEC 9): no objectives, no finding.
      if (data === null && holdsNothing(raw.text)) return { ...base, findings: orNone(findings), objectives: [] };
      for (const f of validateAgainstSchema('cycle', raw.file, data)) findings.push(f);
      const built = buildObjectives(role.team, role.cycle, raw.file, data);
      for (const f of built.findings) findings.push(f);
      return { ...base, findings: orNone(findings), objectives: built.objectives };
    }
  }
}

/** A YAML text with no content: blank lines, comments and document markers (`---`, `...`) only. */
function holdsNothing(text: string): boolean {
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const rest = line.trim().replace(/^(?:---|\.\.\.)(?=\s|#|$)/, '').trim();
    if (rest !== '' && !rest.startsWith('#')) return false;
  }
  return true;
}

/** A shared empty list for the files without findings (nearly all): 20,000 empty arrays less. */
function orNone(findings: Finding[]): readonly Finding[] {
  return findings.length === 0 ? NO_FINDINGS : findings;
}

/** Analyses each file on its own (okr diff shares analyses between its two sides). */
export function analyzeFiles(files: readonly RawFile[]): FileAnalysis[] {
  const analyses: FileAnalysis[] = [];
  for (const raw of files) {
    const analysis = analyzeRawFile(raw);
    if (analysis) analyses.push(analysis);
  }
  return analyses;
}

/** What a file read contributes to the load: a goal file's analysis, a problem alone (a teams/ link out), or nothing. */
export function analyzeRawFile(raw: RawFile): FileAnalysis | undefined {
  return analyzeFile(raw) ?? (raw.problem ? { file: raw.file, findings: [raw.problem] } : undefined);
}

/**
 * Loads a workspace from its files, on one thread: measured on the 2-core machines, a worker
 * thread for half the files made 10,000 teams slower (1.83 s against 1.70 s) and larger
 * (334 MB against 279 MB), as cloning the results back cost more than the parsing it took over.
 */
export function loadWorkspace(files: readonly RawFile[]): LoadedWorkspace {
  return assembleWorkspace(analyzeFiles(files));
}

/**
 * Puts the analysed files together into a workspace and runs the checks that span files.
 * `textOf` supplies the text of files whose analysis came without it (okr diff shares analyses).
 */
export function assembleWorkspace(analyses: readonly FileAnalysis[], textOf?: (file: string) => string | undefined): LoadedWorkspace {
  const assembled = assembleUnchecked(analyses, textOf);
  for (const finding of checkWorkspace(assembled.workspace)) assembled.findings.push(finding);
  return assembled;
}

/**
 * The same without the checks that span files (checkWorkspace): `findings` are those of the files
 * and of putting them together only. okr diff runs the checks itself, sharing work between its sides.
 */
export function assembleUnchecked(
  analyses: readonly FileAnalysis[],
  textOf?: (file: string) => string | undefined,
): LoadedWorkspace & { readonly findings: Finding[] } {
  const findings: Finding[] = [];
  const files: string[] = [];
  let config: Config | undefined;
  let configUnreadable = false;
  const teams = new Map<string, Team>();
  const objectives: Objective[] = [];
  const goalFiles: GoalFile[] = [];
  const teamFolders = new Map<string, string>(); // team id -> first file seen in its folder
  const teamFilesSeen = new Set<string>(); // a team.yaml exists, usable or not (its findings say why)
  let misnamedTeamFiles: Map<string, string> | undefined; // team id -> its team.yml (or team.YAML, ...), which okr does not read

  for (const analysis of analyses) {
    for (const f of analysis.findings) findings.push(f);
    const role = analysis.role;
    files.push(analysis.file);
    if (!role) {
      if (analysis.findings[0]?.rule === 'ignored-file' && readableNameOf(analysis.file)?.endsWith(`/${TEAM_FILE}`))
        (misnamedTeamFiles ??= new Map()).set(analysis.file.split('/')[1]!, analysis.file.slice(analysis.file.lastIndexOf('/') + 1));
      continue;
    }
    if (role.kind === 'config') {
      config = analysis.config;
      configUnreadable = analysis.text === undefined;
      continue;
    }
    if (!teamFolders.has(role.team)) teamFolders.set(role.team, analysis.file);
    if (role.kind === 'cycle') {
      goalFiles.push({ file: analysis.file, team: role.team, cycle: role.cycle });
      if (analysis.objectives) for (const objective of analysis.objectives) objectives.push(objective);
    } else {
      teamFilesSeen.add(role.team);
      if (analysis.team) teams.set(role.team, analysis.team);
    }
  }

  for (const [team, firstFile] of teamFolders) {
    if (teams.has(team) || !isValidId(team)) continue;
    if (!teamFilesSeen.has(team)) {
      const misnamed = misnamedTeamFiles?.get(team);
      findings.push({
        rule: 'missing-team-file',
        severity: 'error',
        message: misnamed
          ? `team folder teams/${team}/ has no ${TEAM_FILE}: okr does not read ${misnamed}; rename it to ${TEAM_FILE}`
          : `team folder teams/${team}/ has no ${TEAM_FILE}: add one with at least a name`,
        target: { file: firstFile, line: 1, column: 1 },
      });
    }
    teams.set(team, buildTeam(team, `${TEAMS_DIR}/${team}/${TEAM_FILE}`, {}));
  }

  if (!config) {
    if (!configUnreadable && !findings.some((f) => f.target.file === CONFIG_FILE))
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
    teams: byId(teams),
    objectives,
    goalFiles,
  };
  return { workspace, findings, texts: textsOf(analyses, textOf), files };
}

/** The teams in id order: nearly always the order they were read in, so they are sorted only when not. */
function byId(teams: Map<string, Team>): Map<string, Team> {
  let previous: string | undefined;
  for (const id of teams.keys()) {
    if (previous !== undefined && !(previous < id)) return new Map([...teams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    previous = id;
  }
  return teams;
}

/**
 * The texts of the files, by name. Looked up only for the files that have findings (positions,
 * source lines) or history: the lookup is built on first use, not for every load.
 */
function textsOf(analyses: readonly FileAnalysis[], textOf?: (file: string) => string | undefined): SourceTexts {
  let byFile: Map<string, FileAnalysis> | undefined;
  const analysisOf = (file: string): FileAnalysis | undefined => {
    if (!byFile) {
      byFile = new Map();
      for (const a of analyses) if (a.text !== undefined) byFile.set(a.file, a);
    }
    return byFile.get(file);
  };
  return {
    get: (file) => analysisOf(file)?.text ?? textOf?.(file),
    readBySubset: (file) => analysisOf(file)?.bySubset === true,
  };
}

function invalidName(file: string, role: Exclude<GoalFileRole, { kind: 'config' }>): Finding | undefined {
  const bad = !isValidId(role.team) ? role.team : role.kind === 'cycle' && !isValidId(role.cycle) ? role.cycle : undefined;
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
export function positionFindings(loaded: Pick<LoadedWorkspace, 'texts'> & { readonly findings?: readonly Finding[] }, findings: readonly Finding[] = loaded.findings ?? []): PositionedFinding[] {
  const texts = loaded.texts;
  return new PositionResolver(
    (file) => texts.get(file),
    (file) => texts.readBySubset?.(file) ?? false,
  )
    .positions(findings)
    .sort(compareFindings);
}
