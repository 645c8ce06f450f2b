// npm run bench: every figure of issue 16 next to its goal, measured as whole processes (medians after
// a warm-up). Pass names to run a subset: a name selects that benchmark, a prefix selects a group:
//   npm run bench -- check              check.peers, check.git, check.dangling, check.cache
//   node bench/run.mjs history.ref views.tree
//   OKR_BIN=/path/to/other/checkout/bin/okr.js npm run bench      (or --okr PATH): measure another build
// Run `node bench/run.mjs --help` for the options.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';

const USAGE = `usage: node bench/run.mjs [options] [name|group ...]

options:
  --okr <path>      the okr bin to measure (also OKR_BIN); default: this checkout's bin/okr.js
  --runs <n>        measured runs per command after one warm-up (default 5; 3 at 30,000 teams)
  --timeout <s>     kill a run after this many seconds and report it as timed out (default 60)
  --small           every size divided by 50: tries the harness in a minute; goals do not apply
  --json <file>     also write every figure and goal as JSON (to compare two builds later)
  --list            list the benchmarks and exit

Inputs are generated once and cached (OKR_BENCH_CACHE, default .bench/ in this checkout; workspaces
measured outside git go to a temporary folder outside any repository).`;

const args = process.argv.slice(2);
const names = [];
let jsonFile;
let list = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => {
    if (i + 1 >= args.length) {
      console.error(`bench: ${a} needs a value\n\n${USAGE}`);
      process.exit(2);
    }
    return args[++i];
  };
  if (a === '--okr') process.env.OKR_BIN = resolve(value());
  else if (a === '--runs') process.env.OKR_BENCH_RUNS = value();
  else if (a === '--timeout') process.env.OKR_BENCH_TIMEOUT = value();
  else if (a === '--small') process.env.OKR_BENCH_SMALL = '1';
  else if (a === '--json') jsonFile = resolve(value());
  else if (a === '--list') list = true;
  else if (a === '--help' || a === '-h') {
    console.log(USAGE);
    process.exit(0);
  } else if (a.startsWith('-')) {
    console.error(`bench: unknown option ${a}\n\n${USAGE}`);
    process.exit(2);
  } else names.push(a);
}

// Node reads NODE_EXTRA_CA_CERTS at start-up, before any code of the program runs: in a sandbox
// that sets it (this team's machines do, for a certificate bundle of 140 KB) every Node process
// starts 45-80 ms later, okr, the peers and the floors alike. A user's machine seldom has it, so the
// measured commands run without it; the header says so and what it costs here.
const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS;
delete process.env.NODE_EXTRA_CA_CERTS;

// Imported after the options are in the environment (the suites read them).
const { okrBin, okrCheckout, SMALL } = await import('./context.mjs');
const { loadAverage, peakMemoryMeasured, runOnce } = await import('./measure.mjs');
const report = await import('./report.mjs');
const suites = await Promise.all(['check', 'views', 'history', 'feedback', 'report', 'dashboard', 'federation'].map((s) => import(`./suites/${s}.mjs`)));
const all = suites.flatMap((suite) => suite.benches);
// A full run: quick ones first, the slowest (inputs of 30,000 teams) last.
const ORDER = ['startup.acme', 'check.peers', 'check.git', 'check.cache', 'check.dangling', 'views.tree', 'views.status', 'views.diff', 'history.ref', 'history.log', 'history.stale', 'history.status', 'history.checkin', 'feedback.show', 'feedback.list', 'report.html', 'dashboard.first-frame', 'dashboard.keys', 'memory.tree-json', 'growth', 'federation.fetch', 'federation.tree'];
all.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));

if (list) {
  for (const b of all) console.log(`${b.name.padEnd(18)} ${b.title}`);
  process.exit(0);
}
const selected = names.length ? all.filter((b) => names.some((n) => b.name === n || b.name.startsWith(`${n}.`))) : all;
const unknown = names.filter((n) => !all.some((b) => b.name === n || b.name.startsWith(`${n}.`)));
if (unknown.length) {
  console.error(`bench: no benchmark named ${unknown.join(', ')}; run with --list to see them`);
  process.exit(2);
}

const bin = okrBin();
const quiet = (file, argv) => {
  try {
    return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
};
const version = quiet(process.execPath, [bin, '--version']) ?? 'unknown';
const commit = quiet('git', ['-C', okrCheckout(), 'describe', '--always', '--dirty']) ?? 'not in git';
const header = {
  started: new Date().toISOString(),
  load: loadAverage(),
  cpus: cpus().length,
  node: process.version,
  okr: { bin, version, commit },
  small: SMALL,
  extraCaCertsDropped: extraCaCerts !== undefined,
};
console.log(`okr benchmarks, ${header.started}`);
console.log(`machine load (1, 5, 15 min): ${header.load} on ${header.cpus} cores; Node ${header.node}`);
console.log(`okr measured: ${bin} (version ${version}, ${commit})`);
if (extraCaCerts !== undefined) {
  const nodeAlone = (env) => {
    const times = [];
    for (let i = 0; i < 7; i++) times.push(runOnce({ argv: [process.execPath, '-e', '0'], env }).ms);
    return Math.round(times.sort((a, b) => a - b)[3]);
  };
  const withIt = nodeAlone({ NODE_EXTRA_CA_CERTS: extraCaCerts });
  console.log(`NODE_EXTRA_CA_CERTS is set here: measured commands run without it (node -e 0: ${withIt} ms with it, ${nodeAlone({})} ms without)`);
}
if (!peakMemoryMeasured) console.log('no /usr/bin/time: peak memory is not measured (apt-get install time)');
if (SMALL) console.log('--small: every size divided by 50; the figures say whether the harness works, not whether a goal is met');

for (const b of selected) {
  console.log(`\n## ${b.name}: ${b.title}   [load ${loadAverage()}]`);
  report.startBench(b.name);
  try {
    await b.run();
  } catch (error) {
    console.log(`  ERROR: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
report.printSummary();
console.log(`machine load at the end: ${loadAverage()}`);
if (jsonFile) {
  writeFileSync(jsonFile, JSON.stringify({ ...header, ended: new Date().toISOString(), endLoad: loadAverage(), figures: report.figures, goals: report.goals }, null, 2) + '\n');
  console.log(`wrote ${jsonFile}`);
}
