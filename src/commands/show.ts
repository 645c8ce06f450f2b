// okr show REF: one objective, key result or the mission, with every field and its score.
import type { Environment } from '../env.js';
import { DataError, ExitCode } from '../errors.js';
import { alignmentGraph } from '../model/alignment.js';
import { describeGoal } from '../model/goal-detail.js';
import type { Origin } from '../model/types.js';
import { showJson } from '../render/json/show.js';
import { renderShowText } from '../render/text/show.js';
import { PositionResolver } from '../workspace/positions.js';
import {
  chooseView,
  evaluationDay,
  openForReading,
  parseGoalArgument,
  scorerFor,
  textStyle,
  writeJson,
  type ReadCommandOptions,
} from './open-view.js';

export type ShowOptions = ReadCommandOptions;

export default async function show(env: Environment, args: unknown[], options: ShowOptions): Promise<number> {
  const opened = await openForReading(env, options);
  const { workspace } = opened;
  const ref = parseGoalArgument(String(args[0]), workspace, 'tree');
  const day = evaluationDay(env, options);
  // The mission's progress is always of a view; other goals list aligned goals of every cycle
  // unless --cycle names one.
  const view = ref.kind === 'mission' || options.cycle !== undefined ? chooseView(workspace, options.cycle, day) : undefined;
  const scorer = scorerFor(workspace, day, view);
  const detail = describeGoal(workspace, scorer, ref, view ? view.includes : undefined);
  if (detail.kind === 'not-found')
    throw new DataError(
      detail.message + (detail.suggestion ? `: did you mean "${detail.suggestion}"?` : ''),
      'Run "okr tree" to see every goal with its reference.',
    );

  const resolver = new PositionResolver((file) => opened.texts.get(file));
  const locate = (origin: Origin) => ({ file: origin.file, line: resolver.locate(origin.file, origin.path, 'value').line });
  const cycle = view?.cycle.id ?? (detail.kind === 'objective' ? detail.score.objective.cycle : detail.kind === 'key-result' ? detail.objective.objective.cycle : '');
  if (options.json) writeJson(env, showJson(detail, { cycle, asOf: day, locate }));
  else {
    const graph = alignmentGraph(workspace);
    env.stdout.write(renderShowText(detail, { cycle, asOf: day, locate, fedBy: (kr) => graph.feedersOfKeyResult(kr).length }, textStyle(env)));
    // The history sparkline, from git (nothing outside git).
    const { showHistory } = await import('./show-history.js');
    env.stdout.write(await showHistory(env, opened, detail, options, textStyle(env).paint));
  }
  return ExitCode.ok;
}
