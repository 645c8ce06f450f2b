// Comparing paired goals field by field: okr.yaml, teams, objectives and key results, each
// difference emitted as a change (with its unit, and whether it made a target easier). Pure.
import { sameValue, sourceValue, type ChangeList, type DiffValue } from './diff-change.js';
import { alignmentList, mapBaseRef, sameAlignment, type Pairing } from './diff-pairing.js';
import { keyResultFields, unitOf } from './key-results.js';
import type { Config, KeyResult, Objective, RuleSetting, Team } from './types.js';

export function diffConfig(base: Config, head: Config, out: ChangeList): void {
  out.compare('organization-changed', 'organization', null, base.organization ?? null, head.organization ?? null);
  out.compare('mission-changed', 'mission', null, base.mission, head.mission);

  const baseCycles = new Map(base.cycles.map((c) => [c.id, c]));
  const headCycles = new Map(head.cycles.map((c) => [c.id, c]));
  for (const [id, c] of baseCycles) {
    const h = headCycles.get(id);
    if (!h) out.add('cycle-removed', id, null, { start: c.start, end: c.end }, null);
    else {
      out.compare('cycle-changed', id, null, { start: c.start, end: c.end }, { start: h.start, end: h.end });
      // Closed (okr close), reopened (the closed: line removed), or its day changed.
      out.compare('cycle-closed', id, null, c.closed ?? null, h.closed ?? null);
    }
  }
  for (const [id, c] of headCycles) if (!baseCycles.has(id)) out.add('cycle-added', id, null, null, { start: c.start, end: c.end });

  const baseValues = new Map(base.values.map((v) => [v.id, v]));
  const headValues = new Map(head.values.map((v) => [v.id, v]));
  for (const [id, v] of baseValues) {
    const h = headValues.get(id);
    if (!h) out.add('guiding-value-removed', id, null, v.title, null);
    else out.compare('guiding-value-changed', id, null, v.title, h.title);
  }
  for (const [id, v] of headValues) if (!baseValues.has(id)) out.add('guiding-value-added', id, null, null, v.title);

  const rules = [...new Set([...Object.keys(base.rules), ...Object.keys(head.rules)])].sort();
  for (const name of rules) out.compare('rule-changed', name, null, ruleValue(base.rules[name]), ruleValue(head.rules[name]));
  out.compare('setting-changed', 'checkins.stale_after_days', null, base.staleAfterDays, head.staleAfterDays);
}

/** A rule setting as written in okr.yaml: `warn`, or `[warn, 5]`. */
function ruleValue(setting: RuleSetting | undefined): DiffValue {
  if (!setting) return null;
  return setting.option === undefined ? setting.severity : [setting.severity, setting.option];
}

export function teamSnapshot(t: Team): DiffValue {
  return { name: t.name, parent: t.parent ?? null, owners: t.owners, purpose: t.purpose ?? null };
}

export function diffTeams(p: Pairing, out: ChangeList): void {
  const pairedHead = new Set(p.teams.values());
  for (const [id, team] of p.base.teams) {
    const headId = p.teams.get(id);
    if (headId === undefined) {
      out.add('team-removed', id, id, teamSnapshot(team), null);
      continue;
    }
    const h = p.head.teams.get(headId)!;
    // The same object on both sides (its team.yaml unchanged, analysed once): as for objectives,
    // without renames nothing in it can differ; with them its parent may name a renamed team.
    if (h === team && !p.hasRenames) continue;
    if (p.renamedTeams.has(id)) out.add('team-renamed', headId, headId, id, headId);
    out.compare('team-name-changed', headId, headId, team.name, h.name);
    const parent = team.parent === undefined ? null : (p.teams.get(team.parent) ?? team.parent);
    out.compare('team-parent-changed', headId, headId, parent, h.parent ?? null);
    out.compare('team-owners-changed', headId, headId, team.owners, h.owners);
    out.compare('team-purpose-changed', headId, headId, team.purpose ?? null, h.purpose ?? null);
  }
  for (const [id, team] of p.head.teams) if (!pairedHead.has(id)) out.add('team-added', id, id, null, teamSnapshot(team));
}

export function objectiveSnapshot(o: Objective, mapRef: (ref: string) => string = (r) => r): DiffValue {
  return {
    title: o.title,
    cycle: o.cycle,
    alignsTo: alignmentList(o.alignsTo, mapRef),
    values: o.values,
    owner: o.owner ?? null,
    weight: o.weight,
    keyResults: o.keyResults.map((k) => keyResultSnapshot(k, true)),
  };
}

export function keyResultSnapshot(k: KeyResult, withId = false): DiffValue {
  return {
    ...(withId ? { id: k.id } : {}),
    kind: k.kind,
    title: k.title,
    weight: k.weight,
    ...keyResultFields(k),
    owner: k.owner ?? null,
  };
}

