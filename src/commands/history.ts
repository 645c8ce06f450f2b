// okr history REF: every value a key result had (or each key result of an objective) over the git
// history of its file, oldest first, with who set it, when, and why; and where a metric is heading.
import { chooseView } from '../app/cycle-view.js';
import { loadWithHistory, readWorkspaceHistory } from '../app/goal-history.js';
import { parseGoalArgument, requireGoal } from '../app/goal-arguments.js';
import { textStyle, writeJson } from '../app/output.js';
import { openSession } from '../app/session.js';
import type { HistoryArguments, HistoryOptions } from '../definitions/history.js';
import type { Environment } from '../env.js';
import { DataError, ExitCode, UsageError } from '../errors.js';
import { forecastIndex, type KeyResultHistory } from '../model/forecast.js';
import { parseRef } from '../model/ids.js';
import type { KeyResult } from '../model/types.js';
import { keyResultHistoryJson, objectiveHistoryJson } from '../render/json/history.js';
import { renderKeyResultHistory, renderObjectiveHistory } from '../render/text/history.js';

export default async function history(env: Environment, [raw]: HistoryArguments, options: HistoryOptions): Promise<number> {
  const session = openSession(env, options.dir);
  const early = parseRef(raw);
  // Only the named team's files are read, from the work tree and from history; a malformed reference
  // reads none (it is refused below), and a short one (a bare id), whose team is known once the whole
  // workspace is read, reads every team's from the work tree.
  const team = early && early.kind !== 'mission' && raw.includes('/') ? early.team : undefined;
  const teams = new Set(team === undefined ? [] : [team]);
  const { opened, history: first, day } = await loadWithHistory(session, options, { teams, ...(team === undefined ? {} : { loadTeam: team }) });
  const ref = parseGoalArgument(raw, opened.workspace, 'history');
  if (ref.kind === 'mission')
    throw new UsageError('the mission has no values of its own', 'Name an objective (team/objective) or a key result (team/objective/kr).');
  const past = teams.has(ref.team) ? first : ((await readWorkspaceHistory(session, opened, options, new Set([ref.team]))) ?? first);
  const found = requireGoal(opened.workspace, ref);
  // The goal is found in any cycle; with --cycle it must be in that cycle's view, as for okr tree REF.
  if (options.cycle !== undefined) {
    const view = chooseView(opened.workspace, options.cycle, day);
    if (!view.includes(found.objective))
      throw new DataError(
        `${found.objective.ref} belongs to cycle ${found.objective.cycle}, which is not in view of cycle ${view.cycle.id}`,
        `Run "okr history ${raw}" (any cycle) or "okr history ${raw} --cycle ${found.objective.cycle}".`,
      );
  }
  const forecast = forecastIndex(opened.workspace, (r) => past.points.get(r), day);
  const historyOf = (keyResult: KeyResult): KeyResultHistory => ({
    keyResult,
    points: past.points.get(keyResult.ref) ?? [],
    forecast: forecast(found.objective, keyResult),
  });
  const { paint } = textStyle(env);

  if (found.kind === 'key-result') {
    if (options.json) writeJson(env, keyResultHistoryJson(historyOf(found.keyResult)));
    else env.stdout.write(renderKeyResultHistory(historyOf(found.keyResult), paint));
    return ExitCode.ok;
  }
  const keyResults = found.objective.keyResults.map(historyOf);
  if (options.json) writeJson(env, objectiveHistoryJson(found.objective.ref, keyResults));
  else env.stdout.write(renderObjectiveHistory(found.objective, keyResults, paint));
  return ExitCode.ok;
}
