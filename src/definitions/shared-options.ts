// Options many commands share, added so that the command's option type still knows them.
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { parseDayOption } from './option-parsers.js';

/** -C, --dir: where to look for the workspace. */
export function withDir<A extends unknown[], O extends OptionValues>(command: Command<A, O>) {
  return command.option('-C, --dir <path>', 'run as if okr was started in <path> (the workspace or a folder inside it)');
}

const CYCLE_HELP = 'the cycle to show (default: the narrowest cycle containing today, else the latest)';

/** -C, --cycle, --as-of and --at: which goals a read command looks at, and on which day (SPEC section 5). */
export function withViewOptions<A extends unknown[], O extends OptionValues>(command: Command<A, O>, cycleHelp = CYCLE_HELP) {
  return withDir(command)
    .option('--cycle <id>', cycleHelp)
    .option('--as-of <date>', 'evaluate on this day (YYYY-MM-DD) instead of today', parseDayOption)
    .option('--at <rev>', 'read the goals as they were at this git revision (commit, branch, tag)')
    .option('--fetch', "fetch the upstream and member repositories okr.yaml names first (as okr fetch does)");
}

/** The view options and --json: the options of every read command (SPEC section 5). */
export function withReadOptions<A extends unknown[], O extends OptionValues>(command: Command<A, O>, cycleHelp = CYCLE_HELP) {
  return withViewOptions(command, cycleHelp).option('--json', 'print JSON (the documented contract) instead of text');
}
