// okr log: recent check-ins across the workspace (every change of a key result's value or confidence,
// by okr checkin, okr measure, a hand edit or a merged pull request), newest first; with --feedback,
// the peer feedback given meanwhile among them.
import { chooseView, sinceDay } from '../app/cycle-view.js';
import { loadWithHistory } from '../app/goal-history.js';
import { requireTeam } from '../app/goal-arguments.js';
import { terminalWidth, textStyle, writeJson } from '../app/output.js';
import { openSession, type OpenedWorkspace, type Session } from '../app/session.js';
import type { LogArguments, LogOptions } from '../definitions/log.js';
import type { Since } from '../definitions/option-parsers.js';
import type { Environment } from '../env.js';
import { ExitCode } from '../errors.js';
import { matchesFeedback, newestFirst, type Feedback } from '../model/feedback.js';
import { checkinsBetween } from '../model/history.js';
import { logJson } from '../render/json/history.js';
import { renderCheckinLog } from '../render/text/checkin-log.js';

const DEFAULT_SINCE: Since = { days: 30 };

export default async function log(env: Environment, _args: LogArguments, options: LogOptions): Promise<number> {
  const session = openSession(env, options.dir);
  // Feedback changes no file: it is read from its own log, while the history is read.
  const feedbackReading = options.feedback ? readFeedbackOf(session, options.at) : undefined;
  feedbackReading?.catch(() => undefined);
  // Only the window is read from git (a value set before it is still each point's previous value).
  const since = sinceDay(options.since ?? DEFAULT_SINCE, options.asOf ?? env.today);
  const { opened, history, day } = await loadWithHistory(session, options, { ...(options.team === undefined ? {} : { teams: new Set([options.team]) }), since });
  if (options.team !== undefined) requireTeam(opened.workspace, options.team);
  // --cycle: only the key results of that cycle's view (an unknown cycle is a usage error, as everywhere).
  const inView = options.cycle === undefined ? undefined : new Set(chooseView(opened.workspace, options.cycle, day).objectives.flatMap((o) => o.keyResults.map((kr) => kr.ref)));
  const entries = checkinsBetween(history, since, day, options.team).filter((p) => !inView || inView.has(p.ref));
  const feedback = feedbackReading && newestFirst([...(await feedbackReading), ...(await readRemoteFeedbackOf(session, opened))].filter((f) => matchesFeedback(f, { since, until: day, team: options.team })));
  if (options.json) writeJson(env, logJson(since, day, entries, feedback));
  else env.stdout.write(renderCheckinLog(since, day, entries, textStyle(env).paint, feedback, terminalWidth(env)));
  return ExitCode.ok;
}

async function readFeedbackOf(session: Session, at: string | undefined): Promise<Feedback[]> {
  const { readFeedback } = await import('../app/feedback.js');
  return readFeedback(await session.requireRepository('Check-in history is read from git'), at);
}

/** The feedback in the upstream's and members' histories on their teams shown (SPEC 13). */
async function readRemoteFeedbackOf(session: Session, opened: OpenedWorkspace): Promise<Feedback[]> {
  if (!opened.remoteCommits?.size) return [];
  const { readRemoteFeedback } = await import('../app/feedback.js');
  return readRemoteFeedback(await session.requireRepository('Check-in history is read from git'), opened);
}
