// Real git repositories in temporary folders, with a fixed identity, no signing and branch main,
// so tests run the same on a clean machine with no git configuration.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { EXAMPLES } from './run-cli.js';

export const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.test',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.test',
};

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty temporary folder, removed after the test file. */
export function tempDir(prefix = 'okr-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Runs git in `cwd` without a shell; returns stdout. */
export function git(cwd: string, args: readonly string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_IDENTITY, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Writes a map of relative paths to contents under `root`. */
export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** Initialises a repository (branch main, fixed identity, no signing) holding `files`, committed. */
export function makeRepo(files: Record<string, string | Buffer> = {}, message = 'initial'): string {
  const dir = tempDir('okr-repo-');
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', GIT_IDENTITY.GIT_AUTHOR_NAME]);
  git(dir, ['config', 'user.email', GIT_IDENTITY.GIT_AUTHOR_EMAIL]);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  writeFiles(dir, files);
  if (Object.keys(files).length) commitAll(dir, message);
  return dir;
}

export function commitAll(dir: string, message: string, env: Record<string, string> = {}): string {
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--no-verify', '-m', message], env);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

/** A copy of a bundled example in a temporary folder (optionally inside a new git repository). */
export function copyExample(name: string, { repo = false } = {}): string {
  const dir = repo ? makeRepo() : tempDir('okr-example-');
  cpSync(join(EXAMPLES, name), dir, { recursive: true });
  if (repo) commitAll(dir, `import ${name}`);
  return dir;
}
