// okr fetch prunes what it fetched for ids okr.yaml no longer names (refs/okr/<id>,
// refs/okr-prev/<id>, the id's fetch record), and read commands leave out a copy fetched from
// another URL or ref than okr.yaml now names for its id. Real member repositories (file:// URLs),
// the real CLI; hostile fetch records, refs okr did not write, two workspaces in one repository.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { okr, okrProcess } from '../support/run-cli.js';
import { commitAll, git, makeRepo, tempDir, writeFiles } from '../support/temp-repo.js';
import { changeMember, makeOrganisation, memberConfig, ORG_CONFIG, PLATFORM_GOALS, teamGoals, type Member } from './organisation.js';

const ref = (repo: string, name: string) => git(repo, ['for-each-ref', '--format=%(objectname)', name]).trim();
const refs = (repo: string, under: string) => git(repo, ['for-each-ref', '--format=%(refname)', under]).trim().split('\n').filter(Boolean).sort();
const statePath = (repo: string) => join(repo, '.git/okr/fetch-state.json');
const records = (repo: string) => JSON.parse(readFileSync(statePath(repo), 'utf8')).remotes as Record<string, { url: string; ref: string; previous: string | null; workspaces: string[] | null }>;
const memberLines = (list: readonly { id: string; url: string; ref?: string }[]) => list.map((m) => `  - id: ${m.id}\n    url: ${m.url}\n    ref: ${m.ref ?? 'main'}\n`).join('');
/** Rewrites the organisation's okr.yaml (work tree only: okr fetch and the read commands read it there). */
const setMembers = (org: string, list: readonly { id: string; url: string; ref?: string }[], extra = '') =>
  writeFileSync(join(org, 'okr.yaml'), `${ORG_CONFIG}${list.length ? `members:\n${memberLines(list)}` : ''}${extra}`);

interface Node {
  ref: string;
  children: Node[];
}
const treeRefs = (stdout: string): string[] => {
  const flatten = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);
  return flatten(JSON.parse(stdout).roots as Node[]).map((n) => n.ref).sort();
};

/** A member repository of one team, published to a bare repository (a stranger to the organisation's members). */
function strangerRepository(team: string, objective: string): Member {
  const root = tempDir('okr-stranger-');
  const bare = join(root, 'stranger.git');
  const work = makeRepo({
    'okr.yaml': 'version: 1\nmission: Another company\ncycles:\n  - id: 2026-Q4\n    start: "2026-10-01"\n    end: "2026-12-31"\n',
    [`teams/${team}/team.yaml`]: `name: ${team}\n`,
    [`teams/${team}/2026-Q4.yaml`]: teamGoals(objective, 'mission'),
  });
  git(root, ['init', '-q', '--bare', '-b', 'main', bare]);
  git(work, ['push', '-q', bare, 'main']);
  return { id: 'stranger', work, bare, url: pathToFileURL(bare).href };
}

/** An organisation fetched twice, its member "data" changed in between: refs/okr/<id> for each, and refs/okr-prev/data. */
async function fetchedTwice(): Promise<{ org: string; mobile: Member; web: Member; data: Member }> {
  const { org, members } = makeOrganisation();
  const [mobile, web, data] = members as [Member, Member, Member];
  expect((await okr(['fetch'], { cwd: org })).code).toBe(0);
  changeMember(data, { 'teams/analytics/2026-Q4.yaml': teamGoals('trusted-numbers', 'platform/reliable-platform', 70) });
  expect((await okr(['fetch'], { cwd: org })).code).toBe(0);
  expect(ref(org, 'refs/okr-prev/data')).not.toBe('');
  return { org, mobile, web, data };
}

