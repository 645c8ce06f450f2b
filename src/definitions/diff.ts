// okr diff [BASE [HEAD]]: what changed in the goals between two revisions.
// The definition: arguments, options and help. The implementation is src/commands/diff.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command, Option } from '@commander-js/extra-typings';
import { parseDayOption } from './option-parsers.js';
import { withDir } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function diffCommand() {
  return withDir(new Command('diff'))
    .description('what changed in the goals between two revisions, and how it moves progress up to the mission')
    .argument('[revisions...]', 'BASE [HEAD], A..B or A...B (default: HEAD against the work tree)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json'] as const).default('text'))
    .option('--json', 'same as --format json')
    .option('--exit-code', 'exit 3 when the goals changed, 0 when they did not (like git diff --exit-code)')
    .option('-R, --reverse', 'swap the sides: show the change from the second side back to the first')
    .option('--cycle <id>', "the cycle whose view the mission's progress is taken over (default: as okr tree)")
    .option('--as-of <date>', 'choose the default cycle as on this day (YYYY-MM-DD)', parseDayOption)
    .option('--members', "what the last okr fetch changed in the member repositories' goals (refs/okr-prev/<id> → refs/okr/<id>), with this repository's goals as they are")
    .addHelpText(
      'after',
      `
Revisions are read as git reads them: none compares HEAD with the work tree; BASE compares BASE
with the work tree; BASE HEAD compares two commits; A..B is the same as A B; A...B compares the
merge base of A and B with B (what a pull request from B into A changes). -R puts the work tree
(or the second revision) first.

A change is reported per goal: teams, objectives and key results added, removed or renamed (same
content, new id); titles, targets, starts, guardrail bounds, weights, owners, alignment, values
and current values changed. A metric target moved back toward its start, or a guardrail bound
loosened, is flagged "made easier". Each change that can move progress lists the progress of the
goal and of each goal it feeds that moved, up to the mission (before → after, for the whole diff).

Examples:
  $ okr diff                                # uncommitted changes to the goals
  $ okr diff main...HEAD                    # what this branch changes, as a pull request would
  $ okr diff v1.0 v2.0 --json | jq '.changes[] | select(.made_easier)'
  $ okr diff origin/main... --format markdown >> "$GITHUB_STEP_SUMMARY"
  $ okr diff main --exit-code --format json > /dev/null || echo "goals changed"
  $ okr fetch && okr diff --members         # what the members changed since the fetch before`,
    );
}

export type DiffArguments = ArgumentsOf<ReturnType<typeof diffCommand>>;
export type DiffOptions = OptionsOf<ReturnType<typeof diffCommand>>;
