// The generated inputs of the benchmarks, cached by their parameters so a rerun starts measuring at
// once: a folder per parameter set, and beside it `<folder>.json` naming the parameters, written last
// (a build cut short is redone). Bump GENERATION when a generator changes what it writes.
//
// Where: OKR_BENCH_CACHE, else .bench/ in this checkout (gitignored). A workspace measured "outside
// git" must not sit inside any git work tree (okr walks up to the nearest .git, and .bench/ is inside
// this checkout), so those go to OKR_BENCH_OUTSIDE_GIT, else <tmpdir>/okr-bench-<uid>/ when the cache
// itself is inside a work tree.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANGED_EVERY, cycleFileText, generateWorkspace, teamId } from './generate-workspace.mjs';

export const GENERATION = 3;
const checkout = fileURLToPath(new URL('..', import.meta.url));

export function insideGitWorkTree(dir) {
  for (let folder = resolve(dir); ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}

export function cacheRoot() {
  return resolve(process.env.OKR_BENCH_CACHE || join(checkout, '.bench'));
}

export function outsideGitRoot() {
  if (process.env.OKR_BENCH_OUTSIDE_GIT) return resolve(process.env.OKR_BENCH_OUTSIDE_GIT);
  const root = cacheRoot();
  return insideGitWorkTree(root) ? join(tmpdir(), `okr-bench-${process.getuid?.() ?? 'user'}`) : root;
}

/** Returns `dir`, building it with `build(dir)` unless a complete build with the same parameters is there. */
export function cached(dir, params, build, describe = '') {
  const marker = `${dir}.json`;
  const wanted = JSON.stringify({ generation: GENERATION, ...params });
  if (existsSync(marker) && existsSync(dir) && readFileSync(marker, 'utf8') === wanted) return dir;
  rmSync(dir, { recursive: true, force: true });
  rmSync(marker, { force: true });
  mkdirSync(dirname(dir), { recursive: true });
  const started = Date.now();
  process.stdout.write(`  (generating ${describe || dir} ...`);
  build(dir);
  writeFileSync(marker, wanted);
  console.log(` ${((Date.now() - started) / 1000).toFixed(1)} s: ${dir})`);
  return dir;
}

/**
 * A workspace of `teams` teams in no git repository, as the "head" commit of gitWorkspace() has it
 * (1% of the cycle files one variant on). With `dangling`, every team has one dangling reference.
 */
export function plainWorkspace(teams, { dangling = false } = {}) {
  const root = outsideGitRoot();
  const dir = join(root, `ws-${teams}${dangling ? '-dangling' : ''}-g${GENERATION}`);
  const built = cached(dir, { kind: 'plain', teams, dangling }, (d) => generateWorkspace(d, teams, 0, { dangling, head: true }), `${teams} teams${dangling ? ', one dangling reference each' : ''}, outside git`);
  const repo = insideGitWorkTree(built);
  if (repo) throw new Error(`${built} is inside the git work tree ${repo}: set OKR_BENCH_OUTSIDE_GIT to a folder outside any repository`);
  return built;
}

export const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@bench.example',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@bench.example',
};

/** git with no user or system config, so a person's settings cannot change what is generated. */
export function git(cwd, args, { input, env } = {}) {
  return execFileSync('git', args, {
    cwd,
    input,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...GIT_IDENTITY, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
}

/**
 * The same workspace as a git repository of two commits: tag `base` (every cycle file variant 0,
 * committed 2026-11-16) and tag `head` (1% of the key results changed, 2026-11-20), checked out at head.
 * For check in git, status with history, and diff base head. Both commits are within the 14 days of
 * `stale_after_days` on the day evaluated (2026-11-25), so the stale rule runs but finds nothing: what
 * check in git costs over check outside git is then reading history, not reporting 100,000 warnings.
 */
export function gitWorkspace(teams) {
  const dates = { base: '2026-11-16', head: '2026-11-20' };
  const dir = join(cacheRoot(), `git-${teams}-g${GENERATION}`);
  return cached(
    dir,
    { kind: 'git', teams, dates },
    (d) => {
      generateWorkspace(d, teams, 0);
      git(d, ['init', '-q', '-b', 'main']);
      git(d, ['config', 'commit.gpgsign', 'false']);
      git(d, ['config', 'user.name', 'Bench']);
      git(d, ['config', 'user.email', 'bench@bench.example']);
      git(d, ['add', '-A']);
      const at = (day) => ({ GIT_AUTHOR_DATE: `${day}T10:00:00Z`, GIT_COMMITTER_DATE: `${day}T10:00:00Z` });
      git(d, ['commit', '-q', '-m', 'Goals for 2026-Q4'], { env: at(dates.base) });
      git(d, ['tag', 'base']);
      for (let i = 0; i < teams; i += CHANGED_EVERY) writeFileSync(join(d, 'teams', teamId(i), '2026-Q4.yaml'), cycleFileText(i, teams, 1));
      git(d, ['commit', '-q', '-am', 'Weekly check-ins'], { env: at(dates.head) });
      git(d, ['tag', 'head']);
    },
    `${teams} teams in git (commits base and head)`,
  );
}

