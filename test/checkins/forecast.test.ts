// Forecasts from real git history (SPEC section 10): okr history, okr show and okr status, text and
// JSON, with the numbers computed by hand from the commits' days and values.
import { describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { commitAll, tempDir, writeFiles } from '../support/temp-repo.js';
import { at, CONVERSION, EDGE, FILE, OKR_YAML, P95, PAYMENTS_Q4, PAYMENTS_TEAM, paymentsRepo, read } from './workspace.js';

/** p95-latency: 640 on 2026-10-01 (the import), then the given values on the given days. */
function repoWith(steps: readonly (readonly [number, string])[]): string {
  const dir = paymentsRepo('2026-10-01');
  for (const [value, day] of steps) {
    writeFiles(dir, { [FILE]: read(dir).replace(/current: \d+ /, `current: ${value} `) });
    commitAll(dir, `p95 ${value}`, at(day));
  }
  return dir;
}

// Days 0, 14, 31 of the quarter; values 640, 630, 620. Mean day 15, mean value 630;
// Σ dx·dy = -150 + 0 - 160 = -310, Σ dx² = 225 + 1 + 256 = 482. On 2026-12-31 (day 91):
// 630 - 310/482 · 76; progress (900 - value) / 600 (lower is better).
const SLOW = [
  [630, '2026-10-15'],
  [620, '2026-11-01'],
] as const;
const SLOW_VALUE = 630 - (310 / 482) * 76;
const SLOW_PROGRESS = (900 - SLOW_VALUE) / 600;

describe('forecasts from git history', () => {
  it('okr history --json: the least-squares line at the end of the cycle', async () => {
    const dir = repoWith(SLOW);
    const result = await okr(['history', P95, '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const { forecast } = JSON.parse(result.stdout);
    expect(Object.keys(forecast)).toEqual(['value', 'progress', 'day', 'points']);
    expect(forecast.value).toBeCloseTo(SLOW_VALUE, 9);
    expect(forecast.progress).toBeCloseTo(SLOW_PROGRESS, 12);
    expect(forecast).toMatchObject({ day: '2026-12-31', points: 3 });
    // A milestone has no forecast; an objective lists each key result's.
    expect(JSON.parse((await okr(['history', EDGE, '--json'], { cwd: dir })).stdout).forecast).toBeNull();
    const objective = JSON.parse((await okr(['history', 'payments/faster-checkout', '--json'], { cwd: dir })).stdout);
    expect(objective.key_results.map((k: { ref: string; forecast: unknown }) => [k.ref, k.forecast === null])).toEqual([
      [P95, false],
      [EDGE, true],
      ['payments/faster-checkout/error-rate', true],
      [CONVERSION, true],
      ['payments/faster-checkout/adoption', true],
    ]);
  });

  it('okr history text: where it is heading, or why there is no forecast yet', async () => {
    const dir = repoWith(SLOW);
    const text = await okr(['history', P95], { cwd: dir });
    expect(text.stdout).toContain('forecast: on pace for 53% by 2026-12-31 (581.1 ms, from 3 values)');
    const conversion = await okr(['history', CONVERSION], { cwd: dir });
    expect(conversion.stdout).toContain('no forecast yet: it takes 3 values in the cycle, at least 7 days apart');
    expect((await okr(['history', EDGE], { cwd: dir })).stdout).not.toContain('forecast');
  });

  it('--as-of sees only the values known that day: too few, no forecast (null, never a guess)', async () => {
    const dir = repoWith(SLOW);
    const early = JSON.parse((await okr(['history', P95, '--json', '--as-of', '2026-10-20'], { cwd: dir })).stdout);
    expect(early.points).toHaveLength(2);
    expect(early.forecast).toBeNull();
    const show = JSON.parse((await okr(['show', P95, '--json', '--as-of', '2026-10-20'], { cwd: dir })).stdout);
    expect(show.forecast).toBeNull();
  });

  it('values spread over less than a week: no forecast', async () => {
    const dir = repoWith([
      [630, '2026-10-03'],
      [620, '2026-10-05'],
    ]);
    expect(JSON.parse((await okr(['history', P95, '--json'], { cwd: dir })).stdout).forecast).toBeNull();
  });

  it('okr show: the forecast in JSON (key result and each key result of an objective) and in the history block', async () => {
    const dir = repoWith(SLOW);
    const kr = JSON.parse((await okr(['show', P95, '--json'], { cwd: dir })).stdout);
    expect(kr.forecast.value).toBeCloseTo(SLOW_VALUE, 9);
    expect(kr.forecast).toMatchObject({ day: '2026-12-31', points: 3 });
    const objective = JSON.parse((await okr(['show', 'payments/faster-checkout', '--json'], { cwd: dir })).stdout);
    expect(objective.key_results[0].forecast.progress).toBeCloseTo(SLOW_PROGRESS, 12);
    expect(objective.key_results.slice(1).map((k: { forecast: unknown }) => k.forecast)).toEqual([null, null, null, null]);
    const text = await okr(['show', P95], { cwd: dir });
    expect(text.stdout).toMatch(/\nHistory\n {2}.+3 values since 2026-10-01.*\n {2}on pace for 53% by 2026-12-31 \(581\.1 ms, from 3 values\)\n/);
    const objectiveText = await okr(['show', 'payments/faster-checkout'], { cwd: dir });
    expect(objectiveText.stdout).toMatch(/\n {2}p95-latency {2}.+3 values.*\n {15}on pace for 53% by 2026-12-31/);
  });

  it('a metric past its target on pace is on pace for 100%, not more', async () => {
    const dir = repoWith([
      [600, '2026-10-15'],
      [500, '2026-11-01'],
    ]);
    const { forecast } = JSON.parse((await okr(['history', P95, '--json'], { cwd: dir })).stdout);
    // 580 - 2200/482 · 76 ≈ 233 ms: past the 300 ms target.
    expect(forecast.value).toBeCloseTo(580 - (2200 / 482) * 76, 9);
    expect(forecast.progress).toBe(1);
    expect((await okr(['show', P95], { cwd: dir })).stdout).toContain('on pace for 100% by 2026-12-31');
    const status = JSON.parse((await okr(['status', '--json'], { cwd: dir })).stdout);
    expect(status.teams[0]).toMatchObject({ team: 'payments', forecast_below_target: 0 });
  });

  it('okr status counts, per team, the key results whose forecast misses the target', async () => {
    const dir = repoWith(SLOW);
    writeFiles(dir, { 'teams/growth/team.yaml': 'name: Growth\n' });
    commitAll(dir, 'growth', at('2026-11-02'));
    const status = JSON.parse((await okr(['status', '--json'], { cwd: dir })).stdout);
    expect(status.teams).toEqual([
      expect.objectContaining({ team: 'payments', forecast_below_target: 1 }),
      expect.objectContaining({ team: 'growth', forecast_below_target: 0 }),
    ]);
    const text = await okr(['status'], { cwd: dir });
    expect(text.stdout).toMatch(/STALE {2}FORECAST MISS\npayments .* {13}1\n/);
    expect(text.stdout).toContain('1 key result forecast below target by the end of the cycle');
    // Before the third value there is no forecast, so nothing misses.
    const early = JSON.parse((await okr(['status', '--json', '--as-of', '2026-10-20'], { cwd: dir })).stdout);
    expect(early.teams[0]).toMatchObject({ team: 'payments', forecast_below_target: 0 });
  });

  it('outside git: forecast null, nothing made up', async () => {
    const plain = tempDir();
    writeFiles(plain, { 'okr.yaml': OKR_YAML, 'teams/payments/team.yaml': PAYMENTS_TEAM, [FILE]: PAYMENTS_Q4 });
    const show = await okr(['show', P95, '--json'], { cwd: plain });
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout).forecast).toBeNull();
    expect(JSON.parse((await okr(['status', '--json'], { cwd: plain })).stdout).teams[0].forecast_below_target).toBeNull();
  });
});
