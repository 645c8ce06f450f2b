// okr diff between two commits of a 10,000-team workspace (20,001 goal files a side) where 1% of the
// key results changed, timed as a whole process in each format, next to `okr check` of one side (the
// loading both sides share) and plain `git diff --stat` of the same commits. Budget (2 cores): < 3 s.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cycleFileText, generateWorkspace, teamId } from './generate-workspace.mjs';
import { fmt, OKR, timeProcess } from './measure.mjs';

const BUDGET_MS = 3000;
const N = 10000;
/** Every 100th team's cycle file takes the next variant: ~12 changed key results each, ~1% overall. */
const CHANGED_EVERY = 100;

const gitEnv = { GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@okr.invalid', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@okr.invalid' };
const run = (cwd, args) => execFileSync('git', args, { cwd, env: { ...process.env, ...gitEnv }, encoding: 'utf8', maxBuffer: 1 << 28 });

function prepare(dir) {
  const marker = join(dir, '.bench-ready');
  if (existsSync(marker)) return;
  generateWorkspace(dir, N, 0);
  run(dir, ['init', '-q', '-b', 'main']);
  run(dir, ['config', 'commit.gpgsign', 'false']);
  run(dir, ['add', '-A']);
  run(dir, ['commit', '-q', '-m', 'base']);
  run(dir, ['tag', 'base']);
  for (let i = 0; i < N; i += CHANGED_EVERY) writeFileSync(join(dir, 'teams', teamId(i), '2026-Q4.yaml'), cycleFileText(i, N, 1));
  run(dir, ['commit', '-q', '-am', 'check-ins']);
  run(dir, ['tag', 'head']);
  writeFileSync(marker, '');
}

export default async function bench() {
  const dir = `/tmp/okr-bench-diff-${N}`;
  prepare(dir);
  const env = { OKR_TODAY: '2026-11-25', NO_COLOR: '1' };
  const json = JSON.parse(execFileSync(process.execPath, [OKR, 'diff', 'base', 'head', '--json'], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 }));
  const krs = 12 * N;
  const changed = new Set(json.changes.filter((c) => c.kind === 'value-changed').map((c) => c.ref)).size;
  console.log(`${N} teams, ${krs} key results; ${changed} changed (${((100 * changed) / krs).toFixed(2)}%), ${json.changes.length} changes reported`);

  const text = timeProcess(process.execPath, [OKR, 'diff', 'base', 'head'], { cwd: dir, env, runs: 5 });
  const markdown = timeProcess(process.execPath, [OKR, 'diff', 'base...head', '--format', 'markdown'], { cwd: dir, env, runs: 5 });
  const jsonRun = timeProcess(process.execPath, [OKR, 'diff', 'base', 'head', '--json'], { cwd: dir, env, runs: 5 });
  const check = timeProcess(process.execPath, [OKR, 'check', '--at', 'head'], { cwd: dir, env, runs: 5 });
  const gitDiff = timeProcess('git', ['diff', '--stat', 'base', 'head'], { cwd: dir, runs: 5 });
  console.log(`  okr diff base head:             ${fmt(text)}   ${text.median < BUDGET_MS ? 'within' : 'OVER'} the ${BUDGET_MS} ms budget`);
  console.log(`  okr diff base...head markdown:  ${fmt(markdown)}`);
  console.log(`  okr diff base head --json:      ${fmt(jsonRun)}`);
  console.log(`  okr check --at head (one side): ${fmt(check)}`);
  console.log(`  git diff --stat base head:      ${fmt(gitDiff)}`);
  console.log(`  ratio diff / check of one side: ${(text.median / check.median).toFixed(2)}`);
}