export function diffObjectives(p: Pairing, out: ChangeList): void {
  const pairedHead = new Set<Objective>();
  const mapRef = (ref: string) => mapBaseRef(p, ref);
  for (const b of p.base.objectives) {
    const pair = p.objectivePairs.get(b);
    if (pair === undefined) {
      out.add('objective-removed', mapRef(b.ref), p.teams.get(b.team) ?? b.team, objectiveSnapshot(b, mapRef), null);
      continue;
    }
    const h = pair.head;
    pairedHead.add(h);
    // The same object on both sides: its file has the same content in base and head, analysed once
    // (load-diff-sides). Without renames every ref in it means the same on both sides, so nothing in
    // it can differ: at 10,000 teams with 1% of key results checked in, ~95% of the objectives,
    // whose field-by-field comparison was a third of the diff's own work.
    if (h === b && !p.hasRenames) continue;
    const headRef = h.ref;
    const team = h.team;
    if (pair.renamed) out.add('objective-renamed', headRef, team, b.ref, headRef);
    out.compare('objective-cycle-changed', headRef, team, b.cycle, h.cycle);
    out.compare('title-changed', headRef, team, b.title, h.title);
    out.compare('description-changed', headRef, team, b.description ?? null, h.description ?? null);
    if (!sameAlignment(b.alignsTo, h.alignsTo, mapRef)) {
      const baseAlign = alignmentList(b.alignsTo, mapRef);
      const headAlign = alignmentList(h.alignsTo, (r) => r);
      if (!sameValue([...baseAlign].sort(), [...headAlign].sort())) out.add('alignment-changed', headRef, team, baseAlign, headAlign);
    }
    if (!sameValue(b.values, h.values) && !sameValue([...b.values].sort(), [...h.values].sort()))
      out.add('values-changed', headRef, team, b.values, h.values);
    out.compare('owner-changed', headRef, team, b.owner ?? null, h.owner ?? null);
    out.compare('weight-changed', headRef, team, b.weight, h.weight);
    out.compare('grade-changed', headRef, team, b.grade ?? null, h.grade ?? null);
    diffKeyResults(p, b, h, out);
  }
  for (const h of p.head.objectives) if (!pairedHead.has(h)) out.add('objective-added', h.ref, h.team, null, objectiveSnapshot(h));
}

function diffKeyResults(p: Pairing, base: Objective, head: Objective, out: ChangeList): void {
  const team = head.team;
  const pairedHead = new Set<KeyResult>();
  for (const b of base.keyResults) {
    // One object on both sides pairs each key result with itself (pairGoals does not record those).
    const pair = base === head ? { head: b, renamed: false } : p.keyResultPairs.get(b);
    if (pair === undefined) {
      out.add('key-result-removed', `${head.ref}/${b.id}`, team, keyResultSnapshot(b), null, { unit: unitOf(b) });
      continue;
    }
    pairedHead.add(pair.head);
    if (pair.renamed) out.add('key-result-renamed', pair.head.ref, team, b.ref, pair.head.ref);
    diffKeyResult(b, pair.head, team, out);
  }
  for (const h of head.keyResults)
    if (!pairedHead.has(h)) out.add('key-result-added', h.ref, team, null, keyResultSnapshot(h), { unit: unitOf(h) });
}

function diffKeyResult(b: KeyResult, h: KeyResult, team: string, out: ChangeList): void {
  const ref = h.ref;
  if (b.kind !== h.kind) out.add('kind-changed', ref, team, keyResultSnapshot(b), keyResultSnapshot(h), { unit: unitOf(h) });
  out.compare('title-changed', ref, team, b.title, h.title);
  out.compare('description-changed', ref, team, b.description ?? null, h.description ?? null);
  out.compare('owner-changed', ref, team, b.owner ?? null, h.owner ?? null);
  out.compare('weight-changed', ref, team, b.weight, h.weight);
  out.compare('grade-changed', ref, team, b.grade ?? null, h.grade ?? null);
  if (b.kind !== h.kind) {
    out.compare('confidence-changed', ref, team, b.confidence ?? null, h.confidence ?? null);
    return; // the kind-changed change shows both sides whole; field by field would compare unlike things
  }
  const unit = unitOf(h) ?? unitOf(b);
  if (b.kind === 'metric' && h.kind === 'metric') {
    out.compare('start-changed', ref, team, b.start, h.start, unit);
    if (b.target !== h.target) out.add('target-changed', ref, team, b.target, h.target, { unit, madeEasier: targetMadeEasier(b, h) });
    out.compare('value-changed', ref, team, b.current, h.current, unit);
  } else if (b.kind === 'guardrail' && h.kind === 'guardrail') {
    const before = { [b.bound.direction === 'below' ? 'keepBelow' : 'keepAbove']: b.bound.value };
    const after = { [h.bound.direction === 'below' ? 'keepBelow' : 'keepAbove']: h.bound.value };
    if (!sameValue(before, after)) out.add('bound-changed', ref, team, before, after, { unit, madeEasier: guardrailLoosened(b, h) });
    out.compare('value-changed', ref, team, b.current, h.current, unit);
  } else if (b.kind === 'milestone' && h.kind === 'milestone') {
    out.compare('value-changed', ref, team, b.done, h.done);
  }
  out.compare('unit-changed', ref, team, unitOf(b) ?? null, unitOf(h) ?? null);
  if ((b.kind === 'metric' || b.kind === 'guardrail') && (h.kind === 'metric' || h.kind === 'guardrail'))
    out.compare('source-changed', ref, team, sourceValue(b.source), sourceValue(h.source));
  out.compare('confidence-changed', ref, team, b.confidence ?? null, h.confidence ?? null);
}

/**
 * A metric's target moved back toward where it started: lowered when higher is better, raised when
 * lower is better (the direction is the base's: target above start means higher is better).
 */
export function targetMadeEasier(b: { start: number; target: number }, h: { target: number }): boolean {
  const direction = Math.sign(b.target - b.start);
  return direction !== 0 && Math.sign(h.target - b.target) === -direction;
}

/** A guardrail's bound loosened: keep_below raised, or keep_above lowered (same direction only). */
export function guardrailLoosened(
  b: { bound: { direction: 'below' | 'above'; value: number } },
  h: { bound: { direction: 'below' | 'above'; value: number } },
): boolean {
  if (b.bound.direction !== h.bound.direction) return false;
  return b.bound.direction === 'below' ? h.bound.value > b.bound.value : h.bound.value < b.bound.value;
}
