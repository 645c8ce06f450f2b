// A git repository that stands for okr's own: this project's work tree as one commit on main, and
// the release tag scripts/release.mjs makes from it. The clients that install okr from git (npm,
// pre-commit, the Actions runner) are pointed at it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { clientEnv } from './clients.js';
import { PROJECT_ROOT } from './run-cli.js';
import { commitAll, git, GIT_IDENTITY, makeRepo } from './temp-repo.js';

export interface Release {
  /** The repository (main: the work tree's files, committed). */
  readonly repo: string;
  /** The release tag, v<version>. */
  readonly tag: string;
  readonly version: string;
  /** What scripts/release.mjs printed. */
  readonly output: string;
}

/** The dist/ files bin/okr.js names (what it imports, the bundle it runs): the built program's entry points, wherever the build puts them. */
export const DIST_ENTRIES: string[] = [...readFileSync(join(PROJECT_ROOT, 'bin/okr.js'), 'utf8').matchAll(/'\.\.\/(dist\/[^']+)'/g)].map((m) => m[1]!);
/** The first of them, the command line. */
export const DIST_ENTRY: string = DIST_ENTRIES[0]!;

export const VERSION: string = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version;

/** Makes the repository and its release tag. */
export function makeRelease(): Release {
  const repo = makeRepo();
  // Tracked and new files, as they are in the work tree now (what the next commit would hold).
  const listed = git(PROJECT_ROOT, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).split('\0').filter(Boolean);
  for (const file of listed) {
    if (!existsSync(join(PROJECT_ROOT, file))) continue; // deleted, not yet committed
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    cpSync(join(PROJECT_ROOT, file), join(repo, file));
  }
  commitAll(repo, 'okr');
  // The build of `npm test` (reused when its stamp matches these sources) and the dev dependencies,
  // as a maintainer who runs the release has them.
  if (existsSync(join(PROJECT_ROOT, 'dist'))) cpSync(join(PROJECT_ROOT, 'dist'), join(repo, 'dist'), { recursive: true });
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(repo, 'node_modules'));
  const run = spawnSync(process.execPath, ['scripts/release.mjs'], { cwd: repo, encoding: 'utf8', env: clientEnv({ ...GIT_IDENTITY, GIT_CONFIG_NOSYSTEM: '1' }) });
  if (run.status !== 0) throw new Error(`scripts/release.mjs failed (${run.status}):\n${run.stdout}${run.stderr}`);
  return { repo, tag: `v${VERSION}`, version: VERSION, output: run.stdout };
}
