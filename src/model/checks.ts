// The semantic checks of `okr check` beyond the schema: ids, references, alignment, cycles of the
// calendar, and the configurable policy rules. Pure: a workspace in, findings out.
import type { Finding, FindingSeverity, FindingTarget } from './findings.js';
import { formatRef, isValidId } from './ids.js';
import { closest, editBudget, nearest, Suggestions } from './suggest.js';
import { coversCycle, isValidDay, whyNotADay } from './calendar.js';
import { indexWorkspace, type GoalIndex } from './goal-index.js';
import type { Alignment, Objective, Origin, RuleSetting, Team, Workspace } from './types.js';

export function checkWorkspace(workspace: Workspace, index: GoalIndex = indexWorkspace(workspace)): Finding[] {
  return [...checkConfig(workspace), ...checkTeamParents(workspace), ...checkGoalFiles(workspace, index), ...checkAlignmentCycles(workspace, index)];
}

// checkWorkspace in its four parts, each depending on less than the whole workspace: okr diff checks
// a side that shares most of its objects with the other by rerunning only the parts and files whose
// inputs differ (model/diff-side-errors.ts says why that is exact).

/** The cycles and values okr.yaml declares: depends on the config alone. */
export function checkConfig(workspace: Workspace): Finding[] {
  const findings: Finding[] = [];
  const error = reportErrors(findings);
  checkCycles(workspace, error);
  checkValues(workspace, error);
  return findings;
}

/** Team parents: depends on each team's id, parent and file alone. */
export function checkTeamParents(workspace: Workspace): Finding[] {
  const findings: Finding[] = [];
  checkTeams(workspace, reportErrors(findings));
  return findings;
}

/**
 * The goal files' own checks (undeclared cycle, and each objective's ids, key results, values and
 * references), for every goal file or those `only` accepts. A finding is about the file it targets.
 */
