// okr check at 10,000 teams (issue 16, items 1-3): against its floor and ajv-cli, in git against
// outside git, with a dangling reference in every team, and the --cache re-check of one changed file.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV, okr, runs, teams, thousands, timeoutMs } from '../context.mjs';
import { teamId } from '../generate-workspace.mjs';
import { measure, runOnce } from '../measure.mjs';
import { cpuRatioText, goal, info, line, ratio, valueOf } from '../report.mjs';
import { gitWorkspace, plainWorkspace } from '../workspaces.mjs';

const require = createRequire(import.meta.url);
const AJV = require.resolve('ajv-cli/dist/index.js');
const floorScript = fileURLToPath(new URL('../floors/read-parse.mjs', import.meta.url));
const schema = (name) => fileURLToPath(new URL(`../../schemas/${name}.schema.json`, import.meta.url));

/** ajv-cli validating a glob of YAML files against one of okr's schemas (draft 2020-12, all errors). */
const ajv = (dir, name, glob) => ({
  label: `ajv-cli, ${name} files`,
  argv: [process.execPath, AJV, 'validate', '--spec=draft2020', '--all-errors', '-s', schema(name), '-d', glob],
  cwd: dir,
});

export const benches = [
  {
    name: 'check.peers',
    title: 'okr check at 10,000 teams, outside git, against the read+js-yaml floor and ajv-cli (paired runs)',
    run() {
      const n = teams(10_000);
      const dir = plainWorkspace(n);
      info(`${thousands(n)} teams: ${thousands(2 * n + 1)} files (okr.yaml, team.yaml and 2026-Q4.yaml each)`);
      const [check, floor, cycle, team] = measure(
        [
          { label: 'okr check', argv: okr('check'), cwd: dir, env: ENV },
          { label: 'floor: read + js-yaml load, all files', argv: [process.execPath, floorScript, dir] },
          ajv(dir, 'cycle', 'teams/*/2026-Q4.yaml'),
          ajv(dir, 'team', 'teams/*/team.yaml'),
        ],
        { runs: runs() },
      );
      line('okr check', check);
      line('floor (read + js-yaml, every file)', floor);
      line('ajv-cli, cycle files', cycle);
      line('ajv-cli, team files', team);
      goal('okr check / floor', ratio(check, floor), '<=', 1.25, 'x');
      goal('okr check / ajv-cli (cycle files)', ratio(check, cycle), '<=', 0.75, 'x');
      const both = { ...cycle, median: cycle.median + team.median, samples: cycle.samples.map((x, k) => x + team.samples[k]) };
      info(`okr check / ajv-cli (cycle + team files, two processes): ${ratio(check, both).toFixed(2)}x (for reference; no goal)`);
      const byCpu = cpuRatioText([['okr/floor', check, floor], ['okr/ajv-cli cycle', check, cycle]]);
      if (byCpu) info(byCpu);
    },
  },
  {
    name: 'check.git',
    title: 'okr check at 10,000 teams inside a git repository against the same files outside git (paired runs)',
    run() {
      const n = teams(10_000);
      const outside = plainWorkspace(n);
      const inside = gitWorkspace(n);
      info(`the same ${thousands(2 * n + 1)} files; in git: 2 commits (2026-11-16, 2026-11-20: none stale), evaluated on ${ENV.OKR_TODAY}`);
      const [out, ing] = measure(
        [
          { label: 'okr check, outside git', argv: okr('check'), cwd: outside, env: ENV },
          { label: 'okr check, in git', argv: okr('check'), cwd: inside, env: ENV },
        ],
        { runs: runs() },
      );
      line('okr check, outside git', out);
      line('okr check, in git', ing);
      goal('in git / outside git', ratio(ing, out), '<=', 1.1, 'x');
      const byCpu = cpuRatioText([['in git/outside', ing, out]]);
      if (byCpu) info(byCpu);
    },
  },
  {
    name: 'check.dangling',
    title: 'okr check with one dangling aligns_to in every team (did-you-mean included)',
    run() {
      // First, that the input is what it claims: one unknown-reference finding per team, with a suggestion.
      const few = teams(100);
      const small = plainWorkspace(few, { dangling: true });
      const sample = runOnce({ label: 'sanity', argv: okr('check', '--format', 'json'), cwd: small, env: ENV }, { capture: true });
      try {
        const findings = JSON.parse(sample.stdout).findings.filter((f) => f.rule === 'unknown-reference');
        const hinted = findings.filter((f) => /did you mean/i.test(f.message)).length;
        info(`input check on ${few} such teams: ${findings.length} unknown-reference findings, ${hinted} with "did you mean"`);
      } catch {
        info(`input check: okr check --format json gave no JSON (exit ${sample.code}): ${sample.stderr.slice(0, 200)}`);
      }
      const limit = timeoutMs();
      const sizes = [teams(1000), teams(10_000)];
      const timings = measure(
        sizes.map((n) => ({ label: `${n}`, argv: okr('check'), cwd: plainWorkspace(n, { dangling: true }), env: ENV, codes: [1], timeoutMs: limit, slowMs: 6000 })),
        { runs: runs() },
      );
      sizes.forEach((n, i) => line(`okr check, ${thousands(n)} teams, ${thousands(n)} dangling`, timings[i]));
      const [, big] = timings;
      goal(`${thousands(sizes[1])} dangling references`, valueOf(big), '<', 3000, 'ms', {
        detail: big.timedOut ? `(killed after ${limit / 1000} s; --timeout raises it)` : '',
      });
    },
  },
  {
    name: 'check.cache',
    title: 'okr check --cache: re-check of 10,000 teams in git after one file changed',
    run() {
      const n = teams(10_000);
      const dir = gitWorkspace(n);
      const probe = runOnce({ label: 'probe', argv: okr('check', '--cache'), cwd: dir, env: ENV });
      if (probe.code === 2 && /unknown option|--cache/.test(probe.stderr)) {
        info(`okr check --cache: ${probe.stderr.trim().split('\n')[0]}`);
        goal('re-check, one file changed', null, '<', 400, 'ms', { why: '--cache not implemented' });
        return;
      }
      // Each run changes one value to a number never used before, so the cache has not seen that blob.
      const file = join(dir, 'teams', teamId(42 % n), '2026-Q4.yaml');
      const original = readFileSync(file, 'utf8');
      let edit = 0;
      const change = () => writeFileSync(file, original.replace(/current: \d+/, `current: 150.${Date.now()}${edit++}`));
      try {
        const [cachedRun, full] = measure(
          [
            { label: 'okr check --cache, one file changed', argv: okr('check', '--cache'), cwd: dir, env: ENV, before: change, codes: [0, 1] },
            { label: 'okr check (no cache), same files', argv: okr('check'), cwd: dir, env: ENV, codes: [0, 1] },
          ],
          { runs: runs() },
        );
        line('okr check --cache, one file changed', cachedRun);
        line('okr check, no cache (same files)', full);
        goal('re-check, one file changed', valueOf(cachedRun), '<', 400, 'ms');
      } finally {
        writeFileSync(file, original);
      }
    },
  },
];
