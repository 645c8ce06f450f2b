// Timing whole processes for benchmarks: median wall time and peak resident memory (from
// /usr/bin/time-like rusage of the child), over a few runs after one warm-up.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const OKR = fileURLToPath(new URL('../bin/okr.js', import.meta.url));

/** Runs `command args` `runs` times (after a warm-up) and returns {median, min, max, peakMB}. */
export function timeProcess(command, args, { runs = 5, cwd, env, expectCodes = [0] } = {}) {
  const times = [];
  let peak = 0;
  for (let i = 0; i <= runs; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30 });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (!expectCodes.includes(result.status ?? -1))
      throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 2000)}`);
    if (i === 0) continue; // warm-up: file cache, not the thing measured
    times.push(elapsed);
  }
  // Peak memory: one extra run under /usr/bin/time -f %M when available.
  const timed = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (timed.status !== null && !timed.error) peak = Number(timed.stderr.trim().split('\n').pop()) / 1024;
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1], peakMB: peak || undefined };
}

export function fmt(result) {
  const ms = (x) => `${x.toFixed(0)} ms`;
  return `median ${ms(result.median)} (min ${ms(result.min)}, max ${ms(result.max)})${result.peakMB ? `, peak ${result.peakMB.toFixed(0)} MB` : ''}`;
}
