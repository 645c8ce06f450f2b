// The URLs, refs and folders of upstream and members are data: each hostile form is refused before
// git could see it, with the reason a person can act on.
import { describe, expect, it } from 'vitest';
import { checkRemoteRef, checkRemoteUrl, normaliseRemotePath, refNameProblem } from '../../src/model/remotes.js';

describe('checkRemoteUrl', () => {
  it.each([
    ['https://git.example.com/acme/mobile.git', 'https'],
    ['ssh://git@git.example.com/acme/mobile.git', 'ssh'],
    ['ssh://git@git.example.com:2222/acme/mobile.git', 'ssh'],
    ['git@git.example.com:acme/mobile.git', 'ssh'],
    ['git.example.com:acme/mobile.git', 'ssh'],
    ['git://git.example.com/acme/mobile.git', 'git'],
    ['file:///srv/git/mobile.git', 'file'],
    ['FILE:///srv/git/mobile.git', 'file'],
    ['../mobile', 'local'],
    ['/srv/git/mobile.git', 'local'],
    ['mobile.git', 'local'],
  ])('allows %s (%s)', (url, transport) => {
    expect(checkRemoteUrl(url)).toEqual({ ok: true, transport });
  });

  it.each([
    ['ext::sh -c touch% /tmp/pwned', /remote helper/],
    ['ext::ssh -o ProxyCommand=x host', /remote helper/],
    ['fd::17', /remote helper/],
    ['::x', /remote helper/],
    ['transport::https://x', /remote helper/],
    ['--upload-pack=touch /tmp/pwned', /option/],
    ['-oProxyCommand=x', /option/],
    ['http://git.example.com/acme/mobile.git', /"http" transport is not allowed/],
    ['ftp://git.example.com/x.git', /"ftp" transport/],
    ['foo://whatever', /"foo" transport/],
    ['https://user:secret@git.example.com/x.git', /credentials/],
    ['https://ghp_TOKEN@github.com/x.git', /credentials/],
    ['git://me@git.example.com/x.git', /credentials/],
    ['ssh://git:secret@git.example.com/x.git', /credentials/],
    ['git:secret@git.example.com:x.git', /credentials/],
    ['ssh://-oProxyCommand=x/y', /option/],
    ['-host:path', /option/],
    ['https:///x.git', /no host/],
    ['', /empty/],
    ['   ', /empty/],
    [' https://git.example.com/x.git', /white space/],
    ['https://git.example.com/x.git\n--upload-pack=x', /control/],
    ['https://git.example.com/\u001b[31mx', /control/],
  ])('refuses %j', (url, reason) => {
    const verdict = checkRemoteUrl(url);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });
});

describe('checkRemoteRef', () => {
  it.each(['main', 'HEAD', 'refs/heads/main', 'release/2026', 'v1.2.3'])('allows %s', (ref) => {
    expect(checkRemoteRef(ref)).toBeUndefined();
  });
  it.each(['', '-main', '--upload-pack=x', 'main:refs/heads/x', '+main', 'main^', 'a..b', 'refs//x', '.hidden', 'x.lock', 'a b', 'main~1', 'refs/*', 'x.'])('refuses %j', (ref) => {
    expect(checkRemoteRef(ref)).toBeTypeOf('string');
  });
});

describe('normaliseRemotePath', () => {
  it.each([
    ['.', ''],
    ['./', ''],
    ['goals', 'goals/'],
    ['./okr/goals/', 'okr/goals/'],
  ])('%j is %j', (path, expected) => {
    expect(normaliseRemotePath(path)).toEqual({ path: expected });
  });
  it.each(['/etc', '../outside', 'goals/../../x', 'C:/x', 'a\\b', '-x', 'a/\u0000'])('refuses %j', (path) => {
    expect(normaliseRemotePath(path)).toHaveProperty('problem');
  });
});

describe('refNameProblem', () => {
  // Every id the schema allows that git refuses as refs/okr/<id>, and ids it takes.
  it.each(['a..b', 'x.', 'x.lock', 'a.b..c', '1...'])('refuses %s', (id) => expect(refNameProblem(id)).toMatch(/^git cannot name the ref refs\/okr\//));
  it.each(['mobile', 'a.b', 'A_b-c', 'x.locks', 'lock', '0'])('takes %s', (id) => expect(refNameProblem(id)).toBeUndefined());
});
