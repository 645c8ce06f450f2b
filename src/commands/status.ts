// okr status: one row per team (objectives in view, progress, how many behind), attention first.
import type { Environment } from '../env.js';
import { ExitCode } from '../errors.js';
import { teamStatuses, type CheckinFacts } from '../model/team-status.js';
import { statusJson } from '../render/json/status.js';
import { renderStatusText } from '../render/text/status.js';
import type { OpenedWorkspace } from '../workspace/open.js';
import { chooseView, evaluationDay, openForReading, scorerFor, textStyle, writeJson, type ReadCommandOptions } from './open-view.js';

export type StatusOptions = ReadCommandOptions;

/**
 * Where `last_checkin` and `stale` come from: the check-in history in git. Without a source the
 * columns are null (unknown), never guessed.
 */
export type CheckinSource = (opened: OpenedWorkspace, day: string) => Promise<CheckinFacts | undefined>;

export async function runStatus(env: Environment, options: StatusOptions, checkins?: CheckinSource): Promise<number> {
  const opened = await openForReading(env, options);
  const { workspace } = opened;
  const day = evaluationDay(env, options);
  const view = chooseView(workspace, options.cycle, day);
  const facts = checkins ? await checkins(opened, day) : undefined;
  const rows = teamStatuses(view, scorerFor(workspace, day, view), facts);
  if (options.json) writeJson(env, statusJson(view.cycle, day, rows));
  else env.stdout.write(renderStatusText(view.cycle, day, rows, textStyle(env)));
  return ExitCode.ok;
}

export default async function status(env: Environment, _args: unknown[], options: StatusOptions): Promise<number> {
  // last_checkin and stale come from git history (null outside git).
  const { checkinFacts } = await import('./checkin-facts.js');
  return runStatus(env, options, checkinFacts(env, options));
}
