// Workspaces for the report's tests: one whose every text a goal file or git can carry is hostile
// (markup, a closing </style>, quotes, control characters, bidi overrides, @mentions, markdown), with
// a history of check-ins; and the bundled example with months of history (okr demo).
import { join } from 'node:path';
import { okr } from '../support/run-cli.js';
import { commitAll, git, makeRepo, tempDir, writeFiles } from '../support/temp-repo.js';

/** Strings that must show as text, never act: each is checked for in the page. */
export const HOSTILE = {
  organization: 'Acme <img src=x onerror=alert(1)>',
  mission: 'Be fast </style><script>alert(2)</script>',
  teamName: 'Pay</summary><script>alert(3)</script>',
  purpose: 'Move money "safely" & @acme/security',
  objective: '<script>alert(4)</script> </style> "quoted" \'single\' & more',
  keyResult: 'Cut [latency](javascript:alert(5)) | **bold** `code` @payments-oncall',
  /** git drops "<" and ">" from names: quotes, "&" and markdown are what an author name can carry. */
  author: 'Eve & "Mallory" | **@ops**',
  subject: 'errors up <script>alert(8)</script>',
  note: '</td></tr><script>alert(7)</script>\nsecond line | with pipe',
};

/** Control characters and a bidi override: shown escaped (\u001b), not passed on. */
export const CONTROL_TITLE = 'Clear\u001b[2J screen \u202eevil';

const OKR_YAML = `version: 1
organization: ${JSON.stringify(HOSTILE.organization)}
mission: ${JSON.stringify(HOSTILE.mission)}
cycles:
  - id: 2026-Q4
    start: "2026-10-01"
    end: "2026-12-31"
checkins:
  stale_after_days: 14
`;

const TEAM = `name: ${JSON.stringify(HOSTILE.teamName)}
owners: [ana@acme.example]
purpose: ${JSON.stringify(HOSTILE.purpose)}
`;

export function cycleFile(p95: number, errors = 0.08): string {
  return `objectives:
  - id: faster-checkout
    title: ${JSON.stringify(HOSTILE.objective)}
    aligns_to: mission
    key_results:
      - id: p95-latency
        title: ${JSON.stringify(HOSTILE.keyResult)}
        start: 900
        target: 300
        current: ${p95}
        unit: ms
        confidence: 0.6
      - id: errors
        title: ${JSON.stringify(CONTROL_TITLE)}
        keep_below: 0.1
        current: ${errors}
      - id: edge-cache
        title: Ship the edge cache
        done: false
  - id: settle-fast
    title: Settle in seconds
    aligns_to: faster-checkout
    key_results:
      - id: settle-p50
        title: Cut median settlement time
        start: 45
        target: 5
        current: 40
        unit: s
`;
}

const GROWTH = `objectives:
  - id: signups
    title: Grow signups
    aligns_to: mission
    key_results:
      - id: weekly
        title: Weekly signups
        start: 100
        target: 200
        current: 180
`;

export const FILE = 'teams/payments/2026-Q4.yaml';

const when = (day: string, name = 'Ana Author') => ({
  GIT_AUTHOR_DATE: `${day}T10:00:00+00:00`,
  GIT_COMMITTER_DATE: `${day}T10:00:00+00:00`,
  GIT_AUTHOR_NAME: name,
});

/**
 * The hostile workspace in a repository: committed on 2026-10-01, then p95 checked in three times
 * (the last by an author with a hostile name and a hostile note), errors breached on 2026-11-20.
 */
export function hostileRepo(): string {
  const dir = makeRepo();
  writeFiles(dir, { 'okr.yaml': OKR_YAML, 'teams/payments/team.yaml': TEAM, [FILE]: cycleFile(900), 'teams/growth/team.yaml': 'name: Growth\n', 'teams/growth/2026-Q4.yaml': GROWTH });
  commitAll(dir, 'import the goals', when('2026-10-01'));
  writeFiles(dir, { [FILE]: cycleFile(800) });
  commitAll(dir, 'p95 800', when('2026-10-15'));
  writeFiles(dir, { [FILE]: cycleFile(700) });
  commitAll(dir, 'p95 700', when('2026-11-01'));
  writeFiles(dir, { [FILE]: cycleFile(640) });
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--no-verify', '-m', `p95 640\n\n${HOSTILE.note}\n\nOkr-Checkin: payments/faster-checkout/p95-latency\nOkr-Value: 640\nOkr-Previous: 700`], when('2026-11-20', HOSTILE.author));
  writeFiles(dir, { [FILE]: cycleFile(640, 0.2) });
  commitAll(dir, HOSTILE.subject, when('2026-11-20'));
  return dir;
}

/** The same files outside git. */
export function hostileFolder(): string {
  const dir = tempDir('okr-report-files-');
  writeFiles(dir, { 'okr.yaml': OKR_YAML, 'teams/payments/team.yaml': TEAM, [FILE]: cycleFile(640, 0.2), 'teams/growth/team.yaml': 'name: Growth\n', 'teams/growth/2026-Q4.yaml': GROWTH });
  return dir;
}

/** `okr demo`: the bundled example (examples/acme) with 16 weeks of check-in history and a closed 2026-Q3, made on 2026-11-25. */
export async function demoRepo(): Promise<string> {
  const dir = join(tempDir('okr-report-demo-'), 'acme');
  const made = await okr(['demo', '--dir', dir, '--no-show']);
  if (made.code !== 0) throw new Error(`okr demo failed: ${made.stderr}`);
  return dir;
}
