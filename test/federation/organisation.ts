// An organisation in real git repositories, as SPEC 13 describes it: the organisation's repository
// (mission, cycles, one platform team, its members listed in okr.yaml) and three member
// repositories, each a bare repository reached by a file:// URL, whose teams align to the
// organisation's goals.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { commitAll, git, makeRepo, tempDir, writeFiles } from '../support/temp-repo.js';

export const ORG_CONFIG = `version: 1
organization: Acme
mission: Make every payment instant and safe.
values:
  - id: customer-trust
    title: Earn customer trust every day
cycles:
  - id: "2026"
    start: "2026-01-01"
    end: "2026-12-31"
  - id: 2026-Q4
    start: "2026-10-01"
    end: "2026-12-31"
rules:
  require-alignment: error
`;

export const PLATFORM_GOALS = `objectives:
  - id: reliable-platform
    title: Run a platform nobody has to think about
    aligns_to: mission
    key_results:
      - id: availability
        title: Keep availability above 99.9%
        rollup: true
  - id: fast-payments
    title: Make payments fast
    aligns_to: mission
    key_results:
      - id: p95
        title: Cut p95 latency
        start: 900
        target: 300
        current: 600
        unit: ms
`;

export function memberConfig(orgUrl: string): string {
  return `version: 1\nupstream:\n  url: ${orgUrl}\n  ref: main\n`;
}

export function teamGoals(objective: string, alignsTo: string, current = 50): string {
  return `objectives:
  - id: ${objective}
    title: ${objective} for everyone
    aligns_to: ${alignsTo}
    key_results:
      - id: adoption
        title: Adoption
        start: 0
        target: 100
        current: ${current}
        unit: "%"
`;
}

export interface Member {
  readonly id: string;
  /** The working repository the member's team commits in. */
  readonly work: string;
  /** The bare repository the organisation fetches from. */
  readonly bare: string;
  readonly url: string;
}

export interface Organisation {
  readonly org: string;
  readonly orgBare: string;
  readonly members: Member[];
}

/** Publishes a working repository's main branch to its bare repository. */
export function publish(member: Member): void {
  git(member.work, ['push', '-q', member.bare, 'main']);
}

/**
 * The organisation and its members mobile (team ios), web (team frontend) and data (team analytics).
 * `extraMembers` adds lines under members: (unreachable ones, hostile ones).
 */
export function makeOrganisation(options: { extraMembers?: string; memberFiles?: Record<string, Record<string, string>> } = {}): Organisation {
  const root = tempDir('okr-org-');
  const orgBare = join(root, 'org.git');
  const teams: Record<string, [string, string, string]> = {
    mobile: ['ios', 'fast-app', 'platform/fast-payments'],
    web: ['frontend', 'smooth-checkout', 'platform/reliable-platform/availability'],
    data: ['analytics', 'trusted-numbers', 'platform/reliable-platform'],
  };
  const members: Member[] = Object.entries(teams).map(([id, [team, objective, alignsTo]]) => {
    const bare = join(root, `${id}.git`);
    const work = makeRepo({
      'okr.yaml': memberConfig(pathToFileURL(orgBare).href),
      [`teams/${team}/team.yaml`]: `name: ${team}\n`,
      [`teams/${team}/2026-Q4.yaml`]: teamGoals(objective, alignsTo),
      ...(options.memberFiles?.[id] ?? {}),
    });
    git(root, ['init', '-q', '--bare', '-b', 'main', bare]);
    const member = { id, work, bare, url: pathToFileURL(bare).href };
    publish(member);
    return member;
  });
  const list = members.map((m) => `  - id: ${m.id}\n    url: ${m.url}\n    ref: main\n`).join('') + (options.extraMembers ?? '');
  const org = makeRepo({
    'okr.yaml': `${ORG_CONFIG}members:\n${list}`,
    'teams/platform/team.yaml': 'name: Platform\n',
    'teams/platform/2026-Q4.yaml': PLATFORM_GOALS,
  });
  git(root, ['init', '-q', '--bare', '-b', 'main', orgBare]);
  git(org, ['push', '-q', orgBare, 'main']);
  return { org, orgBare, members };
}

/** Changes a member's goal file, commits and publishes it. */
export function changeMember(member: Member, files: Record<string, string>, message = 'update goals'): void {
  writeFiles(member.work, files);
  commitAll(member.work, message);
  publish(member);
}
