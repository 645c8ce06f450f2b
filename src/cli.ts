// The commander program: parses argv, dispatches to commands (loaded lazily, so start-up stays cheap),
// and is the one place where errors become messages on stderr and exit codes.
import { Command, CommanderError, Option, InvalidArgumentError } from 'commander';
import type { Environment } from './env.js';
import { ExitCode, OkrError } from './errors.js';
import { VERSION } from './version.js';

/** Options every read command takes (SPEC section 5). */
export interface ReadOptions {
  dir?: string;
  cycle?: string;
  asOf?: string;
  at?: string;
  json?: boolean;
}

export function parseDayOption(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : undefined;
  if (!m || !date || date.toISOString().slice(0, 10) !== value)
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD, e.g. 2026-11-30.');
  return value;
}

export function parseCountOption(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number >= 0.');
  return Number(value);
}

function withDir(cmd: Command): Command {
  return cmd.option('-C, --dir <path>', 'run as if okr was started in <path> (the workspace or a folder inside it)');
}

/** Adds -C, --cycle, --as-of, --at and --json: the options of every read command. */
export function withReadOptions(
  cmd: Command,
  { json = true, cycle = 'the cycle to show (default: the narrowest cycle containing today, else the latest)' } = {},
): Command {
  withDir(cmd)
    .option('--cycle <id>', cycle)
    .option('--as-of <date>', 'evaluate on this day (YYYY-MM-DD) instead of today', parseDayOption)
    .option('--at <rev>', 'read the goals as they were at this git revision (commit, branch, tag)');
  if (json) cmd.option('--json', 'print JSON (the documented contract) instead of text');
  return cmd;
}

type Action = (env: Environment, args: unknown[], options: Record<string, unknown>) => Promise<number | void>;

function buildProgram(env: Environment, setExit: (code: number) => void): Command {
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

  const action =
    (load: () => Promise<{ default: Action }>) =>
    async (...params: unknown[]) => {
      const command = params[params.length - 1] as Command;
      const options = command.opts();
      const args = params.slice(0, -2);
      const impl = await load();
      const code = await impl.default(env, args, options);
      setExit(code ?? ExitCode.ok);
    };

  for (const register of commandRegistrations) register(program, action);
  return program;
}

export type Register = (
  program: Command,
  action: (load: () => Promise<{ default: Action }>) => (...params: unknown[]) => Promise<void>,
) => void;

/** --since: `7d`, `2w` (days or weeks before the day evaluated) or a day `2026-11-01`. */
export function parseSinceOption(value: string): { days: number } | { day: string } {
  const m = /^(\d{1,5})([dw])$/.exec(value);
  if (m) return { days: Number(m[1]) * (m[2] === 'w' ? 7 : 1) };
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { day: parseDayOption(value) };
  throw new InvalidArgumentError('expected days (7d), weeks (2w) or a day (2026-11-01).');
}

/** --confidence: the owner's belief in the target, from 0 to 1. */
export function parseConfidenceOption(value: string): number {
  const n = /^\s*[+]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1, e.g. 0.7.');
  return n;
}

