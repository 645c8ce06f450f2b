// Shell completion (`okr completion bash|zsh|fish`): what can come next on a command line. The
// shells' scripts pass the words typed so far to `okr __complete`; this answers with candidates,
// read from the command definitions (commands, options, choices) and, for goals, teams and cycles,
// from the workspace, which comes from a function called only when a value needs it.
import type { Workspace } from '../model/types.js';

/** What completion needs to know of one command, read from its commander definition. */
export interface CommandShape {
  readonly name: string;
  readonly options: readonly OptionShape[];
  /** Argument names in order (`ref`, `changes`, `cycle`...); the last may be variadic. */
  readonly arguments: readonly { readonly name: string; readonly variadic: boolean }[];
}

export interface OptionShape {
  /** Every spelling: `-f`, `--format`. */
  readonly names: readonly string[];
  /** Whether the option takes a value (`--team <team>`), or is a flag. */
  readonly takesValue: boolean;
  readonly choices: readonly string[] | undefined;
}

/**
 * The answer: words to offer, and what the shell does with them. `files`: complete file names
 * instead; `nospace`: the word goes on (a team id is followed by its objectives).
 */
export interface Completion {
  readonly candidates: readonly string[];
  readonly mode: 'words' | 'nospace' | 'files';
}

/** The goals, when a value needs them; undefined where there are none to read. */
export type WorkspaceSource = () => Promise<Workspace | undefined>;

const NOTHING: Completion = { candidates: [], mode: 'words' };
const FILES: Completion = { candidates: [], mode: 'files' };

/** What an option's or argument's value is, by its name in the definitions. */
type ValueKind = 'goal' | 'goal-or-mission' | 'key-result' | 'team' | 'cycle' | 'files' | 'none';

/** By the option's long name. */
const OPTION_VALUES: Readonly<Record<string, ValueKind>> = {
  '--team': 'team',
  '--cycle': 'cycle',
  '--from': 'cycle',
  '--grade': 'goal',
  '--dir': 'files',
  '--output': 'files',
  '--out': 'files',
  '--write': 'files',
  '--check': 'files',
};
const ARGUMENT_VALUES: Readonly<Record<string, ValueKind>> = { ref: 'goal', changes: 'key-result', cycle: 'cycle', files: 'files' };
/** Commands whose REF may also be the mission. */
const MISSION_TOO = new Set(['show', 'tree']);

/**
 * Candidates for the last word of `words` (the words after `okr`; the last is the one being typed,
 * possibly empty), as the shell filters them: every candidate starts with what is typed.
 */
export async function complete(commands: readonly CommandShape[], words: readonly string[], workspace: WorkspaceSource): Promise<Completion> {
  const typed = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  const commandAt = before.findIndex((w) => !w.startsWith('-'));
  if (commandAt === -1) {
    if (typed.startsWith('-')) return offer(['--help', '--version'], typed);
    return offer(commands.map((c) => c.name), typed);
  }
  const command = commands.find((c) => c.name === before[commandAt]);
  if (!command) return NOTHING;
  const rest = before.slice(commandAt + 1);
  const previous = rest.at(-1);
  const pending = previous !== undefined && !previous.includes('=') ? optionNamed(command, previous) : undefined;
  if (pending?.takesValue) return valueOf(pending, typed, workspace);
  if (typed.startsWith('--') && typed.includes('=')) {
    const option = optionNamed(command, typed.slice(0, typed.indexOf('=')));
    if (!option?.takesValue) return NOTHING;
    const prefix = typed.slice(0, typed.indexOf('=') + 1);
    const inner = await valueOf(option, typed.slice(prefix.length), workspace);
    return { ...inner, candidates: inner.candidates.map((c) => prefix + c) };
  }
  if (typed.startsWith('-')) {
    const used = new Set(rest);
    const names = command.options.flatMap((o) => (o.names.some((n) => used.has(n)) ? [] : o.names.filter((n) => n.startsWith('--'))));
    return offer([...names, '--help'], typed);
  }
  const argument = argumentAt(command, rest);
  if (!argument) return NOTHING;
  const kind = ARGUMENT_VALUES[argument.name] ?? 'none';
  return valuesOfKind(kind === 'goal' && MISSION_TOO.has(command.name) ? 'goal-or-mission' : kind, typed, workspace);
}

function optionNamed(command: CommandShape, word: string): OptionShape | undefined {
  return command.options.find((o) => o.names.includes(word));
}

/** The argument the next positional word fills: positional words typed so far, options and their values skipped. */
function argumentAt(command: CommandShape, rest: readonly string[]): CommandShape['arguments'][number] | undefined {
  let position = 0;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (word.startsWith('-')) {
      if (!word.includes('=') && optionNamed(command, word)?.takesValue) i++;
      continue;
    }
    position++;
  }
  const last = command.arguments.at(-1);
  return command.arguments[position] ?? (last?.variadic ? last : undefined);
}

async function valueOf(option: OptionShape, typed: string, workspace: WorkspaceSource): Promise<Completion> {
  if (option.choices) return offer(option.choices, typed);
  const long = option.names.find((n) => n.startsWith('--'));
  return valuesOfKind((long === undefined ? undefined : OPTION_VALUES[long]) ?? 'none', typed, workspace);
}

async function valuesOfKind(kind: ValueKind, typed: string, workspace: WorkspaceSource): Promise<Completion> {
  if (kind === 'files') return FILES;
  if (kind === 'none') return NOTHING;
  const ws = await workspace();
  if (!ws) return NOTHING;
  if (kind === 'team') return offer([...ws.teams.keys()], typed);
  if (kind === 'cycle') return offer(ws.config.cycles.map((c) => c.id), typed);
  return goalRefs(ws, typed, kind);
}

/**
 * Goals one level at a time, as a path: `pay` offers `payments/`, `payments/` its objectives,
 * `payments/faster-checkout/` its key results. At ten thousand teams the shell gets a few dozen
 * words, not every goal.
 */
function goalRefs(ws: Workspace, typed: string, kind: 'goal' | 'goal-or-mission' | 'key-result'): Completion {
  const depth = typed.split('/').length - 1;
  if (depth === 0) {
    const teams = new Set(ws.objectives.map((o) => o.team));
    const words = [...teams].sort().map((t) => `${t}/`);
    if (kind === 'goal-or-mission') words.push('mission');
    return offer(words, typed);
  }
  const [team] = typed.split('/');
  const objectives = ws.objectives.filter((o) => o.team === team);
  if (depth === 1) {
    // A key result is the only goal check-ins take: the objective is a step towards it.
    if (kind === 'key-result') return offer(unique(objectives.map((o) => `${o.ref}/`)), typed);
    return offer(unique(objectives.map((o) => o.ref)), typed);
  }
  if (depth === 2) return offer(unique(objectives.flatMap((o) => o.keyResults.map((kr) => (kind === 'key-result' ? `${kr.ref}=` : kr.ref)))), typed);
  return NOTHING;
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}

/** The words that start with what is typed; the word goes on (no space) when each of them ends a level. */
function offer(words: readonly string[], typed: string): Completion {
  const candidates = words.filter((w) => w.startsWith(typed));
  const goesOn = candidates.length > 0 && candidates.every((w) => w.endsWith('/') || w.endsWith('='));
  return { candidates, mode: goesOn ? 'nospace' : 'words' };
}
