// Who must approve a change to a team's goals: each team folder and its owners (or, for a team with
// none, the owners of its nearest parent team that has some). Pure: CODEOWNERS text is rendered elsewhere.
import type { Workspace } from './types.js';

export interface OwnershipRule {
  readonly team: string;
  /** The team's folder, relative to the workspace: `teams/<team>/`. */
  readonly folder: string;
  readonly owners: readonly string[];
  /** The parent team the owners come from, when the team names none that CODEOWNERS accepts. */
  readonly inheritedFrom?: string;
}

export interface Ownership {
  /** One rule per team that has owners (its own or inherited), in team id order. */
  readonly rules: readonly OwnershipRule[];
  /** Teams with no owners of their own nor in any parent team. */
  readonly unowned: readonly string[];
  /** Owners CODEOWNERS cannot take (not an email nor an @handle), left out: [team, owner]. */
  readonly invalid: readonly (readonly [string, string])[];
}

// As the team.yaml schema allows (GitLab usernames may hold "." and "_"), minus what would end a
// CODEOWNERS entry early: whitespace and "#".
const HANDLE = /^@[A-Za-z0-9][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/;
const EMAIL = /^[A-Za-z0-9.!$%&'*+=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;

/** An owner CODEOWNERS accepts: `@user`, `@org/team`, or an email address. */
export function isCodeOwner(owner: string): boolean {
  return HANDLE.test(owner) || EMAIL.test(owner);
}

export function ownershipOf(workspace: Workspace): Ownership {
  const invalid: [string, string][] = [];
  const own = new Map<string, string[]>();
  for (const team of workspace.teams.values()) {
    const valid: string[] = [];
    for (const owner of team.owners) {
      if (isCodeOwner(owner)) {
        if (!valid.includes(owner)) valid.push(owner);
      } else invalid.push([team.id, owner]);
    }
    own.set(team.id, valid);
  }
  const rules: OwnershipRule[] = [];
  const unowned: string[] = [];
  for (const team of workspace.teams.values()) {
    const folder = `teams/${team.id}/`;
    const mine = own.get(team.id)!;
    if (mine.length) {
      rules.push({ team: team.id, folder, owners: mine });
      continue;
    }
    // The nearest ancestor with owners; a parent cycle (an error okr check reports) stops the walk.
    const seen = new Set([team.id]);
    let parent = team.parent;
    let found: OwnershipRule | undefined;
    while (parent !== undefined && !seen.has(parent) && workspace.teams.has(parent)) {
      seen.add(parent);
      const theirs = own.get(parent)!;
      if (theirs.length) {
        found = { team: team.id, folder, owners: theirs, inheritedFrom: parent };
        break;
      }
      parent = workspace.teams.get(parent)!.parent;
    }
    if (found) rules.push(found);
    else unowned.push(team.id);
  }
  return { rules, unowned, invalid };
}