export function checkGoalFiles(workspace: Workspace, index: GoalIndex, only?: (file: string) => boolean): Finding[] {
  const findings: Finding[] = [];
  const error = reportErrors(findings);
  const rule = (name: string, message: string, origin: Origin, on?: 'key' | 'value') => {
    const setting: RuleSetting | undefined = workspace.config.rules[name];
    if (!setting || setting.severity === 'off') return;
    const severity: FindingSeverity = setting.severity === 'error' ? 'error' : 'warning';
    findings.push({ rule: name, severity, message, target: targetOf(origin, on) });
  };
  const at = (origin: Origin, ...path: (string | number)[]): Origin => ({ file: origin.file, path: [...origin.path, ...path] });
  const suggest = new GoalSuggestions(index);

  const declared = new Set(workspace.config.cycles.map((c) => c.id));
  for (const goalFile of workspace.goalFiles) {
    if (only && !only(goalFile.file)) continue;
    // A file name that is no id at all is reported as invalid-id; saying it is undeclared adds nothing.
    // Without any declared cycle okr.yaml itself is reported; every file being "undeclared" would bury that.
    if (declared.size === 0 || declared.has(goalFile.cycle) || !isValidId(goalFile.cycle)) continue;
    const known = [...declared].join(', ');
    findings.push({
      rule: 'undeclared-cycle',
      severity: 'error',
      message: `cycle "${goalFile.cycle}" (the file name) is not declared in okr.yaml${known ? ` (declared: ${known})` : ''}: add it under cycles, or rename the file`,
      target: { file: goalFile.file, line: 1, column: 1 },
    });
  }

  const valueIds = new Set(workspace.config.values.map((v) => v.id));
  let valueSuggestions: Suggestions | undefined;
  const maxObjectives = workspace.config.rules['max-objectives-per-team']?.option ?? 5;
  const maxKeyResults = workspace.config.rules['max-key-results-per-objective']?.option ?? 5;
  let fed: Set<string> | undefined;
  // Objectives come file by file, and a file holds one team's objectives for one cycle.
  let file: string | undefined;
  let inFile = 0;
  let skipped: string | undefined;

  // Asking an empty map still gives each of 30,000 objectives an identity hash.
  const duplicates = index.duplicates.size > 0 ? index.duplicates : undefined;
  for (const objective of workspace.objectives) {
    if (only && (objective.origin.file === skipped || !only(objective.origin.file))) {
      skipped = objective.origin.file;
      continue;
    }
    const first = duplicates?.get(objective);
    if (first)
      error(
        'duplicate-id',
        `duplicate objective id "${objective.id}" in team ${objective.team}: also in ${first.origin.file}; references name no cycle, so ids must be unique across a team's cycle files`,
        at(objective.origin, 'id'),
      );

    if (objective.origin.file !== file) {
      file = objective.origin.file;
      inFile = 0;
    }
    if (++inFile === maxObjectives + 1)
      rule(
        'max-objectives-per-team',
        `team ${objective.team} has more than ${maxObjectives} objectives in cycle ${objective.cycle}: focus on fewer`,
        at(objective.origin, 'id'),
      );

    if (objective.keyResults.length > maxKeyResults)
      rule(
        'max-key-results-per-objective',
        `objective "${objective.id}" has ${objective.keyResults.length} key results (at most ${maxKeyResults})`,
        at(objective.keyResults[maxKeyResults]!.origin, 'id'),
      );

    const krs = objective.keyResults;
    for (let k = 0; k < krs.length; k++) {
      const kr = krs[k]!;
      // A handful of key results: comparing with the ones before is cheaper than a set for each objective.
      for (let j = 0; j < k; j++)
        if (krs[j]!.id === kr.id) {
          error('duplicate-id', `duplicate key result id "${kr.id}" in objective ${objective.ref}`, at(kr.origin, 'id'));
          break;
        }
      if (kr.kind === 'metric' && kr.start === kr.target)
        error(
          'start-equals-target',
          `key result "${kr.id}" has start and target both ${kr.target}, so its progress cannot be measured: set the target you aim for`,
          at(kr.origin, 'target'),
        );
      if (kr.kind === 'rollup' && !(fed ??= rollupsWithChildren(workspace)).has(kr.ref))
        rule(
          'rollup-without-children',
          `rollup key result "${kr.id}" has no objectives aligned to it, so its progress stays 0: align objectives to it (aligns_to: ${kr.ref}), or make it a metric or milestone`,
          at(kr.origin, 'rollup'),
          'key',
        );
      if ((kr.kind === 'metric' || kr.kind === 'guardrail') && kr.source && !isSafeRelativePath(kr.source.file))
        error('unsafe-path', `source file "${kr.source.file}" must be a relative path inside the repository`, at(kr.origin, 'source', 'file'));
    }

    for (let i = 0; i < objective.values.length; i++) {
      const value = objective.values[i]!;
      if (valueIds.has(value)) continue;
      const hint = (valueSuggestions ??= new Suggestions([...valueIds])).closest(value);
      const known = [...valueIds].join(', ');
      error(
        'unknown-value',
        `value "${value}" is not declared in okr.yaml${hint ? `: did you mean "${hint}"?` : known ? ` (declared: ${known})` : ' (it declares no values)'}`,
        at(objective.origin, 'values', i),
      );
    }

    if (objective.alignsTo.length === 0)
      rule('require-alignment', `objective "${objective.id}" does not say what it aligns to: add aligns_to (a goal above it, or mission)`, at(objective.origin, 'id'));
    for (const alignment of objective.alignsTo) checkAlignment(objective, alignment, index, suggest, error);
  }
  return findings;
}

function reportErrors(findings: Finding[]): Report {
  return (rule, message, origin, on) => findings.push({ rule, severity: 'error', message, target: targetOf(origin, on) });
}

/** Where a finding points. An origin's path may be computed (a getter): it is read, never spread. */
function targetOf(origin: Origin, on?: 'key' | 'value'): FindingTarget {
  return on ? { file: origin.file, path: origin.path, on } : { file: origin.file, path: origin.path };
}

type Report = (rule: string, message: string, origin: Origin, on?: 'key' | 'value') => void;

function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path)) return false;
  return !path.split(/[\\/]/).includes('..');
}

function checkCycles(workspace: Workspace, error: Report): void {
  const seen = new Set<string>();
  for (const cycle of workspace.config.cycles) {
    if (seen.has(cycle.id)) error('duplicate-id', `duplicate cycle id "${cycle.id}"`, { ...cycle.origin, path: [...cycle.origin.path, 'id'] });
    seen.add(cycle.id);
    for (const key of ['start', 'end'] as const)
      if (!isValidDay(cycle[key])) error('invalid-date', `${key} "${cycle[key]}" is not a calendar date: ${whyNotADay(cycle[key])}`, { ...cycle.origin, path: [...cycle.origin.path, key] });
    if (isValidDay(cycle.start) && isValidDay(cycle.end) && cycle.end < cycle.start)
      error('invalid-date', `cycle "${cycle.id}" ends (${cycle.end}) before it starts (${cycle.start})`, { ...cycle.origin, path: [...cycle.origin.path, 'end'] });
    if (cycle.closed !== undefined) {
      const closed = { ...cycle.origin, path: [...cycle.origin.path, 'closed'] };
      if (!isValidDay(cycle.closed)) error('invalid-date', `closed "${cycle.closed}" is not a calendar date: ${whyNotADay(cycle.closed)}`, closed);
      else if (isValidDay(cycle.start) && cycle.closed < cycle.start)
        error('invalid-date', `cycle "${cycle.id}" is closed (${cycle.closed}) before it starts (${cycle.start})`, closed);
    }
  }
}

