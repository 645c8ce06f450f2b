// okr diff: what a change to the goal files means, between two revisions or a revision and the work
// tree: goals added, removed, renamed, re-aimed, checked in, and how progress moves up to the mission.
import { unknownCycle } from '../app/cycle-view.js';
import { loadDiffSides, type DiffSideLoad } from '../app/load-diff-sides.js';
import { textStyle, writeJson } from '../app/output.js';
import { openSession } from '../app/session.js';
import type { DiffArguments, DiffOptions } from '../definitions/diff.js';
import type { Environment } from '../env.js';
import { DataError, ExitCode, UsageError } from '../errors.js';
import { NoCommitsYet, parseDiffArgs, resolveDiffSpec } from '../git/diff-sides.js';
import { shallowCommits } from '../git/shallow.js';
import { progressSharing } from '../model/diff-base-progress.js';
import { diffWorkspaces } from '../model/diff.js';
import { computeProgress } from '../model/rollup.js';
import type { SideDifference } from '../model/side-difference.js';
import type { Cycle, Day, Workspace } from '../model/types.js';
import { chooseCycle, viewOf } from '../model/view.js';
import { diffJson } from '../render/diff/json.js';
import { renderDiffMarkdown } from '../render/diff/markdown.js';
import { renderDiffText } from '../render/diff/text.js';
import { endLabel, type DiffEnds } from '../render/diff/words.js';
import type { LoadedWorkspace } from '../workspace/load.js';
import { CONFIG_FILE } from '../workspace/source.js';

export default async function diff(env: Environment, [revisions]: DiffArguments, options: DiffOptions): Promise<number> {
  if (options.members && revisions.length > 0)
    throw new UsageError('give either revisions or --members, not both', 'okr diff --members compares what the last okr fetch brought; okr diff BASE HEAD compares revisions of this repository.');
  const session = openSession(env, options.dir);
  const repository = await session.requireRepository();
  let ends: DiffEnds;
  let loaded: { readonly base: DiffSideLoad; readonly head: DiffSideLoad };
  /** What lets base's roll-up be taken from head's (revisions and the work tree, not --members). */
  let sharing: { readonly difference: SideDifference; readonly headAcyclic: boolean } | undefined;
  if (options.members) {
    const { loadMemberDiffSides } = await import('../app/federated-workspace.js');
    const sides = await loadMemberDiffSides(env, repository, session.root, (await session.readWorkTree()).files, session.maxFileBytes);
    const before: DiffEnds['base'] = { kind: 'members', fetch: 'before' };
    const after: DiffEnds['head'] = { kind: 'members', fetch: 'after' };
    ends = options.reverse ? { base: after, head: before } : { base: before, head: after };
    const { base, head } = options.reverse ? { base: sides.head, head: sides.base } : sides;
    loaded = { base: withErrorCount(base), head: withErrorCount(head) };
  } else {
    const spec = parseDiffArgs(revisions, options.reverse);
    const resolved = await resolveDiffSpec(repository.git, spec, { shallow: shallowCommits(repository.gitDir) !== undefined }).catch((error: unknown) => {
      if (error instanceof NoCommitsYet) throw new DataError(error.message, 'Commit the goal files first (git add okr.yaml teams && git commit), then run okr diff.');
      throw error;
    });
    ends = resolved;
    loaded = sharing = await loadDiffSides(session, repository, resolved);
  }
  const base: Side = { ...loaded.base, notes: [] };
  const head: Side = { ...loaded.head, notes: [] };
  warnAboutFindings(env, base, ends.base, 'added');
  warnAboutFindings(env, head, ends.head, 'removed');

  const cycle = missionCycle(env, base.workspace, head.workspace, options);
  const today = options.asOf ?? env.today;
  const headView = cycle && viewOf(head.workspace, cycle, today);
  const headProgress = computeProgress(head.workspace, headView?.objectives, headView?.feeding);
  const baseProgress =
    (sharing &&
      progressSharing(
        { workspace: head.workspace, progress: headProgress, acyclic: sharing.headAcyclic },
        base.workspace,
        sharing.difference,
        headView && new Set(headView.cycles.map((c) => c.id)),
        headView?.feeding,
      )) ??
    baseProgressWhole(base.workspace, cycle, today);
  const changes = diffWorkspaces({ workspace: base.workspace, progress: baseProgress }, { workspace: head.workspace, progress: headProgress });

  const renderEnds: DiffEnds = ends;
  const teamNames = new Map<string, string>();
  for (const ws of [base.workspace, head.workspace]) for (const t of ws.teams.values()) teamNames.set(t.id, t.name);
  const format = options.json ? 'json' : options.format;
  switch (format) {
    case 'json':
      writeJson(env, diffJson(renderEnds, changes));
      break;
    case 'markdown':
      env.stdout.write(renderDiffMarkdown({ ends: renderEnds, changes, teamNames, notes: [...base.notes, ...head.notes] }));
      break;
    case 'text':
      env.stdout.write(renderDiffText({ ends: renderEnds, changes, teamNames }, textStyle(env).paint));
      break;
  }
  return options.exitCode && changes.length > 0 ? ExitCode.changed : ExitCode.ok;
}

