// okr close CYCLE: grades, `closed:` in okr.yaml, one commit with the grade table, the tag okr/CYCLE
// (SPEC section 12). The work is app/close-transaction.ts; this prints what was done.
import { noteFromMessages } from '../app/checkin-arguments.js';
import { parseGradeArguments } from '../app/close-plan.js';
import { closeCycle, messageInput } from '../app/close-transaction.js';
import { textStyle, writeJson } from '../app/output.js';
import { openSession } from '../app/session.js';
import type { CloseArguments, CloseOptions } from '../definitions/close.js';
import type { Environment } from '../env.js';
import { ExitCode } from '../errors.js';
import { closeJson } from '../render/json/close.js';
import { percent } from '../render/text/progress-cells.js';
import { renderGradeTable } from '../render/text/grade-table.js';

export default async function close(env: Environment, [cycle]: CloseArguments, options: CloseOptions): Promise<number> {
  const given = parseGradeArguments(options.grade ?? []);
  const closed = await closeCycle(openSession(env, options.dir), {
    cycle,
    today: env.today,
    early: Boolean(options.early),
    given,
    note: noteFromMessages(options.message),
    tag: options.tag,
    includeChanges: Boolean(options.includeChanges),
  });
  const { plan } = closed;
  if (options.json) {
    writeJson(
      env,
      closeJson({ cycle: plan.cycle.id, closed: plan.closedOn, gradedOn: plan.gradedOn, early: plan.early, mission: plan.mission, grades: plan.grades, commit: closed.commit, tag: closed.tag, files: closed.files }),
    );
    return ExitCode.ok;
  }
  const { paint } = textStyle(env);
  const n = plan.grades.length;
  const lines = [
    ...renderGradeTable(messageInput(plan), paint),
    '',
    `Closed ${plan.cycle.id} in ${closed.commit.slice(0, 7)}${closed.tag ? ` (tag ${closed.tag})` : ''}: ${n} objective${n === 1 ? '' : 's'} graded, mission ${percent(plan.mission)}.`,
    paint.dim(`Share it: git push origin HEAD${closed.tag ? ` ${closed.tag}` : ''}`),
    paint.dim(`Next: okr plan <next-cycle> --from ${plan.cycle.id} carries the unfinished objectives over.`),
  ];
  env.stdout.write(lines.join('\n') + '\n');
  return ExitCode.ok;
}
