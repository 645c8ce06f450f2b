// okr demo: a throwaway repository with months of check-in history.
// The definition: arguments, options and help. The implementation is src/commands/demo.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command } from '@commander-js/extra-typings';
import { InvalidArgumentError } from '@commander-js/extra-typings';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

/** Ten years of weekly check-ins (about 7,000 commits): a demo larger than that is a typo. */
const MAX_WEEKS = 520;

function parseWeeks(value: string): number {
  const weeks = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(weeks >= 1 && weeks <= MAX_WEEKS)) throw new InvalidArgumentError(`expected a whole number of weeks from 1 to ${MAX_WEEKS}.`);
  return weeks;
}

export function demoCommand() {
  return new Command('demo')
    .description('build a throwaway repository from the bundled example with months of check-in history, and show it')
    .option('-C, --dir <path>', 'build it in this new or empty folder (default: a new temporary folder)')
    .option('--weeks <n>', `how many weeks of weekly check-ins to generate, 1 to ${MAX_WEEKS} (default 16)`, parseWeeks)
    .option('--no-show', 'do not run okr status and okr tree on it')
    .option('--json', 'print {path, commits, weeks} as JSON instead')
    .addHelpText(
      'after',
      `
The repository is the bundled Acme example (12 teams, cycles 2026 and 2026-Q4) with a made-up but
consistent past: each team's owner checks in most weeks (okr checkin commits with trailers, and a
few hand edits), values move toward what the example holds today, and two teams stop checking in
a few weeks early. Nothing outside the new folder is touched.

Examples:
  $ okr demo
  $ okr demo -C acme-demo && okr log -C acme-demo --since 2w`,
    );
}

export type DemoArguments = ArgumentsOf<ReturnType<typeof demoCommand>>;
export type DemoOptions = OptionsOf<ReturnType<typeof demoCommand>>;