function checkValues(workspace: Workspace, error: Report): void {
  const seen = new Set<string>();
  for (const value of workspace.config.values) {
    if (seen.has(value.id)) error('duplicate-id', `duplicate value id "${value.id}"`, { ...value.origin, path: [...value.origin.path, 'id'] });
    seen.add(value.id);
  }
}

function checkTeams(workspace: Workspace, error: Report): void {
  let teamSuggestions: Suggestions | undefined;
  for (const team of workspace.teams.values()) {
    if (team.parent === undefined || !isValidId(team.parent)) continue; // the schema reports an invalid one
    if (team.parent === team.id) error('team-cycle', `team ${team.id} names itself as its parent`, parentOf(team));
    else if (!workspace.teams.has(team.parent)) {
      const hint = (teamSuggestions ??= new Suggestions([...workspace.teams.keys()])).closest(team.parent);
      error(
        'unknown-parent',
        `parent team "${team.parent}" does not exist${hint ? `: did you mean "${hint}"?` : ` (there is no teams/${team.parent}/team.yaml); remove parent for a top-level team`}`,
        parentOf(team),
      );
    }
  }
  // Parent links form a functional graph: follow each chain once, colouring what was visited.
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of workspace.teams.keys()) {
    const chain: string[] = [];
    let id: string | undefined = start;
    while (id !== undefined && workspace.teams.has(id) && !state.has(id)) {
      state.set(id, 'visiting');
      chain.push(id);
      const parent: string | undefined = workspace.teams.get(id)!.parent;
      id = parent === id ? undefined : parent;
    }
    if (id !== undefined && state.get(id) === 'visiting') {
      const loop = chain.slice(chain.indexOf(id));
      const last = workspace.teams.get(loop[loop.length - 1]!)!;
      error('team-cycle', `team parents form a cycle: ${[...loop, id].join(' → ')}; one of these teams needs another parent, or none`, {
        file: last.origin.file,
        path: ['parent'],
      });
    }
    for (const visited of chain) state.set(visited, 'done');
  }
}

/** Where a team names its parent (made for a finding only). */
function parentOf(team: Team): Origin {
  return { file: team.origin.file, path: ['parent'] };
}

/**
 * What a dangling `team/objective` most likely meant: an objective of the named team; when no team
 * has that name, the nearest team's objective of that id (or nearest id). Each lookup looks at one
 * team's objectives and an index of team ids, never at every objective of the workspace.
 */
class GoalSuggestions {
  private byTeam: Map<string, string[]> | undefined;
  private teams: Suggestions | undefined;

  constructor(private readonly index: GoalIndex) {}

  objective(team: string, objective: string): string | undefined {
    const budget = editBudget(`${team}/${objective}`);
    const byTeam = (this.byTeam ??= objectivesByTeam(this.index));
    const own = byTeam.get(team);
    if (own) {
      const near = nearest(objective, own, budget);
      return near && `${team}/${near.candidate}`;
    }
    const other = (this.teams ??= new Suggestions([...byTeam.keys()])).nearest(team, budget);
    if (!other) return undefined;
    const theirs = byTeam.get(other.candidate)!;
    if (theirs.includes(objective)) return `${other.candidate}/${objective}`;
    const near = nearest(objective, theirs, budget - other.distance);
    return near && `${other.candidate}/${near.candidate}`;
  }
}

/** Objective ids by team, teams in the order their first objective comes. */
function objectivesByTeam(index: GoalIndex): Map<string, string[]> {
  const byTeam = new Map<string, string[]>();
  for (const o of index.objectives.values()) {
    let ids = byTeam.get(o.team);
    if (!ids) byTeam.set(o.team, (ids = []));
    ids.push(o.id);
  }
  return byTeam;
}

