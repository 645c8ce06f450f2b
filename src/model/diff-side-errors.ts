// How many errors okr check finds on each side of a diff, without checking the second side whole.
// okr diff only says how many errors a side has (in one warning), and a pull request changes a few
// goal files of thousands: the files with the same content on both sides are the same objects (their
// analysis is shared), so their findings are the same unless something they depend on changed.
// Checking base whole cost as much as checking head (~5% of `okr diff` at 10,000 teams, profiled).
// Pure.
import { checkAlignmentCycles, checkConfig, checkGoalFiles, checkTeamParents } from './checks.js';
import type { Finding } from './findings.js';
import { indexWorkspace } from './goal-index.js';
import type { SideDifference } from './side-difference.js';
import type { Objective, Team, Workspace } from './types.js';

/** A side checked whole, in checkWorkspace's four parts (checkWorkspace is their concatenation). */
export interface CheckedSide {
  readonly workspace: Workspace;
  readonly config: readonly Finding[];
  readonly teams: readonly Finding[];
  readonly goalFiles: readonly Finding[];
  readonly alignmentCycles: readonly Finding[];
}

export function checkInParts(workspace: Workspace): CheckedSide {
  const index = indexWorkspace(workspace);
  return {
    workspace,
    config: checkConfig(workspace),
    teams: checkTeamParents(workspace),
    goalFiles: checkGoalFiles(workspace, index),
    alignmentCycles: checkAlignmentCycles(workspace, index),
  };
}

export function errorsOf(side: CheckedSide): number {
  return errors(side.config) + errors(side.teams) + errors(side.goalFiles) + errors(side.alignmentCycles);
}

/**
 * The number of errors checkWorkspace(`other`) reports, given `checked` checked whole, where every
 * objective outside `difference` is one object on both sides (and in the same order): `checked` is
 * its head, `other` its base.
 * Each part is reused where its inputs are the same:
 * - okr.yaml one object on both sides: its checks are the same (else everything is checked anew);
 * - teams with the same ids, parents and files: the team checks are the same;
 * - a goal file's findings depend on its own objectives, on the objectives named like them (a
 *   duplicate id), on those their `aligns_to` names (a dangling reference, the key result, the cycle),
 *   and on those aligned to their rollup key results (rollup-without-children). So a shared file is
 *   checked again when one of its objectives has the ref of an objective of a differing file (either
 *   side), or aligns to one, or has a key result such an objective aligns to;
 * - alignment cycles: an objective outside those files leads where it did, so a cycle of `other`
 *   none of them is on would be a cycle of `checked`. When `checked` has none, a search from those
 *   files' objectives says whether `other` has any; otherwise `other` is searched whole (the count
 *   depends on the order the search meets them).
 */
export function errorsOfSharingSide(checked: CheckedSide, other: Workspace, difference: SideDifference): number {
  const ws = checked.workspace;
  const index = indexWorkspace(other);
  if (other.config !== ws.config) return errorsOf(checkInParts(other));

  const { files, shared } = filesToRecheck(ws, difference);
  let count = errors(checked.config);
  count += sameTeamParents(ws.teams, other.teams) ? errors(checked.teams) : errors(checkTeamParents(other));
  for (const f of checked.goalFiles) if (f.severity === 'error' && !files.has(f.target.file)) count++;
  count += errors(checkGoalFiles(other, index, (file) => files.has(file)));

  if (checked.alignmentCycles.length > 0) return count + errors(checkAlignmentCycles(other, index));
  // The objectives whose place may differ: other's own differing ones, and the shared ones found again.
  const roots: Objective[] = [];
  for (const list of [difference.baseObjectives, shared]) for (const o of list) if (!index.duplicates.has(o)) roots.push(o);
  return checkAlignmentCycles(other, index, roots).length === 0 ? count : count + errors(checkAlignmentCycles(other, index));
}

/**
 * The differing files, and the shared goal files whose findings may differ (see errorsOfSharingSide),
 * with the shared objectives that made them so.
 */
function filesToRecheck(checked: Workspace, difference: SideDifference): { files: Set<string>; shared: Objective[] } {
  // On either side, the refs of the differing files' objectives (`team/objective`, as objectives are
  // indexed and references resolved), and the objectives whose key results they align to.
  const refs = new Set<string>();
  const fedOwners = new Set<string>();
  for (const list of [difference.baseObjectives, difference.headObjectives])
    for (const o of list) {
      refs.add(o.ref);
      for (const { target } of o.alignsTo) if (target?.kind === 'key-result') fedOwners.add(`${target.team}/${target.objective}`);
    }
  const files = new Set(difference.files);
  const shared: Objective[] = [];
  for (const o of checked.objectives) {
    if (difference.files.has(o.origin.file)) continue;
    if (refs.has(o.ref) || fedOwners.has(o.ref) || o.alignsTo.some(({ target }) => target !== undefined && target.kind !== 'mission' && refs.has(`${target.team}/${target.objective}`))) {
      files.add(o.origin.file);
      shared.push(o);
    }
  }
  return { files, shared };
}

/** Whether two sorted team maps have the same ids, each with the same parent and file (all checkTeamParents reads). */
function sameTeamParents(a: ReadonlyMap<string, Team>, b: ReadonlyMap<string, Team>): boolean {
  if (a.size !== b.size) return false;
  const other = b.entries();
  for (const [id, team] of a) {
    const [otherId, otherTeam] = other.next().value as [string, Team];
    if (id !== otherId) return false;
    if (team !== otherTeam && (team.parent !== otherTeam.parent || team.origin.file !== otherTeam.origin.file)) return false;
  }
  return true;
}

function errors(findings: readonly Finding[]): number {
  let n = 0;
  for (const f of findings) if (f.severity === 'error') n++;
  return n;
}
