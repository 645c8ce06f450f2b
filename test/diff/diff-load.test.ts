import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDiffSides, type DiffSideLoad } from '../../src/app/load-diff-sides.js';
import { openSession } from '../../src/app/session.js';
import type { Environment } from '../../src/env.js';
import { resolveDiffSpec, parseDiffArgs } from '../../src/git/diff-sides.js';
import { readRevisionFiles } from '../../src/workspace/revision-files.js';
import { loadWorkspace, type LoadedWorkspace } from '../../src/workspace/load.js';
import { readWorkspaceFolder } from '../../src/workspace/source.js';
import { cpSync } from 'node:fs';
import { EXAMPLES } from '../support/run-cli.js';
import { commitAll, copyExample, git, tempDir } from '../support/temp-repo.js';

const env = (cwd: string, vars: Record<string, string> = {}, stderr: string[] = []): Environment => ({
  cwd,
  stdout: { write: () => undefined, isTTY: false },
  stderr: { write: (s: string) => void stderr.push(s), isTTY: false },
  vars,
  today: '2026-11-25',
});

/** What okr diff needs of a side, from the shared load or from a load of its own: the workspace, the files, the error count. */
function comparable(loaded: LoadedWorkspace | DiffSideLoad) {
  const errors = 'findings' in loaded ? loaded.findings.filter((f) => f.severity === 'error').length : loaded.errors;
  return { workspace: loaded.workspace, files: loaded.files, errors };
}

async function bothWays(dir: string, args: string[], reverse = false) {
  const session = openSession(env(dir));
  const repository = await session.requireRepository();
  const ends = await resolveDiffSpec(repository.git, parseDiffArgs(args, reverse));
  const shared = await loadDiffSides(session, repository, ends);
  const alone = async (end: typeof ends.base) =>
    loadWorkspace(end.kind === 'worktree' ? readWorkspaceFolder(dir) : await readRevisionFiles(repository, end.commit, 1024 * 1024));
  return { shared, base: await alone(ends.base), head: await alone(ends.head) };
}

describe('loading both sides with shared analyses', () => {
  it('gives exactly what loading each side on its own gives: revisions, the work tree, and -R', async () => {
    const dir = copyExample('acme', { repo: true });
    writeFileSync(join(dir, 'teams/sre/2026-Q4.yaml'), '\ufeff' + 'objectives: []\r\n'); // BOM and CRLF
    writeFileSync(join(dir, 'teams/fraud/2026-Q4.yaml'), 'objectives: [broken\n');
    commitAll(dir, 'odd files');
    git(dir, ['rm', '-q', 'teams/support/2026-Q4.yaml']);
    writeFileSync(join(dir, 'teams/mobile/2026-Q4.yaml'), 'objectives: []\n');
    writeFileSync(join(dir, 'teams/payments/2027.yaml'), 'objectives: []\n');
    symlinkSync('../payments/2026.yaml', join(dir, 'teams/growth/2027.yaml'));
    commitAll(dir, 'more');
    writeFileSync(join(dir, 'teams/sales/2026-Q4.yaml'), 'objectives: []\n'); // uncommitted

    const cases: [string[], boolean][] = [
      [['HEAD~1', 'HEAD'], false],
      [['HEAD~2', 'HEAD'], false],
      [['HEAD', 'HEAD~2'], false],
      [['HEAD~1'], false],
      [[], false],
      [['HEAD~2'], true],
    ];
    for (const [args, reverse] of cases) {
      const { shared, base, head } = await bothWays(dir, args, reverse);
      expect(comparable(shared.base)).toEqual(comparable(base));
      expect(comparable(shared.head)).toEqual(comparable(head));
    }
  });

  it('a sha256 repository: the work tree\'s files are keyed as git would, so unchanged files are analysed once', async () => {
    const dir = tempDir('okr-sha256-');
    git(dir, ['init', '-q', '-b', 'main', '--object-format=sha256']);
    cpSync(join(EXAMPLES, 'acme'), dir, { recursive: true });
    commitAll(dir, 'import acme');
    writeFileSync(join(dir, 'teams/sre/2026-Q4.yaml'), 'objectives: []\n');
    const stderr: string[] = [];
    const session = openSession(env(dir, { OKR_DEBUG: '1' }, stderr));
    const repository = await session.requireRepository();
    const ends = await resolveDiffSpec(repository.git, parseDiffArgs([]));
    const shared = await loadDiffSides(session, repository, ends);
    const files = shared.base.files.length;
    expect(files).toBeGreaterThan(10);
    expect(stderr.join('')).toContain(`diff: ${files - 1} files the same on both sides, analysed once; 1 differ`);
    expect(comparable(shared.base)).toEqual(comparable(loadWorkspace(await readRevisionFiles(repository, 'HEAD', 1024 * 1024))));
    expect(comparable(shared.head)).toEqual(comparable(loadWorkspace(readWorkspaceFolder(dir))));
  });

  it('a side git cannot list fails the load with git\'s message, and nothing is left unhandled', async () => {
    const dir = copyExample('acme', { repo: true });
    const session = openSession(env(dir));
    const repository = await session.requireRepository();
    const missing = (rev: string) => ({ kind: 'revision' as const, rev, commit: 'f'.repeat(40) });
    // Both sides fail: head's failure is thrown first, and base's, never awaited, must not go unhandled.
    await expect(loadDiffSides(session, repository, { base: missing('a'), head: missing('b') })).rejects.toThrow(/git ls-tree failed/);
    const head = { kind: 'revision' as const, rev: 'HEAD', commit: git(dir, ['rev-parse', 'HEAD']).trim() };
    await expect(loadDiffSides(session, repository, { base: missing('a'), head })).rejects.toThrow(/git ls-tree failed/);
    await expect(loadDiffSides(session, repository, { base: head, head: missing('b') })).rejects.toThrow(/git ls-tree failed/);
    // Give a stray rejection the time to surface (vitest fails the run on one).
    await new Promise((resolve) => setTimeout(resolve, 200));
  });
});
