// okr status's check-in columns come from git history: the latest check-in day of each team's key
// results in view, and how many of them are stale on the day evaluated.
import { describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { commitAll, writeFiles } from '../support/temp-repo.js';
import { at, FILE, paymentsRepo, read } from './workspace.js';

describe('okr status: last_checkin and stale from git', () => {
  it('fills the columns from history, evaluated on --as-of', async () => {
    const dir = paymentsRepo('2026-10-01', { 'teams/growth/team.yaml': 'name: Growth\n' });
    writeFiles(dir, { [FILE]: read(dir).replace('current: 640', 'current: 600') });
    commitAll(dir, 'check-in', at('2026-11-20'));
    const row = async (extra: string[]) => {
      const result = await okr(['status', '--json', ...extra], { cwd: dir });
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout).teams as { team: string; last_checkin: string | null; stale: number | null }[];
    };
    // Stale: edge-cache (not done) and conversion (short of its target); error-rate is a guardrail
    // that holds, with nothing left to report (SPEC 9), so never stale.
    expect(await row([])).toEqual([
      expect.objectContaining({ team: 'payments', last_checkin: '2026-11-20', stale: 2 }),
      expect.objectContaining({ team: 'growth', last_checkin: null, stale: 0 }),
    ]);
    expect((await row(['--as-of', '2026-10-10']))[0]).toMatchObject({ team: 'payments', last_checkin: '2026-10-01', stale: 0 });
    const text = await okr(['status', '--as-of', '2026-11-25'], { cwd: dir });
    expect(text.stdout).toMatch(/payments\s+1\s+\d+%.*2026-11-20\s+2/);
  });
});
