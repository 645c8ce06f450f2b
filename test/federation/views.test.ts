// One organisation across repositories (SPEC 13), read offline from the refs okr fetch wrote:
// the organisation's tree, status and show hold the members' teams; okr check --members checks
// them by name; a clash names both repositories; a member's own CI checks its alignments against
// the upstream; --as-of reads each member as it was that day; a check-in on a member's goal says
// where to run it.
import { renameSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DashboardSource } from '../../src/app/dashboard-data.js';
import { openSession } from '../../src/app/session.js';
import { okr, quietEnvironment } from '../support/run-cli.js';
import { commitAll, git, writeFiles } from '../support/temp-repo.js';
import { changeMember, makeOrganisation, teamGoals } from './organisation.js';

interface Node {
  ref: string;
  progress: number;
  children: Node[];
  key_results: { ref: string; current: number | null }[];
}
const flatten = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

describe('an organisation of three repositories', () => {
  it('shows the members as one tree to the mission, offline after one fetch', async () => {
    const { org, members } = makeOrganisation();
    expect((await okr(['fetch'], { cwd: org })).code).toBe(0);
    // Offline: the members' repositories are gone; the fetched refs are enough.
    for (const m of members) renameSync(m.bare, `${m.bare}.away`);

    const tree = await okr(['tree', '--json'], { cwd: org });
    expect(tree.code).toBe(0);
    const doc = JSON.parse(tree.stdout);
    expect(doc.mission.statement).toBe('Make every payment instant and safe.');
    const fast = doc.roots.find((n: Node) => n.ref === 'platform/fast-payments');
    expect(fast.children.map((c: Node) => c.ref)).toEqual(['ios/fast-app']);
    const reliable = doc.roots.find((n: Node) => n.ref === 'platform/reliable-platform');
    expect(flatten(reliable.children).map((c) => c.ref).sort()).toEqual(['analytics/trusted-numbers', 'frontend/smooth-checkout']);
    // The rollup key result is fed by the member objective aligned to it.
    expect(reliable.key_results[0].progress).toBe(0.5);
    expect(doc.unaligned).toEqual([]);
    expect(tree.stderr).toBe("okr: other repositories' goals: mobile, web, data fetched just now\n");

    const text = await okr(['tree'], { cwd: org });
    expect(text.stdout).toContain('ios/fast-app');

    const status = await okr(['status', '--json'], { cwd: org });
    expect(status.code).toBe(0);
    const rows = JSON.parse(status.stdout).teams as { team: string; last_checkin: { date: string } | string | null }[];
    expect(rows.map((t) => t.team).sort()).toEqual(['analytics', 'frontend', 'ios', 'platform']);
    // The members' history comes from their fetched commits: each team's last change is known.
    for (const row of rows) expect(row.last_checkin).not.toBeNull();

    const show = await okr(['show', 'ios/fast-app/adoption', '--json'], { cwd: org });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('"current":50');
    const showText = await okr(['show', 'ios/fast-app/adoption'], { cwd: org });
    expect(showText.stdout).toMatch(/defined in +mobile:teams\/ios\/2026-Q4\.yaml:6/);
    expect(showText.stdout).not.toContain('not committed yet');

    const report = await okr(['report', '--format', 'markdown'], { cwd: org });
    expect(report.code).toBe(0);
    for (const ref of ['ios/fast-app', 'frontend/smooth-checkout', 'analytics/trusted-numbers']) expect(report.stdout).toContain(`\`${ref}\``);

    const check = await okr(['check'], { cwd: org });
    expect(check.code).toBe(0);
    const checkMembers = await okr(['check', '--members', '--format', 'json'], { cwd: org });
    expect(checkMembers.code).toBe(0);
    expect(JSON.parse(checkMembers.stdout).findings).toEqual([]);
  });

  it("shows the members' teams on the dashboard, with their check-in history", async () => {
    const { org, members } = makeOrganisation();
    expect((await okr(['fetch'], { cwd: org })).code).toBe(0);
    for (const m of members) renameSync(m.bare, `${m.bare}.away`);
    // What okr dashboard draws and reads, through its own source (the terminal tests drive ink).
    const source = new DashboardSource(openSession(quietEnvironment(org)), {});
    const load = await source.load();
    expect(load.data.teams).toEqual(['analytics', 'frontend', 'ios', 'platform']);
    const refs = JSON.stringify(load.data.outline);
    for (const ref of ['ios/fast-app', 'frontend/smooth-checkout', 'analytics/trusted-numbers', 'ios/fast-app/adoption']) expect(refs).toContain(`"${ref}"`);
    const read = await source.facts(load);
    if (!('facts' in read)) throw new Error(`no facts: ${read.why}`);
    // The member's key result has the value its own repository's commit recorded.
    expect(read.facts.points('ios/fast-app/adoption')?.at(-1)?.value).toBe(50);
  });

  // SPEC 11 and 13: feedback is a commit in the repository that owns the goal; it travels with that
  // repository's history, so the organisation shows a member's feedback as it shows a local team's.
  it("shows the feedback given in a member's repository on its goals, in show, the feedback listing, log --feedback, report and the dashboard", async () => {
    const { org, members } = makeOrganisation();
    const mobile = members[0]!;
    const given = await okr(['feedback', 'ios/fast-app/adoption', '-m', 'Great adoption curve', '--kind', 'kudos'], {
      cwd: mobile.work,
      vars: { GIT_AUTHOR_DATE: '2026-11-20T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-20T10:00:00Z' },
    });
    expect(given.code).toBe(0);
    git(mobile.work, ['push', '-q', mobile.bare, 'main']);
    expect((await okr(['fetch'], { cwd: org })).code).toBe(0);
    for (const m of members) renameSync(m.bare, `${m.bare}.away`);

    const show = JSON.parse((await okr(['show', 'ios/fast-app/adoption', '--json'], { cwd: org })).stdout);
    expect(show.feedback.map((f: { ref: string; kind: string; text: string }) => [f.ref, f.kind, f.text])).toEqual([['ios/fast-app/adoption', 'kudos', 'Great adoption curve']]);
    expect((await okr(['show', 'ios/fast-app'], { cwd: org })).stdout).toContain('Great adoption curve');
    const platform = JSON.parse((await okr(['show', 'platform/fast-payments', '--json'], { cwd: org })).stdout);
    expect(platform.feedback).toEqual([]);

    const listed = JSON.parse((await okr(['feedback', 'ios/fast-app', '--json'], { cwd: org })).stdout);
    expect(listed.feedback.map((f: { ref: string; text: string }) => [f.ref, f.text])).toEqual([['ios/fast-app/adoption', 'Great adoption curve']]);
    const team = await okr(['feedback', '--team', 'ios'], { cwd: org });
    expect(team.code).toBe(0);
    expect(team.stdout).toContain('Great adoption curve');

    const log = JSON.parse((await okr(['log', '--feedback', '--json'], { cwd: org })).stdout);
    expect(log.feedback.map((f: { ref: string }) => f.ref)).toEqual(['ios/fast-app/adoption']);

    const report = await okr(['report', '--format', 'markdown'], { cwd: org });
    expect(report.stdout).toContain('Great adoption curve');

    const source = new DashboardSource(openSession(quietEnvironment(org)), {});
    const read = await source.facts(await source.load());
    if (!('facts' in read)) throw new Error(`no facts: ${read.why}`);
    expect(read.facts.feedback('ios/fast-app/adoption').map((f) => f.text)).toEqual(['Great adoption curve']);
  });

  it('reports a member\'s broken and hostile files with --members, named <member>:<file>, and still shows the rest', async () => {
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n`;
    const { org, members } = makeOrganisation({
      memberFiles: {
        data: {
          'teams/analytics/2026-Q4.yaml': teamGoals('trusted-numbers', 'platform/reliable-platfrom'),
          'teams/analytics/2026.yaml': bomb,
          'teams/analytics/bad.yaml': Buffer.from([0x6f, 0x62, 0x6a, 0xff, 0x0a]) as unknown as string,
          'teams/analytics/big.yaml': `objectives: []\n# ${'x'.repeat(2000)}\n`,
        },
      },
    });
    // A link in the member's tree is not followed.
    git(members[2]!.work, ['rm', '-q', 'teams/analytics/team.yaml']);
    const { symlinkSync } = await import('node:fs');
    symlinkSync('/etc/passwd', `${members[2]!.work}/teams/analytics/team.yaml`);
    commitAll(members[2]!.work, 'hostile');
    git(members[2]!.work, ['push', '-q', members[2]!.bare, 'main']);
    await okr(['fetch'], { cwd: org });

    const local = await okr(['check', '--format', 'json'], { cwd: org, vars: { OKR_MAX_FILE_BYTES: '1000' } });
    expect(local.code).toBe(0);
    const all = await okr(['check', '--members', '--format', 'json'], { cwd: org, vars: { OKR_MAX_FILE_BYTES: '1000' } });
    expect(all.code).toBe(1);
    const findings = JSON.parse(all.stdout).findings.map((f: { file: string; line: number; column: number; rule: string }) => `${f.file}:${f.line}:${f.column} ${f.rule}`);
    expect(findings).toEqual(
      expect.arrayContaining([
        'data:teams/analytics/2026-Q4.yaml:4:16 unknown-reference',
        'data:teams/analytics/2026.yaml:2:8 yaml-syntax',
        'data:teams/analytics/bad.yaml:1:4 invalid-encoding',
        'data:teams/analytics/big.yaml:1:1 file-too-large',
        'data:teams/analytics/team.yaml:1:1 unsafe-path',
      ]),
    );
    expect(all.stdout).toContain('did you mean \\"platform/reliable-platform\\"');
    expect(all.stdout).not.toContain('root:');

    const tree = await okr(['tree', '--json'], { cwd: org, vars: { OKR_MAX_FILE_BYTES: '1000' } });
    expect(tree.code).toBe(0);
    expect(tree.stderr).toMatch(/okr: the goals have \d+ errors?; run "okr check --members" for details/);
    expect(JSON.parse(tree.stdout).roots.map((n: Node) => n.ref)).toContain('platform/fast-payments');
  });

  it('says a team id in two repositories is an error naming both', async () => {
    const { org } = makeOrganisation({
      memberFiles: { web: { 'teams/platform/team.yaml': 'name: Web platform\n', 'teams/platform/2026-Q4.yaml': teamGoals('web-platform', 'mission') } },
    });
    await okr(['fetch'], { cwd: org });
    const check = await okr(['check', '--members'], { cwd: org });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^web:teams\/platform\/(2026-Q4|team)\.yaml:1:1 error team-clash team "platform" is in two repositories: member web \(web:teams\/platform\/\) and this repository \(teams\/platform\/\)/m);
    const tree = await okr(['tree', '--json'], { cwd: org });
    expect(tree.stdout).not.toContain('platform/web-platform');
  });

  it('warns about a member not fetched, and reads the others', async () => {
    const { org } = makeOrganisation({ extraMembers: '  - id: later\n    url: ../later.git\n' });
    await okr(['fetch'], { cwd: org });
    const tree = await okr(['tree', '--json'], { cwd: org });
    expect(tree.code).toBe(0);
    expect(tree.stderr).toContain('okr: warning: later: not fetched yet; run "okr fetch" to read its goals\n');
    expect(tree.stdout).toContain('ios/fast-app');
  });

  it('reads each member as it was on the day asked (--as-of, --at)', async () => {
    const { org, members } = makeOrganisation();
    const web = members[1]!;
    // The web team's first version was committed now; a later one is dated in the future of the test's days.
    const dated = { GIT_AUTHOR_DATE: '2026-11-20T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-20T10:00:00Z' };
    writeFiles(web.work, { 'teams/frontend/2026-Q4.yaml': teamGoals('smooth-checkout', 'platform/reliable-platform/availability', 10) });
    git(web.work, ['commit', '-qam', 'early'], dated);
    writeFiles(web.work, { 'teams/frontend/2026-Q4.yaml': teamGoals('smooth-checkout', 'platform/reliable-platform/availability', 90) });
    git(web.work, ['commit', '-qam', 'late'], { GIT_AUTHOR_DATE: '2026-11-24T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-24T10:00:00Z' });
    git(web.work, ['push', '-q', web.bare, 'main']);
    await okr(['fetch'], { cwd: org });
    const current = (doc: string) =>
      flatten(JSON.parse(doc).roots)
        .find((n) => n.ref === 'frontend/smooth-checkout')
        ?.key_results[0]?.current;
    expect(current((await okr(['tree', '--json'], { cwd: org })).stdout)).toBe(90);
    const asOf = await okr(['tree', '--json', '--as-of', '2026-11-21'], { cwd: org });
    expect(current(asOf.stdout)).toBe(10);
    expect(asOf.stderr).toContain('as of 2026-11-21');
    // Before any of web's commits: web is left out, the others are shown.
    const before = await okr(['tree', '--json', '--as-of', '2026-11-01'], { cwd: org });
    expect(before.stderr).toContain('okr: warning: web: nothing fetched was committed on or before 2026-11-01; it is left out');
    // --at a commit of the organisation's repository made on 2026-11-21: web as it was on that day.
    git(org, ['commit', '-q', '--allow-empty', '-m', 'a commit of that day'], { GIT_AUTHOR_DATE: '2026-11-21T12:00:00Z', GIT_COMMITTER_DATE: '2026-11-21T12:00:00Z' });
    const at = await okr(['tree', '--json', '--at', 'HEAD'], { cwd: org });
    expect(at.code).toBe(0);
    expect(current(at.stdout)).toBe(10);
  });

  it('says where to check in a member\'s key result', async () => {
    const { org, members } = makeOrganisation();
    await okr(['fetch'], { cwd: org });
    const result = await okr(['checkin', 'ios/fast-app/adoption=60'], { cwd: org, vars: { GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@x' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`okr: ios/fast-app/adoption is a goal of member mobile, whose goals live in ${members[0]!.url}: a check-in is a commit in the repository that owns the goal`);
    expect(git(org, ['status', '--porcelain'])).toBe('');
  });
});

describe('a member repository and its upstream', () => {
  it("checks its alignments against the fetched upstream, with did you mean over upstream goals", async () => {
    const { members } = makeOrganisation();
    const mobile = members[0]!.work;
    const unfetched = await okr(['check'], { cwd: mobile });
    expect(unfetched.code).toBe(1);
    expect(unfetched.stdout).toContain('okr.yaml:2:1 error upstream-not-fetched the upstream has not been fetched');

    const fetched = await okr(['check', '--fetch'], { cwd: mobile });
    expect(fetched.stdout).toBe('✔ no problems in 3 files\n');
    expect(fetched.code).toBe(0);
    // The check cache knows nothing of other repositories' refs: with an upstream it checks everything.
    for (let run = 0; run < 2; run++) expect(await okr(['check', '--cache'], { cwd: mobile })).toMatchObject({ code: 0, stdout: '✔ no problems in 3 files\n' });

    writeFiles(mobile, { 'teams/ios/2026-Q4.yaml': teamGoals('fast-app', 'platform/fast-paymnets') });
    const dangling = await okr(['check'], { cwd: mobile });
    expect(dangling.code).toBe(1);
    expect(dangling.stdout).toMatch(/^teams\/ios\/2026-Q4\.yaml:4:16 error unknown-reference .*did you mean "platform\/fast-payments"\?/m);
    // The upstream's own findings are not the member's: its warnings are not reported here.
    expect(dangling.stdout).not.toContain('upstream:');
    expect((await okr(['check', '--cache'], { cwd: mobile })).stdout).toBe(dangling.stdout);

    const tree = await okr(['tree', '--json'], { cwd: mobile });
    expect(JSON.parse(tree.stdout).mission.statement).toBe('Make every payment instant and safe.');
  });
});

describe('okr diff --members', () => {
  it("shows what the last fetch changed in the members' goals, and its effect up to the mission", async () => {
    const { org, members } = makeOrganisation();
    await okr(['fetch'], { cwd: org });
    const nothing = await okr(['diff', '--members', '--exit-code'], { cwd: org });
    expect(nothing.code).toBe(0);

    changeMember(members[0]!, { 'teams/ios/2026-Q4.yaml': teamGoals('fast-app', 'platform/fast-payments', 90) });
    changeMember(members[1]!, { 'teams/frontend/2026-Q4.yaml': teamGoals('smooth-checkout', 'platform/reliable-platform/availability').replace('target: 100', 'target: 60') });
    await okr(['fetch'], { cwd: org });

    const json = await okr(['diff', '--members', '--json'], { cwd: org });
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.base).toEqual({ rev: 'refs/okr-prev/*', commit: null, worktree: false });
    expect(doc.head).toEqual({ rev: 'refs/okr/*', commit: null, worktree: false });
    const kinds = doc.changes.map((c: { kind: string; ref: string }) => `${c.kind} ${c.ref}`);
    expect(kinds).toEqual(expect.arrayContaining(['value-changed ios/fast-app/adoption', 'target-changed frontend/smooth-checkout/adoption']));
    const target = doc.changes.find((c: { kind: string }) => c.kind === 'target-changed');
    expect(target.made_easier).toBe(true);
    // Through the rollup key result it feeds, the member's easier target moves the organisation's goal and the mission.
    expect(target.effect.map((e: { ref: string }) => e.ref)).toEqual([
      'frontend/smooth-checkout/adoption',
      'frontend/smooth-checkout',
      'platform/reliable-platform/availability',
      'platform/reliable-platform',
      'mission',
    ]);
    expect(target.effect.at(-1)).toEqual({ ref: 'mission', before: 0.5, after: expect.closeTo(0.6667, 3) });

    const text = await okr(['diff', '--members'], { cwd: org });
    expect(text.stdout).toContain('members before the last fetch → members as fetched');
    expect((await okr(['diff', '--members', '--exit-code'], { cwd: org })).code).toBe(3);
    expect((await okr(['diff', 'HEAD', '--members'], { cwd: org })).code).toBe(2);
  });
});