/** Base's roll-up computed whole, in the view of the mission's cycle when there is one. */
function baseProgressWhole(workspace: Workspace, cycle: Cycle | undefined, today: Day) {
  const view = cycle && viewOf(workspace, cycle, today);
  return computeProgress(workspace, view?.objectives, view?.feeding);
}

function withErrorCount(side: LoadedWorkspace): DiffSideLoad {
  return { workspace: side.workspace, files: side.files, errors: side.findings.filter((f) => f.severity === 'error').length };
}

interface Side extends DiffSideLoad {
  /** Warnings about this side, for the markdown report (stderr gets them too). */
  readonly notes: string[];
}

/** One line on stderr (and a note in markdown) when a side's goals have errors or no okr.yaml. */
function warnAboutFindings(env: Environment, side: Side, end: DiffEnds['base'], everyGoalIs: 'added' | 'removed'): void {
  const label = endLabel(end);
  if (!side.files.includes(CONFIG_FILE)) {
    const note = `${label} has no workspace here (no ${CONFIG_FILE}): every goal shows as ${everyGoalIs}`;
    side.notes.push(note);
    env.stderr.write(`okr: warning: ${note}\n`);
    return;
  }
  const errors = side.errors;
  if (errors === 0) return;
  const how = end.kind === 'worktree' ? 'okr check' : end.kind === 'members' ? 'okr check --members' : `okr check --at ${end.commit.slice(0, 12)}`;
  const note = `the goals in ${label} have ${errors} error${errors === 1 ? '' : 's'} (run ${how}); the diff shows what could be read`;
  side.notes.push(note);
  env.stderr.write(`okr: warning: ${note}\n`);
}

/**
 * The cycle whose objectives in view the mission's progress is taken over: the one `okr tree` shows
 * (--cycle, else the narrowest cycle containing today), so the diff's mission numbers match it. The
 * cycle is chosen in head and applied by its dates to both sides; a --cycle only base declares is
 * taken from base. Undefined without a usable cycle: the mission over every objective.
 */
function missionCycle(env: Environment, base: Workspace, head: Workspace, options: DiffOptions): Cycle | undefined {
  const today = options.asOf ?? env.today;
  let choice = chooseCycle(head, options.cycle, today);
  if (choice.kind === 'unknown' && options.cycle !== undefined) {
    const inBase = chooseCycle(base, options.cycle, today);
    if (inBase.kind === 'chosen') choice = inBase;
  }
  if (choice.kind === 'unknown') throw unknownCycle(choice);
  return choice.kind === 'chosen' ? choice.cycle : undefined;
}
