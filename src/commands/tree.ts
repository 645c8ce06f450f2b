// okr tree [REF]: the alignment tree from the mission down, or one goal's (or team's) line of sight.
import type { Environment } from '../env.js';
import { DataError, ExitCode, UsageError } from '../errors.js';
import { alignmentGraph } from '../model/alignment.js';
import { buildTree, type Focus } from '../model/tree.js';
import { treeJson, treeJsonDepth } from '../render/json/tree.js';
import { renderTreeText } from '../render/text/tree.js';
import {
  chooseView,
  evaluationDay,
  labelWidth,
  openForReading,
  parseGoalArgument,
  requireGoal,
  requireTeam,
  scorerFor,
  textStyle,
  writeJson,
  type ReadCommandOptions,
} from './open-view.js';

export interface TreeOptions extends ReadCommandOptions {
  team?: string;
  depth?: number;
  /** False with --no-krs. */
  krs?: boolean;
}

export default async function tree(env: Environment, args: unknown[], options: TreeOptions): Promise<number> {
  const raw = args[0] as string | undefined;
  if (raw !== undefined && options.team !== undefined)
    throw new UsageError('give either a goal REF or --team, not both', 'Example: okr tree payments/faster-checkout, or okr tree --team payments.');

  const { workspace } = await openForReading(env, options);
  const day = evaluationDay(env, options);
  const view = chooseView(workspace, options.cycle, day);

  let focus: Focus | undefined;
  if (options.team !== undefined) focus = { kind: 'team', team: requireTeam(workspace, options.team) };
  else if (raw !== undefined) {
    const ref = parseGoalArgument(raw, workspace, 'tree');
    if (ref.kind !== 'mission') {
      const goal = requireGoal(workspace, ref);
      if (!view.includes(goal.objective))
        throw new DataError(
          `${goal.objective.ref} belongs to cycle ${goal.objective.cycle}, which is not in view of cycle ${view.cycle.id}`,
          `Run "okr tree ${raw} --cycle ${goal.objective.cycle}".`,
        );
      focus = goal;
    }
  }

  const scorer = scorerFor(workspace, day, view);
  const result = buildTree(view, scorer, { ...(focus ? { focus } : {}), ...(options.depth !== undefined ? { depth: options.depth } : {}) });
  const keyResults = options.krs !== false;

  if (options.json) writeJson(env, treeJson(result, { keyResults }), treeJsonDepth(result.depth));
  else {
    const graph = alignmentGraph(workspace);
    env.stdout.write(
      renderTreeText(
        result,
        { keyResults, fedBy: (kr) => graph.feedersOfKeyResult(kr).length, maxLabelWidth: labelWidth(env, 48) },
        textStyle(env),
      ),
    );
  }
  if (focus?.kind === 'team' && !view.objectives.some((o) => o.team === focus.team))
    env.stderr.write(`okr: team ${focus.team} has no objectives in cycle ${view.cycle.id}\n`);
  return ExitCode.ok;
}
