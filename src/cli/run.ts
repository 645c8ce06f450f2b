// The runner: parses argv with the commander program and is the one place where errors become
// messages on stderr and exit codes (SPEC section 7).
// commander is the runtime (pinned to 14, the last major for Node 20); @commander-js/extra-typings types it.
import { CommanderError } from 'commander';
import type { Environment } from '../env.js';
import { ExitCode, OkrError } from '../errors.js';
import { printableOutput } from '../printable.js';
import { buildProgram } from './program.js';

/** The hidden command the completion scripts run: `okr __complete -- WORDS...`. */
const COMPLETE = '__complete';

/** Runs okr with the given arguments; resolves to the process exit code. Never throws. */
export async function run(argv: readonly string[], given: Environment): Promise<number> {
  // stderr carries messages only: whatever goal or git text they quote, no control character acts (SPEC 9).
  const env: Environment = { ...given, stderr: printableOutput(given.stderr) };
  let exitCode: number = ExitCode.ok;
  let program;
  try {
    // Shell completion's hidden half (okr completion): every command's definition, then candidates.
    if (argv[0] === COMPLETE) {
      const words = argv.slice(argv[1] === '--' ? 2 : 1);
      const all = await buildProgram(['--help'], env, () => undefined);
      return (await import('../commands/complete.js')).default(env, all, words);
    }
    program = await buildProgram(argv, env, (code) => (exitCode = code));
    // Bare `okr` asks what there is: the help, on stdout, as a success (as gh and git do).
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.ok;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    const command = program?.commands.find((c) => c.name() === argv.find((a) => !a.startsWith('-')));
    if (!command) suggestFamiliar(error, argv, env);
    return reportError(error, env, command ? `okr ${command.name()}` : 'okr');
  }
}

/** What other CLIs accept and okr spells differently, with okr's spelling. */
const FAMILIAR: Readonly<Record<string, string>> = { '-v': 'okr --version', version: 'okr --version', '-version': 'okr --version' };

/** "(Did you mean …?)" for a habit from another CLI (`okr -v`, `okr version`), where commander has no suggestion. */
function suggestFamiliar(error: unknown, argv: readonly string[], env: Environment): void {
  if (!(error instanceof CommanderError) || (error.code !== 'commander.unknownOption' && error.code !== 'commander.unknownCommand')) return;
  const suggestion = FAMILIAR[argv[0] ?? ''];
  if (suggestion) env.stderr.write(`(Did you mean ${suggestion}?)\n`);
}

function reportError(error: unknown, env: Environment, usageOf = 'okr'): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" to commander; for us they are success.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help')
      return ExitCode.ok;
    if (error.exitCode === 0) return ExitCode.ok;
    env.stderr.write(`Run "${usageOf} --help" for ${usageOf === 'okr' ? 'the commands and options' : 'its options and examples'}.\n`);
    return ExitCode.usage;
  }
  if (error instanceof OkrError) {
    env.stderr.write(`okr: ${error.message}\n`);
    if (error.hint) env.stderr.write(`${error.hint}\n`);
    if (env.vars.OKR_DEBUG === '1' && error.stack) env.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  env.stderr.write(`okr: internal error: ${err.message}\n`);
  if (env.vars.OKR_DEBUG === '1' && err.stack) env.stderr.write(`${err.stack}\n`);
  else env.stderr.write('This is a bug in okr. Run again with OKR_DEBUG=1 for details and report it.\n');
  return ExitCode.internal;
}
