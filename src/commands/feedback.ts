// okr feedback: with -m, records feedback on a goal or a check-in as one commit that changes no file
// (SPEC section 11); without, lists the feedback given, newest first, replies under their check-in.
import { noteFromMessages } from '../app/checkin-arguments.js';
import { sinceDay } from '../app/cycle-view.js';
import { answeredCheckins, readFeedback, readRemoteFeedback } from '../app/feedback.js';
import { readFetchState } from '../app/federation.js';
import { goalNotFound, parseGoalArgument, requireTeam } from '../app/goal-arguments.js';
import { textStyle, writeJson } from '../app/output.js';
import { openSession } from '../app/session.js';
import type { FeedbackArguments, FeedbackOptions } from '../definitions/feedback.js';
import type { Environment } from '../env.js';
import { ExitCode, UsageError } from '../errors.js';
import { matchesFeedback, newestFirst, threadFeedback } from '../model/feedback.js';
import { findGoal } from '../model/goal-detail.js';
import { formatRef, parseRef } from '../model/ids.js';
import { feedbackJson, feedbackListJson } from '../render/json/feedback.js';
import { renderFeedbackList, renderFeedbackRecorded } from '../render/text/feedback.js';

/** Without REF, the listing looks this far back unless --since says otherwise. */
const DEFAULT_SINCE_DAYS = 30;

export default async function feedback(env: Environment, [raw]: FeedbackArguments, options: FeedbackOptions): Promise<number> {
  const session = openSession(env, options.dir);
  const { paint } = textStyle(env);

  if (options.message !== undefined) {
    if (raw === undefined) throw new UsageError('which goal is the feedback about?', 'Name it: okr feedback team/objective[/kr] -m "TEXT".');
    if (options.since !== undefined || options.team !== undefined)
      throw new UsageError('--since and --team are for listing feedback; they do not go with -m', 'Leave them out to give feedback, or leave out -m to list it.');
    // Loaded only to record: listing never needs the editing machinery.
    const { recordFeedback } = await import('../app/feedback-record.js');
    const recorded = await recordFeedback(session, { ref: raw, text: noteFromMessages(options.message) ?? '', kind: options.kind, replyTo: options.reply });
    if (options.json) writeJson(env, feedbackJson(recorded));
    else {
      const repository = await session.requireRepository();
      const answered = recorded.replyTo === null ? undefined : (await answeredCheckins(repository, [recorded])).get(recorded.replyTo);
      env.stdout.write(renderFeedbackRecorded(recorded, answered, paint));
    }
    return ExitCode.ok;
  }

  if (options.kind !== undefined || options.reply !== undefined)
    throw new UsageError('--kind and --reply describe feedback you give: add -m "TEXT"', 'Example: okr feedback team/objective/kr --kind question -m "Why the jump?"');
  const repository = await session.requireRepository('Feedback is read from git history');
  // The goals are loaded only to explain an empty answer or a malformed REF: a listing of thousands
  // of pieces need not parse thousands of goal files. Unless other repositories were fetched here
  // (SPEC 13): their teams' feedback is in their own histories, read where their goals were read.
  const federated = Object.keys(readFetchState(repository)).length > 0 ? await session.load() : undefined;
  const goals = async () => (federated ?? (await session.loadWorkTree())).workspace;
  const goal = raw === undefined ? undefined : (parseRef(raw) ?? parseGoalArgument(raw, await goals(), 'feedback'));
  if (goal?.kind === 'mission') throw new UsageError('feedback is about objectives, key results and check-ins, not the mission', 'Name a goal, or leave REF out to list all feedback.');
  const ref = goal === undefined ? undefined : formatRef(goal);
  const since = options.since !== undefined ? sinceDay(options.since, env.today) : ref === undefined ? sinceDay({ days: DEFAULT_SINCE_DAYS }, env.today) : null;
  const [local, remote] = await Promise.all([readFeedback(repository), federated ? readRemoteFeedback(repository, federated) : []]);
  const list = newestFirst([...local, ...remote].filter((f) => matchesFeedback(f, { ref, team: options.team, since: since ?? undefined })));
  if (list.length === 0 && (goal !== undefined || options.team !== undefined)) {
    // Nothing on a goal or team that does not exist (any more): say so, with the nearest that does.
    const workspace = await goals();
    if (options.team !== undefined) requireTeam(workspace, options.team);
    const found = goal === undefined ? undefined : findGoal(workspace, goal);
    if (found?.kind === 'not-found') throw goalNotFound(found);
  }
  if (options.json) {
    writeJson(env, feedbackListJson(since, list));
    return ExitCode.ok;
  }
  const what = ref !== undefined ? `on ${ref}` : options.team !== undefined ? `on team ${options.team}'s goals` : 'on every goal';
  const checkins = await answeredCheckins(repository, list);
  env.stdout.write(renderFeedbackList(what, since, threadFeedback(list), list.length, { checkins, goalLabel: (r) => r, paint }));
  return ExitCode.ok;
}
