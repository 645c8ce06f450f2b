// okr show REF: one objective, key result or the mission, with every field and its score; from git,
// the history of its key results and where the metrics are heading (forecasts).
import { chooseView, evaluationDay, scorerFor } from '../app/cycle-view.js';
import { goalNotFound, parseGoalArgument } from '../app/goal-arguments.js';
import { textStyle, writeJson } from '../app/output.js';
import { openSession, type Session } from '../app/session.js';
import type { ShowArguments, ShowOptions } from '../definitions/show.js';
import type { Environment } from '../env.js';
import { ExitCode } from '../errors.js';
import { alignmentGraph } from '../model/alignment.js';
import { forecastIndex } from '../model/forecast.js';
import { describeGoal, type GoalDetail } from '../model/goal-detail.js';
import type { History } from '../model/history.js';
import type { KeyResult, Objective, Origin } from '../model/types.js';
import { showJson } from '../render/json/show.js';
import { renderShowHistory } from '../render/text/show-history.js';
import { renderShowText } from '../render/text/show.js';
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
  const scorer = scorerFor(workspace, day, view);
  const detail = describeGoal(workspace, scorer, ref, view ? view.includes : undefined);
  if (detail.kind === 'not-found') throw goalNotFound(detail);

  const resolver = new PositionResolver((file) => opened.texts.get(file));
  const locate = (origin: Origin) => ({ file: origin.file, line: resolver.locate(origin.file, origin.path, 'value').line });
  const cycle = view?.cycle.id ?? (detail.kind === 'objective' ? detail.score.objective.cycle : detail.kind === 'key-result' ? detail.objective.objective.cycle : '');
  const past = await historyOf(session, detail, options);
  const forecasts = forecastIndex(workspace, (r) => past?.points.get(r), day);
  const forecast = (kr: KeyResult) => (detail.kind === 'mission' ? undefined : forecasts(goalObjective(detail), kr));
  if (options.json) writeJson(env, showJson(detail, { cycle, asOf: day, locate, forecast }));
  else {
    const graph = alignmentGraph(workspace);
    const style = textStyle(env);
    env.stdout.write(renderShowText(detail, { cycle, asOf: day, locate, fedBy: (kr) => graph.feedersOfKeyResult(kr).length }, style));
    if (past && detail.kind !== 'mission') {
      const keyResults = detail.kind === 'objective' ? detail.score.objective.keyResults : [detail.keyResult.keyResult];
      env.stdout.write(renderShowHistory(keyResults.map((keyResult) => ({ keyResult, points: past.points.get(keyResult.ref) ?? [], forecast: forecast(keyResult) })), style.paint));
    }
  }
  return ExitCode.ok;
}

const goalObjective = (detail: Exclude<GoalDetail, { kind: 'mission' }>): Objective => (detail.kind === 'objective' ? detail.score.objective : detail.objective.objective);

/** The history of the goal's team, from git when the workspace is in a work tree; undefined outside git and for the mission. */
async function historyOf(session: Session, detail: GoalDetail, options: ShowOptions): Promise<History | undefined> {
  if (detail.kind === 'mission') return undefined;
  const repository = await session.repository();
  if (!repository) return undefined;
  const { readHistory } = await import('../app/goal-history.js');
  return readHistory({ repository, at: options.at, until: options.asOf, teams: new Set([goalObjective(detail).team]), maxBytes: session.maxFileBytes });
}
