// Profiles one okr command with Node's CPU profiler and prints where the time goes: self time by
// function, inclusive time by function (each function counted once per stack, so recursion does not
// inflate it), and self time by module. The main thread only: time spent in git child processes shows
// as (idle) while okr waits for them.
//
//   node bench/profile.mjs [-C dir] [--top N] [--keep file.cpuprofile] -- check --format json
//   node bench/profile.mjs --summarize file.cpuprofile
//
// The okr build is OKR_BIN (or --okr), as for run.mjs; OKR_TODAY defaults to the benchmarks' day.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const args = process.argv.slice(2);
let cwd = process.cwd();
let top = 25;
let keep;
let summarize;
let okrArgs = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--') {
    okrArgs = args.slice(i + 1);
    break;
  } else if (a === '-C') cwd = resolve(args[++i]);
  else if (a === '--top') top = Number(args[++i]);
  else if (a === '--keep') keep = resolve(args[++i]);
  else if (a === '--okr') process.env.OKR_BIN = resolve(args[++i]);
  else if (a === '--summarize') summarize = resolve(args[++i]);
  else {
    console.error(`profile: unknown argument ${a}\nusage: node bench/profile.mjs [-C dir] [--top N] [--keep out.cpuprofile] -- <okr args>`);
    process.exit(2);
  }
}

const { okrBin, okrCheckout, TODAY } = await import('./context.mjs');

function record() {
  const dir = mkdtempSync(join(tmpdir(), 'okr-profile-'));
  try {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', okrBin(), ...okrArgs], {
      cwd,
      env: { OKR_TODAY: TODAY, NO_COLOR: '1', ...process.env },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    const wall = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`okr ${okrArgs.join(' ')} (in ${cwd}): exit ${result.status}, ${wall.toFixed(0)} ms wall with the profiler on`);
    if (result.stderr.trim()) console.log(`stderr: ${result.stderr.trim().split('\n').slice(0, 3).join(' | ')}`);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no profile was written');
    if (keep) copyFileSync(join(dir, file), keep);
    return JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const base = okrCheckout();
function where(frame) {
  const url = frame.url.replace(/^file:\/\//, '');
  if (!url) return '';
  const nm = url.lastIndexOf('/node_modules/');
  const short = nm >= 0 ? url.slice(nm + '/node_modules/'.length) : url.startsWith(base) ? relative(base, url) : url;
  return short;
}
const moduleOf = (frame) => {
  const w = where(frame);
  if (!w) return frame.functionName || '(native)';
  if (w.startsWith('node:')) return 'node internals';
  const nm = frame.url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = frame.url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return w;
};
const keyOf = (frame) => `${frame.functionName || '(anonymous)'}  ${where(frame)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;

function analyse(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = profile.endTime - profile.startTime; // µs
  const hits = new Map();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const perSample = total / 1000 / profile.samples.length; // ms
  const self = new Map();
  const inclusive = new Map();
  const modules = new Map();
  const add = (map, key, v) => map.set(key, (map.get(key) ?? 0) + v);
  // Iterative walk keeping the functions on the current stack (counted once each per stack).
  const root = profile.nodes[0];
  const stack = [{ node: root, state: 0 }];
  const onStack = new Map();
  const subtree = new Map(); // node id -> ms in the subtree
  while (stack.length) {
    const top = stack[stack.length - 1];
    const key = keyOf(top.node.callFrame);
    if (top.state === 0) {
      top.state = 1;
      onStack.set(key, (onStack.get(key) ?? 0) + 1);
      top.outermost = onStack.get(key) === 1;
      for (const child of top.node.children ?? []) stack.push({ node: nodes.get(child), state: 0, parent: top });
      continue;
    }
    stack.pop();
    const ms = (hits.get(top.node.id) ?? 0) * perSample;
    const sum = ms + (subtree.get(top.node.id) ?? 0);
    if (top.parent) subtree.set(top.parent.node.id, (subtree.get(top.parent.node.id) ?? 0) + sum);
    if (ms) {
      add(self, key, ms);
      add(modules, moduleOf(top.node.callFrame), ms);
    }
    if (top.outermost) add(inclusive, key, sum);
    onStack.set(key, onStack.get(key) - 1);
  }
  return { totalMs: total / 1000, self, inclusive, modules };
}

function print(title, map, totalMs, n) {
  console.log(`\n${title}`);
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`  ${ms.toFixed(0).padStart(6)} ms ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%  ${key}`);
}

const profile = summarize ? JSON.parse(readFileSync(summarize, 'utf8')) : record();
const { totalMs, self, inclusive, modules } = analyse(profile);
console.log(`profiled ${totalMs.toFixed(0)} ms of the main thread (from the profiler's start, after Node's own start-up)`);
print('self time by module', modules, totalMs, 15);
print('self time by function', self, totalMs, top);
print('inclusive time by function (callers included)', inclusive, totalMs, top);