describe('okr fetch prunes what okr.yaml no longer names', () => {
  it('removes the refs and the record of a member taken out of okr.yaml, and says so', async () => {
    const { org, mobile, web, data } = await fetchedTwice();
    // Refs okr did not write, in and beside its namespace.
    const head = git(org, ['rev-parse', 'HEAD']).trim();
    for (const name of ['refs/okr/manual', 'refs/okr/manual-dir/nested', 'refs/okr-notes/data', 'refs/okrx/data']) git(org, ['update-ref', name, head]);

    setMembers(org, [mobile, web]);
    const result = await okr(['fetch'], { cwd: org });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^mobile +unchanged/m);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('pruned'))).toEqual(['pruned data (no longer in okr.yaml)']);
    expect(refs(org, 'refs/okr')).toEqual(['refs/okr/manual', 'refs/okr/manual-dir/nested', 'refs/okr/mobile', 'refs/okr/web']);
    expect(refs(org, 'refs/okr-prev')).toEqual([]);
    expect(refs(org, 'refs/okr-notes')).toEqual(['refs/okr-notes/data']);
    expect(refs(org, 'refs/okrx')).toEqual(['refs/okrx/data']);
    expect(Object.keys(records(org)).sort()).toEqual(['mobile', 'web']);

    // Said once: a second fetch has nothing to prune.
    const again = await okr(['fetch', '--json'], { cwd: org });
    expect(JSON.parse(again.stdout).pruned).toEqual([]);

    // And taught by okr fetch --help.
    const help = await okr(['fetch', '--help']);
    expect(help.stdout).toContain('says "pruned <id> (no longer in okr.yaml)" ("pruned": [ids] in --json)');
  });

  it('prunes with ids named too, and when okr.yaml names nothing any more (JSON: "pruned" beside "remotes")', async () => {
    const { org, members } = makeOrganisation();
    const [mobile, web] = members as [Member, Member, Member];
    expect((await okr(['fetch'], { cwd: org })).code).toBe(0);
    setMembers(org, [mobile, web]);
    const one = await okr(['fetch', 'web', '--json'], { cwd: org });
    expect(one.code).toBe(0);
    const doc = JSON.parse(one.stdout);
    expect(Object.keys(doc)).toEqual(['remotes', 'pruned']);
    expect(doc.remotes.map((r: { id: string }) => r.id)).toEqual(['web']);
    expect(doc.pruned).toEqual(['data']);
    expect(refs(org, 'refs/okr')).toEqual(['refs/okr/mobile', 'refs/okr/web']);

    setMembers(org, []);
    const none = await okr(['fetch', '--json'], { cwd: org });
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual({ remotes: [], pruned: ['mobile', 'web'] });
    expect(none.stderr).toContain('nothing to fetch');
    expect(refs(org, 'refs/okr')).toEqual([]);
  });

  it('prunes while another member cannot be fetched; a later member reusing the id starts from nothing', async () => {
    const { org, members } = makeOrganisation();
    const [mobile, web] = members as [Member, Member, Member];
    expect((await okr(['fetch'], { cwd: org })).code).toBe(0);
    setMembers(org, [mobile, web, { id: 'gone', url: pathToFileURL(join(tempDir(), 'missing.git')).href }]);
    const result = await okr(['fetch', '--json'], { cwd: org });
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout);
    expect(doc.remotes.find((r: { id: string }) => r.id === 'gone').outcome).toBe('failed');
    expect(doc.pruned).toEqual(['data']);
    expect(ref(org, 'refs/okr/data')).toBe('');

    // The id comes back for another repository: fetched fresh, no "previous" of the old one.
    const stranger = strangerRepository('growth', 'grow-fast');
    setMembers(org, [mobile, web, { id: 'data', url: stranger.url }]);
    const back = await okr(['fetch', 'data', '--json'], { cwd: org });
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout).remotes[0]).toMatchObject({ id: 'data', outcome: 'updated', previous: null, commit: git(stranger.bare, ['rev-parse', 'main']).trim() });
    expect(ref(org, 'refs/okr-prev/data')).toBe('');
    const diff = await okr(['diff', '--members', '--json'], { cwd: org });
    expect(JSON.stringify(JSON.parse(diff.stdout).changes)).not.toContain('analytics');
  });

  it('prunes nothing while okr.yaml has errors (it may name more than okr can read)', async () => {
    const { org, members } = makeOrganisation();
    const [mobile, web] = members as [Member, Member, Member];
    expect((await okr(['fetch'], { cwd: org })).code).toBe(0);
    // data taken out, and a member okr refuses (its URL runs a program): okr.yaml has an error.
    setMembers(org, [mobile, web], '  - id: evil\n    url: "ext::sh -c true"\n');
    const refused = await okr(['fetch', '--json'], { cwd: org });
    expect(JSON.parse(refused.stdout).pruned).toEqual([]);
    expect(refused.stderr).toContain('okr: warning: okr.yaml has errors, so nothing is pruned (data is kept): fix them (okr check) and fetch again');
    expect(ref(org, 'refs/okr/data')).not.toBe('');

    // Not YAML at all: nothing is fetched, nothing pruned.
    writeFileSync(join(org, 'okr.yaml'), `${ORG_CONFIG}members: [\n`);
    const broken = await okr(['fetch', '--json'], { cwd: org });
    expect(JSON.parse(broken.stdout).pruned).toEqual([]);
    expect(refs(org, 'refs/okr')).toEqual(['refs/okr/data', 'refs/okr/mobile', 'refs/okr/web']);

    setMembers(org, [mobile, web]);
    expect(JSON.parse((await okr(['fetch', '--json'], { cwd: org })).stdout).pruned).toEqual(['data']);
  });

  it('survives a corrupt or foreign fetch record, and never turns a record name into a path', async () => {
    const { org, members } = makeOrganisation();
    const [mobile, web] = members as [Member, Member, Member];
    expect((await okr(['fetch'], { cwd: org })).code).toBe(0);
    setMembers(org, [mobile, web]);
    const head = git(org, ['rev-parse', 'HEAD']).trim();
    const branches = () => git(org, ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads', 'refs/tags']);
    git(org, ['tag', 'v1']);
    const before = branches();

    for (const corrupt of ['{ not json', '[]', '{"version":2,"remotes":{"data":{"url":"x","ref":"main"}}}', '{"version":1,"remotes":[]}', '\u0000\u0001']) {
      writeFileSync(statePath(org), corrupt);
      const result = await okr(['fetch', '--json'], { cwd: org });
      expect(result.code).toBe(0);
      // Without a record okr cannot know it wrote refs/okr/data: it stays.
      expect(JSON.parse(result.stdout).pruned).toEqual([]);
      expect(ref(org, 'refs/okr/data')).not.toBe('');
    }

    // Records with path-like or otherwise impossible names, one legitimate record (okr wrote refs/okr/old),
    // and one whose ref someone turned into a link to the main branch.
    git(org, ['update-ref', 'refs/okr/old', head]);
    git(org, ['update-ref', 'refs/okr-prev/old', head]);
    git(org, ['symbolic-ref', 'refs/okr/linked', 'refs/heads/main']);
    const record = { url: 'file:///nowhere.git', ref: 'main', fetched_at: null, attempted_at: '', error: null, previous: null };
    const hostile: Record<string, unknown> = { old: record, linked: record };
    for (const id of ['../heads/main', '../../HEAD', 'heads/main', 'x/../../tags/v1', '.hidden', '-rf', '', 'a b', '__proto__', 'data/..', 'a..b', 'x.lock', 'y.'])
      hostile[id] = record;
    hostile.nourl = { ref: 'main' };
    writeFileSync(statePath(org), JSON.stringify({ version: 1, remotes: hostile }));
    const result = await okr(['fetch', '--json'], { cwd: org });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).pruned).toEqual(['old', 'linked']);
    expect(branches()).toBe(before);
    expect(git(org, ['rev-parse', 'HEAD']).trim()).toBe(head);
    expect(refs(org, 'refs/okr')).toEqual(['refs/okr/data', 'refs/okr/mobile', 'refs/okr/web']);
    expect(refs(org, 'refs/okr-prev')).toEqual([]);
    // nourl had no URL: not a record okr wrote; the impossible names are dropped from the record too.
    expect(Object.keys(records(org)).sort()).toEqual(['mobile', 'web']);
  });

  it('refuses member ids git cannot make a ref of, so none is fetched, recorded or left to block a prune', async () => {
    const { org, members } = makeOrganisation();
    const odd = ['a..b', 'x.lock', 'y.'];
    setMembers(org, [...members, ...odd.map((id) => ({ id, url: members[0]!.url }))]);
    const check = await okr(['check', '--format', 'json'], { cwd: org });
    expect(check.code).toBe(1);
    const findings = JSON.parse(check.stdout).findings as { rule: string; line: number; message: string }[];
    expect(findings.filter((f) => f.rule === 'unsafe-url').map((f) => f.line)).toEqual([26, 29, 32]);
    expect(findings[0]!.message).toBe('member "a..b": git cannot name the ref refs/okr/a..b (no ".." in it, and no "." or ".lock" at its end); rename it, okr will not fetch it');
    const fetched = await okr(['fetch', '--json'], { cwd: org });
    expect(fetched.code).toBe(0);
    expect(JSON.parse(fetched.stdout).remotes.map((r: { id: string }) => r.id)).toEqual(['mobile', 'web', 'data']);
    expect(Object.keys(records(org)).sort()).toEqual(['data', 'mobile', 'web']);
  });

  it('never fetches through a refs/okr/<id> someone made a symbolic ref to a branch', async () => {
    const { org } = makeOrganisation();
    git(org, ['branch', 'keep']);
    const keep = ref(org, 'refs/heads/keep');
    git(org, ['symbolic-ref', 'refs/okr/web', 'refs/heads/keep']);
    const result = await okr(['fetch'], { cwd: org });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^web +failed +\(never fetched\)/m);
    expect(result.stdout).toMatch(/^mobile +updated/m);
    expect(result.stderr).toContain('okr: warning: web: refs/okr/web is a symbolic ref to refs/heads/keep: okr fetches into its own ref, never through a link (delete the link: git update-ref -d --no-deref refs/okr/web)');
    expect(ref(org, 'refs/heads/keep')).toBe(keep);
  });

  it('leaves alone what another workspace of the same repository fetched', async () => {
    const { org, members } = makeOrganisation();
    const [mobile, web, data] = members as [Member, Member, Member];
    // A second workspace in a folder of the organisation's repository, sharing its git folder and refs.
    const division = join(org, 'division');
    mkdirSync(division);
    writeFiles(division, {
      'okr.yaml': `${ORG_CONFIG}members:\n${memberLines([mobile, data])}`,
      'teams/platform/team.yaml': 'name: Platform\n',
      'teams/platform/2026-Q4.yaml': PLATFORM_GOALS,
    });
    commitAll(org, 'a division');
    expect((await okr(['fetch'], { cwd: org })).code).toBe(0);
    expect((await okr(['fetch'], { cwd: division })).code).toBe(0);
    expect(records(org).mobile!.workspaces).toEqual(['.', 'division']);
    expect(records(org).web!.workspaces).toEqual(['.']);

    // The top workspace no longer names mobile or data: the division still reads both.
    setMembers(org, [web]);
    const top = await okr(['fetch', '--json'], { cwd: org });
    expect(JSON.parse(top.stdout).pruned).toEqual([]);
    expect(refs(org, 'refs/okr')).toEqual(['refs/okr/data', 'refs/okr/mobile', 'refs/okr/web']);
    expect(records(org).mobile!.workspaces).toEqual(['division']);
    const tree = await okr(['tree', '--json'], { cwd: division });
    expect(treeRefs(tree.stdout)).toContain('ios/fast-app');
    expect(tree.stderr).not.toContain('warning');

    // The division no longer names mobile: nobody does, it goes. web was never the division's.
    writeFileSync(join(division, 'okr.yaml'), `${ORG_CONFIG}members:\n${memberLines([data])}`);
    const div = await okr(['fetch', '--json'], { cwd: division });
    expect(JSON.parse(div.stdout).pruned).toEqual(['mobile']);
    expect(refs(org, 'refs/okr')).toEqual(['refs/okr/data', 'refs/okr/web']);
  });

  it('prunes records written before okr kept the workspaces that fetched them', async () => {
    const { org, members } = makeOrganisation();
    const [mobile, web] = members as [Member, Member, Member];
    expect((await okr(['fetch'], { cwd: org })).code).toBe(0);
    const state = JSON.parse(readFileSync(statePath(org), 'utf8'));
    for (const r of Object.values(state.remotes) as Record<string, unknown>[]) delete r.workspaces;
    writeFileSync(statePath(org), JSON.stringify(state));
    setMembers(org, [mobile, web]);
    const result = await okrProcess(['fetch'], { cwd: org });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('pruned data (no longer in okr.yaml)');
    expect(ref(org, 'refs/okr/data')).toBe('');
    expect(records(org).mobile!.workspaces).toEqual(['.']);
    expect(existsSync(statePath(org))).toBe(true);
  });
});

