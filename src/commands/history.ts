// okr history REF: every value a key result had (or each key result of an objective) over the git
// history of its file, oldest first, with who set it, when, and why.
import type { Environment } from '../env.js';
import { ExitCode, UsageError } from '../errors.js';
import type { HistoryPoint } from '../model/history.js';
import { parseRef } from '../model/ids.js';
import type { KeyResult } from '../model/types.js';
import { keyResultHistoryJson, objectiveHistoryJson } from '../render/json/history.js';
import { renderKeyResultHistory } from '../render/text/history.js';
import { openHistory } from './open-history.js';
import { parseGoalArgument, requireGoal, textStyle, writeJson, type ReadCommandOptions } from './open-view.js';

export type HistoryOptions = ReadCommandOptions;

export default async function history(env: Environment, args: unknown[], options: HistoryOptions): Promise<number> {
  const raw = String(args[0]);
  const early = parseRef(raw);
  // Only the named team's files are read; a malformed reference reads none (it is refused below).
  const { opened, history: past } = await openHistory(env, options, new Set(early && early.kind !== 'mission' ? [early.team] : []));
  const ref = parseGoalArgument(raw, opened.workspace, 'history');
  if (ref.kind === 'mission')
    throw new UsageError('the mission has no values of its own', 'Name an objective (team/objective) or a key result (team/objective/kr).');
  const found = requireGoal(opened.workspace, ref);
  const pointsOf = (kr: KeyResult): readonly HistoryPoint[] => past.points.get(kr.ref) ?? [];
  const { paint } = textStyle(env);

  if (found.kind === 'key-result') {
    if (options.json) writeJson(env, keyResultHistoryJson(found.keyResult, pointsOf(found.keyResult)));
    else env.stdout.write(renderKeyResultHistory(found.keyResult, pointsOf(found.keyResult), paint));
    return ExitCode.ok;
  }
  const keyResults = found.objective.keyResults.map((keyResult) => ({ keyResult, points: pointsOf(keyResult) }));
  if (options.json) writeJson(env, objectiveHistoryJson(found.objective.ref, keyResults));
  else {
    const header = `${paint.bold(found.objective.ref)} ${paint.dim('·')} ${found.objective.title}\n\n`;
    env.stdout.write(header + keyResults.map((k) => renderKeyResultHistory(k.keyResult, k.points, paint)).join('\n'));
  }
  return ExitCode.ok;
}
