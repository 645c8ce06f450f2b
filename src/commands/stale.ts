// okr stale: key results of the cycle in view with no check-in for longer than
// checkins.stale_after_days; --by-owner groups them into one digest per owner.
import { chooseView } from '../app/cycle-view.js';
import { loadWithHistory } from '../app/goal-history.js';
import { requireTeam } from '../app/goal-arguments.js';
import { terminalWidth, textStyle, writeJson } from '../app/output.js';
import { openSession } from '../app/session.js';
import { stalenessIndex } from '../app/staleness.js';
import type { StaleArguments, StaleOptions } from '../definitions/stale.js';
import type { Environment } from '../env.js';
import { ExitCode } from '../errors.js';
import { checkableKeyResults, ownersOf } from '../model/key-results.js';
import { staleByOwnerJson, staleListJson, type StaleEntry } from '../render/json/history.js';
import { renderStaleByOwner, renderStaleList } from '../render/text/stale.js';

const NO_OWNER = '(no owner)';

export default async function stale(env: Environment, _args: StaleArguments, options: StaleOptions): Promise<number> {
  const { opened, history, day } = await loadWithHistory(openSession(env, options.dir), options, options.team === undefined ? {} : { teams: new Set([options.team]) });
  const { workspace } = opened;
  if (options.team !== undefined) requireTeam(workspace, options.team);
  const view = chooseView(workspace, options.cycle, day);
  const staleness = stalenessIndex(workspace, history, day);
  const candidates = checkableKeyResults(view.objectives.filter((o) => options.team === undefined || o.team === options.team));
  const judged = candidates.map(({ objective, keyResult }) => ({ keyResult, owners: ownersOf(workspace, objective, keyResult), staleness: staleness(objective, keyResult) }));
  const counts = { checked: candidates.length, unknown: judged.filter((e) => e.staleness.stale === null).length };
  const entries: StaleEntry[] = judged
    .filter((e) => e.staleness.stale)
    .sort((a, b) => (b.staleness.days ?? 0) - (a.staleness.days ?? 0) || (a.keyResult.ref < b.keyResult.ref ? -1 : 1));
  const after = workspace.config.staleAfterDays;
  const { paint } = textStyle(env);

  if (!options.byOwner) {
    if (options.json) writeJson(env, staleListJson(day, after, candidates.length, entries));
    else env.stdout.write(renderStaleList(day, after, counts, entries, paint, terminalWidth(env)));
    return ExitCode.ok;
  }
  const groups = new Map<string, StaleEntry[]>();
  for (const e of entries)
    for (const owner of e.owners.length ? e.owners : [NO_OWNER]) {
      let list = groups.get(owner);
      if (!list) groups.set(owner, (list = []));
      list.push(e);
    }
  const sorted = [...groups]
    .map(([owner, list]) => ({ owner, entries: list }))
    .sort((a, b) => b.entries.length - a.entries.length || (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
  if (options.json) writeJson(env, staleByOwnerJson(day, after, candidates.length, sorted));
  else env.stdout.write(renderStaleByOwner(day, after, counts, sorted, paint));
  return ExitCode.ok;
}