/** Check-ins and their history (SPEC section 4): recording values as commits and reading them back. */
const checkinRegistrations: Register[] = [
  (program, action) =>
    withDir(program.command('checkin'))
      .description('record new values of key results as one git commit (only the goal files it touches)')
      .argument('[changes...]', 'REF=VALUE: team/objective/kr=420 for a metric or guardrail, =done or =not-done for a milestone')
      .option('-m, --message <note>', 'the note: what changed and why (repeat for paragraphs)', (v: string, prev: string[] = []) => [...prev, v])
      .option('--confidence <c>', 'also set the confidence (0 to 1) of every key result checked in', parseConfidenceOption)
      .option('-t, --team <team>', 'in a terminal, without REF=VALUE: ask for each key result of the team in turn')
      .option('--cycle <id>', 'with --team: the cycle whose key results to ask for (default: the current one)')
      .option('--include-changes', 'also commit uncommitted edits already in the touched goal files')
      .option('--no-commit', 'edit the files only; commit nothing')
      .option('--json', 'print what was recorded as JSON')
      .addHelpText(
        'after',
        `
The goal file is edited in place: only the value (and confidence) change, every other byte stays as
it was (comments, order, quoting, blank lines). The whole workspace is validated with the edit; a
result with new errors is refused and the file left as it was. The commit holds only the touched
goal files, whatever else is staged or changed, with one block of Okr-* trailers per key result.
A goal file with uncommitted changes is refused unless --include-changes. A failing pre-commit
hook leaves the file exactly as it was.

Examples:
  $ okr checkin payments/faster-checkout/p95-latency=420 -m "Edge cache live in EU"
  $ okr checkin payments/faster-checkout/edge-cache=done payments/faster-checkout/p95-latency=380
  $ okr checkin payments/faster-checkout/p95-latency=420 --confidence 0.8
  $ okr checkin --team payments               # in a terminal: asks for each key result
  $ okr checkin checkout/one-click-checkout/conversion=64.8 --no-commit`,
      )
      .action(action(() => import('./commands/checkin.js'))),
  (program, action) =>
    withDir(program.command('measure'))
      .description('check in the key results that have a source: read each value from a JSON or YAML file in the repository')
      .option('-t, --team <team>', "only this team's key results")
      .option('--cycle <id>', 'only the key results of this cycle\'s view (default: every cycle)')
      .option('-m, --message <note>', 'the note of the commit (repeat for paragraphs)', (v: string, prev: string[] = []) => [...prev, v])
      .option('--include-changes', 'also commit uncommitted edits already in the touched goal files')
      .option('--no-commit', 'edit the files only; commit nothing')
      .option('--json', 'print what was measured as JSON')
      .addHelpText(
        'after',
        `
A key result with a source names a file (relative to the repository root) and a JSON Pointer:
  source: {file: metrics/checkout.json, pointer: /conversion_pct}
The file must be inside the repository (no "..", no absolute path, no link leading out) and JSON
or YAML; the value at the pointer must be a number. okr never runs a command to get it. A problem
with one key result is reported and the others are still recorded; the exit code is then 1.
The commit is like okr checkin's, with an Okr-Source trailer per key result.

Examples:
  $ okr measure                              # in CI, after the job that writes metrics/*.json
  $ okr measure --team checkout --no-commit`,
      )
      .action(action(() => import('./commands/measure.js'))),
  (program, action) =>
    withReadOptions(program.command('history'))
      .description('every value of a key result (or of each key result of an objective) over git history, oldest first')
      .argument('<ref>', 'team/objective/kr, or team/objective for all its key results')
      .addHelpText(
        'after',
        `
Values come from every committed version of the goal file, so hand edits and merged pull requests
count as well as okr checkin; the note and source come from the commit's Okr-* trailers. A value
merged from a branch counts once, when it landed, credited to the branch commit that set it.
Renamed files and team folders are followed. With --as-of, history stops at that day.

Examples:
  $ okr history payments/faster-checkout/p95-latency
  $ okr history payments/faster-checkout            # every key result of the objective
  $ okr history payments/faster-checkout/p95-latency --json | jq '.points[-1]'`,
      )
      .action(action(() => import('./commands/history.js'))),
  (program, action) =>
    withReadOptions(program.command('log'))
      .description('recent check-ins across the workspace, newest first')
      .option('--since <when>', 'how far back: 7d, 2w or a day like 2026-11-01 (default 30d)', parseSinceOption)
      .option('-t, --team <team>', "only this team's key results")
      .addHelpText(
        'after',
        `
A check-in is any change of a key result's value or confidence in a commit: okr checkin, okr measure,
a hand edit or a merged pull request.

Examples:
  $ okr log --since 7d
  $ okr log --team payments --since 2026-10-01
  $ okr log --json | jq '.checkins[] | select(.via == "edit")'`,
      )
      .action(action(() => import('./commands/log.js'))),
  (program, action) =>
    withReadOptions(program.command('stale'))
      .description('key results with no check-in for longer than checkins.stale_after_days')
      .option('--by-owner', 'one digest per owner (key result owner, else objective owner, else the team owners)')
      .option('-t, --team <team>', "only this team's key results")
      .addHelpText(
        'after',
        `
A key result's last check-in is the last commit that changed its value or confidence (a key result
never changed counts from the commit that added it). Only cycles that have started are due; after a
cycle ends, its silence is counted up to its last day. Rollups are left out: their progress comes
from the objectives aligned to them.

Examples:
  $ okr stale
  $ okr stale --by-owner                     # a digest per owner, e.g. for a weekly reminder
  $ okr stale --json | jq -r '.stale[].ref'`,
      )
      .action(action(() => import('./commands/stale.js'))),
  (program, action) =>
    program
      .command('demo')
      .description('build a throwaway repository from the bundled example with months of check-in history, and show it')
      .option('--dir <path>', 'build it in this new or empty folder (default: a new temporary folder)')
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
  $ okr demo --dir ./acme-demo && cd acme-demo && okr log --since 2w`,
      )
      .action(action(() => import('./commands/demo.js'))),
];

/**
 * Each command's definition (name, arguments, options, help) and where its implementation lives.
 * Definitions are cheap; implementations are imported only when their command runs.
 */
const commandRegistrations: Register[] = [
  (program, action) =>
    withDir(program.command('init'))
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
      )
      .action(action(() => import('./commands/init.js'))),
  (program, action) =>
    withDir(program.command('schema'))
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
      )
      .action(action(() => import('./commands/schema.js'))),
  (program, action) =>
    withReadOptions(program.command('check'), {
      json: true,
      cycle: "report only on okr.yaml, the team files, and the files of this cycle and of the cycles covering it (default: every cycle)",
    })
      .description('validate the goal files: schema, references, alignment and policy rules')
      .addOption(
        new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'github', 'sarif']).default('text'),
      )
      .option('--max-warnings <n>', 'fail (exit 1) when there are more than <n> warnings', parseCountOption)
      .addHelpText(
        'after',
        `
Examples:
  $ okr check                         # findings as file:line:column, exit 1 on errors
  $ okr check --format github         # annotations in a GitHub Actions job
  $ okr check --format sarif > okr.sarif
  $ okr check --max-warnings 0        # treat warnings as failures too`,
      )
      .action(action(() => import('./commands/check.js'))),
  (program, action) =>
    withReadOptions(program.command('tree'))
      .description("the alignment tree from the mission down: each objective's progress, status and team")
      .argument('[ref]', "narrow to this goal's line of sight: team/objective or team/objective/key-result")
      .option('-t, --team <team>', "narrow to a team's line of sight: its objectives, what they serve, what serves them")
      .option('-d, --depth <n>', 'show at most <n> levels of objectives below the mission', parseCountOption)
      .option('--no-krs', 'hide key results (show objectives only)')
      .addHelpText(
        'after',
        `
Each objective shows its progress (the weighted mean of its key results), its status on the day
(done, on-track, at-risk, off-track: paced against its own cycle) and its reference. Objectives
aligned to a key result sit under that key result; one aligned to two goals appears under both,
marked "also under". Objectives aligned to nothing in view are listed last, as unaligned.
The view of a cycle also holds the objectives of the cycles covering it (the year above a quarter).
Bars are drawn on a terminal (or with FORCE_COLOR); piped output gets plain percentages.

Examples:
  $ okr tree                               # the current cycle, from the mission down
  $ okr tree payments/faster-checkout      # what it serves, up to the mission, and what serves it
  $ okr tree --team checkout --no-krs      # one team's line of sight, objectives only
  $ okr tree --depth 1                     # only the objectives aligned to the mission
  $ okr tree --cycle 2026 --as-of 2026-06-30
  $ okr tree --json | jq '.roots[].progress'`,
      )
      .action(action(() => import('./commands/tree.js'))),
  (program, action) =>
    withReadOptions(program.command('status'))
      .description('one row per team: objectives, progress, how many are behind, last check-in')
      .addHelpText(
        'after',
        `
Teams that need attention come first: most objectives off track, then most guardrails breached,
most objectives at risk, most stale key results, lowest progress; teams with no objectives in the
cycle come last. Progress is the weighted mean of the team's objectives in view (objective weights).

Examples:
  $ okr status
  $ okr status --cycle 2026 --as-of 2026-12-31
  $ okr status --json | jq '.teams[] | select(.off_track > 0) | .team'`,
      )
      .action(action(() => import('./commands/status.js'))),
  (program, action) =>
    withReadOptions(program.command('show'))
      .description('one objective or key result: its fields, progress, expected progress, what it serves and what serves it')
      .argument('<ref>', 'team/objective, team/objective/key-result, or mission')
      .addHelpText(
        'after',
        `
The goal is found in any cycle; its status is paced against its own cycle on the day (--as-of).
With --cycle, only the goals of that cycle's view are listed as aligned to it.

Examples:
  $ okr show payments/faster-checkout
  $ okr show payments/faster-checkout/p95-latency --json
  $ okr show mission                        # the mission's progress and the objectives serving it`,
      )
      .action(action(() => import('./commands/show.js'))),
  ...checkinRegistrations,
  (program, action) =>
    withDir(program.command('diff'))
      .description('what changed in the goals between two revisions, and how it moves progress up to the mission')
      .argument('[revisions...]', 'BASE [HEAD], A..B or A...B (default: HEAD against the work tree)')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
      .option('--json', 'same as --format json')
      .option('--exit-code', 'exit 3 when the goals changed, 0 when they did not (like git diff --exit-code)')
      .option('-R, --reverse', 'swap the sides: show the change from the second side back to the first')
      .option('--cycle <id>', "the cycle whose view the mission's progress is taken over (default: as okr tree)")
      .option('--as-of <date>', 'choose the default cycle as on this day (YYYY-MM-DD)', parseDayOption)
      .addHelpText(
        'after',
        `
Revisions are read as git reads them: none compares HEAD with the work tree; BASE compares BASE
with the work tree; BASE HEAD compares two commits; A..B is the same as A B; A...B compares the
merge base of A and B with B (what a pull request from B into A changes). -R puts the work tree
(or the second revision) first.

A change is reported per goal: teams, objectives and key results added, removed or renamed (same
content, new id); titles, targets, starts, guardrail bounds, weights, owners, alignment, values
and current values changed. A metric target moved back toward its start, or a guardrail bound
loosened, is flagged "made easier". Each change that can move progress lists the progress of the
goal and of each goal it feeds that moved, up to the mission (before → after, for the whole diff).

Examples:
  $ okr diff                                # uncommitted changes to the goals
  $ okr diff main...HEAD                    # what this branch changes, as a pull request would
  $ okr diff v1.0 v2.0 --json | jq '.changes[] | select(.made_easier)'
  $ okr diff origin/main... --format markdown >> "$GITHUB_STEP_SUMMARY"
  $ okr diff main --exit-code --format json > /dev/null || echo "goals changed"`,
      )
      .action(action(() => import('./commands/diff.js'))),
  (program, action) =>
    withDir(program.command('codeowners'))
      .description("CODEOWNERS lines giving each team's folder to its owners, so its goals change only with their approval")
      .option('-w, --write [file]', 'write the lines into a CODEOWNERS file, between markers, keeping its other lines')
      .option('--check [file]', 'exit 1 when the CODEOWNERS file is not up to date (for CI)')
      .option('--json', 'print the rules as JSON')
      .addHelpText(
        'after',
        `
Each team folder (teams/<team>/) gets the owners in its team.yaml; a team without owners gets
those of its nearest parent team that has some (said in a comment). Paths are relative to the
repository root, so a workspace in a subfolder works too. The lines sit between two marker
comments; --write replaces only what is between them (or appends them), leaving the rest of the
file as it was. Without a file, --write and --check use the CODEOWNERS file GitHub would read:
.github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS (the first that exists; else .github/CODEOWNERS).

Examples:
  $ okr codeowners                          # print the lines
  $ okr codeowners --write                  # update .github/CODEOWNERS
  $ okr codeowners --check                  # in CI: exit 1 when it is out of date`,
      )
      .action(action(() => import('./commands/codeowners.js'))),
];

/** Runs okr with the given arguments; resolves to the process exit code. Never throws. */
export async function run(argv: readonly string[], env: Environment): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(env, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    const command = program.commands.find((c) => c.name() === argv.find((a) => !a.startsWith('-')));
    return reportError(error, env, command ? `okr ${command.name()}` : 'okr');
  }
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
  return ExitCode.dataError;
}
