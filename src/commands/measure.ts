// okr measure: the check-in for key results with a `source`, for CI: each value is read from a JSON
// or YAML file inside the repository at a JSON Pointer, and all of them are committed like
// `okr checkin` (with an Okr-Source trailer each). A key result whose source cannot be read is
// reported and the others still land; the exit code then says something went wrong.
import { noteFromMessages } from '../app/checkin-arguments.js';
import { checkinReportOf, reportCheckins } from '../app/checkin-report.js';
import { recordCheckins, type CheckinPlan } from '../app/checkin-transaction.js';
import { chooseView } from '../app/cycle-view.js';
import { requireTeam } from '../app/goal-arguments.js';
import { writeJson } from '../app/output.js';
import { openSession } from '../app/session.js';
import type { MeasureArguments, MeasureOptions } from '../definitions/measure.js';
import type { Environment } from '../env.js';
import { DataError, ExitCode, UsageError } from '../errors.js';
import { closedOn } from '../model/grades.js';
import type { Source } from '../model/types.js';
import { checkinReportJson } from '../render/text/checkin.js';
import { yamlLiteral } from '../workspace/edit-yaml.js';
import { DEFAULT_MAX_SOURCE_BYTES, MetricsReader } from '../workspace/metrics-source.js';

interface Failure {
  readonly ref: string;
  readonly source: string;
  readonly problem: string;
}

export default async function measure(env: Environment, _args: MeasureArguments, options: MeasureOptions): Promise<number> {
  const failures: Failure[] = [];
  let measured = 0;
  let frozen = 0;
  const result = await recordCheckins(
    openSession(env, options.dir),
    { note: noteFromMessages(options.message), includeChanges: Boolean(options.includeChanges), commit: options.commit },
    ({ workspace, root, repository }) => {
      if (options.team !== undefined) requireTeam(workspace, options.team);
      const objectives = options.cycle === undefined ? workspace.objectives : chooseView(workspace, options.cycle, env.today).objectives;
      const reader = new MetricsReader(root, repository?.top ?? root, sourceLimit(env));
      const plans: CheckinPlan[] = [];
      for (const objective of objectives) {
        if (options.team !== undefined && objective.team !== options.team) continue;
        // A closed cycle's numbers are frozen: its sources are not read again.
        if (closedOn(workspace, objective.cycle) !== undefined) {
          frozen += objective.keyResults.filter((kr) => (kr.kind === 'metric' || kr.kind === 'guardrail') && kr.source).length;
          continue;
        }
        for (const kr of objective.keyResults) {
          if ((kr.kind !== 'metric' && kr.kind !== 'guardrail') || !kr.source) continue;
          measured++;
          const where = sourceText(kr.source);
          const read = reader.value(kr.source);
          if (!read.ok) failures.push({ ref: kr.ref, source: where, problem: read.problem });
          // A number the goal file cannot hold as a plain YAML number fails alone: the others still land.
          else if (yamlLiteral(read.value) === undefined)
            failures.push({ ref: kr.ref, source: where, problem: `${where} is ${read.value}, too large to write in a goal file as a plain number (up to 1e21)` });
          else plans.push({ objective, keyResult: kr, value: read.value, source: where });
        }
      }
      return plans;
    },
  );
  if (measured === 0 && frozen > 0)
    throw new DataError(
      `every key result${options.team ? ` of team ${options.team}` : ''} with a source belongs to a closed cycle, whose numbers are frozen`,
      'Carry the objectives over to the next cycle (okr plan NEXT --from CYCLE) and measure there.',
    );
  if (measured === 0)
    throw new DataError(
      `no key result${options.team ? ` of team ${options.team}` : ''} has a source to measure`,
      'Give a metric or guardrail a source: {file: metrics/checkout.json, pointer: /conversion_pct}.',
    );
  for (const f of failures) env.stderr.write(`okr: ${f.ref}: ${f.problem}\n`);
  if (options.json)
    writeJson(env, {
      ...checkinReportJson(checkinReportOf(result, options.commit)),
      failures: failures.map((f) => ({ ref: f.ref, source: f.source, problem: f.problem })),
    });
  else reportCheckins(env, result, options.commit, false);
  if (failures.length) {
    env.stderr.write(`okr: ${failures.length} of ${measured} key results could not be measured (see above); the others were recorded\n`);
    return ExitCode.dataError;
  }
  return ExitCode.ok;
}

function sourceText(source: Source): string {
  return `${source.file}#${source.pointer}`;
}

function sourceLimit(env: Environment): number {
  const raw = env.vars.OKR_MAX_SOURCE_BYTES;
  if (raw === undefined || raw === '') return DEFAULT_MAX_SOURCE_BYTES;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`OKR_MAX_SOURCE_BYTES must be a positive whole number of bytes, not "${raw}"`);
  return Number(raw);
}
