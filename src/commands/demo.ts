// okr demo: a throwaway repository built from the bundled example, with four months of generated
// weekly check-ins (okr check-ins and hand edits, backdated, by each team's owners), its first
// quarter closed on the day after it ended (grades, the close commit, the tag okr/<quarter>), then
// `okr status` and `okr tree` on it, and where it is so the history commands can be tried there.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { askYesNo, canAsk } from '../app/ask.js';
import { planClose } from '../app/close-plan.js';
import { messageInput } from '../app/close-transaction.js';
import { okrCommand, shellWord } from '../app/okr-command.js';
import { writeJson } from '../app/output.js';
import type { DemoArguments, DemoOptions } from '../definitions/demo.js';
import type { Environment } from '../env.js';
import { ExitCode, UsageError } from '../errors.js';
import { importCommits, type ImportedCommit, type Person } from '../git/fast-import.js';
import { Git } from '../git/git.js';
import { dayFromNumber, dayNumber } from '../model/calendar.js';
import { checkinMessage, type CheckinEntry } from '../model/checkin-message.js';
import { demoTimeline, type TimelineCheckin } from '../model/demo-timeline.js';
import { closeTagName } from '../model/grades.js';
import { currentValue, isCheckable, unitOf } from '../model/key-results.js';
import type { Cycle, KeyResult, KeyResultValue, Workspace } from '../model/types.js';
import { datedCycles } from '../model/view.js';
import { makePaint } from '../render/paint.js';
import { closeMessage, closeTagMessage } from '../render/text/grade-table.js';
import { applyScalarEdits, type ScalarEdit } from '../workspace/edit-yaml.js';
import { loadWorkspace } from '../workspace/load.js';
import { readWorkspaceFolder } from '../workspace/source.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/acme', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/okr.js', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
const DEMO_COMMITTER = { name: 'okr demo', email: 'demo@okr.invalid' };
/** Teams that stop checking in a few weeks before today, so `okr stale` has something to say. */
const QUIET_TEAMS = new Set(['sales', 'support']);

export default async function demo(env: Environment, _args: DemoArguments, options: DemoOptions): Promise<number> {
  const weeks = options.weeks ?? 16;
  const dir = options.dir === undefined ? mkdtempSync(join(tmpdir(), 'okr-demo-')) : emptyFolder(resolve(env.cwd, options.dir));
  cpSync(EXAMPLE, dir, { recursive: true });
  const files = readWorkspaceFolder(dir);
  const { workspace } = loadWorkspace(files);
  const texts = new Map(files.flatMap((f) => (f.text === undefined ? [] : [[f.file, f.text] as const])));
  const closing = firstEndedCycle(workspace, env.today);
  const commits = story(workspace, texts, allFiles(dir), weeks, env.today, closing);

  const git = Git.of(env, dir);
  await git.porcelain(async (porcelain) => {
    await porcelain.init(['--initial-branch=main']);
    await porcelain.addConfig('user.name', DEMO_COMMITTER.name);
    await porcelain.addConfig('user.email', DEMO_COMMITTER.email);
    await porcelain.addConfig('commit.gpgsign', 'false');
  });
  await importCommits(git, 'main', commits);
  await git.porcelain((porcelain) => porcelain.reset(['--hard', 'main']));

  if (options.json) {
    writeJson(env, { path: dir, commits: commits.length, weeks });
    return ExitCode.ok;
  }
  if (options.show) {
    // What `okr status` and `okr tree --no-krs` show there: the two commands themselves, run on it.
    const [{ default: status }, { default: tree }] = await Promise.all([import('./status.js'), import('./tree.js')]);
    const inDemo = { ...env, cwd: dir };
    env.stdout.write('$ okr status\n');
    await status(inDemo, [], {});
    env.stdout.write('\n$ okr tree --no-krs\n');
    await tree(inDemo, [undefined], { krs: false });
    env.stdout.write('\n');
  }
  // Commands that run as printed: `okr` only when that name runs this okr (else its full path).
  const okr = okrCommand(env, BIN);
  const commands: (readonly [command: string, comment?: string])[] = [
    [`${okr} history payments/faster-checkout/p95-latency`],
    [`${okr} log --since 2w`],
    [`${okr} stale --by-owner`],
    [`${okr} checkin payments/faster-checkout/p95-latency=395 -m "Edge cache in APAC"`],
    ...(closing
      ? [[`${okr} tree --cycle ${closing.id}`, '# the closed quarter, with its grades'] as const, [`git show ${closeTagName(closing.id)}`, '# the grade table, tagged'] as const]
      : []),
  ];
  const commentColumn = Math.max(...commands.map(([c, comment]) => (comment ? c.length : 0))) + 2;
  env.stdout.write(
    [
      `Demo repository: ${dir} (${commits.length} commits over ${weeks} weeks of check-ins)`,
      'Explore it:',
      `  cd ${shellWord(dir)}`,
      ...commands.map(([c, comment]) => `  ${comment ? `${c.padEnd(commentColumn)}${comment}` : c}`),
      ...(okr === 'okr' ? [] : ['', `(okr is not on your PATH: run "npm link" in ${shellWord(PACKAGE_ROOT)} to type just "okr")`]),
      '',
      `Start your own goals, in the repository that will hold them: ${okr} init -C goals`,
      `The whole tree, live in a terminal (check in and give feedback from it): ${okr} dashboard`,
      '',
    ].join('\n'),
  );
  // In a terminal, the quickest way in: the dashboard, right there.
  if (canAsk(env) && (await askYesNo(env, 'Open it in okr dashboard now? [Y/n] '))) {
    const { runDashboard } = await import('../app/dashboard.js');
    return runDashboard({ ...env, cwd: dir }, {});
  }
  return ExitCode.ok;
}

