// okr diff: what a change to the goal files means, between two revisions or a revision and the work
// tree: goals added, removed, renamed, re-aimed, checked in, and how progress moves up to the mission.
import type { Environment } from '../env.js';
import { wantsColor } from '../env.js';
import { DataError, ExitCode } from '../errors.js';
import { parseDiffArgs, resolveDiffSpec, type ResolvedSide } from '../git/diff-sides.js';
import { locateInRepository } from '../git/revision-source.js';
import { diffWorkspaces, type GoalChange } from '../model/diff.js';
import { computeProgress } from '../model/rollup.js';
import type { Objective, Workspace } from '../model/types.js';
import { chooseCycle, viewOf } from '../model/view.js';
import { loadDiffSides } from './diff-load.js';
import { diffJson } from '../render/diff/json.js';
import { jsonText } from '../render/json/write.js';
import { renderDiffMarkdown } from '../render/diff/markdown.js';
import { renderDiffText } from '../render/diff/text.js';
import { endLabel, type DiffEnds } from '../render/diff/words.js';
import { makePaint } from '../render/paint.js';
import type { LoadedWorkspace } from '../workspace/load.js';
import { findWorkspaceRoot } from '../workspace/open.js';
import { CONFIG_FILE } from '../workspace/source.js';

export interface DiffOptions {
  dir?: string;
  cycle?: string;
  asOf?: string;
  format?: 'text' | 'markdown' | 'json';
  json?: boolean;
  exitCode?: boolean;
  reverse?: boolean;
}

export default async function diff(env: Environment, args: unknown[], options: DiffOptions): Promise<number> {
  const revisions = (args[0] as string[] | undefined) ?? [];
  const spec = parseDiffArgs(revisions, options.reverse);
  const root = findWorkspaceRoot(env, options.dir);
  const { top, prefix } = await locateInRepository(root);
  const ends = await resolveDiffSpec(top, spec);

  const loaded = await loadDiffSides(env, root, top, prefix, ends);
  const base: Side = { ...loaded.base, notes: [] };
  const head: Side = { ...loaded.head, notes: [] };
  warnAboutFindings(env, base, ends.base, 'added');
  warnAboutFindings(env, head, ends.head, 'removed');

  const objectivesInView = missionScope(env, base.workspace, head.workspace, options);
  const changes: GoalChange[] = diffWorkspaces(
    { workspace: base.workspace, progress: computeProgress(base.workspace, objectivesInView(base.workspace)) },
    { workspace: head.workspace, progress: computeProgress(head.workspace, objectivesInView(head.workspace)) },
  );

  const renderEnds: DiffEnds = { base: ends.base, head: ends.head };
  const teamNames = new Map<string, string>();
  for (const ws of [base.workspace, head.workspace]) for (const t of ws.teams.values()) teamNames.set(t.id, t.name);
  const format = options.json ? 'json' : (options.format ?? 'text');
  switch (format) {
    case 'json':
      env.stdout.write(jsonText(diffJson(renderEnds, changes), { pretty: env.stdout.isTTY }));
      break;
    case 'markdown':
      env.stdout.write(renderDiffMarkdown({ ends: renderEnds, changes, teamNames, notes: [...base.notes, ...head.notes] }));
      break;
    case 'text':
      env.stdout.write(renderDiffText({ ends: renderEnds, changes, teamNames }, makePaint(wantsColor(env))));
      break;
  }
  return options.exitCode && changes.length > 0 ? ExitCode.changed : ExitCode.ok;
}

interface Side extends LoadedWorkspace {
  /** Warnings about this side, for the markdown report (stderr gets them too). */
  readonly notes: string[];
}

/** One line on stderr (and a note in markdown) when a side's goals have errors or no okr.yaml. */
function warnAboutFindings(env: Environment, side: Side, end: ResolvedSide, everyGoalIs: 'added' | 'removed'): void {
  const label = endLabel(end);
  if (!side.files.includes(CONFIG_FILE)) {
    const note = `${label} has no workspace here (no ${CONFIG_FILE}): every goal shows as ${everyGoalIs}`;
    side.notes.push(note);
    env.stderr.write(`okr: warning: ${note}\n`);
    return;
  }
  const errors = side.findings.filter((f) => f.severity === 'error').length;
  if (errors === 0) return;
  const how = end.kind === 'worktree' ? 'okr check' : `okr check --at ${end.commit.slice(0, 12)}`;
  const note = `the goals in ${label} have ${errors} error${errors === 1 ? '' : 's'} (run ${how}); the diff shows what could be read`;
  side.notes.push(note);
  env.stderr.write(`okr: warning: ${note}\n`);
}

/**
 * Which objectives the mission's progress is taken over: those in view of the cycle `okr tree`
 * shows (--cycle, else the narrowest cycle containing today), so the diff's mission numbers match
 * it. The cycle is chosen in head and applied by its dates to both sides.
 */
function missionScope(
  env: Environment,
  base: Workspace,
  head: Workspace,
  options: DiffOptions,
): (ws: Workspace) => readonly Objective[] | undefined {
  const today = options.asOf ?? env.today;
  let choice = chooseCycle(head, options.cycle, today);
  if (choice.kind === 'unknown' && options.cycle !== undefined) {
    const inBase = chooseCycle(base, options.cycle, today);
    if (inBase.kind === 'chosen') choice = inBase;
  }
  if (choice.kind === 'unknown')
    throw new DataError(
      `unknown cycle: ${choice.id}${choice.suggestion ? ` (did you mean ${choice.suggestion}?)` : ''}`,
      `Cycles declared in okr.yaml: ${choice.declared.join(', ') || 'none'}.`,
    );
  if (choice.kind !== 'chosen') return () => undefined; // no usable cycle: the mission over every objective
  const cycle = choice.cycle;
  return (ws) => viewOf(ws, cycle, today).objectives;
}
