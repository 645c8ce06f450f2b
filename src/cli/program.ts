// The commander program: every command's definition (from src/definitions/) with the
// implementation it runs (src/commands/), imported only when that command runs, so start-up stays
// cheap. Adding a command is one line here.
import { Command, type CommandUnknownOpts, type OptionValues } from '@commander-js/extra-typings';
import type { Environment } from '../env.js';
import { checkCommand } from '../definitions/check.js';
import { checkinCommand } from '../definitions/checkin.js';
import { codeownersCommand } from '../definitions/codeowners.js';
import { demoCommand } from '../definitions/demo.js';
import { diffCommand } from '../definitions/diff.js';
import { historyCommand } from '../definitions/history.js';
import { initCommand } from '../definitions/init.js';
import { logCommand } from '../definitions/log.js';
import { measureCommand } from '../definitions/measure.js';
import { schemaCommand } from '../definitions/schema.js';
import { showCommand } from '../definitions/show.js';
import { staleCommand } from '../definitions/stale.js';
import { statusCommand } from '../definitions/status.js';
import { treeCommand } from '../definitions/tree.js';
import type { CommandImplementation } from '../definitions/typed-command.js';
import { VERSION } from '../version.js';

/** Adds one command to the program, wired to its implementation. */
type Registration = (program: CommandUnknownOpts, env: Environment, setExit: (code: number) => void) => void;

/**
 * A definition and the module implementing it. The implementation's parameters must be exactly the
 * definition's arguments and options: a mismatch does not compile.
 */
function command<A extends unknown[], O extends OptionValues>(
  define: () => Command<A, O>,
  load: () => Promise<{ default: CommandImplementation<A, O> }>,
): Registration {
  return (program, env, setExit) => {
    const definition = define();
    definition.copyInheritedSettings(program);
    definition.action(async function () {
      const { default: implementation } = await load();
      setExit(await implementation(env, this.processedArgs, this.opts()));
    });
    program.addCommand(definition);
  };
}

/** The commands, in the order `okr --help` lists them. */
const COMMANDS: readonly Registration[] = [
  command(initCommand, () => import('../commands/init.js')),
  command(schemaCommand, () => import('../commands/schema.js')),
  command(checkCommand, () => import('../commands/check.js')),
  command(treeCommand, () => import('../commands/tree.js')),
  command(statusCommand, () => import('../commands/status.js')),
  command(showCommand, () => import('../commands/show.js')),
  command(checkinCommand, () => import('../commands/checkin.js')),
  command(measureCommand, () => import('../commands/measure.js')),
  command(historyCommand, () => import('../commands/history.js')),
  command(logCommand, () => import('../commands/log.js')),
  command(staleCommand, () => import('../commands/stale.js')),
  command(demoCommand, () => import('../commands/demo.js')),
  command(diffCommand, () => import('../commands/diff.js')),
  command(codeownersCommand, () => import('../commands/codeowners.js')),
];

export function buildProgram(env: Environment, setExit: (code: number) => void): Command {
  const program = new Command('okr')
    .description('Objectives and key results as YAML files in git: validated, rolled up to the mission, checked in as commits.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => env.stdout.write(s),
      writeErr: (s) => env.stderr.write(s),
      outputError: (s, write) => write(s.startsWith('error:') ? `okr: ${s.slice(7)}` : s),
    })
    .exitOverride();
  program.addHelpText(
    'after',
    `
Exit codes: 0 ok, 1 goals have errors or the command failed on this data,
            2 usage error or no workspace, 3 goals changed (okr diff --exit-code).
Run "okr <command> --help" for a command's options and examples.`,
  );
  for (const register of COMMANDS) register(program, env, setExit);
  return program;
}
