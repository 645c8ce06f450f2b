// okr close CYCLE: grade every objective and key result of a cycle, mark it closed, commit and tag.
// The definition: arguments, options and help. The implementation is src/commands/close.ts.
import { Command } from '@commander-js/extra-typings';
import { collectParagraphs, collectRepeated } from './option-parsers.js';
import { withDir } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function closeCommand() {
  return withDir(new Command('close'))
    .description("close a cycle: grade its objectives and key results, freeze it, commit and tag okr/<cycle>")
    .argument('<cycle>', 'the cycle to close, as declared in okr.yaml (e.g. 2026-Q4)')
    .option('-m, --message <note>', 'a note on the cycle: what was learnt (repeat for paragraphs)', collectParagraphs)
    .option('--grade <ref=score>', "the owner's own score (0 to 1) for an objective or key result, instead of its progress (repeatable)", collectRepeated)
    .option('--early', "close before the cycle's last day, grading today's progress")
    .option('--no-tag', 'do not create the tag okr/<cycle> (the commit still carries the Okr-Close trailer)')
    .option('--include-changes', 'also commit uncommitted edits already in the touched goal files')
    .option('--json', 'print the grades and the commit as JSON')
    .addHelpText(
      'after',
      `
Each objective and key result of the cycle gets a grade: its progress on the cycle's last day (on
today with --early), rounded down to two decimals, unless --grade gives the owner's own score, or
the file already has a grade (written by hand before the close: it is kept). An objective's grade
is the weighted mean of its key results' scores. Grades are written in place (nothing else in the
files changes), okr.yaml gets closed: "YYYY-MM-DD" on the cycle, and one commit holds only those
files, with the grade table in its body and the trailer Okr-Close: <cycle>. The annotated tag
okr/<cycle> marks it.

Afterwards the cycle is frozen: okr checkin refuses its key results, and okr check (rule
closed-cycle-changed) reports any value, target or grade that differs from the close commit.

Refused, with nothing written: an unknown or already closed cycle, one that has not ended yet
(without --early), a goal file with uncommitted changes, a score outside 0..1, a --grade for a goal
of another cycle, an existing tag okr/<cycle>.

Examples:
  $ okr close 2026-Q3
  $ okr close 2026-Q3 -m "Checkout latency carried the quarter; onboarding slipped."
  $ okr close 2026-Q3 --grade payments/faster-checkout=0.8 --grade checkout/one-click/conversion=0.5
  $ okr close 2026-Q4 --early          # grade today's progress, before the last day
  $ git push origin HEAD okr/2026-Q3    # share the close and its tag`,
    );
}

export type CloseArguments = ArgumentsOf<ReturnType<typeof closeCommand>>;
export type CloseOptions = OptionsOf<ReturnType<typeof closeCommand>>;
