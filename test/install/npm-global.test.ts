// `npm install -g git+…`, run for real into an empty prefix, from a local repository standing for
// okr's (test/support/release.ts): a release tag installs and runs; an untagged commit, which npm
// cannot build, fails with the reason and what to do instead.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientEnv, runClient } from '../support/clients.js';
import { DIST_ENTRY, makeRelease } from '../support/release.js';
import { copyExample, tempDir } from '../support/temp-repo.js';

const CLIENT_TIMEOUT = 240_000;

async function npmInstallGlobal(spec: string) {
  const prefix = tempDir('okr-npm-prefix-');
  const run = await runClient('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', spec], { cwd: tempDir(), env: clientEnv({ npm_config_prefer_offline: 'true' }), timeout: CLIENT_TIMEOUT });
  return { prefix, code: run.code, output: `${run.stdout}${run.stderr}` };
}

function installedOkr(prefix: string, args: string[], cwd: string) {
  const run = spawnSync(join(prefix, 'bin', 'okr'), args, { cwd, encoding: 'utf8', env: clientEnv({ OKR_TODAY: '2026-11-25' }) });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

// The two installs run at once: they wait on npm more than on the processor.
describe.concurrent('npm install -g from git', () => {
  const release = makeRelease();

  it(
    'a release tag installs with no build, and the installed okr runs',
    async () => {
      const install = await npmInstallGlobal(`git+file://${release.repo}#${release.tag}`);
      expect(install.output).not.toMatch(/npm error/);
      expect(install.code).toBe(0);
      const pkg = join(install.prefix, 'lib', 'node_modules', 'okr');
      // A real folder: not npm 11's link into a temporary clone (npm/cli#3692), which is gone by now.
      expect(lstatSync(pkg).isSymbolicLink()).toBe(false);
      expect(existsSync(join(pkg, DIST_ENTRY))).toBe(true);
      expect(existsSync(join(pkg, 'src'))).toBe(false);
      expect(existsSync(join(pkg, 'node_modules', 'typescript'))).toBe(false); // no dev dependencies

      expect(installedOkr(install.prefix, ['--version'], tempDir()).stdout.trim()).toBe(release.version);
      const goals = copyExample('acme');
      const clean = installedOkr(install.prefix, ['check'], goals);
      expect(clean.stderr).toBe('');
      expect(clean.code).toBe(0);
      writeFileSync(join(goals, 'teams/sre/team.yaml'), 'name: [\n');
      const broken = installedOkr(install.prefix, ['check'], goals);
      expect(broken.stdout).toMatch(/^teams\/sre\/team\.yaml:\d+:\d+ error /m);
      expect(broken.code).toBe(1);
    },
    CLIENT_TIMEOUT,
  );

  it(
    'an untagged commit fails with the real reason (npm prepares it without TypeScript) and points to a release',
    async () => {
      const install = await npmInstallGlobal(`git+file://${release.repo}`);
      expect(install.code).not.toBe(0);
      expect(install.output).toContain('build: cannot compile okr: the TypeScript compiler (dev dependency "typescript") is not installed');
      expect(install.output).toContain(`#semver:^${release.version}`);
      expect(install.output).not.toMatch(/reported errors/);
      expect(existsSync(join(install.prefix, 'bin', 'okr'))).toBe(false);
    },
    CLIENT_TIMEOUT,
  );
});
