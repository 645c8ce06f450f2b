// The `closed-cycle-changed` rule (SPEC 12): a closed cycle's objectives and key results as they are
// now, compared with the same cycle in its close commit. Any value, target or grade that differs, and
// any goal added to or removed from the cycle since, is a finding. Pure: both sides are given.
import { formatValue } from './checkin-message.js';
import type { Finding, FindingSeverity } from './findings.js';
import type { KeyResult, NodePath, Objective } from './types.js';

export interface CloseSnapshot {
  readonly cycle: string;
  /** The close commit, shortened, with the tag when it was found by it: "3f2a9c1" or "okr/2026-Q3, 3f2a9c1". */
  readonly label: string;
  /** The cycle's objectives in the close commit. */
  readonly objectives: readonly Objective[];
}

/** The numbers a close freezes, by field as written in the file. */
function frozenFields(kr: KeyResult): [string, number | boolean | undefined][] {
  const grade: [string, number | undefined] = ['grade', kr.grade];
  switch (kr.kind) {
    case 'metric':
      return [['current', kr.current], ['target', kr.target], ['start', kr.start], grade];
    case 'milestone':
      return [['done', kr.done], grade];
    case 'guardrail':
      return [['current', kr.current], [kr.bound.direction === 'below' ? 'keep_below' : 'keep_above', kr.bound.value], grade];
    case 'rollup':
      return [grade];
  }
}

const shown = (v: number | boolean | undefined) => (v === undefined ? 'none' : formatValue(v));

/** "has target 350, but 300", or for a milestone "is not done, but was done" (not "has done not-done"). */
function changed(field: string, now: number | boolean | undefined, was: number | boolean | undefined): string {
  const state = (v: boolean) => (v ? 'done' : 'not done');
  if (field === 'done' && typeof now === 'boolean' && typeof was === 'boolean') return `is ${state(now)}, but was ${state(was)}`;
  return `has ${field} ${shown(now)}, but ${shown(was)}`;
}

export function closedCycleChanges(now: readonly Objective[], close: CloseSnapshot, severity: FindingSeverity): Finding[] {
  const findings: Finding[] = [];
  const at = (o: { origin: { file: string; path: NodePath } }, key: string) => ({ file: o.origin.file, path: [...o.origin.path, key] });
  const report = (message: string, target: Finding['target']) =>
    findings.push({ rule: 'closed-cycle-changed', severity, message: `${message}: a closed cycle is frozen; put it back, or reopen the cycle (remove its closed: line in okr.yaml)`, target });
  const when = `at its close (${close.label})`;

  const then = new Map<string, Objective>();
  for (const o of close.objectives) if (!then.has(o.ref)) then.set(o.ref, o);
  const seen = new Set<string>();
  for (const o of now) {
    if (o.cycle !== close.cycle || seen.has(o.ref)) continue;
    seen.add(o.ref);
    const before = then.get(o.ref);
    if (!before) {
      report(`objective "${o.id}" was added to closed cycle ${close.cycle} after its close (${close.label})`, at(o, 'id'));
      continue;
    }
    if (o.grade !== before.grade)
      report(`objective "${o.id}" of closed cycle ${close.cycle} has grade ${shown(o.grade)}, but ${shown(before.grade)} ${when}`, at(o, o.grade === undefined ? 'id' : 'grade'));
    const krsThen = new Map(before.keyResults.map((k) => [k.id, k]));
    const krsNow = new Set<string>();
    for (const kr of o.keyResults) {
      krsNow.add(kr.id);
      const old = krsThen.get(kr.id);
      if (!old) {
        report(`key result "${kr.id}" was added to closed cycle ${close.cycle} after its close (${close.label})`, at(kr, 'id'));
        continue;
      }
      if (old.kind !== kr.kind) {
        report(`key result "${kr.id}" of closed cycle ${close.cycle} is a ${kr.kind}, but was a ${old.kind} ${when}`, at(kr, 'id'));
        continue;
      }
      const oldFields = new Map(frozenFields(old));
      for (const [field, value] of frozenFields(kr)) {
        const was = oldFields.get(field);
        if (value !== was) report(`key result "${kr.id}" of closed cycle ${close.cycle} ${changed(field, value, was)} ${when}`, at(kr, value === undefined ? 'id' : field));
      }
    }
    for (const old of before.keyResults)
      if (!krsNow.has(old.id)) report(`key result "${old.id}" was removed from closed cycle ${close.cycle} after its close (${close.label})`, at(o, 'id'));
  }
  for (const [ref, old] of then)
    if (!seen.has(ref)) report(`objective "${old.id}" was removed from closed cycle ${close.cycle} after its close (${close.label})`, { file: old.origin.file, line: 1, column: 1 });
  return findings;
}
