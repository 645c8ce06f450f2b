// The read commands at organisation scale (issue 16, items 5 and 6): tree, status and diff at 10,000
// teams, tree --json's peak memory at 30,000, start-up on the bundled example, and linear growth.
import { join } from 'node:path';
import { BENCH_CHECKOUT, ENV, okr, runs, teams, thousands } from '../context.mjs';
import { measure } from '../measure.mjs';
import { goal, info, line, valueOf } from '../report.mjs';
import { gitWorkspace, plainWorkspace } from '../workspaces.mjs';

const example = process.env.OKR_BENCH_EXAMPLE || join(BENCH_CHECKOUT, 'examples', 'acme');

export const benches = [
  {
    name: 'views.tree',
    title: 'okr tree at 10,000 teams (text, and --json for reference)',
    run() {
      const n = teams(10_000);
      const dir = plainWorkspace(n);
      const [text, json] = measure(
        [
          { label: 'okr tree', argv: okr('tree'), cwd: dir, env: ENV },
          { label: 'okr tree --json', argv: okr('tree', '--json'), cwd: dir, env: ENV },
        ],
        { runs: runs() },
      );
      line(`okr tree, ${thousands(n)} teams`, text);
      line(`okr tree --json, ${thousands(n)} teams`, json);
      goal('okr tree', valueOf(text), '<', 2000, 'ms');
    },
  },
  {
    name: 'views.status',
    title: 'okr status at 10,000 teams in git (last check-in and stale columns from history)',
    run() {
      const n = teams(10_000);
      const [status, outside] = measure(
        [
          { label: 'okr status, in git', argv: okr('status'), cwd: gitWorkspace(n), env: ENV },
          { label: 'okr status, outside git', argv: okr('status'), cwd: plainWorkspace(n), env: ENV },
        ],
        { runs: runs() },
      );
      line(`okr status, ${thousands(n)} teams, in git`, status);
      line(`okr status, outside git (no history)`, outside);
      goal('okr status (in git)', valueOf(status), '<', 2000, 'ms');
    },
  },
  {
    name: 'views.diff',
    title: 'okr diff base head at 10,000 teams (1% of the key results changed)',
    run() {
      const n = teams(10_000);
      const dir = gitWorkspace(n);
      const [diff, stat] = measure(
        [
          { label: 'okr diff base head', argv: okr('diff', 'base', 'head'), cwd: dir, env: ENV },
          { label: 'git diff --stat base head', argv: ['git', 'diff', '--stat', 'base', 'head'], cwd: dir },
        ],
        { runs: runs() },
      );
      line(`okr diff base head, ${thousands(n)} teams`, diff);
      line('git diff --stat base head (reference)', stat);
      goal('okr diff base head', valueOf(diff), '<', 2000, 'ms');
    },
  },
  {
    name: 'memory.tree-json',
    title: 'okr tree --json at 30,000 teams: peak resident memory of the process',
    run() {
      const n = teams(30_000);
      const [tree] = measure([{ label: 'okr tree --json', argv: okr('tree', '--json'), cwd: plainWorkspace(n), env: ENV }], { runs: runs(true) });
      line(`okr tree --json, ${thousands(n)} teams`, tree);
      goal('peak RSS of okr tree --json', tree.peakMB ?? null, '<', 600, 'MB', { why: 'no /usr/bin/time to measure it' });
    },
  },
  {
    name: 'startup.acme',
    title: 'start-up: okr check and okr tree on the bundled example (examples/acme, in this git checkout)',
    run() {
      const many = Math.max(runs(), 10);
      const [version, check, tree, bare] = measure(
        [
          { label: 'okr --version', argv: okr('--version') },
          { label: 'okr check -C examples/acme', argv: okr('check', '-C', example), env: ENV, codes: [0, 1] },
          { label: 'okr tree -C examples/acme', argv: okr('tree', '-C', example), env: ENV },
          { label: 'node -e 0', argv: [process.execPath, '-e', '0'] },
        ],
        { runs: many },
      );
      line('node -e 0 (Node start-up alone)', bare);
      line('okr --version', version);
      line('okr check -C examples/acme', check);
      line('okr tree -C examples/acme', tree);
      goal('okr check -C examples/acme', valueOf(check), '<', 150, 'ms');
      goal('okr tree -C examples/acme', valueOf(tree), '<', 150, 'ms');
    },
  },
  {
    name: 'growth',
    title: 'linear growth: okr check at 1,000, 10,000 and 30,000 teams, outside git',
    run() {
      const sizes = [teams(1000), teams(10_000), teams(30_000)];
      const timings = measure(
        [
          { label: 'node -e 0', argv: [process.execPath, '-e', '0'] },
          ...sizes.map((n) => ({ label: `okr check, ${n}`, argv: okr('check'), cwd: plainWorkspace(n), env: ENV })),
        ],
        { runs: runs(true) },
      );
      const [bare, ...checks] = timings;
      const perTeam = checks.map((t, i) => t.median / sizes[i]);
      const net = checks.map((t, i) => (t.median - bare.median) / sizes[i]);
      checks.forEach((t, i) => line(`okr check, ${thousands(sizes[i])} teams`, t));
      sizes.forEach((n, i) =>
        info(`${thousands(n).padStart(6)} teams: ${(perTeam[i] * 1000).toFixed(0)} µs a team (${(net[i] * 1000).toFixed(0)} µs without Node's start-up of ${bare.median.toFixed(0)} ms)`),
      );
      info(`30k/1k per team without start-up: ${(net[2] / net[0]).toFixed(2)}x (for reference)`);
      if (checks.every((t) => t.cpu)) info(`30k/1k per team by CPU time: ${((checks[2].cpu / sizes[2]) / (checks[0].cpu / sizes[0])).toFixed(2)}x (for reference; steadier on a loaded machine)`);
      goal('time a team, 30k / 1k', checks[2].timedOut ? Infinity : perTeam[2] / perTeam[0], '<=', 1.3, 'x');
    },
  },
];
