// okr init: scaffold a workspace (okr.yaml, one team, one cycle file, schemas for editors).
// The definition: arguments, options and help. The implementation is src/commands/init.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command } from '@commander-js/extra-typings';
import { withDir } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function initCommand() {
  return withDir(new Command('init'))
    .description('create a workspace: okr.yaml, one team, one cycle file, and JSON Schemas for editors')
    .option('--organization <name>', 'the organisation (default: "My organisation")')
    .option('--mission <text>', 'the mission every objective rolls up to (default: a placeholder to edit)')
    .option('--team <id>', 'the first team, a folder under teams/ (default: core)')
    .option('--cycle <id>', "the first cycle: a quarter like 2026-Q4, or a year like 2026 (default: today's quarter)")
    .option('--json', 'print the files written as JSON')
    .addHelpText(
      'after',
      `
Nothing is overwritten: init refuses to run where okr.yaml exists.

Examples:
  $ okr init
  $ okr init -C goals --organization Acme --mission "Make every payment instant and safe." --team payments`,
    );
}

export type InitArguments = ArgumentsOf<ReturnType<typeof initCommand>>;
export type InitOptions = OptionsOf<ReturnType<typeof initCommand>>;
