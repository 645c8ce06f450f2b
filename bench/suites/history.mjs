// Check-in history at scale (issue 16, item 4): a repository of 1,000 teams and 20,000 check-in
// commits built with git fast-import (bench/history-repo.mjs), and each history command next to the
// git work it cannot avoid (bench/floors/git-history.mjs).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV, okr, runs, SMALL, teams, thousands, timeoutMs, TODAY } from '../context.mjs';
import { HISTORY, historyRepo } from '../history-repo.mjs';
import { measure } from '../measure.mjs';
import { goal, info, line, ratio, valueOf } from '../report.mjs';
import { git, GIT_IDENTITY } from '../workspaces.mjs';

const floor = fileURLToPath(new URL('../floors/git-history.mjs', import.meta.url));
const params = SMALL ? { ...HISTORY, teams: teams(HISTORY.teams), commits: HISTORY.commits / 50, renames: 5 } : HISTORY;

let described = false;
function repo() {
  const built = historyRepo(params);
  if (!described) {
    const m = built.meta;
    info(
      `repository: ${thousands(params.teams)} teams, ${thousands(m.commits)} commits (${thousands(m.checkins)} check-ins, ${m.multiKeyResult} of them ` +
        `of several key results; ${m.handEdits} hand edits; ${m.renames} team folders renamed), ${thousands(m.keyResults)} checkable key results`,
    );
    described = true;
  }
  return built;
}

// okr keeps what it read of the history in .git/okr (the commit index and, for one HEAD, the points
// built from it): a command at a HEAD some whole-workspace command (stale, status, check) has already
// read answers from it. history REF and log are timed both ways: warm (okr stale ran at this HEAD)
// and cold (no .git/okr: a fresh clone, or the first command after a pull reads git).
const warmCaches = (dir) => () => {
  const result = spawnSync(process.execPath, okr('stale').slice(1), { cwd: dir, env: { ...process.env, ...ENV }, stdio: 'ignore' });
  if (result.status !== 0) throw new Error('okr stale failed while warming the history caches');
};
const dropCaches = (dir) => () => rmSync(join(dir, '.git', 'okr'), { recursive: true, force: true });

const daysBefore = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

