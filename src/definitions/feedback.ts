// okr feedback: peer feedback on a goal or a check-in, recorded as a commit that changes no file; or,
// without -m, the feedback given so far.
// The definition: arguments, options and help. The implementation is src/commands/feedback.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command, Option } from '@commander-js/extra-typings';
import { collectParagraphs, parseSinceOption } from './option-parsers.js';
import { withDir } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

/** The kinds of SPEC section 11 (model/feedback.ts has the same list; a test holds them equal). */
export const FEEDBACK_KIND_CHOICES = ['kudos', 'question', 'concern', 'suggestion'] as const;

export function feedbackCommand() {
  return withDir(new Command('feedback'))
    .description('give feedback on a goal or a check-in (a commit that changes no file), or list the feedback given')
    .argument('[ref]', 'the objective or key result (team/objective or team/objective/kr)')
    .option('-m, --message <text>', 'give this feedback (repeat for paragraphs); without -m, feedback is listed', collectParagraphs)
    .addOption(new Option('-k, --kind <kind>', 'with -m: what kind of feedback it is').choices(FEEDBACK_KIND_CHOICES))
    .option('--reply <commit>', 'with -m: answer this check-in of REF (its commit, as okr history or okr log shows it)')
    .option('--since <when>', 'listing: how far back, 7d, 2w or a day like 2026-11-01 (default: 30d, or all of it for one REF)', parseSinceOption)
    .option('-t, --team <team>', "listing: only feedback on this team's goals")
    .option('--json', 'print JSON: the feedback recorded, or {since, feedback: [...]}')
    .addHelpText(
      'after',
      `
Feedback is one git commit that changes no file, so it travels with every push and shows in every
git host. Its author is your git user. The message holds the text and trailers (Okr-Feedback, and
Okr-Kind, Okr-Reply-To when given), read back the way git parses trailers: text that looks like a
trailer never counts as one. Whatever is staged or changed in the work tree is left as it was.

Examples:
  $ okr feedback payments/faster-checkout/p95-latency -m "Great progress on the cache" --kind kudos
  $ okr feedback payments/faster-checkout/p95-latency --reply 3f2a9c1 --kind question -m "EU only?"
  $ okr feedback payments/faster-checkout            # the feedback on the objective and its key results
  $ okr feedback --team payments --since 2w
  $ okr feedback --json | jq '.feedback[] | select(.kind == "concern")'`,
    );
}

export type FeedbackArguments = ArgumentsOf<ReturnType<typeof feedbackCommand>>;
export type FeedbackOptions = OptionsOf<ReturnType<typeof feedbackCommand>>;
