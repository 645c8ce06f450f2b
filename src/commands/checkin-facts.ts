// The check-in columns of `okr status` (last_checkin, stale), from git history: the seam
// runStatus leaves open. Outside git there is no history, and the columns stay null (unknown).
import type { Environment } from '../env.js';
import { isValidDay } from '../model/calendar.js';
import { dayOf, stalenessOf } from '../model/history.js';
import type { CheckinFacts } from '../model/team-status.js';
import type { Day } from '../model/types.js';
import { readHistory } from '../git/goal-history.js';
import { findRepository } from '../git/repository.js';
import { knownStatesOf } from '../workspace/known-versions.js';
import { maxFileBytes, type OpenedWorkspace } from '../workspace/open.js';

export function checkinFacts(env: Environment, options: { at?: string; asOf?: Day }) {
  return async (opened: OpenedWorkspace, day: Day): Promise<CheckinFacts | undefined> => {
    const repository = await findRepository(opened.root);
    if (!repository) return undefined;
    const known = knownStatesOf(opened);
    const history = await readHistory({ repository, at: options.at, until: options.asOf, maxBytes: maxFileBytes(env), knownStates: () => known });
    const { workspace } = opened;
    const cycles = new Map(workspace.config.cycles.filter((c) => isValidDay(c.start) && isValidDay(c.end)).map((c) => [c.id, c]));
    const lastCheckin = new Map<string, Day>();
    const stale = new Set<string>();
    for (const objective of workspace.objectives)
      for (const kr of objective.keyResults) {
        if (kr.kind === 'rollup') continue;
        const points = history.points.get(kr.ref);
        const last = points?.[points.length - 1];
        if (last) lastCheckin.set(kr.ref, dayOf(last.date));
        if (stalenessOf(points, day, workspace.config.staleAfterDays, cycles.get(objective.cycle)).stale) stale.add(kr.ref);
      }
    return { lastCheckin, stale };
  };
}
