// okr status: one row per team (objectives in view, progress, how many behind), attention first.
import { chooseView, evaluationDay, scorerFor } from '../app/cycle-view.js';
import { requireTeam } from '../app/goal-arguments.js';
import { terminalWidth, textStyle, writeJson } from '../app/output.js';
import { openSession, type OpenedWorkspace, type Session } from '../app/session.js';
import type { StatusArguments, StatusOptions } from '../definitions/status.js';
import type { Environment } from '../env.js';
import { ExitCode } from '../errors.js';
import { teamStatuses, type CheckinFacts } from '../model/team-status.js';
import type { Day } from '../model/types.js';
import { statusJson } from '../render/json/status.js';
import { renderStatusText } from '../render/text/status.js';

/**
 * Where `last_checkin` and `stale` come from: the check-in history in git. Without a source the
 * columns are null (unknown), never guessed.
 */
export type CheckinSource = (session: Session, opened: OpenedWorkspace, day: Day, teams: ReadonlySet<string> | undefined) => Promise<CheckinFacts | undefined>;

export async function runStatus(env: Environment, options: StatusOptions, checkins?: CheckinSource): Promise<number> {
  const session = openSession(env, options.dir);
  const opened = await session.loadForReading(options);
  const { workspace } = opened;
  const team = options.team === undefined ? undefined : requireTeam(workspace, options.team);
  const day = evaluationDay(env, options);
  const view = chooseView(workspace, options.cycle, day);
  const teams = team === undefined ? undefined : new Set([team]);
  const facts = checkins ? await checkins(session, opened, day, teams) : undefined;
  const rows = teamStatuses(view, scorerFor(workspace, day, view), facts).filter((r) => teams === undefined || teams.has(r.team));
  if (options.json) writeJson(env, statusJson(view.cycle, day, rows));
  else env.stdout.write(renderStatusText(view.cycle, day, rows, textStyle(env), terminalWidth(env)));
  return ExitCode.ok;
}

export default async function status(env: Environment, _args: StatusArguments, options: StatusOptions): Promise<number> {
  // last_checkin and stale come from git history (null outside git).
  const { checkinFacts } = await import('../app/staleness.js');
  return runStatus(env, options, (session, opened, day, teams) => checkinFacts(session, opened, day, options, teams));
}
