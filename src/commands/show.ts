// okr show REF: one objective, key result or the mission, with every field and its score.
import { chooseView, evaluationDay, scorerFor } from '../app/cycle-view.js';
import { goalNotFound, parseGoalArgument } from '../app/goal-arguments.js';
import { textStyle, writeJson } from '../app/output.js';
import { openSession, type OpenedWorkspace, type Session } from '../app/session.js';
import type { ShowArguments, ShowOptions } from '../definitions/show.js';
import type { Environment } from '../env.js';
import { ExitCode } from '../errors.js';
import { alignmentGraph } from '../model/alignment.js';
import { describeGoal, type GoalDetail } from '../model/goal-detail.js';
import type { Origin } from '../model/types.js';
import { showJson } from '../render/json/show.js';
import type { Paint } from '../render/paint.js';
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
  if (options.json) writeJson(env, showJson(detail, { cycle, asOf: day, locate }));
  else {
    const graph = alignmentGraph(workspace);
    const style = textStyle(env);
    env.stdout.write(renderShowText(detail, { cycle, asOf: day, locate, fedBy: (kr) => graph.feedersOfKeyResult(kr).length }, style));
    env.stdout.write(await historyBlock(session, opened, detail, options, style.paint));
  }
  return ExitCode.ok;
}

/** The history sparkline of the goal's key results, from git when the workspace is in a work tree; nothing outside git. */
async function historyBlock(session: Session, opened: OpenedWorkspace, detail: GoalDetail, options: ShowOptions, paint: Paint): Promise<string> {
  if (detail.kind === 'mission') return '';
  const objective = detail.kind === 'objective' ? detail.score.objective : detail.objective.objective;
  const keyResults = detail.kind === 'objective' ? objective.keyResults : [detail.keyResult.keyResult];
  const repository = await session.repository();
  if (!repository) return '';
  const { readHistory } = await import('../app/goal-history.js');
  const history = await readHistory({ repository, at: options.at, until: options.asOf, teams: new Set([objective.team]), maxBytes: session.maxFileBytes });
  return renderShowHistory(keyResults, (kr) => history.points.get(kr.ref) ?? [], paint);
}
