// A small workspace for the dashboard's tests: alignment through a rollup key result, an objective
// under two goals, a breached guardrail, a title in Japanese with an emoji, a title with a terminal
// escape in it, a closed-looking long title; and the helpers that load it as the dashboard does.
import { openSession } from '../../src/app/session.js';
import { DashboardSource } from '../../src/app/dashboard-data.js';
import type { DashboardData } from '../../src/render/tui/dashboard/data.js';
import { quietEnvironment } from '../support/run-cli.js';
import { makeRepo, tempDir, writeFiles } from '../support/temp-repo.js';

export const FILES: Record<string, string> = {
  'okr.yaml': `version: 1
organization: Acme
mission: Make every payment instant and safe.
cycles:
  - id: "2026"
    start: "2026-01-01"
    end: "2026-12-31"
  - id: 2026-Q4
    start: "2026-10-01"
    end: "2026-12-31"
`,
  'teams/eng/team.yaml': 'name: Engineering\nowners: [cto@acme.example]\n',
  'teams/eng/2026.yaml': `objectives:
  - id: platform
    title: Run a platform merchants never have to think about
    aligns_to: mission
    key_results:
      - id: uptime
        title: Keep API availability above 99.9%
        keep_above: 99.9
        current: 99.95
        unit: "%"
      - id: adoption
        title: Product teams run on the shared platform
        rollup: true
`,
  'teams/payments/team.yaml': 'name: Payments\nowners: [ana@acme.example]\n',
  'teams/payments/2026-Q4.yaml': `objectives:
  - id: checkout
    title: Make checkout feel instant
    aligns_to: eng/platform/adoption
    owner: ana@acme.example
    key_results:
      - id: p95
        title: Cut p95 checkout latency
        start: 900
        target: 300
        current: 640
        unit: ms
        confidence: 0.6
      - id: edge-cache
        title: Ship the edge cache to all regions
        done: false
      - id: errors
        title: Keep checkout errors under 0.1%
        keep_below: 0.1
        current: 0.2
        unit: "%"
`,
  'teams/mobile/team.yaml': 'name: Mobile\nowners: ["@kenji"]\n',
  'teams/mobile/2026-Q4.yaml': `objectives:
  - id: app
    title: "モバイル決済を全ユーザーに提供する 🚀 everywhere in every market"
    aligns_to: [eng/platform, payments/checkout]
    key_results:
      - id: rating
        title: Raise the app store rating
        start: 4.1
        target: 4.6
        current: 4.4
        unit: stars
`,
  'teams/ops/team.yaml': 'name: "Ops \\e]0;pwned\\a"\nowners: [ops@acme.example]\n',
  'teams/ops/2026-Q4.yaml': `objectives:
  - id: evil
    title: "Evil \\e[2J title"
    aligns_to: mission
    key_results:
      - id: done-thing
        title: A milestone that is done
        done: true
`,
};

/** The fixture in a temporary folder (outside git unless `repo`). */
export function fixtureDir({ repo = false } = {}): string {
  if (repo) return makeRepo(FILES, 'import the goals');
  const dir = tempDir('okr-dashboard-');
  writeFiles(dir, FILES);
  return dir;
}

/** Loads a workspace the way okr dashboard does (`today` fixed at the tests' day). */
export async function loadData(dir: string, options: { cycle?: string; asOf?: string; at?: string } = {}): Promise<DashboardData> {
  const source = new DashboardSource(openSession(quietEnvironment(dir)), options);
  return (await source.load()).data;
}
