// Goals and teams named on the command line, resolved against the workspace: a usage error (exit 2)
// for what is not a reference at all and for an option naming a team that does not exist (as for
// --cycle), a data error (exit 1, SPEC 7: "unknown ref") with the nearest match for a goal
// reference that names nothing.
import { DataError, UsageError } from '../errors.js';
import { findGoal, type FoundGoal } from '../model/goal-detail.js';
import { parseRef } from '../model/ids.js';
import { closest } from '../model/suggest.js';
import type { GoalRef, Workspace } from '../model/types.js';

const REF_HINT = 'Write team/objective or team/objective/key-result (e.g. payments/faster-checkout), or mission.';

/** A goal reference given on the command line; a team id alone gets a pointer to --team. */
export function parseGoalArgument(raw: string, workspace: Workspace, command: string): GoalRef {
  const ref = parseRef(raw);
  if (ref) return ref;
  if (workspace.teams.has(raw))
    throw new UsageError(`"${raw}" is a team, not a goal`, `Run "okr ${command} --team ${raw}" for a team, or name one of its objectives as ${raw}/<objective>.`);
  throw new UsageError(`"${raw}" is not a goal reference`, REF_HINT);
}

/** The objective or key result `ref` names, or a DataError (exit 1) with the nearest one that exists. */
export function requireGoal(workspace: Workspace, ref: Exclude<GoalRef, { kind: 'mission' }>): FoundGoal {
  const found = findGoal(workspace, ref);
  if (found.kind !== 'not-found') return found;
  throw goalNotFound(found);
}

/** The error for a goal that does not exist: what was looked for, and the nearest that does. */
export function goalNotFound(found: { readonly message: string; readonly suggestion?: string | undefined }): DataError {
  return new DataError(found.message + (found.suggestion ? `: did you mean "${found.suggestion}"?` : ''), 'Run "okr tree" to see every goal with its reference.');
}

/**
 * A team given with --team, or a UsageError (exit 2) naming the nearest team id: an option value that
 * names nothing in the workspace is a bad value, as an unknown --cycle is.
 */
export function requireTeam(workspace: Workspace, team: string): string {
  if (workspace.teams.has(team)) return team;
  const near = closest(team, workspace.teams.keys());
  throw new UsageError(
    `no team "${team}"${near ? `: did you mean "${near}"?` : ''}`,
    workspace.teams.size === 0
      ? 'There are no teams yet: a team is a folder teams/<team>/ with a team.yaml.'
      : `Teams are the folders under teams/: ${[...workspace.teams.keys()].slice(0, 20).join(', ')}${workspace.teams.size > 20 ? ', …' : ''}.`,
  );
}
