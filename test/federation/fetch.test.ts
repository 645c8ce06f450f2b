// okr fetch against real repositories: three members in bare repositories reached by file:// URLs,
// an unreachable one, a hostile URL list, a server that never answers, and a second fetch after a
// member moved on (its previous tip kept in refs/okr-prev/<id>).
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { okr, okrProcess } from '../support/run-cli.js';
import { git, makeRepo, tempDir } from '../support/temp-repo.js';
import { changeMember, makeOrganisation, ORG_CONFIG, teamGoals } from './organisation.js';

const ref = (repo: string, name: string) => git(repo, ['for-each-ref', '--format=%(objectname)', name]).trim();

describe('okr fetch', () => {
  it('fetches every member into refs/okr/<id>, records when, and says what changed', async () => {
    const { org, members } = makeOrganisation();
    const first = await okr(['fetch'], { cwd: org });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    for (const m of members) {
      expect(ref(org, `refs/okr/${m.id}`)).toBe(git(m.bare, ['rev-parse', 'main']).trim());
      expect(first.stdout).toMatch(new RegExp(`^${m.id} +updated +[0-9a-f]{7}  ${m.url} main$`, 'm'));
    }
    // Nothing is checked out, and the work tree is untouched.
    expect(git(org, ['status', '--porcelain'])).toBe('');
    const state = JSON.parse(readFileSync(join(org, '.git/okr/fetch-state.json'), 'utf8'));
    expect(Object.keys(state.remotes).sort()).toEqual(['data', 'mobile', 'web']);
    expect(state.remotes.mobile.error).toBeNull();
    expect(Date.parse(state.remotes.mobile.fetched_at)).toBeGreaterThan(Date.now() - 60_000);

    const before = ref(org, 'refs/okr/web');
    changeMember(members[1]!, { 'teams/frontend/2026-Q4.yaml': teamGoals('smooth-checkout', 'platform/reliable-platform/availability', 80) });
    const second = await okr(['fetch', '--json'], { cwd: org });
    expect(second.code).toBe(0);
    const remotes = JSON.parse(second.stdout).remotes;
    expect(remotes.map((r: { id: string; outcome: string }) => [r.id, r.outcome])).toEqual([
      ['mobile', 'unchanged'],
      ['web', 'updated'],
      ['data', 'unchanged'],
    ]);
    const web = remotes[1];
    expect(web).toEqual({
      id: 'web',
      role: 'member',
      url: members[1]!.url,
      ref: 'main',
      outcome: 'updated',
      commit: git(members[1]!.bare, ['rev-parse', 'main']).trim(),
      previous: before,
      fetched_at: expect.any(String),
      error: null,
    });
    expect(ref(org, 'refs/okr-prev/web')).toBe(before);
    expect(ref(org, 'refs/okr-prev/mobile')).toBe('');
  });

  it('says on a terminal as each repository is fetched', async () => {
    const { org } = makeOrganisation();
    const result = await okr(['fetch', '--jobs', '2'], { cwd: org, tty: true });
    expect(result.code).toBe(0);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe('okr: fetching 3 repositories, 2 at a time');
    expect(lines.slice(1, 4).map((l) => l.replace(/\] \w+:/, '] id:'))).toEqual(['okr: [1/3] id: updated', 'okr: [2/3] id: updated', 'okr: [3/3] id: updated']);
    expect(lines.slice(1, 4).map((l) => l.split(' ')[2]).sort()).toEqual(['data:', 'mobile:', 'web:']);
    expect(lines[4]).toBe('');
  });

  it('fetches only the members named, and suggests the nearest name for a typo', async () => {
    const { org } = makeOrganisation();
    const one = await okr(['fetch', 'web', '--jobs', '1'], { cwd: org });
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^web +updated/);
    expect(ref(org, 'refs/okr/mobile')).toBe('');
    const typo = await okr(['fetch', 'mobil'], { cwd: org });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('okr.yaml names no member "mobil": did you mean "mobile"?');
    const jobs = await okr(['fetch', '--jobs', '0'], { cwd: org });
    expect(jobs.code).toBe(2);
  });

  it('warns about an unreachable member with its last fetch, fetches the others, exits 1', async () => {
    const { org, members } = makeOrganisation({ extraMembers: `  - id: gone\n    url: file://${tempDir()}/missing.git\n` });
    const result = await okr(['fetch'], { cwd: org });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^gone +failed +\(never fetched\)/m);
    expect(result.stderr).toMatch(/^okr: warning: gone: .*does not appear to be a git repository; never fetched$/m);
    for (const m of members) expect(ref(org, `refs/okr/${m.id}`)).not.toBe('');

    // Once fetched, a member that goes away keeps its last good copy, and says how old it is.
    const mobile = members[0]!;
    git(org, ['config', 'user.name', 'x']); // unrelated config does not matter
    const { rmSync, renameSync } = await import('node:fs');
    renameSync(mobile.bare, `${mobile.bare}.moved`);
    const later = await okr(['fetch', '--json'], { cwd: org });
    expect(later.code).toBe(1);
    const entry = JSON.parse(later.stdout).remotes.find((r: { id: string }) => r.id === 'mobile');
    expect(entry.outcome).toBe('failed');
    expect(entry.commit).toBe(ref(org, 'refs/okr/mobile'));
    expect(entry.fetched_at).toEqual(expect.any(String));
    expect(later.stderr).toMatch(/okr: warning: mobile: .*; last fetched just now \(read commands use that\)/);
    rmSync(`${mobile.bare}.moved`, { recursive: true });
  });

  it('refuses hostile URLs, refs and paths in okr.yaml before git sees them', async () => {
    const marker = join(tempDir(), 'pwned');
    const hostile = [
      ['ext', `"ext::sh -c touch% ${marker}"`],
      ['option', '"--upload-pack=touch /tmp/x"'],
      ['creds', 'https://user:secret@git.example.com/x.git'],
      ['token', 'https://ghp_abc@git.example.com/x.git'],
      ['plainhttp', 'http://git.example.com/x.git'],
      ['helper', '"fd::3"'],
    ];
    const org = makeRepo({
      'okr.yaml': `${ORG_CONFIG}members:\n${hostile.map(([id, url]) => `  - id: ${id}\n    url: ${url}\n`).join('')}  - id: badref\n    url: ../x.git\n    ref: "--upload-pack=x"\n  - id: badpath\n    url: ../x.git\n    path: ../../etc\n  - id: upstream\n    url: ../x.git\n`,
    });
    const check = await okr(['check', '--format', 'json'], { cwd: org });
    expect(check.code).toBe(1);
    const findings = JSON.parse(check.stdout).findings.map((f: { file: string; line: number; rule: string }) => `${f.file}:${f.line} ${f.rule}`);
    expect(findings).toEqual([
      'okr.yaml:18 unsafe-url',
      'okr.yaml:20 unsafe-url',
      'okr.yaml:22 unsafe-url',
      'okr.yaml:24 unsafe-url',
      'okr.yaml:26 unsafe-url',
      'okr.yaml:28 unsafe-url',
      'okr.yaml:31 unsafe-url',
      'okr.yaml:34 unsafe-url',
      'okr.yaml:35 duplicate-id',
    ]);
    expect(check.stdout).not.toContain('secret');
    const fetched = await okr(['fetch'], { cwd: org });
    expect(fetched.stderr).toContain('okr.yaml names no upstream and no members: nothing to fetch');
    expect(fetched.code).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(git(org, ['for-each-ref', 'refs/okr'])).toBe('');
  });

  it('gives up on a server that never answers after the time limit, as a warning', async () => {
    const server: Server = createServer(() => undefined); // accepts, never says a word
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    afterAll(() => void server.close());
    const port = (server.address() as { port: number }).port;
    const { org } = makeOrganisation({ extraMembers: `  - id: silent\n    url: git://127.0.0.1:${port}/x.git\n` });
    const result = await okrProcess(['fetch'], { cwd: org, vars: { OKR_FETCH_TIMEOUT: '1' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('okr: warning: silent: no answer within 1 s (the time limit; OKR_FETCH_TIMEOUT sets it); never fetched');
    expect(result.stdout).toMatch(/^mobile +updated/m);
    server.close();
  });

  it('needs a git repository, and says so', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'okr.yaml'), `${ORG_CONFIG}members:\n  - id: a\n    url: ../a.git\n`);
    const result = await okr(['fetch'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('okr: not a git repository');
  });
});

