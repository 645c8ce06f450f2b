// What every benchmark shares: which okr build is measured, the fixed "today", run counts, and scale.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_CHECKOUT = fileURLToPath(new URL('..', import.meta.url));

/** The okr build measured: OKR_BIN (or --okr), else this checkout's bin/okr.js. */
export function okrBin() {
  const bin = resolve(process.env.OKR_BIN || `${BENCH_CHECKOUT}/bin/okr.js`);
  if (!existsSync(bin)) throw new Error(`OKR_BIN: no such file ${bin}`);
  return bin;
}

/** The checkout the measured bin belongs to (for its version and commit in the header). */
export function okrCheckout() {
  return dirname(dirname(okrBin()));
}

/** argv of an okr command, run by this Node. */
export const okr = (...args) => [process.execPath, okrBin(), ...args];

/** Every generated input is dated in 2026 and evaluated on its last day of history. */
export const TODAY = '2026-11-25';
export const ENV = { OKR_TODAY: TODAY, NO_COLOR: '1' };

/** Measured runs per command after the warm-up (--runs); large inputs get fewer. */
export function runs(large = false) {
  const n = Number(process.env.OKR_BENCH_RUNS || 5);
  return large ? Math.max(1, Math.min(n, 3)) : n;
}

/** --small: every size divided by 50, to try the harness quickly. The goals do not apply then. */
export const SMALL = process.env.OKR_BENCH_SMALL === '1';
export function teams(n) {
  return SMALL ? Math.max(20, Math.round(n / 50)) : n;
}

/** How long one run may take before it is killed and reported as timed out (--timeout seconds). */
export function timeoutMs() {
  return Number(process.env.OKR_BENCH_TIMEOUT || 60) * 1000;
}

export const thousands = (n) => n.toLocaleString('en-US');
