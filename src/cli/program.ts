// The commander program: every command's definition (src/definitions/) with the implementation it
// runs (src/commands/). Both are imported only when needed, so start-up stays cheap: a run loads the
// definition of the command it names and that command's implementation. Adding a command is one
// line here.
import { Command, type CommandUnknownOpts, type OptionValues } from '@commander-js/extra-typings';
import { parseDayOption } from '../definitions/option-parsers.js';
import type { CommandImplementation } from '../definitions/typed-command.js';
import type { Environment } from '../env.js';
import { UsageError } from '../errors.js';
import { VERSION } from '../version.js';

/** Adds one command to the program, wired to its implementation. */
type AddCommand = (program: CommandUnknownOpts, env: Environment, setExit: (code: number) => void) => void;

/** Imports a command's definition; resolves to what adds it. */
type Registration = () => Promise<AddCommand>;

/**
 * A definition and the module implementing it, both imported only when needed. The
 * implementation's parameters must be exactly the definition's arguments and options: a mismatch
 * does not compile.
 */
function command<A extends unknown[], O extends OptionValues>(
  define: () => Promise<() => Command<A, O>>,
  load: () => Promise<{ default: CommandImplementation<A, O> }>,
): Registration {
  return async () => {
    const defineCommand = await define();
    return (program, env, setExit) => {
      const definition = defineCommand();
      definition.copyInheritedSettings(program);
      definition.action(async function () {
        requireDayToday(env);
        const { default: implementation } = await load();
        setExit(await implementation(env, this.processedArgs, this.opts()));
      });
      program.addCommand(definition);
    };
  };
}

/**
 * OKR_TODAY stands in for today's date (README, Environment). A value that is no calendar day is a
 * usage error, as it is for --as-of: taken as a day, every date computed from it would be NaN.
 */
function requireDayToday(env: Environment): void {
  try {
    parseDayOption(env.today);
  } catch {
    throw new UsageError(`OKR_TODAY must be a day as YYYY-MM-DD, not ${JSON.stringify(env.today)}`, "Set it to a day such as 2026-11-30, or unset it to take today's date.");
  }
}

/** The commands, in the order `okr --help` lists them. */
const COMMANDS = {
  init: command(async () => (await import('../definitions/init.js')).initCommand, () => import('../commands/init.js')),
  schema: command(async () => (await import('../definitions/schema.js')).schemaCommand, () => import('../commands/schema.js')),
  check: command(async () => (await import('../definitions/check.js')).checkCommand, () => import('../commands/check.js')),
  tree: command(async () => (await import('../definitions/tree.js')).treeCommand, () => import('../commands/tree.js')),
  status: command(async () => (await import('../definitions/status.js')).statusCommand, () => import('../commands/status.js')),
  show: command(async () => (await import('../definitions/show.js')).showCommand, () => import('../commands/show.js')),
  fetch: command(async () => (await import('../definitions/fetch.js')).fetchCommand, () => import('../commands/fetch.js')),
  checkin: command(async () => (await import('../definitions/checkin.js')).checkinCommand, () => import('../commands/checkin.js')),
  measure: command(async () => (await import('../definitions/measure.js')).measureCommand, () => import('../commands/measure.js')),
  close: command(async () => (await import('../definitions/close.js')).closeCommand, () => import('../commands/close.js')),
  plan: command(async () => (await import('../definitions/plan.js')).planCommand, () => import('../commands/plan.js')),
  history: command(async () => (await import('../definitions/history.js')).historyCommand, () => import('../commands/history.js')),
  log: command(async () => (await import('../definitions/log.js')).logCommand, () => import('../commands/log.js')),
  feedback: command(async () => (await import('../definitions/feedback.js')).feedbackCommand, () => import('../commands/feedback.js')),
  stale: command(async () => (await import('../definitions/stale.js')).staleCommand, () => import('../commands/stale.js')),
  dashboard: command(async () => (await import('../definitions/dashboard.js')).dashboardCommand, () => import('../commands/dashboard.js')),
  report: command(async () => (await import('../definitions/report.js')).reportCommand, () => import('../commands/report.js')),
  demo: command(async () => (await import('../definitions/demo.js')).demoCommand, () => import('../commands/demo.js')),
  diff: command(async () => (await import('../definitions/diff.js')).diffCommand, () => import('../commands/diff.js')),
  codeowners: command(async () => (await import('../definitions/codeowners.js')).codeownersCommand, () => import('../commands/codeowners.js')),
  completion: command(async () => (await import('../definitions/completion.js')).completionCommand, () => import('../commands/completion.js')),
} satisfies Record<string, Registration>;

type CommandName = keyof typeof COMMANDS;
const isCommandName = (word: string | undefined): word is CommandName => word !== undefined && Object.hasOwn(COMMANDS, word);

/**
 * The commands `argv` needs defined: the one it names (start-up loads one definition, not fourteen);
 * none for --version alone; every one for help, and for a word that names none (so commander can
 * list them, or suggest the nearest).
 */
function commandsFor(argv: readonly string[]): Registration[] {
  const word = argv.find((a) => !a.startsWith('-'));
  if (isCommandName(word)) return [COMMANDS[word]];
  if (word === undefined && argv.some((a) => a === '-V' || a === '--version') && !argv.some((a) => a === '-h' || a === '--help')) return [];
  return Object.values(COMMANDS);
}

export async function buildProgram(argv: readonly string[], env: Environment, setExit: (code: number) => void): Promise<Command> {
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
  // Imported together, added in order: help lists them as COMMANDS does.
  const adders = await Promise.all(commandsFor(argv).map((register) => register()));
  for (const add of adders) add(program, env, setExit);
  return program;
}
