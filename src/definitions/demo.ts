// okr demo: a throwaway repository with months of check-in history.
// The definition: arguments, options and help. The implementation is src/commands/demo.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command } from '@commander-js/extra-typings';
import { parseCountOption } from './option-parsers.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function demoCommand() {
  return new Command('demo')
    .description('build a throwaway repository from the bundled example with months of check-in history, and show it')
    .option('-C, --dir <path>', 'build it in this new or empty folder (default: a new temporary folder)')
    .option('--weeks <n>', 'how many weeks of weekly check-ins to generate (default 16)', parseCountOption)
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
