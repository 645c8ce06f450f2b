// okr plan NEXT --from CYCLE: draft the next cycle's goal files (SPEC section 12). The work is
// app/plan-next.ts; this prints what was written and what to do next.
import { writeJson, textStyle } from '../app/output.js';
import { openSession } from '../app/session.js';
import { planNextCycle } from '../app/plan-next.js';
import type { PlanArguments, PlanOptions } from '../definitions/plan.js';
import type { Environment } from '../env.js';
import { ExitCode } from '../errors.js';
import { CONFIG_FILE } from '../workspace/source.js';
import { printable } from '../printable.js';

export default async function plan(env: Environment, [next]: PlanArguments, options: PlanOptions): Promise<number> {
  const result = await planNextCycle(openSession(env, options.dir), { next, from: options.from, start: options.start, end: options.end, today: env.today });
  const carried = result.files.reduce((n, f) => n + f.draft.objectives.length, 0);
  if (options.json) {
    writeJson(env, {
      cycle: { id: result.next.id, start: result.next.start, end: result.next.end },
      from: result.from.id,
      scored_on: result.scoredOn,
      declared: result.declared,
      carried,
      files: result.files.map((f) => ({
        file: f.file,
        team: f.team,
        objectives: f.draft.objectives.map((o) => o.objective.ref),
        realigned: f.draft.objectives.flatMap((o) => o.realigned.map((r) => ({ ref: o.objective.ref, was: r.was, now: [...r.now] }))),
        done: f.draft.done,
      })),
    });
    return ExitCode.ok;
  }
  const { paint } = textStyle(env);
  const lines = [`Drafted ${result.next.id} (${result.next.start} – ${result.next.end}) from ${result.from.id}: ${carried} unfinished objective${carried === 1 ? '' : 's'} carried over.`];
  if (result.declared) lines.push(`  ${CONFIG_FILE}  declares ${result.next.id}`);
  for (const f of result.files) {
    const ids = f.draft.objectives.map((o) => o.objective.id);
    lines.push(`  ${printable(f.file)}  ${ids.length ? printable(ids.join(', ')) : paint.dim('(nothing unfinished: an empty draft)')}`);
    for (const o of f.draft.objectives) for (const r of o.realigned) lines.push(paint.dim(printable(`      ${o.objective.id}: aligns_to ${r.was} does not carry over; now ${r.now.join(', ')}`)));
  }
  if (result.files.length === 0) lines.push(paint.dim(`  ${result.from.id} has no objectives: nothing to carry over.`));
  lines.push('', paint.dim('Nothing is committed. Edit the drafts, run okr check, then commit them.'));
  env.stdout.write(lines.join('\n') + '\n');
  return ExitCode.ok;
}
