// The `stale-checkin` rule of `okr check`: a key result of a running cycle whose value has not
// changed in git history for longer than checkins.stale_after_days. It needs history, so it runs
// only when the workspace is inside a git work tree; elsewhere it is skipped without a word.
import type { Finding } from '../model/findings.js';
import { daysBetween } from '../model/calendar.js';
import { dayOf, type HistoryPoint } from '../model/history.js';
import { stalenessOf, type DatedPoints } from '../model/staleness.js';
import type { Day, Workspace } from '../model/types.js';
import { checkableKeyResults } from '../model/key-results.js';
import { datedCycles } from '../model/view.js';
import { evaluationDay } from './cycle-view.js';
import type { OpenedWorkspace, ReadOptions, Session } from './session.js';

/** What the rule reads of a key result's latest point: when, by whom, in which commit. */
export type LastChange = Pick<HistoryPoint, 'date' | 'authorName' | 'commit'>;

/**
 * The rule's findings for the key results of `opened` (its work tree), and, when `keepLatest` asks
 * for them (okr check --cache keeps them), the latest change of each key result they were found from
 * (undefined when none was needed: the rule is off, nothing is due, or outside git).
 */
export async function staleCheckin(
  session: Session,
  opened: OpenedWorkspace,
  options: ReadOptions,
  keepLatest = false,
): Promise<{ findings: Finding[]; latestChange?: (ref: string) => LastChange | undefined }> {
  const { workspace } = opened;
  const setting = workspace.config.rules['stale-checkin'];
  if (!setting || setting.severity === 'off') return { findings: [] };
  // Outside git there is no history: nothing to look at (and 120,000 key results not to walk).
  if (!(await session.repository())) return { findings: [] };
  const day = evaluationDay(session.env, options);
  const cycles = runningCycles(workspace, day);
  if (!workspace.objectives.some((o) => cycles.has(o.cycle))) return { findings: [] };
  const { readLatestOrHistory, readWorkspaceHistory } = await import('./goal-history.js'); // okr check --cache may need no history
  const read = await readLatestOrHistory(session, opened, options);
  if (!read) return { findings: [] };
  if ('latest' in read) {
    // Only key results last changed more than stale_after_days ago can be stale: in a repository
    // checked in on time, few or none, and then the key results are not even walked.
    const after = workspace.config.staleAfterDays;
    const daysSince = new Map<string, number>(); // a few hundred commit dates for 120,000 key results
    const isOld = (date: string) => {
      let since = daysSince.get(date);
      if (since === undefined) daysSince.set(date, (since = daysBetween(dayOf(date), day)));
      return since > after;
    };
    const decoded = read.latest.where(keepLatest ? () => true : isOld);
    if (decoded) {
      const points = new Map<string, LastChange[]>();
      for (const [ref, change] of decoded) if (isOld(change.date)) points.set(ref, [change]);
      const findings = points.size === 0 ? [] : staleFindingsOf(workspace, { points }, day, dueKeyResults(workspace, cycles));
      return { findings, ...(keepLatest ? { latestChange: (ref: string) => decoded.get(ref) } : {}) };
    }
  }
  // No cache, or a malformed one: the history itself.
  const history = 'history' in read ? read.history : await readWorkspaceHistory(session, opened, options);
  if (!history) return { findings: [] };
  return {
    findings: staleFindingsOf(workspace, history, day, dueKeyResults(workspace, cycles)),
    ...(keepLatest ? { latestChange: (ref: string) => history.points.get(ref)?.at(-1) } : {}),
  };
}

/** The running cycles on `day` (a closed cycle's key results are frozen: no check-in is due). */
function runningCycles(workspace: Workspace, day: Day): ReadonlySet<string> {
  return new Set([...datedCycles(workspace).values()].filter((c) => c.start <= day && day <= c.end && c.closed === undefined).map((c) => c.id));
}

/** Key results of running cycles. */
function dueKeyResults(workspace: Workspace, running: ReadonlySet<string>) {
  return checkableKeyResults(workspace.objectives.filter((o) => running.has(o.cycle)));
}

/** The rule's findings on `day` from the key results' points (a history's, or only the latest of each). */
export function staleFindingsOf<P extends LastChange>(workspace: Workspace, history: DatedPoints<P>, day: Day, due = dueKeyResults(workspace, runningCycles(workspace, day))): Finding[] {
  const setting = workspace.config.rules['stale-checkin'];
  if (!setting || setting.severity === 'off') return [];
  const cycles = datedCycles(workspace);
  const after = workspace.config.staleAfterDays;
  const findings: Finding[] = [];
  // Days since each commit date (a large organisation's 120,000 key results share a few hundred dates).
  const daysSince = new Map<string, number>();
  for (const { objective, keyResult: kr } of due) {
    // Changed within stale_after_days: fresh, whatever its cycle or value (the fast path of most key results).
    const points = history.points.get(kr.ref);
    const latest = points?.[points.length - 1];
    // Never changed and no shallow clone's cut to blame: new work, not stale.
    if (!latest && history.cut?.refs.has(kr.ref) !== true) continue;
    if (latest) {
      let since = daysSince.get(latest.date);
      if (since === undefined) daysSince.set(latest.date, (since = daysBetween(dayOf(latest.date), day)));
      if (since <= after) continue;
    }
    const { stale, last, days, lastBefore } = stalenessOf(kr, history, day, after, cycles.get(objective.cycle));
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
