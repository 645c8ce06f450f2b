// The words of okr check for everyday mistakes: each says what is wrong and what to write instead,
// and one mistake gives one finding.
import { describe, expect, it } from 'vitest';
import { checkJson, OKR_YAML, workspace } from './workspace.js';

const OKR = `version: 2
mission: Ship.
cycles:
  - id: 2026-Q4
    start: 2026-10-01
    end: 2026-12-31
    title: Q4
checkins:
  stale_after_days: 0
rules:
  max-objectives-per-team: [warn, 0]
  require-alignment: warning
  rollup-without-children: [warn, 3]
  max-key-results-per-objective: [warn, 5, 6]
  stale-checkin: [warning]
`;

const GOALS = `objectives:
  - id: fast
    title: Fast
    aligns_to: [mission, mission]
    weight: 0
    key_results:
      - id: done-yes
        title: Done
        done: yes
      - id: guard
        title: Guard
        keep_below: 5
      - id: conf
        title: Conf
        start: 1
        target: 2
        confidence: 1.5
        source:
          file: m.json
          pointer: conversion
      - id: roll
        title: Roll
        rollup: false
      - id: nothing
        title: Nothing
      - title: No id
        done: false
      - id: both
        title: Both bounds
        keep_below: 5
        keep_above: 1
        current: 3
      - id: unit-on-milestone
        title: Unit
        done: true
        unit: "%"
  - id: slow
    title: Slow
    aligns_to: misison
    key_results:
      - {id: k, title: K, done: false}
  - id: bad-ref
    title: Bad
    aligns_to: a/b/c/d
    key_results:
      - {id: k, title: K, done: false}
`;

describe('okr check messages for everyday mistakes', () => {
  it('say what is wrong and what to write instead, once per mistake', async () => {
    const dir = workspace({
      'okr.yaml': OKR,
      'teams/platform/team.yaml': 'name: Platform\nowners: [ana, "@web team"]\n',
      'teams/platform/2026.yaml': null,
      'teams/platform/2026-Q4.yaml': GOALS,
    });
    const { report } = await checkJson(dir);
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([
      'okr.yaml:1:10 "version" must be 1, not number 2',
      'okr.yaml:7:5 unknown key "title" (allowed: id, start, end, closed)',
      'okr.yaml:9:21 "stale_after_days" must be >= 1, not number 0',
      'okr.yaml:11:35 rule "max-objectives-per-team": the limit must be a whole number of at least 1, not number 0',
      'okr.yaml:12:22 rule "require-alignment": the severity must be off, warn or error, not the string "warning"',
      'okr.yaml:13:28 rule "rollup-without-children" takes no option: write only its severity (rollup-without-children: warn)',
      'okr.yaml:14:34 rule "max-key-results-per-objective" takes [severity, limit]: remove the extra items',
      'okr.yaml:15:19 rule "stale-checkin": the severity must be off, warn or error, not the string "warning"',
      'teams/platform/2026-Q4.yaml:4:16 "aligns_to" lists the same item twice (items 0 and 1): remove one',
      'teams/platform/2026-Q4.yaml:5:13 "weight" must be > 0, not number 0',
      'teams/platform/2026-Q4.yaml:9:15 "done" must be true or false, not the string "yes"',
      'teams/platform/2026-Q4.yaml:10:9 a guardrail key result needs "current", the value the bound is checked against',
      'teams/platform/2026-Q4.yaml:17:21 "confidence" must be <= 1, not number 1.5',
      'teams/platform/2026-Q4.yaml:20:20 "conversion" is not a JSON Pointer: use "" for the whole document, or a path starting with "/", e.g. /conversion_pct',
      'teams/platform/2026-Q4.yaml:23:17 "rollup" must be true, not boolean false',
      'teams/platform/2026-Q4.yaml:24:9 key result has no kind: give start and target (metric), done (milestone), rollup: true (rollup), or keep_below or keep_above with current (guardrail)',
      'teams/platform/2026-Q4.yaml:26:9 key result 6 of key_results is missing the required key "id"',
      'teams/platform/2026-Q4.yaml:31:9 a guardrail has one bound: keep_below or keep_above, not both',
      'teams/platform/2026-Q4.yaml:36:9 "unit" does not apply to a milestone key result',
      'teams/platform/2026-Q4.yaml:39:16 "misison" does not name an objective: did you mean "mission"?',
      'teams/platform/2026-Q4.yaml:44:16 "a/b/c/d" is not a valid reference: use "mission", an objective id, "team/objective" or "team/objective/kr"',
      'teams/platform/team.yaml:2:10 owner "ana" must be an email address (ana@example.com) or an @handle (@ana, @org/team)',
      'teams/platform/team.yaml:2:15 owner "@web team" must be an email address (ana@example.com) or an @handle (@ana, @org/team)',
    ]);
  });

  it('a list with a wrong item says which item, not that it should not be a list', async () => {
    const { report } = await checkJson(
      workspace({
        'okr.yaml': `${OKR_YAML}rules:\n  max-objectives-per-team: [warn, x]\n  max-key-results-per-objective: [warn, 1.5]\n`,
        'teams/platform/2026-Q4.yaml': 'objectives:\n  - id: o\n    title: O\n    aligns_to: [mission, 5]\n    key_results:\n      - {id: k, title: K, done: false}\n',
      }),
    );
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([
      'okr.yaml:15:35 rule "max-objectives-per-team": the limit must be a whole number of at least 1, not the string "x"',
      'okr.yaml:16:41 rule "max-key-results-per-objective": the limit must be a whole number of at least 1, not number 1.5',
      'teams/platform/2026-Q4.yaml:4:26 item 1 of aligns_to must be a string, not number 5',
    ]);
  });

  it('a misspelt rule without a near match lists the rules', async () => {
    const { report } = await checkJson(workspace({ 'okr.yaml': `${OKR.split('rules:')[0]!.replace('version: 2', 'version: 1').replace('    title: Q4\n', '').replace('0\n', '14\n')}rules:\n  no-such-thing: warn\n`, 'teams/platform/2026.yaml': null }));
    expect(report.findings.map((f) => f.message)).toEqual([
      'unknown rule "no-such-thing" (rules: max-objectives-per-team, max-key-results-per-objective, require-alignment, stale-checkin, rollup-without-children, closed-cycle-changed)',
    ]);
  });

  it('a cycle id written as a boolean or a wrong type says which types fit', async () => {
    const { report } = await checkJson(workspace({ 'okr.yaml': 'version: 1\nmission: M\ncycles:\n  - id: true\n    start: 2026-01-01\n    end: 2026-12-31\n', 'teams/platform/2026.yaml': null }));
    expect(report.findings.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual(['4:9 "id" must be a string or a whole number, not boolean true']);
  });
});
