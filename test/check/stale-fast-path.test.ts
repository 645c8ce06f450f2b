// The stale-checkin rule's fast path: a key result whose latest point is within stale_after_days of
// the day is fresh without asking anything else of it. The boundary must be the rule's own: a point
// exactly stale_after_days ago is fresh, one day more is stale (unless the key result is settled).
import { describe, expect, it } from 'vitest';
import { staleFindingsOf, type LastChange } from '../../src/app/stale-checkin-rule.js';
import { loadWorkspace } from '../../src/workspace/load.js';
import { BASE_FILES } from './workspace.js';

const REF = 'platform/reliable/uptime';
const workspaceWith = (files: Record<string, string>) => loadWorkspace(Object.entries({ ...BASE_FILES, ...files }).map(([file, text]) => ({ file, text }))).workspace;
const pointOn = (date: string): Map<string, LastChange[]> => new Map([[REF, [{ commit: 'c0ffee0000000000000000000000000000000000', date: `${date}T12:00:00+02:00`, authorName: 'Ana' }]]]);

describe('stale-checkin fast path', () => {
  it('is fresh up to stale_after_days after the latest point, stale one day later', () => {
    const workspace = workspaceWith({});
    expect(workspace.config.staleAfterDays).toBe(14);
    expect(staleFindingsOf(workspace, { points: pointOn('2026-11-11') }, '2026-11-25')).toEqual([]);
    const [finding, ...rest] = staleFindingsOf(workspace, { points: pointOn('2026-11-10') }, '2026-11-25');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'stale-checkin', message: expect.stringContaining('no check-in for 15 days (last 2026-11-10 by Ana, c0ffee0') });
    // No point at all: new work, not stale.
    expect(staleFindingsOf(workspace, { points: new Map() }, '2026-11-25')).toEqual([]);
  });

  it('leaves the rest of the rule to stalenessOf: settled key results and cycles not started are never stale', () => {
    const settled = workspaceWith({ 'teams/platform/2026.yaml': BASE_FILES['teams/platform/2026.yaml']!.replace('target: 99.9', 'target: 99.9\n        current: 99.9') });
    expect(staleFindingsOf(settled, { points: pointOn('2026-01-10') }, '2026-11-25')).toEqual([]);
    const workspace = workspaceWith({});
    expect(staleFindingsOf(workspace, { points: pointOn('2025-06-01') }, '2025-12-25')).toEqual([]); // before 2026 starts
    expect(staleFindingsOf(workspace, { points: pointOn('2025-06-01') }, '2026-01-16')).toHaveLength(1); // 15 days into it
    expect(staleFindingsOf(workspace, { points: pointOn('2025-06-01') }, '2026-01-15')).toEqual([]);
  });
});
