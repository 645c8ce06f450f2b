// --as-of DAY on a workspace in git reads the goals as committed on that day, unless the goal files
// have uncommitted changes or nothing changed since.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { commitAll, copyExample, git, tempDir } from '../support/temp-repo.js';

const FILE = 'teams/payments/2026-Q4.yaml';
const KR = 'payments/faster-checkout/p95-latency';
const on = (day: string) => ({ GIT_AUTHOR_DATE: `${day}T10:00:00+00:00`, GIT_COMMITTER_DATE: `${day}T10:00:00+00:00` });

async function current(dir: string, ...args: string[]) {
  const result = await okr(['show', KR, '--json', '-C', dir, ...args]);
  expect(result.code).toBe(0);
  return { value: (JSON.parse(result.stdout) as { current: number }).current, stderr: result.stderr };
}

describe('--as-of in a repository', () => {
  const repo = () => {
    const dir = tempDir();
    git(dir, ['init', '-q', '-b', 'main']);
    git(dir, ['config', 'commit.gpgsign', 'false']);
    const acme = copyExample('acme');
    git(dir, ['--work-tree', acme, 'add', '-A']);
    git(dir, ['--work-tree', acme, 'commit', '-q', '-m', 'import'], on('2026-10-05'));
    git(dir, ['checkout', '-q', '--', '.']);
    const set = (value: number, day?: string) => {
      const path = join(dir, FILE);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/(p95-latency[\s\S]*?current: )\d+/, `$1${value}`));
      if (day) commitAll(dir, `p95 ${value}`, on(day));
    };
    set(500, '2026-11-10');
    set(420, '2026-11-20');
    return { dir, set };
  };

  it('reads the goals as committed on that day, and says so', async () => {
    const { dir } = repo();
    expect(await current(dir, '--as-of', '2026-11-12')).toEqual({
      value: 500,
      stderr: expect.stringMatching(/^okr: as of 2026-11-12: reading the goals as committed on 2026-11-10 \([0-9a-f]{7}\)\n/),
    });
    expect((await current(dir, '--as-of', '2026-11-10')).value).toBe(500); // that day itself counts
    expect((await current(dir, '--as-of', '2026-10-20')).value).toBe(410); // as imported
  });

  it('reads the work tree when nothing changed since that day, or before anything was committed', async () => {
    const { dir } = repo();
    expect(await current(dir, '--as-of', '2026-11-25')).toEqual({ value: 420, stderr: '' });
    expect(await current(dir, '--as-of', '2026-09-01')).toEqual({ value: 420, stderr: '' });
  });

  it('reads the work tree when the goal files have uncommitted changes', async () => {
    const { dir, set } = repo();
    set(400);
    expect(await current(dir, '--as-of', '2026-11-12')).toEqual({ value: 400, stderr: '' });
  });

  it('lets --at win over --as-of', async () => {
    const { dir } = repo();
    expect(await current(dir, '--as-of', '2026-11-12', '--at', 'HEAD')).toEqual({ value: 420, stderr: '' });
  });
});
