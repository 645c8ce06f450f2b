// okr dashboard: the goals, live in the terminal (SPEC 14). Refuses where nobody can use it: without
// an interactive terminal, or under CI; the app (src/app/dashboard.ts, with ink) is loaded only here.
import type { DashboardArguments, DashboardOptions } from '../definitions/dashboard.js';
import { underCi, type Environment } from '../env.js';
import { UsageError } from '../errors.js';

export default async function dashboard(env: Environment, _args: DashboardArguments, options: DashboardOptions): Promise<number> {
  const hint = 'For output that prints and pipes, use okr tree (or okr tree --json), okr status, or okr report.';
  if (!env.stdout.isTTY || !env.stdin?.isTTY) throw new UsageError('okr dashboard draws a full-screen view and needs an interactive terminal, which this is not', hint);
  // Under CI nobody is at the keys, and ink would draw only the last frame.
  if (underCi(env)) throw new UsageError('okr dashboard is interactive and does not run with CI set', `${hint} (Or unset CI.)`);
  const { runDashboard } = await import('../app/dashboard.js');
  return runDashboard(env, options);
}
