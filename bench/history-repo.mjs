// A goals repository with a long history, written with one `git fast-import` (not 20,000 `git
// commit`s): 1,000 teams with a yearly cycle file each (teams/<team>/2026.yaml), then 20,000 commits
// that change goal values over the working days of 2026 up to 2026-11-25, as a real organisation
// would make them:
// - check-ins as `okr checkin` writes them (subject, optional note, one Okr-* trailer block per key
//   result), a quarter of them with two to four key results of one team, some setting confidence;
// - about 8% hand edits without trailers (a value, a title, a target), as merged pull requests are;
// - teams that check in weekly, monthly or hardly ever (so some key results are stale on the last day);
// - 30 team folders renamed (a leaf team's folder, so no other file refers to it), spread over the year.
// Deterministic (seeded), so every build is the same repository.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BRANCHING, cycleFileText, OKR_YAML, teamFileText, teamId } from './generate-workspace.mjs';
import { cacheRoot, cached, git, GENERATION } from './workspaces.mjs';

export const HISTORY = { teams: 1000, commits: 20_000, renames: 30, seed: 16, today: '2026-11-25' };

const CYCLE_FILE = '2026.yaml';
const WORDS = ['checkout', 'payments', 'ledger', 'search', 'identity', 'growth', 'billing', 'mobile', 'infra', 'data', 'risk', 'support'];
const NOTES = [
  'Shipped the first half; the rest waits on the platform team.',
  'Numbers from the weekly dashboard.',
  'Slower than planned: two people were on call.',
  'Back on track after the incident review.',
  'Measured over the last 7 days.',
];

/** mulberry32: a small seeded generator, so every run builds the same repository. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The times of `n` commits spread over the working hours (09:00-17:30 UTC) of weekdays from `from` to `to`. */
function workingTimes(from, to, n, next) {
  const days = [];
  for (let t = from; t <= to; t += 86_400_000) {
    const weekday = new Date(t).getUTCDay();
    if (weekday >= 1 && weekday <= 5) days.push(t / 1000);
  }
  const span = 8.5 * 3600;
  const total = days.length * span;
  return Array.from({ length: n }, (_, c) => {
    const at = ((c + 0.5 + (next() - 0.5) * 0.8) / n) * total;
    const day = Math.min(days.length - 1, Math.floor(at / span));
    return Math.floor(days[day] + 9 * 3600 + (at - day * span));
  });
}

/** A team's cycle file as lines, and where its editable lines are. */
function teamFile(i, teams, next) {
  const lines = cycleFileText(i, teams).trimEnd().split('\n');
  const slots = []; // value lines: current / done
  const titles = [];
  const targets = [];
  const confidence = new Map(); // "o1/k1" -> line index
  let objective;
  let keyResult;
  lines.forEach((line, index) => {
    const o = /^ {2}- id: (\S+)/.exec(line);
    if (o) objective = o[1];
    const k = /^ {6}- id: (\S+)/.exec(line);
    if (k) keyResult = k[1];
    const v = /^ {8}(current|done): /.exec(line);
    if (v) slots.push({ kr: `${objective}/${keyResult}`, index, kind: v[1] === 'done' ? 'milestone' : keyResult === 'k3' ? 'guardrail' : 'metric' });
    if (/^ {4,8}title: /.test(line)) titles.push(index);
    if (/^ {8}target: /.test(line)) targets.push(index);
    if (/^ {8}confidence: /.test(line)) confidence.set(`${objective}/${keyResult}`, index);
  });
  // The year starts near each metric's start value.
  for (const slot of slots)
    if (slot.kind === 'metric')
      lines[slot.index] = lines[slot.index].replace(/: .*$/, `: ${slot.kr.endsWith('k4') ? 900 - Math.floor(next() * 60) : 100 + Math.floor(next() * 25)}`);
  return { id: teamId(i), lines, slots, titles, targets, confidence };
}

const valueOf = (line) => line.slice(line.indexOf(':') + 2);
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

/** The next value of a key result, moving as real ones do; undefined when there is nothing to report. */
function nextValue(slot, old, kr, next) {
  const noise = () => next() + next() + next() - 1.5;
  switch (slot.kind) {
    case 'milestone':
      if (old === 'true') return next() < 0.03 ? 'false' : undefined;
      return next() < 0.35 ? 'true' : undefined;
    case 'guardrail':
      return String(Math.round(next() * 14) / 10);
    default: {
      const n = Number(old);
      // Towards the target (k1: 100 -> 200, k4: 900 ms -> 300 ms), with noise, now and then past it.
      const value = kr.endsWith('k4') ? clamp(Math.round(n - (noise() * 20 + 12)), 280, 950) : clamp(Math.round(n + noise() * 5 + 2.5), 80, 215);
      return value === n ? String(value + 1) : String(value);
    }
  }
}

