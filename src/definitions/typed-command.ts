// The types a command definition gives its implementation: the arguments and options commander
// parses, inferred (by @commander-js/extra-typings) from the definition itself, never written twice.
import type { Command, OptionValues } from '@commander-js/extra-typings';
import type { Environment } from '../env.js';

/** The parsed arguments of a command definition, as a tuple in their declared order. */
export type ArgumentsOf<C> = C extends Command<infer A, OptionValues, OptionValues> ? A : never;

/** The parsed options of a command definition. */
export type OptionsOf<C> = C extends Command<unknown[], infer O, OptionValues> ? O : never;

/** A command's implementation: resolves to the exit code. */
export type CommandImplementation<A extends unknown[], O extends OptionValues> = (env: Environment, args: A, options: O) => Promise<number>;
