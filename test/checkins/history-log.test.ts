// The streaming parser of `git log` output: fed git's real output in chunks of any size (splitting
// fields, NULs and multi-byte characters), it yields exactly the commits of a parse in one piece.
// A log taken whole goes through a temporary file: the same commits, nothing left behind.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logArgs as goalLogArgs, LogParser, parseLog, readLog, type LogCommit } from '../../src/git/history-log.js';
import { GitFailed } from '../../src/git/process.js';
import { requireRepository } from '../../src/git/repository.js';
import { BIN, quietEnvironment, TEST_TODAY } from '../support/run-cli.js';
import { commitAll, git, tempDir, writeFiles } from '../support/temp-repo.js';
import { at, FILE, paymentsRepo, read } from './workspace.js';

function sampleRepo(): string {
  const dir = paymentsRepo('2026-10-01');
  writeFiles(dir, { [FILE]: read(dir).replace('current: 640', 'current: 600') });
  commitAll(dir, 'Ünïcödé subject ✓\n\nBody with\x1e a record separator and : colons\n\nOkr-Checkin: payments/faster-checkout/p95-latency\nOkr-Value: 600\nSigned-off-by: A <a@b>', at('2026-10-02'));
  git(dir, ['mv', 'teams/payments', 'teams/money']);
  commitAll(dir, 'rename', at('2026-10-03'));
  return dir;
}

function sampleOutput(): string {
  return execFileSync('git', goalLogArgs('HEAD', ['teams/']), { cwd: sampleRepo(), encoding: 'utf8' });
}

/** Runs `read` with TMPDIR set to `dir` (os.tmpdir() reads it on each call), then as it was. */
async function withTmpdir<T>(dir: string, read: () => Promise<T>): Promise<T> {
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await read();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
}

describe('git log parsing', () => {
  const out = sampleOutput();
  const whole = parseLog(out);

  it('reads commits, messages, git-parsed trailers and renames', () => {
    expect(whole.map((c) => c.subject)).toEqual(['rename', 'Ünïcödé subject ✓', 'import the goals']);
    expect(whole[0]!.changes.map((c) => [c.status, c.oldPath, c.path])).toEqual([
      ['R', 'teams/payments/2026-Q4.yaml', 'teams/money/2026-Q4.yaml'],
      ['R', 'teams/payments/team.yaml', 'teams/money/team.yaml'],
    ]);
    expect(whole[1]!.trailers).toEqual([
      { key: 'Okr-Checkin', value: 'payments/faster-checkout/p95-latency' },
      { key: 'Okr-Value', value: '600' },
      { key: 'Signed-off-by', value: 'A <a@b>' },
    ]);
    expect(whole[1]!.body).toContain('Body with\x1e a record separator');
    expect(whole[2]!.changes.every((c) => c.status === 'A' && c.oldBlob === undefined && c.newBlob !== undefined)).toBe(true);
    expect(whole[2]!.parents).toEqual([]);
    expect(whole[1]!.parents).toEqual([whole[2]!.id]);
  });

  it('gives the same commits however the output is cut into chunks', () => {
    const bytes = Buffer.from(out, 'utf8');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: bytes.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const parser = new LogParser();
        const decoder = new StringDecoder('utf8');
        const commits = [];
        let from = 0;
        for (const cut of [...points, bytes.length]) {
          commits.push(...parser.push(decoder.write(bytes.subarray(from, cut))));
          from = cut;
        }
        commits.push(...parser.push(decoder.end(), true));
        expect(commits).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a log taken whole (no onCommit) is spooled through a temporary file', () => {
  const dir = sampleRepo();
  const gitOf = async (cwd: string) => (await requireRepository(quietEnvironment(cwd), cwd)).git;

  it('gives the commits streaming gives, and leaves no file behind', async () => {
    const repo = await gitOf(dir);
    const streamed: LogCommit[] = [];
    const expected = await readLog(repo, { rev: 'HEAD', paths: ['teams/'], onCommit: (c) => streamed.push(c) });
    expect(streamed).toEqual(expected);
    expect(expected.map((c) => c.subject)).toEqual(['rename', 'Ünïcödé subject ✓', 'import the goals']);
    const tmp = tempDir('okr-spool-');
    const whole = await withTmpdir(tmp, () => readLog(repo, { rev: 'HEAD', paths: ['teams/'] }));
    expect(whole).toEqual(expected);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('streams instead where no temporary file can be made', async () => {
    const repo = await gitOf(dir);
    const expected = parseLog(sampleOutput());
    const missing = join(tempDir('okr-spool-'), 'no', 'such', 'folder');
    expect(await withTmpdir(missing, () => readLog(repo, { rev: 'HEAD', paths: ['teams/'] }))).toEqual(expected);
    const notAFolder = join(tempDir('okr-spool-'), 'file');
    writeFiles(notAFolder.slice(0, notAFolder.lastIndexOf('/')), { file: 'x' });
    expect(await withTmpdir(notAFolder, () => readLog(repo, { rev: 'HEAD', paths: ['teams/'] }))).toEqual(expected);
  });

  it("says git's error for a revision that does not exist, and leaves no file behind", async () => {
    const repo = await gitOf(dir);
    const tmp = tempDir('okr-spool-');
    const failing = withTmpdir(tmp, () => readLog(repo, { rev: 'e'.repeat(40), paths: ['teams/'] }));
    await expect(failing).rejects.toBeInstanceOf(GitFailed);
    await expect(failing).rejects.toThrow(/git log failed/);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('is read through a pipe when git cannot write the file (a file size limit), with the same output', () => {
    expect(Buffer.byteLength(sampleOutput())).toBeGreaterThan(1024); // more than `ulimit -f 1` lets git write
    const env = { ...process.env, NO_COLOR: '1', OKR_TODAY: TEST_TODAY };
    const argv = [BIN, 'log', '--json', '--since', '90d'];
    const free = spawnSync(process.execPath, argv, { cwd: dir, env, encoding: 'utf8' });
    const limited = spawnSync('sh', ['-c', 'ulimit -f 1 && exec "$0" "$@"', process.execPath, ...argv], { cwd: dir, env, encoding: 'utf8' });
    expect(free.status).toBe(0);
    expect(JSON.parse(free.stdout).checkins).toHaveLength(1);
    expect([limited.status, limited.stderr]).toEqual([0, free.stderr]);
    expect(limited.stdout).toBe(free.stdout);
  });

  it('has no commits in a repository with none yet', async () => {
    const empty = tempDir('okr-empty-');
    git(empty, ['init', '-q']);
    mkdirSync(join(empty, 'teams'));
    expect(await readLog(await gitOf(empty), { rev: 'HEAD', paths: ['teams/'] })).toEqual([]);
  });
});
