// The history block of `okr show` (SPEC section 5: a history sparkline), read from git when the
// workspace is in a git work tree; outside git there is nothing to add.
import type { Environment } from '../env.js';
import type { GoalDetail } from '../model/goal-detail.js';
import type { Day } from '../model/types.js';
import { readHistory } from '../git/goal-history.js';
import { findRepository } from '../git/repository.js';
import type { Paint } from '../render/paint.js';
import { renderShowHistory } from '../render/text/show-history.js';
import { maxFileBytes, type OpenedWorkspace } from '../workspace/open.js';

export async function showHistory(env: Environment, opened: OpenedWorkspace, detail: GoalDetail, options: { at?: string; asOf?: Day }, paint: Paint): Promise<string> {
  if (detail.kind === 'mission') return '';
  const objective = detail.kind === 'objective' ? detail.score.objective : detail.objective.objective;
  const keyResults = detail.kind === 'objective' ? objective.keyResults : [detail.keyResult.keyResult];
  const repository = await findRepository(opened.root);
  if (!repository) return '';
  const history = await readHistory({ repository, at: options.at, until: options.asOf, teams: new Set([objective.team]), maxBytes: maxFileBytes(env) });
  return renderShowHistory(keyResults, (kr) => history.points.get(kr.ref) ?? [], paint);
}