/** Every file of the copied example (README and metrics too), by path relative to `dir`. */
function allFiles(dir: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [p, t] of allFiles(dir, path)) files.set(p, t);
    else if (entry.isFile()) files.set(path, readFileSync(join(dir, path), 'utf8'));
  }
  return files;
}

function emptyFolder(path: string): string {
  if (existsSync(path) && readdirSync(path).length > 0) throw new UsageError(`${path} is not empty`, 'Give okr demo -C a new or empty folder, or leave -C out to use a temporary one.');
  mkdirSync(path, { recursive: true });
  return path;
}

/** The quarter the demo closes: the first cycle with objectives that ended before today (2026-Q3). */
function firstEndedCycle(workspace: Workspace, today: string): Cycle | undefined {
  return [...datedCycles(workspace).values()]
    .filter((c) => c.end < today && c.closed === undefined && workspace.objectives.some((o) => o.cycle === c.id))
    .sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : a.start > b.start ? -1 : 1))[0];
}

/**
 * The commits telling the example's story: the import with every team's starting values, then the
 * check-ins; the key results of the quarter to close are checked in until its last day, then the
 * quarter is closed as `okr close` closes it, and tagged.
 */
function story(
  workspace: Workspace,
  texts: ReadonlyMap<string, string>,
  everything: ReadonlyMap<string, string>,
  weeks: number,
  today: string,
  closing: Cycle | undefined,
): ImportedCommit[] {
  const keyResults = workspace.objectives.flatMap((o) => o.keyResults.map((keyResult) => ({ team: o.team, keyResult, cycle: o.cycle })));
  const byRef = new Map(keyResults.map((k) => [k.keyResult.ref, k.keyResult]));
  const startDay = dayNumber(today) - weeks * 7;
  const startSeconds = startDay * 86_400;
  const teamIndex = new Map([...workspace.teams.keys()].map((t, i) => [t, i]));
  const closingWeeks = closing ? Math.floor((dayNumber(closing.end) - startDay) / 7) : 0;
  const timeline = mergeTimelines(
    demoTimeline(keyResults.filter((k) => k.cycle !== closing?.id), weeks, 7, QUIET_TEAMS),
    // The closed quarter's own story ends on its last day (before the story starts: in the import).
    closing && closingWeeks >= 1 ? demoTimeline(keyResults.filter((k) => k.cycle === closing.id), closingWeeks, 11) : [],
    teamIndex,
  );
  const committed = new Map<string, KeyResultValue>();
  const commits: ImportedCommit[] = [];
  const initial = new Map(everything);

  for (const checkin of timeline) {
    // The files holding the team's key results whose value moved since the team's last commit.
    const entries: CheckinEntry[] = [];
    const touched = new Set<string>();
    for (const [ref, value] of checkin.values) {
      const kr = byRef.get(ref)!;
      const previous = committed.get(ref);
      committed.set(ref, value);
      if (checkin.week > 0 && previous === value) continue;
      if (checkin.week > 0) entries.push(entryOf(checkin.team, kr, previous!, value));
      touched.add(kr.origin.file);
    }
    if (touched.size === 0) continue;
    // Each such file is the example's text with that week's values put in (today's: the text itself).
    const versions = new Map<string, string>();
    for (const file of touched) {
      const edits = [...checkin.values]
        .map(([ref, value]) => ({ kr: byRef.get(ref)!, value }))
        .filter(({ kr, value }) => kr.origin.file === file && value !== todayOf(kr))
        .map(({ kr, value }) => editOf(kr, value));
      const result = applyScalarEdits(texts.get(file)!, edits);
      if (!result.ok) throw new Error(`demo: cannot write ${file}: ${result.problem}`);
      versions.set(file, result.text);
    }
    if (checkin.week === 0) {
      for (const [file, text] of versions) initial.set(file, text);
      continue;
    }
    const author = authorOf(workspace, checkin.team, startSeconds + checkin.week * 7 * 86_400 + 9 * 3600 + (teamIndex.get(checkin.team) ?? 0) * 780);
    commits.push({
      author,
      committer: { ...DEMO_COMMITTER, time: author.time },
      message: checkin.byHand ? `Update the ${checkin.team} numbers\n` : checkinMessage(entries, checkin.note),
      files: versions,
    });
  }
  const importTime = startSeconds + 8 * 3600;
  if (closing) {
    const close = closeCommit(workspace, texts, closing, Math.max(importTime + 600, (dayNumber(closing.end) + 1) * 86_400 + 8 * 3600));
    const at = commits.findIndex((c) => c.author.time > close.author.time);
    commits.splice(at < 0 ? commits.length : at, 0, close);
  }
  commits.unshift({
    author: { ...DEMO_COMMITTER, time: importTime },
    committer: { ...DEMO_COMMITTER, time: importTime },
    message: 'Import the goals for the year and the quarter\n',
    files: new Map([...initial].sort(([a], [b]) => (a < b ? -1 : 1))),
  });
  return commits;
}