describe('okr fetch over ssh', () => {
  /** A fake `ssh` first on PATH that writes down how git ran it and fails as an unreachable host does. */
  function fakeSsh(): { path: string; calls: () => string[] } {
    const bin = tempDir('okr-fake-ssh-');
    const log = join(bin, 'calls.txt');
    writeFileSync(join(bin, 'ssh'), `#!/bin/sh\necho "$*" >> ${JSON.stringify(log)}\necho "ssh: connect to host example.invalid: no route" >&2\nexit 255\n`);
    chmodSync(join(bin, 'ssh'), 0o755);
    return { path: `${bin}:${process.env.PATH}`, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
  }
  const sshMember = '  - id: remote\n    url: ssh://git@example.invalid/goals.git\n    ref: main\n';

  it('runs ssh in batch mode, so no password or host-key question can wait on the terminal', async () => {
    const ssh = fakeSsh();
    const { org } = makeOrganisation({ extraMembers: sshMember });
    const result = await okrProcess(['fetch', 'remote'], { cwd: org, vars: { PATH: ssh.path, GIT_SSH_COMMAND: undefined, GIT_SSH: undefined } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no route');
    expect(ssh.calls()).toHaveLength(1);
    expect(ssh.calls()[0]).toMatch(/^-o BatchMode=yes .*example\.invalid/);
  });

  it.each([
    ['core.sshCommand', (org: string) => git(org, ['config', 'core.sshCommand', 'ssh -o ConnectTimeout=5']), {}, /^-o ConnectTimeout=5 /],
    ['GIT_SSH_COMMAND', () => undefined, { GIT_SSH_COMMAND: 'ssh -o ConnectTimeout=7' }, /^-o ConnectTimeout=7 /],
  ])('leaves ssh as the user set it with %s', async (_name, configure, vars, expected) => {
    const ssh = fakeSsh();
    const { org } = makeOrganisation({ extraMembers: sshMember });
    configure(org);
    const result = await okrProcess(['fetch', 'remote'], { cwd: org, vars: { PATH: ssh.path, GIT_SSH: undefined, GIT_SSH_COMMAND: undefined, ...vars } });
    expect(result.code).toBe(1);
    expect(ssh.calls()).toHaveLength(1);
    expect(ssh.calls()[0]).toMatch(expected);
    expect(ssh.calls()[0]).not.toContain('BatchMode');
  });
});
