// What `okr dashboard` shows, read the way every read command reads it: the workspace (work tree,
// --at or --as-of), the view of the cycle, the scores and the alignment tree (flattened once per
// load); then, separately because it takes longer, what git knows: history, staleness and forecasts
// (goal-history, staleness, forecast) and peer feedback (feedback). Nothing is computed here that the
// other commands compute elsewhere.
import { hasHead } from '../git/revisions.js';
import { matchesFeedback, newestFirst, type Feedback } from '../model/feedback.js';
import { forecastIndex } from '../model/forecast.js';
import { checkableKeyResults } from '../model/key-results.js';
import { buildTree } from '../model/tree.js';
import type { DashboardData, DashboardFacts } from '../render/tui/dashboard/data.js';
import { buildOutline } from '../render/tui/dashboard/outline.js';
import { chooseView, evaluationDay, scorerFor } from './cycle-view.js';
import { readFeedback, readRemoteFeedback } from './feedback.js';
import { readWorkspaceHistory } from './goal-history.js';
import type { OpenedWorkspace, Session } from './session.js';
import { stalenessIndex } from './staleness.js';

export interface DashboardReadOptions {
  readonly cycle?: string | undefined;
  readonly asOf?: string | undefined;
  readonly at?: string | undefined;
}

/** One load of the goals, with what reading its facts needs. */
export interface DashboardLoad {
  readonly data: DashboardData;
  readonly opened: OpenedWorkspace;
}

/** Reads the goals (again and again, on reload) for one dashboard session. */
export class DashboardSource {
  private generation = 0;

  constructor(
    readonly session: Session,
    readonly options: DashboardReadOptions,
  ) {}

  /** The goals now: a usage error for an unknown --cycle, like every read command. */
  async load(): Promise<DashboardLoad> {
    const { session, options } = this;
    const opened = await session.load(options);
    const { workspace } = opened;
    const day = evaluationDay(session.env, options);
    const view = chooseView(workspace, options.cycle, day);
    const scorer = scorerFor(workspace, day, view);
    const tree = buildTree(view, scorer);
    const data: DashboardData = {
      generation: ++this.generation,
      organization: workspace.config.organization,
      view,
      scorer,
      tree,
      outline: buildOutline(tree),
      teams: [...workspace.teams.keys()].sort(),
      errors: opened.findings.filter((f) => f.severity === 'error').length,
      readOnly:
        options.at !== undefined
          ? `the goals are shown as at ${options.at}; open the dashboard without --at to write`
          : options.asOf !== undefined
            ? `the goals are shown as of ${options.asOf}; a check-in records today's value (open the dashboard without --as-of)`
            : undefined,
    };
    return { data, opened };
  }

  /** What git knows about a load; `why` there is nothing when outside git or before the first commit. */
  async facts({ data, opened }: DashboardLoad): Promise<{ facts: DashboardFacts } | { why: string }> {
    const { session, options } = this;
    const repository = await session.repository();
    if (!repository) return { why: 'the workspace is not in a git repository' };
    if (!(await hasHead(repository.git))) return { why: 'nothing is committed yet' };
    const [history, local, remote] = await Promise.all([readWorkspaceHistory(session, opened, options), readFeedback(repository, options.at), readRemoteFeedback(repository, opened)]);
    const feedback = remote.length ? [...local, ...remote] : local;
    if (!history) return { why: 'the workspace is not in a git repository' };
    const { workspace } = opened;
    const day = data.tree.asOf;
    const staleness = stalenessIndex(workspace, history, day);
    const stale = new Set<string>();
    for (const { objective, keyResult } of checkableKeyResults(data.view.objectives)) if (staleness(objective, keyResult).stale === true) stale.add(keyResult.ref);
    const byGoal = feedbackByGoal(newestFirst(feedback.filter((f) => matchesFeedback(f, { until: day }))));
    return {
      facts: {
        generation: data.generation,
        points: (ref) => history.points.get(ref),
        staleness,
        forecast: forecastIndex(workspace, (ref) => history.points.get(ref), day),
        feedback: (ref) => byGoal.get(ref) ?? [],
        stale,
      },
    };
  }
}

/** Feedback by the goal it is about, and by objective (a key result's counts for its objective too). */
function feedbackByGoal(list: readonly Feedback[]): Map<string, Feedback[]> {
  const byGoal = new Map<string, Feedback[]>();
  const add = (ref: string, f: Feedback) => {
    const known = byGoal.get(ref);
    if (known) known.push(f);
    else byGoal.set(ref, [f]);
  };
  for (const f of list) {
    add(f.ref, f);
    const parts = f.ref.split('/');
    if (parts.length === 3) add(`${parts[0]}/${parts[1]}`, f);
  }
  return byGoal;
}