/** Both timelines as one, a team's check-ins of the same week in one commit, in week and team order. */
function mergeTimelines(main: readonly TimelineCheckin[], more: readonly TimelineCheckin[], teamIndex: ReadonlyMap<string, number>): TimelineCheckin[] {
  const byKey = new Map(main.map((c) => [`${c.week}\0${c.team}`, c]));
  const merged = [...main];
  for (const c of more) {
    const key = `${c.week}\0${c.team}`;
    const same = byKey.get(key);
    if (same) merged[merged.indexOf(same)] = { ...same, values: new Map([...same.values, ...c.values]) };
    else merged.push(c);
  }
  return merged.sort((a, b) => a.week - b.week || (teamIndex.get(a.team) ?? 0) - (teamIndex.get(b.team) ?? 0));
}

/**
 * The close of `cycle` at `time`, as `okr close` makes it: grades in its goal files, closed: on the
 * cycle, the grade table in the message, the tag. Its files are the example's (the quarter's last
 * check-ins put them there), graded.
 */
function closeCommit(workspace: Workspace, texts: ReadonlyMap<string, string>, cycle: Cycle, time: number): ImportedCommit {
  const plan = planClose(workspace, { cycle: cycle.id, today: dayFromNumber(Math.floor(time / 86_400)), early: false, given: [] });
  const files = new Map<string, string>();
  for (const [file, edits] of plan.edits) {
    const result = applyScalarEdits(texts.get(file)!, edits);
    if (!result.ok) throw new Error(`demo: cannot close ${cycle.id} in ${file}: ${result.problem}`);
    files.set(file, result.text);
  }
  const plain = makePaint(false);
  const note = 'The quarter in review: grades from the progress on its last day.';
  return {
    author: { ...DEMO_COMMITTER, time },
    committer: { ...DEMO_COMMITTER, time },
    message: closeMessage(messageInput(plan), note, plain),
    files,
    tag: { name: closeTagName(cycle.id), message: closeTagMessage(messageInput(plan), note, plain) },
  };
}

function todayOf(kr: KeyResult): KeyResultValue | undefined {
  return isCheckable(kr) ? currentValue(kr) : undefined;
}

function editOf(kr: KeyResult, value: KeyResultValue): ScalarEdit {
  return { mapPath: kr.origin.path, key: kr.kind === 'milestone' ? 'done' : 'current', value, after: ['target', 'start', 'keep_below', 'keep_above'] };
}

function entryOf(team: string, kr: KeyResult, previous: KeyResultValue, value: KeyResultValue): CheckinEntry {
  const unit = unitOf(kr);
  return { ref: kr.ref, team, keyResultId: kr.id, previous, value, ...(unit ? { unit } : {}) };
}

/** A team's first owner with an email, as a git author. */
function authorOf(workspace: Workspace, team: string, time: number): Person {
  const email = workspace.teams.get(team)?.owners.find((o) => o.includes('@') && !o.startsWith('@')) ?? `${team}@acme.example`;
  const name = email
    .split('@')[0]!
    .split(/[._-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  return { name, email, time };
}
