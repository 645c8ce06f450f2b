// What `okr checkin` and `okr measure` print when they are done: the recorded values as text for a
// person, or as the JSON document.
import type { Environment } from '../env.js';
import { currentValue, unitOf } from '../model/key-results.js';
import { checkinReportJson, renderCheckinReport, type CheckinReport } from '../render/text/checkin.js';
import type { RecordResult } from './checkin-transaction.js';
import { textStyle, writeJson } from './output.js';

export function checkinReportOf(result: RecordResult, committed: boolean): CheckinReport {
  return {
    recorded: result.result.recorded,
    unchanged: result.result.unchanged.map((p) => ({ ref: p.keyResult.ref, value: currentValue(p.keyResult), unit: unitOf(p.keyResult) })),
    files: result.files,
    commit: result.commit,
    committed,
  };
}

export function reportCheckins(env: Environment, result: RecordResult, committed: boolean, json: boolean): void {
  const report = checkinReportOf(result, committed);
  if (json) writeJson(env, checkinReportJson(report));
  else env.stdout.write(renderCheckinReport(report, textStyle(env).paint));
}
