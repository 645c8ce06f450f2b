// okr tree --json and okr status, as whole processes, on generated workspaces of 1,000 and 10,000
// teams (3 objectives of 4 key results each, rollups fed by child teams), next to okr check on the
// same workspace: the difference is what the roll-up and rendering add to loading. Budget (2 cores):
// each under 3 s at 10,000 teams.
import { existsSync } from 'node:fs';
import { generateWorkspace, teamId } from './generate-workspace.mjs';
import { fmt, OKR, timeProcess } from './measure.mjs';

const BUDGET_MS = 3000;

export default async function bench() {
  // A fixed day inside the generated cycle, so every run evaluates the same thing.
  const env = { OKR_TODAY: '2026-11-25', NO_COLOR: '1' };
  for (const n of [1000, 10000]) {
    const dir = `/tmp/okr-bench-${n}`;
    if (!existsSync(`${dir}/teams/${teamId(n - 1)}/2026-Q4.yaml`)) generateWorkspace(dir, n);
    const runs = n > 1000 ? 5 : 7;
    const time = (args) => timeProcess(process.execPath, [OKR, ...args], { cwd: dir, runs, env, expectCodes: [0, 1] });
    const check = time(['check']);
    const tree = time(['tree', '--json']);
    const treeText = time(['tree']);
    const status = time(['status']);
    console.log(`\n${n} teams (${3 * n} objectives, ${12 * n} key results):`);
    console.log(`  okr check (loading alone): ${fmt(check)}`);
    console.log(`  okr tree --json:           ${fmt(tree)}   roll-up + render: ${(tree.median - check.median).toFixed(0)} ms`);
    console.log(`  okr tree (text):           ${fmt(treeText)}   roll-up + render: ${(treeText.median - check.median).toFixed(0)} ms`);
    console.log(`  okr status:                ${fmt(status)}   roll-up + render: ${(status.median - check.median).toFixed(0)} ms`);
    console.log(`  ratio tree --json / check: ${(tree.median / check.median).toFixed(2)}, status / check: ${(status.median / check.median).toFixed(2)}`);
    if (n === 10000) {
      const over = [
        ['okr tree --json', tree],
        ['okr status', status],
      ].filter(([, r]) => r.median > BUDGET_MS);
      console.log(over.length ? `  OVER BUDGET (${BUDGET_MS} ms): ${over.map(([name]) => name).join(', ')}` : `  within budget (${BUDGET_MS} ms)`);
    }
  }
}
