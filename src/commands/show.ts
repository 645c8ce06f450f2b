// okr show REF: one objective, key result or the mission, with every field and its score; from git,
// the history of its key results, where the metrics are heading (forecasts), and peer feedback.
import { chooseView, evaluationDay, scorerFor } from '../app/cycle-view.js';
import { goalNotFound, parseGoalArgument } from '../app/goal-arguments.js';
import { terminalWidth, textStyle, writeJson } from '../app/output.js';
import { openSession, type OpenedWorkspace, type Session } from '../app/session.js';
import { stalenessIndex } from '../app/staleness.js';
import type { ShowArguments, ShowOptions } from '../definitions/show.js';
import type { Environment } from '../env.js';
import { ExitCode } from '../errors.js';
import { alignmentGraph } from '../model/alignment.js';
import { matchesFeedback, newestFirst, threadFeedback, type Feedback } from '../model/feedback.js';
import { forecastIndex } from '../model/forecast.js';
import { describeGoal, type GoalDetail } from '../model/goal-detail.js';
import type { CommitMeta, History } from '../model/history.js';
import { isCheckable } from '../model/key-results.js';
import type { Day, GoalRef, KeyResult, Objective, Origin, Workspace } from '../model/types.js';
import { chooseCycle, datedCycles, viewOf, type View } from '../model/view.js';
import { showJson } from '../render/json/show.js';
import { renderShowFeedback } from '../render/text/feedback.js';
import { renderShowHistory } from '../render/text/show-history.js';
import { renderShowText } from '../render/text/show.js';
import { foldLines } from '../render/text/fit.js';
import { PositionResolver } from '../workspace/positions.js';

export default async function show(env: Environment, [raw]: ShowArguments, options: ShowOptions): Promise<number> {
  const session = openSession(env, options.dir);
  const opened = await session.loadForReading(options);
  const { workspace } = opened;
  const ref = parseGoalArgument(raw, workspace, 'tree');
  const day = evaluationDay(env, options);
  // The mission's progress is always of a view; other goals list aligned goals of every cycle
  // unless --cycle names one.
  const view = ref.kind === 'mission' || options.cycle !== undefined ? chooseView(workspace, options.cycle, day) : undefined;
  const feeding = (view ?? (ref.kind === 'mission' ? undefined : rollupView(workspace, ref, day)))?.feeding;
  const scorer = scorerFor(workspace, day, view, feeding);
  const detail = describeGoal(workspace, scorer, ref, view ? view.includes : undefined);
  if (detail.kind === 'not-found') throw goalNotFound(detail);

  const resolver = new PositionResolver((file) => opened.texts.get(file));
  const locate = (origin: Origin) => ({ file: origin.file, line: resolver.locate(origin.file, origin.path, 'value').line });
  const cycle = view?.cycle.id ?? (detail.kind === 'objective' ? detail.score.objective.cycle : detail.kind === 'key-result' ? detail.objective.objective.cycle : '');
  const facts = await gitFacts(session, opened, detail, options, day);
  const past = facts?.history;
  const forecasts = forecastIndex(workspace, (r) => past?.points.get(r), day);
  const forecast = (kr: KeyResult) => (detail.kind === 'mission' ? undefined : forecasts(goalObjective(detail), kr));
  if (options.json) writeJson(env, showJson(detail, { cycle, asOf: day, locate, forecast, feedback: facts?.feedback }));
  else {
    const graph = alignmentGraph(workspace);
    const style = textStyle(env);
    // On a terminal, lines fit its width (lists stack, other lines fold); piped, lines are whole.
    const width = terminalWidth(env);
    const fedBy = (kr: KeyResult) => graph.feedersOfKeyResult(kr).filter((o) => feeding?.feeds(o) ?? true).length;
    env.stdout.write(foldLines(renderShowText(detail, { cycle, asOf: day, locate, fedBy, alignedTo: (kr) => graph.feedersOfKeyResult(kr).length, width }, style), width));
    if (facts && detail.kind !== 'mission') {
      const keyResults = detail.kind === 'objective' ? detail.score.objective.keyResults : [detail.keyResult.keyResult];
      const staleness = stalenessIndex(workspace, facts.history, day);
      const objective = goalObjective(detail);
      env.stdout.write(
        foldLines(renderShowHistory(
          keyResults.map((keyResult) => ({
            keyResult,
            points: facts.history.points.get(keyResult.ref) ?? [],
            forecast: forecast(keyResult),
            staleness: isCheckable(keyResult) ? staleness(objective, keyResult) : undefined,
          })),
          workspace.config.staleAfterDays,
          style.paint,
        ), width),
      );
      const goal = detail.kind === 'objective' ? detail.score.objective.ref : detail.keyResult.keyResult.ref;
      const checkins = await facts.answered();
      env.stdout.write(
        foldLines(renderShowFeedback(goal, threadFeedback(facts.feedback), facts.feedback.length, { checkins, goalLabel: (r) => (r === goal ? '' : r.slice(goal.length + 1)), paint: style.paint }), width),
      );
    }
  }
  return ExitCode.ok;
}

const goalObjective = (detail: Exclude<GoalDetail, { kind: 'mission' }>): Objective => (detail.kind === 'objective' ? detail.score.objective : detail.objective.objective);

interface GitFacts {
  /** The history of the goal's team. */
  readonly history: History;
  /** The feedback on the goal (an objective's includes its key results'), newest first, up to the day evaluated. */
  readonly feedback: readonly Feedback[];
  /** The check-ins the feedback answers (for the text's thread headers). */
  readonly answered: () => Promise<ReadonlyMap<string, CommitMeta>>;
}

/**
 * The view whose rule says what feeds a rollup key result when --cycle names none (SPEC 9: in the
 * view of a cycle): the default cycle's when the goal is in it, as okr tree shows it; else the
 * view of the goal's own cycle.
 */
function rollupView(workspace: Workspace, ref: Exclude<GoalRef, { kind: 'mission' }>, day: Day): View | undefined {
  const objective = alignmentGraph(workspace).objective(`${ref.team}/${ref.objective}`);
  if (!objective) return undefined;
  const choice = chooseCycle(workspace, undefined, day);
  const chosen = choice.kind === 'chosen' ? viewOf(workspace, choice.cycle, day) : undefined;
  if (chosen?.includes(objective)) return chosen;
  const own = datedCycles(workspace).get(objective.cycle);
  return own && viewOf(workspace, own, day);
}

/** What git knows of the goal, read in parallel; undefined outside git and for the mission. */
async function gitFacts(session: Session, opened: OpenedWorkspace, detail: GoalDetail, options: ShowOptions, day: Day): Promise<GitFacts | undefined> {
  if (detail.kind === 'mission') return undefined;
  const repository = await session.repository();
  if (!repository) return undefined;
  const [{ readWorkspaceHistory }, { answeredCheckins, readFeedback, readRemoteFeedback }] = await Promise.all([import('../app/goal-history.js'), import('../app/feedback.js')]);
  const objective = goalObjective(detail);
  const ref = detail.kind === 'objective' ? objective.ref : detail.keyResult.keyResult.ref;
  const [history, local, remote] = await Promise.all([
    // The team's history and feedback (a member's from its fetched commits: SPEC 13).
    readWorkspaceHistory(session, opened, options, new Set([objective.team])),
    readFeedback(repository, options.at),
    readRemoteFeedback(repository, opened),
  ]);
  const feedback = newestFirst([...local, ...remote].filter((f) => matchesFeedback(f, { ref, until: day })));
  if (!history) return undefined;
  return { history, feedback, answered: () => answeredCheckins(repository, feedback) };
}
