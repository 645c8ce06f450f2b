// The pre-commit framework installs okr's hooks (.pre-commit-hooks.yaml, language: node) from a
// local repository standing for okr's, at its release tag, as `rev: v…` does, and runs them on a goals
// repository: a clean workspace passes, a broken goal file fails the commit with okr's finding.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientEnv, findClient, requireClient, runClient } from '../support/clients.js';
import { makeRelease } from '../support/release.js';
import { copyExample, git, tempDir } from '../support/temp-repo.js';

const CLIENT_TIMEOUT = 240_000;

describe('pre-commit try-repo with the okr-check hook', () => {
  it(
    'passes on a clean workspace and fails on a broken goal file, with the finding',
    async (ctx) => {
      const preCommit = requireClient(ctx, findClient(['pre-commit'], ['--version']), 'pre-commit', 'apt-get install -y pre-commit');
      const { repo, tag } = makeRelease();
      const clean = copyExample('acme', { repo: true });
      const broken = copyExample('acme', { repo: true });
      writeFileSync(join(broken, 'teams/sre/team.yaml'), 'name: [\n');
      git(broken, ['add', 'teams/sre/team.yaml']);
      // try-repo installs the hook into a new temporary store each time; the two run at once.
      const tryRepo = async (goals: string) => {
        const env = clientEnv({ PRE_COMMIT_HOME: tempDir('okr-pre-commit-home-'), OKR_TODAY: '2026-11-25', npm_config_prefer_offline: 'true' });
        const run = await runClient(preCommit, ['try-repo', repo, 'okr-check', '--ref', tag, '--all-files', '--color', 'never'], { cwd: goals, env, timeout: CLIENT_TIMEOUT });
        return { code: run.code, output: `${run.stdout}${run.stderr}` };
      };
      const [passed, failed] = await Promise.all([tryRepo(clean), tryRepo(broken)]);

      expect(passed.output).toMatch(/^okr check\.+Passed$/m);
      expect(passed.code).toBe(0);
      expect(failed.output).toMatch(/^okr check\.+Failed$/m);
      expect(failed.output).toMatch(/^- exit code: 1$/m);
      expect(failed.output).toMatch(/^teams\/sre\/team\.yaml:1:7 error yaml-syntax /m);
      expect(failed.code).toBe(1);
    },
    CLIENT_TIMEOUT,
  );
});
