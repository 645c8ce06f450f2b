// The human output of tree, status and show on the bundled example, colour off, on a fixed day.
import { describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { copyExample } from '../support/temp-repo.js';
import { expectGolden } from '../support/golden.js';

// A copy outside git: with --as-of, a workspace in a repository is read as committed on that day.
const ACME = copyExample('acme');
const DAY = ['--as-of', '2026-11-25'];

describe('golden output (colour off, --as-of 2026-11-25)', () => {
  const cases: [string, string[]][] = [
    ['tree.txt', ['tree']],
    ['tree-no-krs.txt', ['tree', '--no-krs']],
    ['tree-depth-1.txt', ['tree', '--depth', '1', '--no-krs']],
    ['tree-team-checkout.txt', ['tree', '--team', 'checkout']],
    ['tree-key-result.txt', ['tree', 'payments/faster-checkout/partner-adoption', '--no-krs']],
    ['tree-year.txt', ['tree', '--cycle', '2026', '--no-krs']],
    ['status.txt', ['status']],
    ['show-objective.txt', ['show', 'payments/faster-checkout']],
    ['show-two-goals.txt', ['show', 'mobile/app-rating']],
    ['show-key-result.txt', ['show', 'payments/payouts-on-demand/instant-payout-share']],
    ['show-guardrail.txt', ['show', 'payments/settlement-in-seconds/reconciliation-breaks']],
    ['show-rollup.txt', ['show', 'engineering/instant-payments/payment-speed']],
    ['show-mission.txt', ['show', 'mission']],
  ];
  for (const [file, argv] of cases)
    it(`okr ${argv.join(' ')}`, async () => {
      const result = await okr([...argv, ...DAY, '-C', ACME]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expectGolden(import.meta.dirname, file, result.stdout);
    });
});

describe('what a person sees at a glance', () => {
  it('every objective line carries a percentage, a status word and its reference', async () => {
    const { stdout } = await okr(['tree', '--no-krs', ...DAY, '-C', ACME]);
    const lines = stdout.split('\n').filter((l) => /[├└]─ /.test(l));
    expect(lines.length).toBeGreaterThan(30);
    for (const line of lines) expect(line).toMatch(/\d+%\s+(done|on-track|at-risk|off-track)\s+[a-z-]+\/[a-z-]+/);
  });

  it('marks the objective that serves two goals under both, and the breached guardrail in words', async () => {
    const { stdout } = await okr(['tree', ...DAY, '-C', ACME]);
    expect(stdout.match(/payments\/payouts-on-demand/g)).toHaveLength(2);
    expect(stdout).toContain('↳ also under product/merchants-love-onboarding');
    expect(stdout).toContain('↳ also under engineering/instant-payments');
    expect(stdout).toMatch(/Keep reconciliation breaks under 50 a day\s+0%\s+breached/);
    expect(stdout).toMatch(/payments\/settlement-in-seconds\s+1 guardrail breached/);
  });

  it('piped output has no bars and no escape codes; a terminal gets bars; FORCE_COLOR gets colour', async () => {
    const piped = await okr(['tree', ...DAY, '-C', ACME], { vars: { NO_COLOR: undefined } });
    expect(piped.stdout).not.toMatch(/[█░\u001b]/);
    const tty = await okr(['tree', ...DAY, '-C', ACME], { tty: true });
    expect(tty.stdout).toMatch(/█+[▏▎▍▌▋▊▉]?░*\s+\d+%/);
    expect(tty.stdout).not.toContain('\u001b'); // NO_COLOR on a terminal: bars, but no colour
    const forced = await okr(['tree', ...DAY, '-C', ACME], { vars: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[31moff-track');
    expect(forced.stdout).toContain('█');
    const noColour = await okr(['status', ...DAY, '-C', ACME], { vars: { FORCE_COLOR: '0' }, tty: true });
    expect(noColour.stdout).not.toContain('\u001b');
  });

  it('a terminal narrower than the titles gets them cut with an ellipsis, not wrapped', async () => {
    const { stdout } = await okr(['tree', '--no-krs', ...DAY, '-C', ACME], { tty: true });
    expect(stdout).toContain('…');
  });
});
