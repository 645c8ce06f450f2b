// okr report: the state of the goals as one page for people who would rather look than read.
// The definition: arguments, options and help. The implementation is src/commands/report.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command, Option } from '@commander-js/extra-typings';
import { parseSinceOption } from './option-parsers.js';
import { withViewOptions } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export const REPORT_FORMATS = ['html', 'markdown'] as const;

export function reportCommand() {
  return withViewOptions(new Command('report'))
    .description('the goals as one page for stakeholders: a self-contained HTML file, or markdown for wikis and CI summaries')
    .addOption(new Option('-f, --format <format>', 'html or markdown (default: from the -o file name, else html)').choices(REPORT_FORMATS))
    .option('-o, --output <file>', 'write the report to <file> (replaced atomically) instead of stdout; "-" is stdout')
    .option('-t, --team <team>', "narrow to a team: its line of sight in the tree, its section, its stale key results and check-ins")
    .option('--since <when>', 'recent check-ins: how far back, as 7d, 2w or a day like 2026-11-01 (default 14d)', parseSinceOption)
    .addHelpText(
      'after',
      `
The report holds the mission's progress and pacing, counts by status, the alignment tree, one
section per team (teams that need attention first, and why), each key result's value, target,
status, confidence, last check-in, a chart of its history with the expected pace and the forecast,
feedback, the stale key results, recent check-ins, and the grades of a closed cycle. History,
forecasts, staleness and feedback come from git; outside git the report says they are unknown.

HTML is one file with everything inline (styles, charts, a small filter script) that makes no
network request: open it from disk, attach it, or publish it (GitHub Pages). It reads without
script, prints, and follows the system's light or dark mode. Markdown carries the same content
for wikis and GitHub job summaries ($GITHUB_STEP_SUMMARY).

Format: --format wins; without it, a file named *.md or *.markdown gets markdown and any other
file html. A --format that contradicts the file's ending (-o report.html --format markdown) is
refused. Without -o the report goes to stdout; HTML is not written to a terminal.

Examples:
  $ okr report -o report.html                     # open it in a browser
  $ okr report --format markdown >> "$GITHUB_STEP_SUMMARY"
  $ okr report --team payments -o payments.md
  $ okr report --cycle 2026-Q3 -o q3.html         # a closed quarter, with its grades
  $ okr report --at okr/2026-Q3 --cycle 2026-Q3 -o q3-at-close.html`,
    );
}

export type ReportArguments = ArgumentsOf<ReturnType<typeof reportCommand>>;
export type ReportOptions = OptionsOf<ReturnType<typeof reportCommand>>;
