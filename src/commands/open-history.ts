// What the history commands (history, log, stale) share: the workspace (work tree or --at), its git
// repository (a DataError outside git), and the check-in history read from git up to the day.
import type { Environment } from '../env.js';
import { stalenessOf, type History, type Staleness } from '../model/history.js';
import { isValidDay } from '../model/calendar.js';
import type { Day, KeyResult, Objective, Workspace } from '../model/types.js';
import { readHistory } from '../git/goal-history.js';
import { openRepository, type Repository } from '../git/repository.js';
import { knownStatesOf, type KnownStates } from '../workspace/known-versions.js';
import { findWorkspaceRoot, maxFileBytes, type OpenedWorkspace } from '../workspace/open.js';
import { openForReading, type ReadCommandOptions } from './open-view.js';

export interface OpenedHistory {
  readonly opened: OpenedWorkspace;
  readonly repository: Repository;
  readonly history: History;
  /** The day evaluated: --as-of, else today. History stops at the last commit on or before it. */
  readonly day: Day;
}

/**
 * Opens the workspace and reads its history (only `teams`' files when given). The history is read
 * while the workspace loads: git walks the log in its own process meanwhile.
 */
export async function openHistory(env: Environment, options: ReadCommandOptions, teams?: ReadonlySet<string>): Promise<OpenedHistory> {
  const root = findWorkspaceRoot(env, options.dir);
  const repository = await openRepository(root, 'Check-in history is read from git');
  let known: KnownStates | undefined;
  let opened: OpenedWorkspace | undefined;
  // The log streams in once the (synchronous) load is done, so the loaded versions are known by then.
  const knownStates = () => (known ??= opened ? knownStatesOf(opened) : undefined);
  const reading = readHistory({ repository, at: options.at, until: options.asOf, teams, maxBytes: maxFileBytes(env), knownStates });
  reading.catch(() => undefined); // awaited below; a failure to open the workspace comes first
  opened = await openForReading(env, options);
  return { opened, repository, history: await reading, day: options.asOf ?? env.today };
}

/** Key results that can be checked in (not rollups), with their objective. */
export function checkableKeyResults(objectives: readonly Objective[]): { objective: Objective; keyResult: KeyResult }[] {
  return objectives.flatMap((objective) =>
    objective.keyResults.filter((kr) => kr.kind !== 'rollup').map((keyResult) => ({ objective, keyResult })),
  );
}

/** Each key result's staleness on `day` per the workspace's `stale_after_days`, paced by its objective's cycle. */
export function stalenessIndex(workspace: Workspace, history: History, day: Day): (objective: Objective, keyResult: KeyResult) => Staleness {
  const cycles = new Map(workspace.config.cycles.filter((c) => isValidDay(c.start) && isValidDay(c.end)).map((c) => [c.id, c]));
  return (objective, keyResult) => stalenessOf(history.points.get(keyResult.ref), day, workspace.config.staleAfterDays, cycles.get(objective.cycle));
}

/** Who answers for a key result: its owner, else its objective's, else its team's owners. */
export function ownersOf(workspace: Workspace, objective: Objective, keyResult: KeyResult): string[] {
  if (keyResult.owner) return [keyResult.owner];
  if (objective.owner) return [objective.owner];
  return [...(workspace.teams.get(objective.team)?.owners ?? [])];
}
