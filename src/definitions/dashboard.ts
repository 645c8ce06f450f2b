// okr dashboard: the goals of the whole organisation, live in the terminal.
// The definition: arguments, options and help. The implementation is src/commands/dashboard.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command } from '@commander-js/extra-typings';
import { withViewOptions } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function dashboardCommand() {
  return withViewOptions(new Command('dashboard'))
    .description('the goals in a full-screen terminal view: navigate the tree, see details, filter, check in and give feedback')
    .option('-t, --team <team>', 'start with the list filtered to this team (t changes it)')
    .addHelpText(
      'after',
      `
The alignment tree from the mission down is on the left (progress, status, ! for a breached
guardrail, ~ for a stale key result); the selected goal's details on the right (numbers, owner,
confidence, last check-in, history and forecast, what it serves and what serves it, feedback).

Keys:
  ↑ ↓  j k       move (PgUp PgDn Home End g G jump)
  → ←  l h       open and fold
  Enter          focus the selected goal's line of sight (again: show all)
  /  t  s  x     filter by text, by team, cycle status filters, clear filters
  c              check in the selected key result (the same commit as okr checkin)
  f              give feedback on the selected goal (the same commit as okr feedback)
  r              read the goals again (also automatic when goal files change or HEAD moves)
  ?              help;  q, Esc or Ctrl+C quits

It needs an interactive terminal (and refuses when CI is set): elsewhere use okr tree, okr status
or okr report. With --at or --as-of it shows the past, and check-ins and feedback are off.

Examples:
  $ okr dashboard
  $ okr dashboard --team payments
  $ okr dashboard --cycle 2026 --as-of 2026-06-30`,
    );
}

export type DashboardArguments = ArgumentsOf<ReturnType<typeof dashboardCommand>>;
export type DashboardOptions = OptionsOf<ReturnType<typeof dashboardCommand>>;
