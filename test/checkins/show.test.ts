// okr show adds a history block (sparkline, count, last check-in) from git, and nothing outside git.
import { describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { commitAll, tempDir, writeFiles } from '../support/temp-repo.js';
import { at, FILE, OKR_YAML, P95, PAYMENTS_Q4, PAYMENTS_TEAM, paymentsRepo, read } from './workspace.js';

describe('okr show: history', () => {
  it('shows a sparkline for a key result, and one per key result of an objective', async () => {
    const dir = paymentsRepo('2026-10-01');
    for (const [value, day] of [[600, '2026-10-15'], [500, '2026-11-01']] as const) {
      writeFiles(dir, { [FILE]: read(dir).replace(/current: \d+ /, `current: ${value} `) });
      commitAll(dir, `p95 ${value}`, at(day));
    }
    const kr = await okr(['show', P95], { cwd: dir });
    expect(kr.code).toBe(0);
    expect(kr.stdout).toMatch(
      /\nHistory\n {2}█▆▁ {2}3 values since 2026-10-01; last 2026-11-01 by Test Author \([0-9a-f]{7}\) · stale: no check-in for 24 days\n {2}on pace for 100% by 2026-12-31 .*\n {2}okr history payments\/faster-checkout\/p95-latency lists every value\n\nFeedback\n {2}none yet: okr feedback payments\/faster-checkout\/p95-latency -m "TEXT" gives some\n$/,
    );
    const objective = await okr(['show', 'payments/faster-checkout'], { cwd: dir });
    expect(objective.stdout).toMatch(/\nHistory\n {2}p95-latency {2}█▆▁ {2}3 values/);
    expect(objective.stdout).toMatch(/\n {2}edge-cache {3}▁ {2}1 value since 2026-10-01/);
    expect(objective.stdout).not.toMatch(/ adoption .*values since/);
  });

  it('adds nothing outside git', async () => {
    const plain = tempDir();
    writeFiles(plain, { 'okr.yaml': OKR_YAML, 'teams/payments/team.yaml': PAYMENTS_TEAM, [FILE]: PAYMENTS_Q4 });
    const result = await okr(['show', P95], { cwd: plain });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('History');
  });
});
