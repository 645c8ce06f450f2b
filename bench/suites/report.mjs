// okr report at organisation scale (issue 12, item 6): the HTML page of 1,000 teams with a year of
// check-in history (bench/history-repo.mjs: 20,000 commits over 2026), written in under 5 s and
// under 10 MB; the markdown next to it, and okr status on the same repository, which reads the same
// history (the part of the report's time that is not the report's own).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV, okr, runs, SMALL, teams, thousands, timeoutMs } from '../context.mjs';
import { HISTORY, historyRepo } from '../history-repo.mjs';
import { measure } from '../measure.mjs';
import { goal, info, line, ratio, valueOf } from '../report.mjs';

const params = SMALL ? { ...HISTORY, teams: teams(HISTORY.teams), commits: HISTORY.commits / 50, renames: 5 } : HISTORY;
const MB = 1024 * 1024;

export const benches = [
  {
    name: 'report.html',
    title: 'okr report -o report.html: 1,000 teams, a year of check-in history (20,000 commits)',
    run() {
      const { dir, meta } = historyRepo(params);
      info(`repository: ${thousands(params.teams)} teams, ${thousands(meta.commits)} commits, ${thousands(meta.keyResults)} checkable key results`);
      // Written outside the repository: the report is not a goal file, and the work tree stays as generated.
      const out = mkdtempSync(join(tmpdir(), 'okr-bench-report-'));
      try {
        const html = join(out, 'report.html');
        const markdown = join(out, 'report.md');
        const [page, text, status] = measure(
          [
            { label: 'okr report -o report.html', argv: okr('report', '-o', html), cwd: dir, env: ENV, timeoutMs: timeoutMs() },
            { label: 'okr report -o report.md', argv: okr('report', '-o', markdown), cwd: dir, env: ENV, timeoutMs: timeoutMs() },
            { label: 'okr status (the same history read)', argv: okr('status'), cwd: dir, env: ENV, timeoutMs: timeoutMs() },
          ],
          { runs: runs() },
        );
        line('okr report -o report.html', page);
        line('okr report -o report.md', text);
        line('okr status (reference)', status);
        const size = page.timedOut ? null : statSync(html).size;
        if (size !== null) info(`report.html: ${thousands(size)} bytes (${(size / MB).toFixed(2)} MB); report.md: ${thousands(statSync(markdown).size)} bytes`);
        goal('okr report HTML, 1k teams, a year', valueOf(page), '<', 5000, 'ms', { detail: `(${ratio(page, status)?.toFixed(2)}x okr status)` });
        goal('okr report HTML size', size === null ? null : size / MB, '<', 10, 'MB', { why: 'the report timed out' });
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  },
];
