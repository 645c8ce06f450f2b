// Gathers what `okr report` shows: the goals (work tree, --at or --as-of), the view of the cycle,
// the check-in history and the feedback from git (when there is git), and what the goals were read
// from; then the model decides the content (model/report.ts). The renderers only draw it.
import { pathStatus } from '../git/commit-files.js';
import { hasHead } from '../git/revisions.js';
import type { Repository } from '../git/repository.js';
import type { History } from '../model/history.js';
import type { Feedback } from '../model/feedback.js';
import { buildReport, type Report, type ReportSource } from '../model/report.js';
import type { Day } from '../model/types.js';
import { goalPaths } from '../workspace/source.js';
import { chooseView, evaluationDay, scorerFor, sinceDay } from './cycle-view.js';
import { requireTeam } from './goal-arguments.js';
import { loadWithHistory } from './goal-history.js';
import type { OpenedWorkspace, ReadOptions, Session } from './session.js';
import { checkinFactsOf, stalenessIndex } from './staleness.js';

export interface ReportRequest extends ReadOptions {
  readonly cycle?: string | undefined;
  readonly team?: string | undefined;
  /** How far back "recent check-ins" reach (default 14 days before the day evaluated). */
  readonly since?: { readonly days: number } | { readonly day: Day } | undefined;
}

const RECENT_DAYS = 14;

export async function readReport(session: Session, request: ReportRequest): Promise<Report> {
  const repository = await session.repository();
  const withGit = repository && (await hasHead(repository.git)) ? repository : undefined;
  let opened: OpenedWorkspace;
  let history: History | undefined;
  let feedback: readonly Feedback[] | undefined;
  if (withGit) {
    const feedbackReading = readFeedbackOf(withGit, request.at);
    feedbackReading.catch(() => undefined); // awaited below, after the goals
    ({ opened, history } = await loadWithHistory(session, request));
    const remote = await readRemoteFeedbackOf(withGit, opened);
    feedback = remote.length ? [...(await feedbackReading), ...remote] : await feedbackReading;
  } else opened = await session.loadForReading(request);

  const { workspace } = opened;
  if (request.team !== undefined) requireTeam(workspace, request.team);
  const day = evaluationDay(session.env, request);
  const view = chooseView(workspace, request.cycle, day);
  return buildReport({
    view,
    scorer: scorerFor(workspace, day, view),
    ...(request.team !== undefined ? { team: request.team } : {}),
    source: await sourceOf(repository, withGit !== undefined, opened, request),
    ...(history ? { history: { history, staleness: stalenessIndex(workspace, history, day), facts: checkinFactsOf(workspace, history, day) } } : {}),
    ...(feedback ? { feedback } : {}),
    recentSince: sinceDay(request.since ?? { days: RECENT_DAYS }, day),
  });
}

/** What the goals were read from, for the page's header and footer. */
async function sourceOf(repository: Repository | undefined, committed: boolean, opened: OpenedWorkspace, request: ReportRequest): Promise<ReportSource> {
  if (!repository) return { kind: 'files' };
  if (opened.commit !== undefined) return { kind: 'revision', rev: request.at ?? null, commit: opened.commit };
  const head = committed ? (await repository.git.text(['rev-parse', '--verify', 'HEAD'])).trim() : null;
  const status = await pathStatus(repository.git, goalPaths(repository.prefix));
  return { kind: 'work-tree', head, uncommitted: status.codes.size > 0 };
}

/** Peer feedback on the goals, up to the revision read (--at); the model leaves out what came after the day evaluated. */
async function readFeedbackOf(repository: Repository, at: string | undefined): Promise<readonly Feedback[]> {
  const { readFeedback } = await import('./feedback.js');
  return readFeedback(repository, at);
}

/** The feedback in the upstream's and members' histories on their teams shown (SPEC 13). */
async function readRemoteFeedbackOf(repository: Repository, opened: OpenedWorkspace): Promise<readonly Feedback[]> {
  if (!opened.remoteCommits?.size) return [];
  const { readRemoteFeedback } = await import('./feedback.js');
  return readRemoteFeedback(repository, opened);
}
