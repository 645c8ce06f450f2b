// okr check on generated workspaces of 1,000 and 10,000 teams, next to ajv-cli validating the same
// YAML files against the same schemas (one ajv process per schema, times added up; all files but
// okr.yaml), plus start-up:
// `okr --version` and `okr check` on the bundled example. Budgets (2 cores): 10,000 teams < 3 s and
// < 500 MB, ratio okr/ajv-cli <= 1.0; --version and the example < 250 ms.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from './generate-workspace.mjs';
import { fmt, OKR, timeProcess } from './measure.mjs';

const require = createRequire(import.meta.url);
const AJV = require.resolve('ajv-cli/dist/index.js');
const schema = (name) => fileURLToPath(new URL(`../schemas/${name}.schema.json`, import.meta.url));
const example = fileURLToPath(new URL('../examples/acme', import.meta.url));

function ajvValidate(dir, runs) {
  const jobs = [
    ['cycle', 'teams/*/2026-Q4.yaml'],
    ['team', 'teams/*/team.yaml'],
    // okr.yaml is left out: ajv-cli reads YAML 1.1, where unquoted dates become Date objects.
  ];
  const results = jobs.map(([name, data]) =>
    timeProcess(process.execPath, [AJV, 'validate', '--spec=draft2020', '--all-errors', '-s', schema(name), '-d', data], { cwd: dir, runs }),
  );
  const sum = (key) => results.reduce((total, r) => total + r[key], 0);
  return { median: sum('median'), min: sum('min'), max: sum('max'), peakMB: Math.max(...results.map((r) => r.peakMB ?? 0)) };
}

export default async function bench() {
  console.log(`okr --version:              ${fmt(timeProcess(process.execPath, [OKR, '--version'], { runs: 10 }))}`);
  console.log(`okr check (examples/acme):  ${fmt(timeProcess(process.execPath, [OKR, 'check', '-C', example], { runs: 10 }))}`);
  for (const n of [1000, 10000]) {
    const dir = `/tmp/okr-bench-${n}`;
    if (!existsSync(`${dir}/teams/team-${String(n - 1).padStart(5, '0')}`)) generateWorkspace(dir, n);
    const runs = n > 1000 ? 5 : 7;
    const okr = timeProcess(process.execPath, [OKR, 'check'], { cwd: dir, runs });
    const ajv = ajvValidate(dir, runs);
    console.log(`\n${n} teams (${2 * n + 1} files):`);
    console.log(`  okr check:                ${fmt(okr)}`);
    console.log(`  ajv-cli (2 schemas):      ${fmt(ajv)}`);
    console.log(`  ratio okr / ajv-cli:      ${(okr.median / ajv.median).toFixed(2)}`);
  }
}
