// Goals and teams named on the command line, resolved against the workspace: a usage error (exit 2)
// for what is not a reference at all, for a short name several goals answer to, and for an option
// naming a team that does not exist (as for --cycle); a data error (exit 1, SPEC 7: "unknown ref")
// with the nearest match for a goal reference that names nothing.
import { DataError, UsageError } from '../errors.js';
import { findGoal, type FoundGoal } from '../model/goal-detail.js';
import { formatRef, parseRef } from '../model/ids.js';
import { resolveShortRef, type ShortRefResolution } from '../model/short-refs.js';
import { closest } from '../model/suggest.js';
import type { GoalRef, Workspace } from '../model/types.js';

const REF_HINT = 'Write team/objective or team/objective/key-result (e.g. payments/faster-checkout), or mission.';

/**
 * A goal reference given on the command line: a full one, or a short one (a bare id, or
 * objective/kr) that exactly one goal in the workspace has. A team id alone gets a pointer to --team.
 */
export function parseGoalArgument(raw: string, workspace: Workspace, command: string): GoalRef {
  const isTeam = workspace.teams.has(raw);
  const found = resolveShortRef(workspace, raw);
  // objective/kr that names nothing is more likely team/objective with a typo: said as such below.
  const short = found?.kind === 'none' && raw.includes('/') ? undefined : found;
  if (short && !(isTeam && short.kind === 'none')) {
    if (isTeam) throw ambiguous(raw, [`${raw} (a team: okr ${command} --team ${raw})`, ...(short.kind === 'found' ? [formatRef(short.ref)] : short.kind === 'ambiguous' ? short.candidates : [])]);
    return shortRef(raw, short);
  }
  const ref = parseRef(raw);
  if (ref) return ref;
  if (isTeam)
    throw new UsageError(`"${raw}" is a team, not a goal`, `Run "okr ${command} --team ${raw}" for a team, or name one of its objectives as ${raw}/<objective>.`);
  throw new UsageError(`"${raw}" is not a goal reference`, REF_HINT);
}

/** The goal a short reference names, or why it names none: several candidates (exit 2), or none (exit 1). */
export function shortRef(raw: string, short: ShortRefResolution, what = 'goal'): Extract<GoalRef, { kind: 'objective' | 'key-result' }> {
  switch (short.kind) {
    case 'found':
      return short.ref;
    case 'ambiguous':
      throw ambiguous(raw, short.candidates, what);
    case 'none':
      throw new DataError(
        `no ${what} has the id "${raw}"${short.suggestion ? `: did you mean "${short.suggestion}"?` : ''}`,
        'Run "okr tree" to see every goal with its reference (team/objective or team/objective/key-result).',
      );
  }
}

/** Several goals answer to a short name: a usage error listing them, so one can be named in full. */
function ambiguous(raw: string, candidates: readonly string[], what = 'goal'): UsageError {
  const shown = candidates.slice(0, 10).map((c) => `  ${c}`).join('\n');
  const more = candidates.length > 10 ? `\n  … and ${candidates.length - 10} more` : '';
  return new UsageError(`"${raw}" names ${candidates.length} ${what}s; name one in full:\n${shown}${more}`);
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
