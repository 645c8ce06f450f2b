// okr tree [REF]: the alignment tree from the mission down, or one goal's (or team's) line of sight.
import { chooseView, evaluationDay, scorerFor } from '../app/cycle-view.js';
import { parseGoalArgument, requireGoal, requireTeam } from '../app/goal-arguments.js';
import { terminalWidth, textStyle, writeJsonStreamed } from '../app/output.js';
import { openSession } from '../app/session.js';
import type { TreeArguments, TreeOptions } from '../definitions/tree.js';
import type { Environment } from '../env.js';
import { DataError, ExitCode, UsageError } from '../errors.js';
import { alignmentGraph } from '../model/alignment.js';
import { buildTree, type Focus } from '../model/tree.js';
import { treeJson, treeJsonDepth, treeJsonText } from '../render/json/tree.js';
import { writeTreeText } from '../render/text/tree.js';

export default async function tree(env: Environment, [raw]: TreeArguments, options: TreeOptions): Promise<number> {
  if (raw !== undefined && options.team !== undefined)
    throw new UsageError('give either a goal REF or --team, not both', 'Example: okr tree payments/faster-checkout, or okr tree --team payments.');

  const { workspace } = await openSession(env, options.dir).loadForReading(options);
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
  const keyResults = options.krs;

  if (options.json)
    writeJsonStreamed(env, () => treeJsonText(result, { keyResults }), () => treeJson(result, { keyResults }), treeJsonDepth(result.depth));
  else {
    const graph = alignmentGraph(workspace);
    writeTreeText(result, { keyResults, fedBy: (kr) => graph.feedersOfKeyResult(kr).filter(view.feeding.feeds).length,
      alignedTo: (kr) => graph.feedersOfKeyResult(kr).length, width: terminalWidth(env) }, textStyle(env), (piece) =>
      env.stdout.write(piece),
    );
  }
  if (focus?.kind === 'team' && !view.objectives.some((o) => o.team === focus.team))
    env.stderr.write(`okr: team ${focus.team} has no objectives in cycle ${view.cycle.id}\n`);
  return ExitCode.ok;
}