describe('a copy fetched from another URL or ref than okr.yaml names now', () => {
  it('is left out of the read commands with a warning naming both, until okr fetch fetches the new one', async () => {
    const { org, mobile, web, data } = await fetchedTwice();

    // okr.yaml now says "data" is another repository.
    const stranger = strangerRepository('growth', 'grow-fast');
    setMembers(org, [mobile, web, { id: 'data', url: stranger.url }]);
    const tree = await okr(['tree', '--json'], { cwd: org });
    expect(tree.code).toBe(0);
    expect(treeRefs(tree.stdout)).not.toContain('analytics/trusted-numbers');
    expect(treeRefs(tree.stdout)).toContain('ios/fast-app');
    expect(tree.stderr).toContain(
      `okr: warning: data: the copy in refs/okr/data was fetched from ${data.url} main, but okr.yaml now names ${stranger.url} main; it is left out: run "okr fetch" (or add --fetch)`,
    );
    expect(tree.stderr).toContain("other repositories' goals: mobile, web fetched just now");
    const status = await okr(['status', '--json'], { cwd: org });
    expect(JSON.parse(status.stdout).teams.map((t: { team: string }) => t.team)).not.toContain('analytics');
    const show = await okr(['show', 'analytics/trusted-numbers'], { cwd: org });
    expect(show.code).not.toBe(0);
    const diff = await okr(['diff', '--members', '--json'], { cwd: org });
    expect(diff.stdout).not.toContain('analytics');

    // A fetch of the new URL that fails keeps the old copy and its source: still left out.
    const away = `${stranger.bare}.away`;
    const { renameSync } = await import('node:fs');
    renameSync(stranger.bare, away);
    const failed = await okr(['fetch', 'data'], { cwd: org });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`the copy in refs/okr/data is of ${data.url} main, which okr.yaml no longer names: read commands leave it out`);
    expect(records(org).data!.url).toBe(data.url);
    expect(treeRefs((await okr(['tree', '--json'], { cwd: org })).stdout)).not.toContain('analytics/trusted-numbers');
    renameSync(away, stranger.bare);

    // okr fetch fetches the new one: a new copy, and no "before" from the old repository.
    const fetched = await okr(['fetch', '--json'], { cwd: org });
    expect(fetched.code).toBe(0);
    expect(JSON.parse(fetched.stdout).remotes.find((r: { id: string }) => r.id === 'data')).toMatchObject({ outcome: 'updated', previous: null, url: stranger.url });
    expect(fetched.stderr).toContain(`okr: data: okr.yaml now names ${stranger.url} main; the copy fetched from ${data.url} main is replaced`);
    expect(ref(org, 'refs/okr-prev/data')).toBe('');
    const after = await okr(['tree', '--json'], { cwd: org });
    expect(after.stderr).toBe("okr: other repositories' goals: mobile, web, data fetched just now\n");
    expect(treeRefs(after.stdout)).toContain('growth/grow-fast');
    expect(treeRefs(after.stdout)).not.toContain('analytics/trusted-numbers');
  });

  it('keeps the old tip as the "before" of okr diff --members when the new URL continues its history (a moved repository)', async () => {
    const { org, members } = makeOrganisation();
    const [mobile, web, data] = members as [Member, Member, Member];
    expect((await okr(['fetch'], { cwd: org })).code).toBe(0);
    const old = ref(org, 'refs/okr/data');
    const moved = join(tempDir(), 'data-moved.git');
    git(org, ['clone', '-q', '--bare', data.bare, moved]);
    changeMember({ ...data, bare: moved }, { 'teams/analytics/2026-Q4.yaml': teamGoals('trusted-numbers', 'platform/reliable-platform', 80) });
    setMembers(org, [mobile, web, { id: 'data', url: pathToFileURL(moved).href }]);
    const fetched = await okr(['fetch', 'data', '--json'], { cwd: org });
    expect(fetched.code).toBe(0);
    expect(JSON.parse(fetched.stdout).remotes[0]).toMatchObject({ outcome: 'updated', previous: old, commit: git(moved, ['rev-parse', 'main']).trim() });
    expect(fetched.stderr).toContain('(the new one continues its history: it stays the "before" of okr diff --members)');
    expect(ref(org, 'refs/okr-prev/data')).toBe(old);
    const diff = await okr(['diff', '--members', '--json'], { cwd: org });
    expect(JSON.parse(diff.stdout).changes.map((c: { ref: string }) => c.ref)).toContain('analytics/trusted-numbers/adoption');
  });

  it('takes a changed ref for another source too, and --fetch reads the new one at once', async () => {
    const { org, members } = makeOrganisation();
    const [mobile, web, data] = members as [Member, Member, Member];
    expect((await okr(['fetch'], { cwd: org })).code).toBe(0);
    git(data.work, ['checkout', '-q', '-b', 'next']);
    writeFiles(data.work, { 'teams/analytics/2026-Q4.yaml': teamGoals('next-numbers', 'platform/reliable-platform') });
    commitAll(data.work, 'next');
    git(data.work, ['push', '-q', data.bare, 'next']);
    setMembers(org, [mobile, web, { id: 'data', url: data.url, ref: 'next' }]);
    const tree = await okr(['tree', '--json'], { cwd: org });
    expect(tree.stderr).toContain(`was fetched from ${data.url} main, but okr.yaml now names ${data.url} next; it is left out`);
    expect(treeRefs(tree.stdout)).not.toContain('analytics/trusted-numbers');
    const fetched = await okr(['tree', '--json', '--fetch'], { cwd: org });
    expect(fetched.stderr).not.toContain('warning');
    expect(treeRefs(fetched.stdout)).toContain('analytics/next-numbers');
  });

  it("leaves out a member repository's upstream fetched from elsewhere: okr check says to fetch", async () => {
    const { org, orgBare, members } = makeOrganisation();
    const mobile = members[0]!;
    expect((await okr(['fetch'], { cwd: mobile.work })).code).toBe(0);
    expect((await okr(['check'], { cwd: mobile.work })).code).toBe(0);
    const moved = join(tempDir(), 'org-moved.git');
    git(org, ['clone', '-q', '--bare', orgBare, moved]);
    writeFileSync(join(mobile.work, 'okr.yaml'), memberConfig(pathToFileURL(moved).href));
    const check = await okr(['check'], { cwd: mobile.work });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`upstream-not-fetched`);
    expect(check.stdout).toContain(`was fetched from ${pathToFileURL(orgBare).href} main, not from the URL and ref okr.yaml names now`);
    expect((await okr(['check', '--fetch'], { cwd: mobile.work })).code).toBe(0);
  });
});
