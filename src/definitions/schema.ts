// okr schema: print one JSON Schema, or write all of them for editors.
// The definition: arguments, options and help. The implementation is src/commands/schema.ts,
// loaded only when the command runs; its argument and option types come from here.
import { Command } from '@commander-js/extra-typings';
import { withDir } from './shared-options.js';
import type { ArgumentsOf, OptionsOf } from './typed-command.js';

export function schemaCommand() {
  return withDir(new Command('schema'))
    .description('print a JSON Schema for editors, or write all of them to a folder')
    .argument('[name]', 'which schema: okr | team | cycle', 'cycle')
    .option('-o, --out <folder>', 'write okr.schema.json, team.schema.json and cycle.schema.json into <folder>')
    .addHelpText(
      'after',
      `
Examples:
  $ okr schema cycle                  # the schema of teams/<team>/<cycle>.yaml, on stdout
  $ okr schema --out .okr/schemas     # all three, for editors (see "okr init")

Point an editor at a schema with a first line such as
  # yaml-language-server: $schema=../../.okr/schemas/cycle.schema.json`,
    );
}

export type SchemaArguments = ArgumentsOf<ReturnType<typeof schemaCommand>>;
export type SchemaOptions = OptionsOf<ReturnType<typeof schemaCommand>>;