export const benches = [
  {
    name: 'history.ref',
    title: 'okr history REF on 20,000 commits (a key result of a team whose folder was renamed)',
    run() {
      const { dir, meta } = repo();
      info(`REF ${meta.ref}: its file had ${meta.paths.length} paths, ${meta.refCheckins} check-ins of its team`);
      const [history, cold, base] = measure(
        [
          { label: 'okr history', argv: okr('history', meta.ref), cwd: dir, env: ENV, timeoutMs: timeoutMs(), before: warmCaches(dir) },
          { label: 'okr history (cold)', argv: okr('history', meta.ref), cwd: dir, env: ENV, timeoutMs: timeoutMs(), before: dropCaches(dir) },
          { label: 'floor', argv: [process.execPath, floor, 'file', dir, meta.paths[meta.paths.length - 1]] },
        ],
        { runs: runs() },
      );
      line(`okr history ${meta.ref} (caches warm)`, history);
      line(`okr history ${meta.ref} (no .git/okr)`, cold);
      line('floor: git log --follow -- <file> + cat-file', base);
      goal('okr history REF (caches warm)', valueOf(history), '<', 700, 'ms', { detail: `(${ratio(history, base)?.toFixed(1)}x its floor)` });
      goal('okr history REF (no .git/okr)', valueOf(cold), '<', 700, 'ms', { detail: `(${ratio(cold, base)?.toFixed(1)}x its floor)` });
    },
  },
  {
    name: 'history.log',
    title: 'okr log --since 30d on 20,000 commits',
    run() {
      const { dir } = repo();
      const since = daysBefore(TODAY, 30);
      const [log, cold, base] = measure(
        [
          { label: 'okr log --since 30d', argv: okr('log', '--since', '30d'), cwd: dir, env: ENV, timeoutMs: timeoutMs(), before: warmCaches(dir) },
          { label: 'okr log --since 30d (cold)', argv: okr('log', '--since', '30d'), cwd: dir, env: ENV, timeoutMs: timeoutMs(), before: dropCaches(dir) },
          { label: 'floor', argv: [process.execPath, floor, 'since', dir, `${since}T00:00:00Z`] },
        ],
        { runs: runs() },
      );
      line('okr log --since 30d (caches warm)', log);
      line('okr log --since 30d (no .git/okr)', cold);
      line(`floor: git log --since ${since} + cat-file`, base);
      goal('okr log --since 30d (caches warm)', valueOf(log), '<', 1000, 'ms', { detail: `(${ratio(log, base)?.toFixed(1)}x its floor)` });
      goal('okr log --since 30d (no .git/okr)', valueOf(cold), '<', 1000, 'ms', { detail: `(${ratio(cold, base)?.toFixed(1)}x its floor)` });
    },
  },
  {
    name: 'history.stale',
    title: 'okr stale on 20,000 commits (and the git log okr runs today, for reference)',
    run() {
      const { dir } = repo();
      const [stale, base, fullLog] = measure(
        [
          { label: 'okr stale', argv: okr('stale'), cwd: dir, env: ENV, timeoutMs: timeoutMs() },
          { label: 'floor', argv: [process.execPath, floor, 'state', dir] },
          // What okr's history reading asks git for today: every commit over teams/, with rename detection.
          { label: 'git log -M --raw -- teams/', argv: ['git', 'log', '--parents', '--date-order', '--diff-merges=first-parent', '-M', '--raw', '--no-abbrev', '-z', '--format=%H%x00%an%x00%aI%x00%B', 'HEAD', '--', 'teams/'], cwd: dir },
        ],
        { runs: runs() },
      );
      line('okr stale', stale);
      line('floor: read+parse files || git log --raw', base);
      line('git log -M --raw -- teams/ (reference)', fullLog);
      goal('okr stale', valueOf(stale), '<', 1500, 'ms', { detail: `(${ratio(stale, base)?.toFixed(1)}x its floor)` });
    },
  },
  {
    name: 'history.status',
    title: 'okr status on 20,000 commits (last check-in and stale columns)',
    run() {
      const { dir } = repo();
      const [status, base] = measure(
        [
          { label: 'okr status', argv: okr('status'), cwd: dir, env: ENV, timeoutMs: timeoutMs() },
          { label: 'floor', argv: [process.execPath, floor, 'state', dir] },
        ],
        { runs: runs() },
      );
      line('okr status', status);
      line('floor: read+parse files || git log --raw', base);
      goal('okr status (1k teams, 20k commits)', valueOf(status), '<', 1500, 'ms', { detail: `(${ratio(status, base)?.toFixed(1)}x its floor)` });
    },
  },
  {
    name: 'history.checkin',
    title: 'okr checkin of one key result on 20,000 commits (for reference: no goal in issue 16)',
    run() {
      const { dir, meta } = repo();
      // Each check-in must change a value, so the runs cannot repeat one command line; the repository
      // is put back as generated afterwards.
      const head = git(dir, ['rev-parse', 'HEAD']).trim();
      const ref = meta.ref.replace(/k1$/, 'k3'); // a guardrail: any number is a valid value
      let value = 0;
      const times = [];
      try {
        for (let run = 0; run <= runs(true); run++) {
          const started = process.hrtime.bigint();
          const result = spawnSync(process.execPath, [...okr('checkin', `${ref}=0.${++value}5`, '-m', 'bench').slice(1)], {
            cwd: dir,
            env: { ...process.env, ...GIT_IDENTITY, ...ENV },
            encoding: 'utf8',
          });
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          if (result.status !== 0) throw new Error(`okr checkin failed: ${result.stderr}`);
          if (run > 0) times.push(ms);
        }
      } finally {
        git(dir, ['reset', '-q', '--hard', head]);
      }
      times.sort((a, b) => a - b);
      const n = times.length;
      line(`okr checkin ${ref}=...`, { median: n % 2 ? times[(n - 1) / 2] : (times[n / 2 - 1] + times[n / 2]) / 2, min: times[0], max: times[n - 1], runs: n });
    },
  },
];