function checkAlignment(objective: Objective, alignment: Alignment, index: GoalIndex, suggest: GoalSuggestions, error: Report): void {
  const target = alignment.target;
  if (!target || target.kind === 'mission') return;
  const targetRef = objectiveRefOf(alignment.raw, target);
  const goal = index.resolve(targetRef, objective);
  if (!goal) {
    // A bare word close to "mission" is a typo of it, not of an objective id.
    const hint = !alignment.raw.includes('/') && closest(alignment.raw, ['mission']) ? 'mission' : suggest.objective(target.team, target.objective);
    error(
      'unknown-reference',
      `"${alignment.raw}" does not name an objective${hint ? `: did you mean "${hint}"?` : ''}`,
      alignment.origin,
    );
    return;
  }
  if (target.kind === 'key-result') {
    const kr = goal.keyResults.find((k) => k.id === target.keyResult);
    if (!kr) {
      const hint = closest(target.keyResult, goal.keyResults.map((k) => k.id));
      error(
        'unknown-reference',
        `objective ${targetRef} has no key result "${target.keyResult}"${hint ? `: did you mean "${targetRef}/${hint}"?` : ''}`,
        alignment.origin,
      );
      return;
    }
  }
  if (goal === objective) {
    error('alignment-cycle', `objective "${objective.id}" aligns to itself`, alignment.origin);
    return;
  }
  const own = index.cycles.get(objective.cycle);
  const theirs = index.cycles.get(goal.cycle);
  if (own && theirs && !coversCycle(theirs, own))
    error(
      'cycle-not-covered',
      `${formatRef(target)} belongs to cycle ${theirs.id} (${theirs.start}..${theirs.end}), which does not cover this objective's cycle ${own.id} (${own.start}..${own.end}); align to a goal of the same or a longer cycle`,
      alignment.origin,
    );
}

/**
 * The `team/objective` a target names: the text as written when it is just that (no new string,
 * and the text keeps its hash between the two look-ups of each of a large organisation's alignments).
 */
function objectiveRefOf(raw: string, target: { readonly team: string; readonly objective: string }): string {
  const written = raw.length === target.team.length + 1 + target.objective.length && raw.charCodeAt(target.team.length) === 47; // "/"
  return written ? raw : `${target.team}/${target.objective}`;
}

/** Rollup key results that some objective aligns to. */
export function rollupsWithChildren(workspace: Workspace): Set<string> {
  const fed = new Set<string>();
  for (const o of workspace.objectives)
    for (const a of o.alignsTo) if (a.target?.kind === 'key-result') fed.add(formatRef(a.target));
  return fed;
}

/**
 * Alignment must be acyclic (SPEC 2). Iterative DFS: deep chains must not overflow the stack. From
 * `roots` (default: every objective that takes part), so a cycle is found if one is reachable from them.
 */
export function checkAlignmentCycles(workspace: Workspace, index: GoalIndex, roots: Iterable<Objective> = index.members): Finding[] {
  const findings: Finding[] = [];
  const error = reportErrors(findings);
  /** The objective an alignment leads to (not itself, not the mission), or undefined. */
  const targetOf = (from: Objective, alignment: Alignment): Objective | undefined => {
    const t = alignment.target;
    if (!t || t.kind === 'mission') return undefined;
    const to = index.resolve(objectiveRefOf(alignment.raw, t), from);
    return to === from ? undefined : to;
  };
  const colour = new Map<Objective, 'grey' | 'black'>();
  for (const root of roots) {
    if (colour.has(root)) continue;
    const stack: { node: Objective; next: number }[] = [{ node: root, next: 0 }];
    colour.set(root, 'grey');
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      const alignments = frame.node.alignsTo;
      if (frame.next >= alignments.length) {
        colour.set(frame.node, 'black');
        stack.pop();
        continue;
      }
      const alignment = alignments[frame.next++]!;
      const to = targetOf(frame.node, alignment);
      if (!to) continue;
      const c = colour.get(to);
      if (c === 'grey') {
        const loop = stack.slice(stack.findIndex((f) => f.node === to)).map((f) => f.node.ref);
        error('alignment-cycle', `alignment forms a cycle: ${[...loop, to.ref].join(' → ')}; one of these must align elsewhere`, alignment.origin);
      } else if (c === undefined) {
        colour.set(to, 'grey');
        stack.push({ node: to, next: 0 });
      }
    }
  }
  return findings;
}
