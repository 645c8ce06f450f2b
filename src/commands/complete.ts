// okr __complete -- WORDS...: the hidden half of `okr completion`. The shell's script passes the
// words typed after "okr" (the last one being typed, maybe empty); this prints one candidate a line,
// then ":words", ":nospace" or ":files". It never fails aloud: a shell has nowhere to show an error.
import { complete, type CommandShape, type OptionShape } from '../app/completion.js';
import { openSession } from '../app/session.js';
import type { Environment } from '../env.js';
import { ExitCode } from '../errors.js';

/** The parts of a commander program completion reads (structural: commander's own objects fit). */
export interface CommandTree {
  readonly commands: readonly {
    name(): string;
    readonly options: readonly { readonly flags: string; readonly short?: string; readonly long?: string; readonly argChoices?: readonly string[]; readonly hidden: boolean }[];
    readonly registeredArguments: readonly { name(): string; readonly variadic: boolean }[];
  }[];
}

export default async function completeWords(env: Environment, program: CommandTree, words: readonly string[]): Promise<number> {
  const shapes: CommandShape[] = program.commands.map((c) => ({
    name: c.name(),
    options: c.options.filter((o) => !o.hidden).map(optionShape),
    arguments: c.registeredArguments.map((a) => ({ name: a.name(), variadic: a.variadic })),
  }));
  const typed = words.length ? words : [''];
  const dir = valueAfter(typed, '-C') ?? valueAfter(typed, '--dir');
  const answer = await complete(shapes, typed, async () => {
    try {
      return (await openSession(env, dir).loadWorkTree()).workspace;
    } catch {
      return undefined; // no workspace here, or unreadable: nothing to offer
    }
  });
  env.stdout.write([...answer.candidates, `:${answer.mode}`].join('\n') + '\n');
  return ExitCode.ok;
}

function optionShape(o: CommandTree['commands'][number]['options'][number]): OptionShape {
  return {
    names: [o.short, o.long].filter((n): n is string => n !== undefined),
    takesValue: /[<[]/.test(o.flags),
    choices: o.argChoices,
  };
}

function valueAfter(words: readonly string[], option: string): string | undefined {
  const at = words.lastIndexOf(option);
  if (at !== -1 && at + 1 < words.length - 1) return words[at + 1];
  return words.find((w) => w.startsWith(`${option}=`))?.slice(option.length + 1);
}
