// Check-in history at scale: a generated repository with 10,000 check-in commits over ~1,000 key
// results (84 teams; written with one `git fast-import`, not 10,000 `git commit`s), then, each timed
// as a whole process: `okr history` of one key result, `okr log --since 30d`, `okr stale` and one
// `okr checkin`. Budgets (2 cores): history and stale < 2 s, checkin < 500 ms.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cycleFileText, OKR_YAML, parentOf, teamId } from './generate-workspace.mjs';
import { fmt, OKR, timeProcess } from './measure.mjs';

const TEAMS = 84;
const COMMITS = 10_000;
const DIR = '/tmp/okr-bench-history';
/** The last commit's day; "today" for the timed commands. */
const TODAY = '2026-11-25';
const DAY_SECONDS = 86_400;
const END = Date.UTC(2026, 10, 25, 18) / 1000;
const START = END - 300 * DAY_SECONDS;
const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', HOME: DIR, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid' };

/** A deterministic pseudo-random sequence (mulberry32), so every run builds the same repository. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each team's cycle file as lines, and where the `current:` line of each checkable key result is. */
function teamFiles() {
  return Array.from({ length: TEAMS }, (_, i) => {
    const lines = cycleFileText(i, TEAMS).trimEnd().split('\n');
    const slots = [];
    let objective;
    let keyResult;
    lines.forEach((line, index) => {
      const o = /^ {2}- id: (\S+)/.exec(line);
      if (o) objective = o[1];
      const k = /^ {6}- id: (\S+)/.exec(line);
      if (k) keyResult = k[1];
      if (/^ {8}current: /.test(line)) slots.push({ ref: `${teamId(i)}/${objective}/${keyResult}`, index });
    });
    return { lines, slots };
  });
}

function build() {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const git = (args, input) => execFileSync('git', args, { cwd: DIR, env: { ...process.env, ...GIT_ENV }, input, maxBuffer: 1 << 30 });
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', 'Bench']);
  git(['config', 'user.email', 'bench@example.invalid']);
  git(['config', 'commit.gpgsign', 'false']);
  const files = teamFiles();
  const next = random(42);
  const chunks = [];
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const when = (t) => `${Math.floor(t)} +0000`;

  const initial = [`M 100644 inline okr.yaml\n${data(OKR_YAML)}`];
  for (let i = 0; i < TEAMS; i++) {
    const parent = parentOf(i);
    const team = `name: Team ${i}\n${parent === undefined ? '' : `parent: ${teamId(parent)}\n`}owners: [owner-${i}@bench.example]\n`;
    initial.push(`M 100644 inline teams/${teamId(i)}/team.yaml\n${data(team)}`);
    initial.push(`M 100644 inline teams/${teamId(i)}/2026-Q4.yaml\n${data(files[i].lines.join('\n') + '\n')}`);
  }
  chunks.push(`commit refs/heads/main\nmark :1\nauthor Bench <bench@example.invalid> ${when(START)}\ncommitter Bench <bench@example.invalid> ${when(START)}\n${data('import the goals')}${initial.join('')}\n`);

  for (let c = 1; c <= COMMITS; c++) {
    const i = Math.floor(next() * TEAMS);
    const file = files[i];
    const slot = file.slots[Math.floor(next() * file.slots.length)];
    const old = file.lines[slot.index].slice('        current: '.length);
    const value = Math.round(next() * 1000) / 10;
    file.lines[slot.index] = `        current: ${value}`;
    const t = START + (c / COMMITS) * (END - START);
    const author = `Person ${c % 17} <person-${c % 17}@bench.example>`;
    const message = `checkin(${teamId(i)}): ${slot.ref.split('/')[2]} ${old} → ${value}\n\nWeekly update ${c}.\n\nOkr-Checkin: ${slot.ref}\nOkr-Value: ${value}\nOkr-Previous: ${old}\n`;
    chunks.push(
      `commit refs/heads/main\nmark :${c + 1}\nauthor ${author} ${when(t)}\ncommitter ${author} ${when(t)}\n${data(message)}` +
        `M 100644 inline teams/${teamId(i)}/2026-Q4.yaml\n${data(file.lines.join('\n') + '\n')}\n`,
    );
  }
  git(['fast-import', '--quiet'], chunks.join(''));
  git(['reset', '-q', '--hard', 'main']);
  writeFileSync(join(DIR, '.okr-bench-complete'), `${COMMITS}\n`);
}

export default async function bench() {
  if (!existsSync(join(DIR, '.okr-bench-complete'))) {
    const started = Date.now();
    build();
    console.log(`generated ${DIR}: ${COMMITS} check-in commits over ${TEAMS} teams in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const env = { OKR_TODAY: TODAY, NO_COLOR: '1' };
  const krs = teamFiles().reduce((n, f) => n + f.slots.length, 0) + TEAMS * 3; // metrics/guardrails + milestones
  console.log(`repository: ${COMMITS + 1} commits, ${krs} checkable key results`);
  const history = timeProcess(process.execPath, [OKR, 'history', `${teamId(42)}/o1/k1`], { cwd: DIR, env, runs: 5 });
  console.log(`okr history <one KR>:       ${fmt(history)}   (budget 2000 ms)`);
  const log = timeProcess(process.execPath, [OKR, 'log', '--since', '30d'], { cwd: DIR, env, runs: 5 });
  console.log(`okr log --since 30d:        ${fmt(log)}`);
  const stale = timeProcess(process.execPath, [OKR, 'stale'], { cwd: DIR, env, runs: 5 });
  console.log(`okr stale:                  ${fmt(stale)}   (budget 2000 ms)`);

  // Each check-in must change a value, so the runs cannot repeat one command line.
  const times = [];
  for (let run = 0; run <= 5; run++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [OKR, 'checkin', `${teamId(7)}/o2/k1=${150 + run}.5`, '-m', 'bench'], {
      cwd: DIR,
      env: { ...process.env, ...GIT_ENV, ...env },
      encoding: 'utf8',
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`okr checkin failed: ${result.stderr}`);
    if (run > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  console.log(
    `okr checkin (one KR):       ${fmt({ median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1] })}   (budget 500 ms)`,
  );
  // Put the repository back as generated, so the next run measures the same history.
  execFileSync('git', ['reset', '-q', '--hard', `HEAD~${times.length + 1}`], { cwd: DIR });
}
