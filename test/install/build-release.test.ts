// scripts/build.mjs where the dev dependencies are missing (as npm prepares a global install from
// git), and scripts/release.mjs, whose tags carry the built package so such installs need no build.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientEnv } from '../support/clients.js';
import { DIST_ENTRY, makeRelease, VERSION } from '../support/release.js';
import { PROJECT_ROOT } from '../support/run-cli.js';
import { git, tempDir } from '../support/temp-repo.js';

/** A copy of what the build reads, with no node_modules: TypeScript is missing. */
function sourcesWithoutDependencies(): string {
  const dir = tempDir('okr-build-');
  for (const path of ['src', 'schemas', 'scripts', 'tsconfig.json', 'package.json']) cpSync(join(PROJECT_ROOT, path), join(dir, path), { recursive: true });
  return dir;
}

function build(dir: string, vars: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, encoding: 'utf8', env: clientEnv(vars) });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Puts a build into `dir`/dist as a release has it: the project's dist/, stamped for `dir`'s sources. */
function prebuild(dir: string): void {
  cpSync(join(PROJECT_ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  const stamp = `import('./scripts/build-stamp.mjs').then((m) => m.writeStamp('.', { version: '${VERSION}', sources: m.sourceFingerprint('.'), typescript: '5' }))`;
  expect(spawnSync(process.execPath, ['-e', stamp], { cwd: dir }).status).toBe(0);
}

describe('scripts/build.mjs without the dev dependencies', () => {
  it('says the TypeScript compiler is missing, and how to get it, rather than "TypeScript reported errors"', () => {
    const run = build(sourcesWithoutDependencies());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^build: cannot compile okr: the TypeScript compiler \(dev dependency "typescript"\) is not installed in \S+\/node_modules, and there is no intact prebuilt dist\/ \(dist\/build\.json\)\.\nRun npm install \(it installs the dev dependencies\), then build again\.\n$/);
    expect(run.stderr).not.toMatch(/reported errors|Cannot find module|at .*\.mjs:\d+/);
  });

  it('in a global install from git, points to a release tag, which carries the built files', () => {
    const run = build(sourcesWithoutDependencies(), { npm_config_global: 'true' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('npm installs a package from git globally without its dependencies (npm/cli#8440)');
    expect(run.stderr).toContain(`npm install -g git+https://github.com/okr-cli/okr.git#semver:^${VERSION}`);
    expect(run.stderr).toContain('npm link');
  });

  it('uses a prebuilt dist/ made from exactly these sources, and refuses one made from others or changed since', () => {
    const dir = sourcesWithoutDependencies();
    prebuild(dir);
    const cli = readFileSync(join(dir, DIST_ENTRY));
    const ok = build(dir);
    expect(ok.stderr).toBe('build: dist/ is up to date with the sources (TypeScript is not installed, and not needed).\n');
    expect(ok.code).toBe(0);
    expect(readFileSync(join(dir, DIST_ENTRY))).toEqual(cli);

    writeFileSync(join(dir, DIST_ENTRY), `${cli}\n// edited\n`);
    expect(build(dir).stderr).toContain('and there is no intact prebuilt dist/');
    writeFileSync(join(dir, DIST_ENTRY), cli);
    expect(build(dir).code).toBe(0);

    writeFileSync(join(dir, 'src/version.ts'), `${readFileSync(join(dir, 'src/version.ts'), 'utf8')}// changed\n`);
    const stale = build(dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('and dist/ was built from other sources than these.');
  });
});

describe('scripts/release.mjs', () => {
  const release = makeRelease();
  const { repo, tag } = release;

  it('tags a commit on top of main that adds dist/, with package.json and the lock file of the installed package', () => {
    expect(release.output).toMatch(new RegExp(`^Tagged ${tag.replace(/\./g, '\\.')}: commit [0-9a-f]{12}, the sources of [0-9a-f]{12} plus dist/ \\(\\d+ files\\)\\.\\nNo branch moved\\. Publish it with: git push origin ${tag.replace(/\./g, '\\.')}\\n$`));
    const main = git(repo, ['rev-parse', 'main']).trim();
    expect(git(repo, ['rev-parse', `${tag}^{commit}^`]).trim()).toBe(main);
    expect(git(repo, ['cat-file', '-t', tag]).trim()).toBe('tag'); // annotated
    expect(git(repo, ['ls-tree', '-r', '--name-only', 'main', '--', 'dist']).trim()).toBe('');
    const changed = git(repo, ['diff', '--name-only', 'main', tag]).trim().split('\n');
    expect(changed).toContain(DIST_ENTRY);
    expect(changed).toContain('dist/validators.cjs');
    expect(changed).toContain('dist/build.json');
    expect(changed.filter((f) => !f.startsWith('dist/'))).toEqual(['package-lock.json', 'package.json']);
    // No scripts (npm would prepare the package), no dev dependencies (pre-commit would install them).
    const before = JSON.parse(git(repo, ['show', 'main:package.json']));
    const after = JSON.parse(git(repo, ['show', `${tag}:package.json`]));
    expect(before.scripts.prepare).toBeDefined();
    const { scripts: _scripts, devDependencies: _dev, ...installed } = before;
    expect(after).toEqual(installed);
    expect(Object.keys(after)).toEqual(Object.keys(installed));
    const lockBefore = JSON.parse(git(repo, ['show', 'main:package-lock.json']));
    const lockAfter = JSON.parse(git(repo, ['show', `${tag}:package-lock.json`]));
    expect(lockAfter.packages[''].devDependencies).toBeUndefined();
    expect(lockAfter.packages[''].dependencies).toEqual(before.dependencies);
    const kept = Object.keys(lockAfter.packages);
    expect(kept).toEqual(Object.keys(lockBefore.packages).filter((p) => lockBefore.packages[p].dev !== true));
    expect(kept).toContain('node_modules/ajv');
    expect(kept).not.toContain('node_modules/typescript');
    expect(git(repo, ['status', '--porcelain', '--untracked-files=no']).trim()).toBe(''); // index and work tree untouched
  });

  it('refuses to tag a version twice, or a work tree with uncommitted changes', () => {
    const again = spawnSync(process.execPath, ['scripts/release.mjs'], { cwd: repo, encoding: 'utf8', env: clientEnv() });
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(`release: tag ${tag} exists already.\nRaise the version in package.json and src/version.ts first.\n`);
    writeFileSync(join(repo, 'README.md'), 'changed\n');
    const dirty = spawnSync(process.execPath, ['scripts/release.mjs'], { cwd: repo, encoding: 'utf8', env: clientEnv() });
    expect(dirty.status).toBe(1);
    expect(dirty.stderr).toMatch(/^release: the work tree has uncommitted changes; a release is built from a commit\./);
  });
});
