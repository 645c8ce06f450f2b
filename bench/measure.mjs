// Timing whole processes for benchmarks: wall time from spawn to exit, the child's peak resident
// memory (max RSS, from GNU time's %M, i.e. the kernel's rusage of the child) and its CPU time (user +
// system, its git children included). Wall time is what a person waits; CPU time is what the work
// costs, and moves much less than wall time when other processes load the machine. Commands compared with
// each other are measured interleaved (A B C, A B C, ...) after one warm-up round, so a change in the
// machine's load (other engineers run tests on the same 2 cores) hits them alike; the median is reported.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME = '/usr/bin/time';
const haveTime = existsSync(TIME) && spawnSync(TIME, ['-f', '%M', 'true']).status === 0;
const scratch = mkdtempSync(join(tmpdir(), 'okr-bench-measure-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/**
 * @typedef {object} Command
 * @property {string} label      what the line says
 * @property {string[]} argv     program and arguments
 * @property {string} [cwd]
 * @property {Record<string,string>} [env]   added to process.env
 * @property {number[]} [codes]  exit codes that count as a normal run (default [0])
 * @property {() => void} [before]  runs before every run of this command, untimed (e.g. edit a file)
 * @property {number} [timeoutMs]   a run taking longer is killed and the command is reported as timed out
 * @property {number} [slowMs]   a warm-up slower than this makes one measured run enough (default 20 s)
 *
 * @typedef {object} Timing
 * @property {number} median  ms
 * @property {number} min
 * @property {number} max
 * @property {number} runs    measured runs (the warm-up is not counted)
 * @property {number} [peakMB]  the largest max RSS of any run
 * @property {number} [cpu]  median CPU ms (user + system, children included)
 * @property {boolean} [timedOut]
 * @property {number} [code]  exit code of the last run
 */

const TIMEOUT = '/usr/bin/timeout';
const haveTimeout = existsSync(TIMEOUT);

/**
 * Runs a command once; returns wall ms, peak MB, exit code, stderr. A time limit is enforced by
 * coreutils `timeout` around the command itself: killing /usr/bin/time would leave the command
 * running as an orphan that loads the machine for every later measurement.
 */
export function runOnce(command, { capture = false } = {}) {
  const rssFile = join(scratch, 'rss');
  rmSync(rssFile, { force: true });
  const limited = command.timeoutMs !== undefined && haveTimeout;
  const inner = limited ? [TIMEOUT, '-s', 'KILL', String(command.timeoutMs / 1000), ...command.argv] : command.argv;
  const argv = haveTime ? [TIME, '-f', '%M %U %S', '-o', rssFile, ...inner] : inner;
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), {
    cwd: command.cwd,
    env: { ...process.env, ...command.env },
    stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    // Only without coreutils timeout (then a wrapper's child may outlive the kill).
    timeout: command.timeoutMs !== undefined && !limited ? command.timeoutMs : undefined,
    killSignal: 'SIGKILL',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let peakMB;
  let cpu;
  if (haveTime && existsSync(rssFile)) {
    const [kb, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    if (Number.isFinite(kb) && kb > 0) peakMB = kb / 1024;
    if (Number.isFinite(user) && Number.isFinite(system)) cpu = (user + system) * 1000;
  }
  const timedOut =
    command.timeoutMs !== undefined &&
    ms >= command.timeoutMs * 0.99 &&
    (result.status === 137 || result.status === 124 || result.signal === 'SIGKILL' || result.error?.code === 'ETIMEDOUT');
  return { ms, peakMB, cpu, code: result.status, signal: result.signal, timedOut, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function check(command, run) {
  if (run.timedOut) return;
  const codes = command.codes ?? [0];
  if (!codes.includes(run.code ?? -1))
    throw new Error(`${command.label}: \`${command.argv.join(' ')}\` exited ${run.code ?? run.signal} (expected ${codes.join(' or ')}):\n${run.stderr.slice(0, 2000)}`);
}

/**
 * Measures `commands` interleaved: one warm-up round, then `runs` rounds. A command whose warm-up
 * alone took longer than `slowMs` (far off its goal) is measured once more instead of `runs` times,
 * and one that times out is not run again: a full run of the suite stays within minutes.
 * @param {Command[]} commands
 * @returns {Timing[]}
 */
export function measure(commands, { runs = 5, slowMs = 20_000 } = {}) {
  const times = commands.map(() => []);
  const cpus = commands.map(() => []);
  const peaks = commands.map(() => 0);
  const state = commands.map(() => ({ rounds: runs, timedOut: false, code: undefined }));
  for (let round = 0; round <= runs; round++)
    commands.forEach((command, i) => {
      const s = state[i];
      if (s.timedOut || round > s.rounds) return;
      command.before?.();
      const run = runOnce(command);
      check(command, run);
      if (run.timedOut) {
        s.timedOut = true;
        times[i] = [run.ms];
        return;
      }
      s.code = run.code;
      if (run.peakMB) peaks[i] = Math.max(peaks[i], run.peakMB);
      if (round === 0) {
        if (run.ms > (command.slowMs ?? slowMs) && runs > 1) {
          s.rounds = 1;
          s.reduced = true;
        }
        return; // warm-up: the file cache and git's object cache, not the thing measured
      }
      times[i].push(run.ms);
      if (run.cpu !== undefined) cpus[i].push(run.cpu);
    });
  return commands.map((_, i) => {
    const sorted = [...times[i]].sort((a, b) => a - b);
    return {
      median: median(sorted),
      min: sorted[0],
      max: sorted[sorted.length - 1],
      runs: state[i].timedOut ? 0 : sorted.length,
      reduced: state[i].reduced || undefined,
      samples: times[i], // in run order: sample k of each command comes from the same round
      peakMB: peaks[i] || undefined,
      cpu: cpus[i].length ? median([...cpus[i]].sort((a, b) => a - b)) : undefined,
      timedOut: state[i].timedOut || undefined,
      code: state[i].code,
    };
  });
}

function median(sorted) {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

export function ms(x) {
  return x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`;
}

/** `median 2712 ms (min 2650, max 2790; 5 runs), peak 290 MB` */
export function fmt(t) {
  if (t.timedOut) return `timed out after ${ms(t.min)} (killed; not run again)`;
  const spread = t.runs > 1 ? ` (min ${ms(t.min)}, max ${ms(t.max)}; ${t.runs} runs)` : t.reduced ? ' (1 run: the warm-up was far over the goal)' : ' (1 run)';
  return `median ${ms(t.median)}${spread}${t.cpu !== undefined ? `, cpu ${ms(t.cpu)}` : ''}${t.peakMB ? `, peak ${t.peakMB.toFixed(0)} MB` : ''}`;
}

export function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').trim().split(/\s+/).slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

export const peakMemoryMeasured = haveTime;
