// The `stale-checkin` rule of `okr check`: a key result of a running cycle whose value has not
// changed in git history for longer than checkins.stale_after_days. It needs history, so it runs
// only when the workspace is inside a git work tree; elsewhere it is skipped without a word.
import type { Environment } from '../env.js';
import { isValidDay } from '../model/calendar.js';
import type { Finding } from '../model/findings.js';
import { dayOf, stalenessOf } from '../model/history.js';
import type { Day } from '../model/types.js';
import { readHistory } from '../git/goal-history.js';
import { findRepository } from '../git/repository.js';
import { knownStatesOf } from '../workspace/known-versions.js';
import { maxFileBytes, type OpenedWorkspace } from '../workspace/open.js';

export async function staleCheckinFindings(env: Environment, opened: OpenedWorkspace, options: { at?: string; asOf?: Day }): Promise<Finding[]> {
  const { workspace } = opened;
  const setting = workspace.config.rules['stale-checkin'];
  if (!setting || setting.severity === 'off') return [];
  const day = options.asOf ?? env.today;
  const running = new Map(
    workspace.config.cycles.filter((c) => isValidDay(c.start) && isValidDay(c.end) && c.start <= day && day <= c.end).map((c) => [c.id, c]),
  );
  const objectives = workspace.objectives.filter((o) => running.has(o.cycle) && o.keyResults.some((kr) => kr.kind !== 'rollup'));
  if (objectives.length === 0) return [];
  const repository = await findRepository(opened.root);
  if (!repository) return [];
  const known = knownStatesOf(opened);
  const history = await readHistory({ repository, at: options.at, until: options.asOf, maxBytes: maxFileBytes(env), knownStates: () => known });
  const after = workspace.config.staleAfterDays;
  const findings: Finding[] = [];
  for (const objective of objectives)
    for (const kr of objective.keyResults) {
      if (kr.kind === 'rollup') continue;
      const staleness = stalenessOf(history.points.get(kr.ref), day, after, running.get(objective.cycle));
      if (!staleness.stale || !staleness.last) continue;
      const last = staleness.last;
      findings.push({
        rule: 'stale-checkin',
        severity: setting.severity === 'error' ? 'error' : 'warning',
        message: `key result "${kr.id}" has had no check-in for ${staleness.days} days (last ${dayOf(last.date)} by ${last.authorName}, ${last.commit.slice(0, 7)}; stale after ${after}): run okr checkin ${kr.ref}=<value>`,
        target: { file: kr.origin.file, path: [...kr.origin.path, kr.kind === 'milestone' ? 'done' : 'current'] },
      });
    }
  return findings;
}
