// Peer feedback and forecasts (issue 13, item 6): `okr feedback` listing over 20,000 check-in and
// feedback commits (bench/feedback-repo.mjs) next to the git log it cannot avoid, and `okr show`
// with its forecast and feedback on the demo repository (`okr demo`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ENV, okr, runs, SMALL, thousands } from '../context.mjs';
import { FEEDBACK, feedbackRepo } from '../feedback-repo.mjs';
import { HISTORY } from '../history-repo.mjs';
import { measure, runOnce } from '../measure.mjs';
import { goal, info, line, ratio, valueOf } from '../report.mjs';
import { cacheRoot, GENERATION } from '../workspaces.mjs';

const params = SMALL ? { ...FEEDBACK, checkins: FEEDBACK.checkins / 50, feedback: FEEDBACK.feedback / 50 } : FEEDBACK;
const historyParams = SMALL ? { ...HISTORY, teams: 20, commits: params.checkins, renames: 5 } : { ...HISTORY, commits: params.checkins };

export const benches = [
  {
    name: 'feedback.list',
    title: 'okr feedback listing over 20,000 check-in and feedback commits',
    run() {
      const { dir, meta } = feedbackRepo(params, historyParams);
      info(`repository: ${thousands(meta.commits)} commits, ${thousands(meta.feedback)} of them feedback (a third replies), the rest check-ins and hand edits`);
      const [all, json, one, log, floor] = measure(
        [
          { label: 'okr feedback --since 2026-01-01', argv: okr('feedback', '--since', '2026-01-01'), cwd: dir, env: ENV },
          { label: 'okr feedback --json --since 2026-01-01', argv: okr('feedback', '--json', '--since', '2026-01-01'), cwd: dir, env: ENV },
          { label: 'okr feedback REF', argv: okr('feedback', meta.ref), cwd: dir, env: ENV },
          { label: 'okr log --feedback', argv: okr('log', '--feedback'), cwd: dir, env: ENV },
          // The git work a listing cannot avoid: every commit's message searched for the trailer key.
          { label: 'floor', argv: ['git', 'log', '--regexp-ignore-case', '--grep=^Okr-Feedback:', '-z', '--format=%H%x00%an%x00%aI%x00%B%x00%(trailers:only,unfold)', 'HEAD'], cwd: dir },
        ],
        { runs: runs() },
      );
      line('okr feedback (all of it, text)', all);
      line('okr feedback --json (all of it)', json);
      line(`okr feedback ${meta.ref}`, one);
      line('okr log --feedback (30 days, reference)', log);
      line('floor: git log --grep=^Okr-Feedback: (messages)', floor);
      goal('okr feedback listing', valueOf(all), '<', 2000, 'ms', { detail: `(${ratio(all, floor)?.toFixed(1)}x its floor)` });
      goal('okr feedback --json listing', valueOf(json), '<', 2000, 'ms');
    },
  },
  {
    name: 'feedback.show',
    title: 'okr show with forecast and feedback on the demo repository (okr demo)',
    run() {
      const dir = join(cacheRoot(), `demo-g${GENERATION}`);
      if (!existsSync(join(dir, '.git'))) {
        const built = runOnce({ argv: okr('demo', '--dir', dir, '--no-show'), env: ENV });
        if (built.code !== 0) throw new Error(`okr demo failed: ${built.stderr ?? ''}`);
      }
      const ref = 'payments/faster-checkout/p95-latency';
      const [kr, objective, json, version] = measure(
        [
          { label: `okr show ${ref}`, argv: okr('show', ref), cwd: dir, env: ENV },
          { label: 'okr show payments/faster-checkout', argv: okr('show', 'payments/faster-checkout'), cwd: dir, env: ENV },
          { label: `okr show ${ref} --json`, argv: okr('show', ref, '--json'), cwd: dir, env: ENV },
          { label: 'okr --version (start-up, reference)', argv: okr('--version'), cwd: dir, env: ENV },
        ],
        { runs: runs() },
      );
      line(`okr show ${ref}`, kr);
      line('okr show payments/faster-checkout', objective);
      line(`okr show ${ref} --json`, json);
      line('okr --version (start-up, reference)', version);
      goal('okr show KR with forecast (demo)', valueOf(kr), '<', 300, 'ms');
      goal('okr show objective with forecasts (demo)', valueOf(objective), '<', 300, 'ms');
    },
  },
];
