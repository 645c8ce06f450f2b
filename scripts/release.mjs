// Tags a release whose commit carries the built package, so that installing from git needs no build:
//   npm install -g git+https://github.com/okr-cli/okr.git#v0.1.0     (or #semver:^0.1.0)
//   pre-commit: rev: v0.1.0          GitHub Actions: uses: okr-cli/okr@v0.1.0
//
// Why: npm cannot build a package it installs globally from git. It prepares the clone without any of
// the package's dependencies (npm/cli#8440), so there is no TypeScript; and when the package has a
// prepare or build script at all, npm 11 leaves the global install as a link into a temporary clone
// that it deletes afterwards (npm/cli#3692). So the tag's commit is HEAD's tree plus dist/ (built and
// stamped by scripts/build.mjs), with package.json and package-lock.json as a package is installed:
// no scripts (nothing left to build) and no dev dependencies, which pre-commit would otherwise install
// into every hook environment (TypeScript, vitest, a browser driver). HEAD is its parent; no branch
// moves, and dist/ stays out of the branches (it is ignored there). To develop, use a branch.
//
// Usage: node scripts/release.mjs     tags v<version of package.json>; push the tag yourself.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { intactStamp, sourceFingerprint } from './build-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function fail(problem, fix) {
  console.error(`release: ${problem}`);
  if (fix) console.error(fix);
  process.exit(1);
}

function git(args, { env = process.env, input } = {}) {
  const run = spawnSync('git', args, { cwd: root, env, input, encoding: 'utf8' });
  if (run.error) fail(`could not run git: ${run.error.message}`, 'Install git.');
  if (run.status !== 0) fail(`git ${args[0]} failed: ${run.stderr.trim()}`);
  return run.stdout.trim();
}

const succeeds = (args) => spawnSync('git', args, { cwd: root, stdio: 'ignore' }).status === 0;

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tag = `v${pkg.version}`;

if (!succeeds(['rev-parse', '--is-inside-work-tree'])) fail(`${root} is not in a git work tree.`, 'Run it in a clone of okr.');
if (git(['status', '--porcelain', '--untracked-files=no'])) fail('the work tree has uncommitted changes; a release is built from a commit.', 'Commit or stash them, then run again.');
if (git(['status', '--porcelain', '--untracked-files=all', '--', 'src', 'schemas', 'scripts', 'tsconfig.json'])) {
  fail('untracked files under src/, schemas/ or scripts/ would be built into the release.', 'Commit or remove them, then run again.');
}
if (succeeds(['rev-parse', '--quiet', '--verify', `refs/tags/${tag}`])) fail(`tag ${tag} exists already.`, 'Raise the version in package.json and src/version.ts first.');
if (!existsSync(join(root, 'node_modules/typescript/bin/tsc'))) fail('TypeScript is not installed here, and a release is built from the sources.', 'Run npm install first.');

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) fail('the build failed (see above).');
const stamp = intactStamp(root);
if (!stamp || stamp.sources !== sourceFingerprint(root)) fail('dist/ does not match the sources after the build.');

// The package as installed: no scripts (npm prepares a git dependency that has a prepare, build or
// install script), no dev dependencies, and a lock file without the packages only they need.
const { scripts: _scripts, devDependencies: _devDependencies, ...released } = pkg;
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
if (lock.lockfileVersion < 2 || !lock.packages?.['']) fail('package-lock.json has no "packages" (lockfileVersion 2 or later).', 'Run npm install with npm 7 or later.');
delete lock.packages[''].devDependencies;
for (const [path, entry] of Object.entries(lock.packages)) if (entry.dev === true) delete lock.packages[path];

const head = git(['rev-parse', 'HEAD']);
const prefix = git(['rev-parse', '--show-prefix']); // the project's folder inside the repository
const scratch = mkdtempSync(join(tmpdir(), 'okr-release-'));
try {
  // A separate index: the user's index and work tree are not touched.
  const env = { ...process.env, GIT_INDEX_FILE: join(scratch, 'index') };
  git(['read-tree', head], { env });
  git(['add', '--force', '--', 'dist'], { env });
  for (const [file, content] of [['package.json', released], ['package-lock.json', lock]]) {
    const blob = git(['hash-object', '-w', '--stdin'], { input: `${JSON.stringify(content, null, 2)}\n` });
    git(['update-index', '--cacheinfo', `100644,${blob},${prefix}${file}`], { env });
  }
  const tree = git(['write-tree'], { env });
  const files = Object.keys(stamp.files).length + 1;
  const message =
    `okr ${pkg.version}: the sources of ${head.slice(0, 12)} and their build\n\n` +
    `dist/ (${files} files, built by scripts/build.mjs) is added; package.json and package-lock.json are\n` +
    'those of the installed package: no scripts, no dev dependencies. Installs from git need no build\n' +
    '(scripts/release.mjs says why).\n';
  const commit = git(['commit-tree', tree, '-p', head, '-m', message]);
  git(['tag', '-a', tag, '-m', `okr ${pkg.version}`, commit]);
  console.log(`Tagged ${tag}: commit ${commit.slice(0, 12)}, the sources of ${head.slice(0, 12)} plus dist/ (${files} files).`);
  console.log(`No branch moved. Publish it with: git push origin ${tag}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
