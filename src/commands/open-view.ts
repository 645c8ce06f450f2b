// What the progress commands (tree, status, show) share: open the workspace, say on stderr when the
// goals have errors (and carry on showing what can be shown), choose the cycle and the day.
import type { Environment } from '../env.js';
import { wantsColor } from '../env.js';
import { DataError, UsageError } from '../errors.js';
import { findGoal, type FoundGoal } from '../model/goal-detail.js';
import { parseRef } from '../model/ids.js';
import { computeProgress } from '../model/rollup.js';
import type { Day, GoalRef, Workspace } from '../model/types.js';
import { closest } from '../model/suggest.js';
import { chooseCycle, makeScorer, viewOf, type Scorer, type View } from '../model/view.js';
import { jsonText } from '../render/json/write.js';
import { makePaint } from '../render/paint.js';
import type { TextStyle } from '../render/text/progress-cells.js';
import { openWorkspace, type OpenedWorkspace } from '../workspace/open.js';

export interface ReadCommandOptions {
  dir?: string;
  cycle?: string;
  asOf?: string;
  at?: string;
  json?: boolean;
}

/** Opens the workspace and reports (on stderr, one line) how many errors its goals have. */
export async function openForReading(env: Environment, options: ReadCommandOptions): Promise<OpenedWorkspace> {
  const opened = await openWorkspace(env, { dir: options.dir, at: options.at, asOf: options.asOf });
  const errors = opened.findings.filter((f) => f.severity === 'error').length;
  if (errors > 0)
    env.stderr.write(`okr: the goals have ${errors} error${errors === 1 ? '' : 's'}; run "okr check" for details\n`);
  return opened;
}

/** The day the command evaluates: --as-of, else today. */
export function evaluationDay(env: Environment, options: ReadCommandOptions): Day {
  return options.asOf ?? env.today;
}

/** The view of the chosen cycle (--cycle, else the narrowest containing the day, else the latest). */
export function chooseView(workspace: Workspace, requested: string | undefined, day: Day): View {
  const choice = chooseCycle(workspace, requested, day);
  switch (choice.kind) {
    case 'chosen':
      return viewOf(workspace, choice.cycle, day);
    case 'unknown':
      throw new UsageError(
        `unknown cycle "${choice.id}"${choice.suggestion ? `: did you mean "${choice.suggestion}"?` : ''}`,
        choice.declared.length
          ? `Cycles declared in okr.yaml: ${choice.declared.join(', ')}.`
          : 'okr.yaml declares no cycles; add one under "cycles:".',
      );
    case 'invalid-dates':
      throw new DataError(
        `cycle "${choice.cycle.id}" has no valid dates (start ${choice.cycle.start}, end ${choice.cycle.end})`,
        'Fix its start and end in okr.yaml (YYYY-MM-DD, start before end); run "okr check" for details.',
      );
    case 'no-cycles':
      throw new DataError('okr.yaml declares no cycles, so there is nothing to pace against', 'Add a cycle under "cycles:" in okr.yaml, e.g. {id: 2026-Q4, start: 2026-10-01, end: 2026-12-31}.');
  }
}

/** Progress and scores on `day`, with mission progress over the objectives of `view` (when given). */
export function scorerFor(workspace: Workspace, day: Day, view?: View): Scorer {
  return makeScorer(workspace, computeProgress(workspace, view?.objectives), day);
}

/** Colour per NO_COLOR/FORCE_COLOR/TTY; bars only on a terminal or when colour is forced. */
export function textStyle(env: Environment): TextStyle {
  const force = env.vars.FORCE_COLOR;
  const forced = force !== undefined && force !== '' && force !== '0' && force !== 'false';
  return { paint: makePaint(wantsColor(env)), bars: env.stdout.isTTY || forced };
}

/** How wide the title column may be: the terminal's width permitting, else a fixed default. */
export function labelWidth(env: Environment, reserved: number, fallback = 64): number {
  const columns = env.stdout.isTTY ? env.stdout.columns : undefined;
  return columns ? Math.max(24, Math.min(96, columns - reserved)) : fallback;
}

/**
 * JSON output, as gh prints it: indented on a terminal, on one line when piped (a program reads it,
 * and a tree of 10,000 teams is less than half the size). Deep trees included; one trailing newline.
 */
export function writeJson(env: Environment, value: unknown, depth?: number): void {
  env.stdout.write(jsonText(value, { pretty: env.stdout.isTTY, ...(depth !== undefined ? { depth } : {}) }));
}

const REF_HINT = 'Write team/objective or team/objective/key-result (e.g. payments/faster-checkout), or mission.';

/** A goal reference given on the command line; a team id alone gets a pointer to --team. */
export function parseGoalArgument(raw: string, workspace: Workspace, command: string): GoalRef {
  const ref = parseRef(raw);
  if (ref) return ref;
  if (workspace.teams.has(raw))
    throw new UsageError(`"${raw}" is a team, not a goal`, `Run "okr ${command} --team ${raw}" for a team, or name one of its objectives as ${raw}/<objective>.`);
  throw new UsageError(`"${raw}" is not a goal reference`, REF_HINT);
}

/** The objective or key result `ref` names, or a DataError (exit 1) with the nearest one that exists. */
export function requireGoal(workspace: Workspace, ref: Exclude<GoalRef, { kind: 'mission' }>): FoundGoal {
  const found = findGoal(workspace, ref);
  if (found.kind !== 'not-found') return found;
  throw new DataError(
    found.message + (found.suggestion ? `: did you mean "${found.suggestion}"?` : ''),
    'Run "okr tree" to see every goal with its reference.',
  );
}

/** A team given with --team, or a DataError (exit 1) naming the nearest team id. */
export function requireTeam(workspace: Workspace, team: string): string {
  if (workspace.teams.has(team)) return team;
  const near = closest(team, workspace.teams.keys());
  throw new DataError(
    `no team "${team}"${near ? `: did you mean "${near}"?` : ''}`,
    workspace.teams.size === 0
      ? 'There are no teams yet: a team is a folder teams/<team>/ with a team.yaml.'
      : `Teams are the folders under teams/: ${[...workspace.teams.keys()].slice(0, 20).join(', ')}${workspace.teams.size > 20 ? ', …' : ''}.`,
  );
}