const shown = (kind, v) => (kind === 'milestone' ? (v === 'true' ? 'done' : 'not-done') : v);

function build(dir, params) {
  const { teams, commits, renames, seed } = params;
  const next = random(seed);
  const files = Array.from({ length: teams }, (_, i) => teamFile(i, teams, next));
  const ids = files.map((f) => f.id);
  // How often each team checks in: weekly, monthly, or hardly ever.
  const weights = files.map(() => {
    const r = next();
    return r < 0.15 ? 6 : r < 0.7 ? 1 : 0.15;
  });
  const cumulative = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
  const pickTeam = () => {
    const x = next() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Leaf teams (no child refers to them) whose folders get renamed, and when.
  const firstLeaf = Math.floor((teams - 2) / BRANCHING) + 1;
  const renameAt = new Map();
  while (renameAt.size < renames) {
    const at = Math.floor((0.05 + 0.9 * next()) * commits);
    if (!renameAt.has(at)) renameAt.set(at, firstLeaf + Math.floor(next() * (teams - firstLeaf)));
  }
  const renamed = new Map(); // team index -> [old id, new id]

  const start = Date.UTC(2026, 0, 5);
  const end = Date.UTC(2026, 10, 25);
  const times = workingTimes(start, end, commits + renames, next);
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const person = (i, k) => {
    const p = (i * 3 + k) % 700;
    return `Person ${p} <person-${p}@bench.example>`;
  };
  const chunks = [];
  const commit = (mark, author, t, message, body) =>
    chunks.push(`commit refs/heads/main\nmark :${mark}\nauthor ${author} ${t} +0000\ncommitter ${author} ${t} +0000\n${data(message)}${body}\n`);

  const initial = [`M 100644 inline okr.yaml\n${data(OKR_YAML)}`];
  files.forEach((f, i) => {
    initial.push(`M 100644 inline teams/${f.id}/team.yaml\n${data(teamFileText(i))}`);
    initial.push(`M 100644 inline teams/${f.id}/${CYCLE_FILE}\n${data(f.lines.join('\n') + '\n')}`);
  });
  commit(1, 'Bench <bench@bench.example>', Math.floor(Date.UTC(2026, 0, 2, 10) / 1000), 'Goals for 2026', initial.join(''));

  const stats = { checkins: 0, handEdits: 0, multi: 0, renames: 0, checkinsByTeam: new Array(teams).fill(0) };
  let mark = 2;
  let time = 0;
  for (let c = 0; c < commits; c++) {
    const t = times[time++];
    const rename = renameAt.get(c);
    if (rename !== undefined && !renamed.has(rename)) {
      const old = ids[rename];
      const now = `${WORDS[rename % WORDS.length]}-${rename}`;
      renamed.set(rename, [old, now]);
      ids[rename] = now;
      commit(mark++, person(rename, 0), t, `Rename team ${old} to ${now}`, `R teams/${old} teams/${now}\n`);
      stats.renames++;
      // the check-in of this round still happens, a little later
    }
    const i = pickTeam();
    const f = files[i];
    const team = ids[i];
    const author = person(i, Math.floor(next() * 3));
    const tt = rename !== undefined ? times[time - 1] + 60 : t;
    if (next() < 0.08) {
      // A hand edit, as a merged pull request: a value, a title or a target, no trailers.
      const r = next();
      let what;
      if (r < 0.5) {
        const slot = f.slots[Math.floor(next() * f.slots.length)];
        const old = valueOf(f.lines[slot.index]);
        const value = nextValue(slot, old, slot.kr, next) ?? (old === 'true' ? 'false' : 'true');
        f.lines[slot.index] = f.lines[slot.index].replace(/: .*$/, `: ${value}`);
        what = `Update ${slot.kr} of ${team}`;
      } else if (r < 0.8) {
        const index = f.titles[Math.floor(next() * f.titles.length)];
        f.lines[index] = f.lines[index].endsWith(' this year') ? f.lines[index].slice(0, -' this year'.length) : `${f.lines[index]} this year`;
        what = `Reword a goal of ${team}`;
      } else {
        const index = f.targets[Math.floor(next() * f.targets.length)];
        const old = Number(valueOf(f.lines[index]));
        f.lines[index] = f.lines[index].replace(/: .*$/, `: ${old === 200 ? 210 : old === 210 ? 190 : old === 190 ? 200 : old === 300 ? 280 : 300}`);
        what = `Adjust a target of ${team}`;
      }
      commit(mark++, author, tt, `${what}\n\nAgreed in the planning review.\n`, `M 100644 inline teams/${team}/${CYCLE_FILE}\n${data(f.lines.join('\n') + '\n')}`);
      stats.handEdits++;
      continue;
    }
    // A check-in of one to four key results of the team.
    const r = next();
    const count = r < 0.75 ? 1 : r < 0.9 ? 2 : r < 0.97 ? 3 : 4;
    const chosen = new Set();
    const entries = [];
    for (let tries = 0; entries.length < count && tries < 20; tries++) {
      const slot = f.slots[Math.floor(next() * f.slots.length)];
      if (chosen.has(slot)) continue;
      const old = valueOf(f.lines[slot.index]);
      const value = nextValue(slot, old, slot.kr, next);
      if (value === undefined) continue;
      chosen.add(slot);
      f.lines[slot.index] = f.lines[slot.index].replace(/: .*$/, `: ${value}`);
      const entry = { slot, old, value };
      const conf = f.confidence.get(slot.kr);
      if (conf !== undefined && next() < 0.3) {
        entry.confidence = `0.${1 + Math.floor(next() * 9)}`;
        f.lines[conf] = f.lines[conf].replace(/: .*$/, `: ${entry.confidence}`);
      }
      entries.push(entry);
    }
    if (entries.length === 0) {
      c--; // nothing to report this round; try another team
      time--;
      continue;
    }
    const unit = (e) => (e.slot.kind === 'metric' ? (e.slot.kr.endsWith('k4') ? ' ms' : ' accounts') : e.slot.kind === 'guardrail' ? ' %' : '');
    const moves = entries.map((e) => `${e.slot.kr.split('/')[1]} ${shown(e.slot.kind, e.old)} → ${shown(e.slot.kind, e.value)}${unit(e)}`);
    const full = `checkin(${team}): ${moves.join(', ')}`;
    const subject = full.length <= 72 || entries.length === 1 ? full : `checkin(${team}): ${entries.length} key results`;
    const note = next() < 0.6 ? `${NOTES[Math.floor(next() * NOTES.length)]}\n\n` : '';
    const trailers = entries
      .map((e) => [`Okr-Checkin: ${team}/${e.slot.kr}`, `Okr-Value: ${shown(e.slot.kind, e.value)}`, `Okr-Previous: ${shown(e.slot.kind, e.old)}`, ...(e.confidence ? [`Okr-Confidence: ${e.confidence}`] : [])].join('\n'))
      .join('\n');
    commit(mark++, author, tt, `${subject}\n\n${note}${trailers}\n`, `M 100644 inline teams/${team}/${CYCLE_FILE}\n${data(f.lines.join('\n') + '\n')}`);
    stats.checkins++;
    stats.checkinsByTeam[i]++;
    if (entries.length > 1) stats.multi++;
  }

  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Bench']);
  git(dir, ['config', 'user.email', 'bench@bench.example']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  git(dir, ['fast-import', '--quiet'], { input: chunks.join('') });
  git(dir, ['reset', '-q', '--hard', 'main']);

  // The key result `okr history` is timed on: the renamed team with the most check-ins, so following
  // the rename is part of the work.
  const [index, [oldId, newId]] = [...renamed].sort((a, b) => stats.checkinsByTeam[b[0]] - stats.checkinsByTeam[a[0]])[0];
  const meta = {
    ref: `${newId}/o1/k1`,
    paths: [`teams/${oldId}/${CYCLE_FILE}`, `teams/${newId}/${CYCLE_FILE}`],
    refCheckins: stats.checkinsByTeam[index],
    commits: Number(git(dir, ['rev-list', '--count', 'HEAD']).trim()),
    checkins: stats.checkins,
    handEdits: stats.handEdits,
    multiKeyResult: stats.multi,
    renames: stats.renames,
    keyResults: files.reduce((n, f) => n + f.slots.length, 0),
  };
  writeFileSync(join(dir, '.git', 'okr-bench.json'), JSON.stringify(meta, null, 2));
}

/** The repository (built once, cached in .bench/) and what the benchmarks need to know about it. */
export function historyRepo(params = HISTORY) {
  const dir = join(cacheRoot(), `history-t${params.teams}-c${params.commits}-g${GENERATION}`);
  cached(dir, { kind: 'history', ...params }, (d) => build(d, params), `${params.teams} teams, ${params.commits} check-in commits (git fast-import)`);
  return { dir, meta: JSON.parse(readFileSync(join(dir, '.git', 'okr-bench.json'), 'utf8')) };
}

