// Bare ids on the command line (issue 10, item 9): `okr show faster-checkout` and
// `okr checkin p95-latency=380` name the one goal in the workspace with that id; when several have
// it, okr lists them and does nothing; when none has it, it says so with the nearest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveShortRef } from '../../src/model/short-refs.js';
import { loadWorkspace } from '../../src/workspace/load.js';
import { readWorkspaceFolder } from '../../src/workspace/source.js';
import { EXAMPLES, okr } from '../support/run-cli.js';
import { copyExample, git, writeFiles } from '../support/temp-repo.js';

const ACME = join(EXAMPLES, 'acme');

describe('a goal named by its id alone', () => {
  const repo = copyExample('acme', { repo: true });

  it.each([
    ['show', 'faster-checkout', 'payments/faster-checkout'],
    ['show', 'p95-latency', 'payments/faster-checkout/p95-latency'],
    ['show', 'faster-checkout/p95-latency', 'payments/faster-checkout/p95-latency'],
    ['history', 'p95-latency', 'payments/faster-checkout/p95-latency'],
  ])('okr %s %s is okr %s %s', async (command, short, full) => {
    const a = await okr([command, short, '--json'], { cwd: repo });
    const b = await okr([command, full, '--json'], { cwd: repo });
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('okr tree REF takes a short name too', async () => {
    const a = await okr(['tree', 'faster-checkout', '--json'], { cwd: repo });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe((await okr(['tree', 'payments/faster-checkout', '--json'], { cwd: repo })).stdout);
  });

  it('several goals with the id: exit 2, each candidate listed in full', async () => {
    const result = await okr(['show', 'services-migrated'], { cwd: repo });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'okr: "services-migrated" names 2 goals; name one in full:\n  platform/runtime-migration/services-migrated\n  platform/shared-runtime/services-migrated\n',
    );
  });

  it('no goal with the id: exit 1, with the nearest in full', async () => {
    const result = await okr(['show', 'faster-chekout'], { cwd: repo });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^okr: no goal has the id "faster-chekout": did you mean "payments\/faster-checkout"\?\n/);
  });

  it('a team id stays a team, and a team that is also a goal\'s id is ambiguous', async () => {
    const team = await okr(['show', 'payments'], { cwd: repo });
    expect(team.code).toBe(2);
    expect(team.stderr).toContain('"payments" is a team, not a goal');
    const dir = copyExample('acme');
    const file = join(dir, 'teams/growth/2026-Q4.yaml');
    writeFiles(dir, { 'teams/growth/2026-Q4.yaml': readFileSync(file, 'utf8').replace(/- id: [a-z-]+/, '- id: payments') });
    const both = await okr(['show', 'payments'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('"payments" names 2 goals; name one in full:\n  payments (a team: okr tree --team payments)\n  growth/payments\n');
  });
});

describe('okr checkin with a key result\'s id alone', () => {
  it('checks in the one key result with that id, recorded under its full reference', async () => {
    const repo = copyExample('acme', { repo: true });
    const result = await okr(['checkin', 'p95-latency=380', 'ledger-v2=done', '-m', 'short'], { cwd: repo });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const body = git(repo, ['log', '-1', '--format=%B']);
    expect(body).toContain('Okr-Checkin: payments/faster-checkout/p95-latency\nOkr-Value: 380');
    expect(body).toContain('Okr-Checkin: payments/settlement-in-seconds/ledger-v2\nOkr-Value: done');
  });

  it('several key results with the id: lists them, writes nothing (exit 2)', async () => {
    const repo = copyExample('acme', { repo: true });
    const head = git(repo, ['rev-parse', 'HEAD']);
    const result = await okr(['checkin', 'services-migrated=120'], { cwd: repo });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"services-migrated" names 2 key results; name one in full:\n  platform/runtime-migration/services-migrated\n');
    expect(git(repo, ['rev-parse', 'HEAD'])).toBe(head);
    expect(git(repo, ['status', '--porcelain'])).toBe('');
  });

  it('an objective\'s id is no key result; the same key result named twice is refused', async () => {
    const repo = copyExample('acme', { repo: true });
    const objective = await okr(['checkin', 'faster-checkout=3'], { cwd: repo });
    expect(objective.code).toBe(1);
    expect(objective.stderr).toMatch(/^okr: no key result has the id "faster-checkout"/);
    const twice = await okr(['checkin', 'p95-latency=380', 'payments/faster-checkout/p95-latency=390'], { cwd: repo });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('payments/faster-checkout/p95-latency and p95-latency are the same key result');
    expect(git(repo, ['status', '--porcelain'])).toBe('');
  });
});

describe('resolveShortRef', () => {
  const { workspace } = loadWorkspace(readWorkspaceFolder(ACME));

  it('resolves bare ids and objective/kr, and leaves full references alone', () => {
    expect(resolveShortRef(workspace, 'faster-checkout')).toEqual({ kind: 'found', ref: { kind: 'objective', team: 'payments', objective: 'faster-checkout' } });
    expect(resolveShortRef(workspace, 'faster-checkout/edge-cache', 'key-result')).toEqual({
      kind: 'found',
      ref: { kind: 'key-result', team: 'payments', objective: 'faster-checkout', keyResult: 'edge-cache' },
    });
    for (const full of ['payments/faster-checkout', 'payments/faster-checkout/p95-latency', 'mission', '../x', 'a/b/c/d']) expect(resolveShortRef(workspace, full), full).toBeUndefined();
    expect(resolveShortRef(workspace, 'faster-checkout', 'key-result')).toMatchObject({ kind: 'none' });
  });
});
