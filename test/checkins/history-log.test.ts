// The streaming parser of `git log` output: fed git's real output in chunks of any size (splitting
// fields, NULs and multi-byte characters), it yields exactly the commits of a parse in one piece.
import { execFileSync } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logArgs as goalLogArgs, LogParser, parseLog } from '../../src/git/history-log.js';
import { commitAll, git, writeFiles } from '../support/temp-repo.js';
import { at, FILE, paymentsRepo, read } from './workspace.js';

function sampleOutput(): string {
  const dir = paymentsRepo('2026-10-01');
  writeFiles(dir, { [FILE]: read(dir).replace('current: 640', 'current: 600') });
  commitAll(dir, 'Ünïcödé subject ✓\n\nBody with\x1e a record separator and : colons\n\nOkr-Checkin: payments/faster-checkout/p95-latency\nOkr-Value: 600\nSigned-off-by: A <a@b>', at('2026-10-02'));
  git(dir, ['mv', 'teams/payments', 'teams/money']);
  commitAll(dir, 'rename', at('2026-10-03'));
  return execFileSync('git', goalLogArgs('HEAD', ['teams/']), { cwd: dir, encoding: 'utf8' });
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
