// The `stale-checkin` rule of `okr check`: a key result of a running cycle whose value has not
// changed in git history for longer than checkins.stale_after_days. It needs history, so it runs
// only when the workspace is inside a git work tree; elsewhere it is skipped without a word.
import type { Finding } from '../model/findings.js';
import { dayOf } from '../model/history.js';
import { checkableKeyResults } from '../model/key-results.js';
import { datedCycles } from '../model/view.js';
import { evaluationDay } from './cycle-view.js';
import { readWorkspaceHistory } from './goal-history.js';
import type { OpenedWorkspace, ReadOptions, Session } from './session.js';
import { stalenessIndex } from './staleness.js';

export async function staleCheckinFindings(session: Session, opened: OpenedWorkspace, options: ReadOptions): Promise<Finding[]> {
  const { workspace } = opened;
  const setting = workspace.config.rules['stale-checkin'];
  if (!setting || setting.severity === 'off') return [];
  // Outside git there is no history: nothing to look at (and 120,000 key results not to walk).
  if (!(await session.repository())) return [];
  const day = evaluationDay(session.env, options);
  // A closed cycle's key results are frozen: no check-in is due.
  const running = new Set([...datedCycles(workspace).values()].filter((c) => c.start <= day && day <= c.end && c.closed === undefined).map((c) => c.id));
  const due = checkableKeyResults(workspace.objectives.filter((o) => running.has(o.cycle)));
  if (due.length === 0) return [];
  const history = await readWorkspaceHistory(session, opened, options);
  if (!history) return [];
  const staleness = stalenessIndex(workspace, history, day);
  const after = workspace.config.staleAfterDays;
  const findings: Finding[] = [];
  for (const { objective, keyResult: kr } of due) {
    const { stale, last, days, lastBefore } = staleness(objective, kr);
    if (!stale) continue;
    const since = last
      ? `${days} days (last ${dayOf(last.date)} by ${last.authorName}, ${last.commit.slice(0, 7)}; stale after ${after})`
      : `more than ${after} days (its last change is on or before ${lastBefore}, where this shallow clone's history starts)`;
    findings.push({
      rule: 'stale-checkin',
      severity: setting.severity === 'error' ? 'error' : 'warning',
      message: `key result "${kr.id}" has had no check-in for ${since}: run okr checkin ${kr.ref}=<value>`,
      target: { file: kr.origin.file, path: [...kr.origin.path, kr.kind === 'milestone' ? 'done' : 'current'] },
    });
  }
  return findings;
}
