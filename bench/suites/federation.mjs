// Goals across repositories (issue 15, item 8): an organisation of 50 member repositories with 20
// teams each (1,000 teams, plus 20 of the organisation's own), each member a bare repository reached
// by a file:// URL. `okr fetch` into an empty object store and with nothing new, then `okr tree`
// over the fetched refs (goal: under 2 s), beside `okr tree` on the same 1,020 teams in one folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENV, okr, runs, SMALL, thousands } from '../context.mjs';
import { generateWorkspace, teamId } from '../generate-workspace.mjs';
import { measure } from '../measure.mjs';
import { goal, line } from '../report.mjs';
import { cacheRoot, cached, git, GENERATION, outsideGitRoot } from '../workspaces.mjs';

const MEMBERS = SMALL ? 5 : 50;
const TEAMS_EACH = 20;
const ORG_TEAMS = 20;
const TOTAL = ORG_TEAMS + MEMBERS * TEAMS_EACH;

function commitAll(dir) {
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'goals'], { env: { GIT_AUTHOR_DATE: '2026-11-16T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-16T10:00:00Z' } });
}

function initRepo(dir) {
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
}

/**
 * The organisation: `<root>/org` (okr.yaml with members:, teams 0-19), `<root>/members/m-NN.git`
 * (bare, each okr.yaml with upstream: and 20 of the teams). One generated workspace of 1,020 teams is
 * split between them, so alignment crosses repositories as it would in a real organisation.
 */
function organisation() {
  const root = join(cacheRoot(), `federation-${MEMBERS}x${TEAMS_EACH}-g${GENERATION}`);
  return cached(
    root,
    { kind: 'federation', members: MEMBERS, teamsEach: TEAMS_EACH, orgTeams: ORG_TEAMS },
    (dir) => {
      const all = join(dir, 'all');
      generateWorkspace(all, TOTAL);
      const org = join(dir, 'org');
      mkdirSync(join(org, 'teams'), { recursive: true });
      const members = [];
      for (let m = 0; m < MEMBERS; m++) {
        const id = `m-${String(m).padStart(2, '0')}`;
        const work = join(dir, 'work', id);
        mkdirSync(join(work, 'teams'), { recursive: true });
        writeFileSync(join(work, 'okr.yaml'), `version: 1\nupstream:\n  url: ${pathToFileURL(join(dir, 'org.git')).href}\n  ref: main\n`);
        for (let t = 0; t < TEAMS_EACH; t++) {
          const team = teamId(ORG_TEAMS + m * TEAMS_EACH + t);
          renameSync(join(all, 'teams', team), join(work, 'teams', team));
        }
        initRepo(work);
        commitAll(work);
        const bare = join(dir, 'members', `${id}.git`);
        git(dir, ['clone', '-q', '--bare', work, bare]);
        members.push({ id, url: pathToFileURL(bare).href });
      }
      for (const team of readdirSync(join(all, 'teams'))) renameSync(join(all, 'teams', team), join(org, 'teams', team));
      const config = readFileSyncText(join(all, 'okr.yaml'));
      writeFileSync(join(org, 'okr.yaml'), `${config}members:\n${members.map((m) => `  - id: ${m.id}\n    url: ${m.url}\n    ref: main\n`).join('')}`);
      initRepo(org);
      commitAll(org);
      rmSync(join(dir, 'work'), { recursive: true, force: true });
      rmSync(all, { recursive: true, force: true });
    },
    `an organisation of ${MEMBERS} member repositories × ${TEAMS_EACH} teams`,
  );
}

const readFileSyncText = (file) => readFileSync(file, 'utf8');

export const benches = [
  {
    name: 'federation.fetch',
    title: `okr fetch of ${MEMBERS} member repositories (file:// URLs, 4 at a time)`,
    run() {
      const root = organisation();
      const org = join(root, 'org');
      const fresh = join(root, 'fresh');
      // A new repository holding only the organisation's okr.yaml: every member's objects are fetched.
      const freshRepository = () => {
        rmSync(fresh, { recursive: true, force: true });
        mkdirSync(fresh);
        writeFileSync(join(fresh, 'okr.yaml'), readFileSyncText(join(org, 'okr.yaml')));
        initRepo(fresh);
      };
      const [first, again] = measure(
        [
          { label: 'okr fetch, empty object store', argv: okr('fetch'), cwd: fresh, env: ENV, before: freshRepository },
          { label: 'okr fetch, nothing new', argv: okr('fetch'), cwd: org, env: ENV },
        ],
        { runs: runs() },
      );
      line(`okr fetch, ${MEMBERS} repositories, first`, first);
      line(`okr fetch, ${MEMBERS} repositories, nothing new`, again);
    },
  },
  {
    name: 'federation.tree',
    title: `okr tree of an organisation: ${MEMBERS} fetched member repositories × ${TEAMS_EACH} teams (+${ORG_TEAMS} local)`,
    run() {
      const root = organisation();
      const org = join(root, 'org');
      // Fetched once (federation.fetch may have done it already).
      if (git(org, ['for-each-ref', 'refs/okr']).trim() === '') execFileSync(okr('fetch')[0], okr('fetch').slice(1), { cwd: org, env: { ...process.env, ...ENV }, stdio: 'ignore' });
      const single = join(outsideGitRoot(), `ws-${TOTAL}-single-g${GENERATION}`);
      cached(single, { kind: 'plain-single', teams: TOTAL }, (d) => generateWorkspace(d, TOTAL), `${TOTAL} teams in one folder`);
      const [tree, json, one] = measure(
        [
          { label: 'okr tree (members from refs/okr)', argv: okr('tree'), cwd: org, env: ENV },
          { label: 'okr tree --json (members from refs/okr)', argv: okr('tree', '--json'), cwd: org, env: ENV },
          { label: 'okr tree, the same teams in one folder', argv: okr('tree'), cwd: single, env: ENV },
        ],
        { runs: runs() },
      );
      line(`okr tree, ${thousands(TOTAL)} teams in ${MEMBERS + 1} repositories`, tree);
      line('okr tree --json, the same', json);
      line(`okr tree, ${thousands(TOTAL)} teams in one folder (reference)`, one);
      goal('okr tree over fetched members', tree.median, '<', 2000, 'ms');
    },
  },
];
