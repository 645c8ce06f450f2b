import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS, summarizeDiff, type GoalChange } from '../../src/model/diff-change.js';
import { guardrailLoosened, targetMadeEasier } from '../../src/model/diff-compare.js';
import { diffWorkspaces } from '../../src/model/diff.js';
import { computeProgress } from '../../src/model/rollup.js';
import type { Workspace } from '../../src/model/types.js';
import { loadWorkspace } from '../../src/workspace/load.js';
import { EXAMPLES } from '../support/run-cli.js';

type Files = Record<string, string>;

const BASE: Files = {
  'okr.yaml': `version: 1
organization: Acme
mission: Make payments instant.
values:
  - id: trust
    title: Earn trust
  - id: speed
    title: Be fast
cycles:
  - id: 2026
    start: 2026-01-01
    end: 2026-12-31
  - id: 2026-Q4
    start: 2026-10-01
    end: 2026-12-31
rules:
  require-alignment: error
`,
  'teams/eng/team.yaml': 'name: Engineering\nowners: [cto@acme.example]\npurpose: Build.\n',
  'teams/pay/team.yaml': 'name: Payments\nparent: eng\nowners: [ana@acme.example]\npurpose: Move money.\n',
  'teams/eng/2026.yaml': `objectives:
  - id: platform
    title: A fast platform
    aligns_to: mission
    key_results:
      - id: speed
        title: Teams get faster
        rollup: true
      - id: uptime
        title: Stay up
        keep_above: 99.9
        current: 99.95
        unit: "%"
`,
  'teams/pay/2026-Q4.yaml': `objectives:
  - id: fast
    title: Fast checkout
    aligns_to: eng/platform/speed
    values: [speed]
    weight: 2
    key_results:
      - id: p95
        title: Cut p95 latency
        start: 900
        target: 300
        current: 600
        unit: ms
      - id: cache
        title: Ship the cache
        done: false
      - id: errors
        title: Keep errors low
        keep_below: 0.1
        current: 0.05
        unit: "%"
  - id: payouts
    title: Instant payouts
    aligns_to: eng/platform/speed
    key_results:
      - id: share
        title: Share of instant payouts
        start: 0
        target: 30
        current: 15
        unit: "%"
`,
};

function load(files: Files): Workspace {
  return loadWorkspace(Object.entries(files).map(([file, text]) => ({ file, text }))).workspace;
}

/** `files` with `from` replaced by `to` in `file` (the text must contain `from`). */
function edit(files: Files, file: string, from: string, to: string): Files {
  const text = files[file];
  if (text === undefined || !text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  return { ...files, [file]: text.replace(from, to) };
}

function diff(base: Files, head: Files, withProgress = true): GoalChange[] {
  const b = load(base);
  const h = load(head);
  return diffWorkspaces(
    { workspace: b, ...(withProgress ? { progress: computeProgress(b) } : {}) },
    { workspace: h, ...(withProgress ? { progress: computeProgress(h) } : {}) },
  );
}

const kinds = (changes: readonly GoalChange[]) => changes.map((c) => `${c.kind} ${c.ref}`);

function readExample(name: string): Files {
  const root = join(EXAMPLES, name);
  const files: Files = { 'okr.yaml': readFileSync(join(root, 'okr.yaml'), 'utf8') };
  for (const team of readdirSync(join(root, 'teams')))
    for (const f of readdirSync(join(root, 'teams', team)))
      if (statSync(join(root, 'teams', team, f)).isFile()) files[`teams/${team}/${f}`] = readFileSync(join(root, 'teams', team, f), 'utf8');
  return files;
}

/** BASE after okr close 2026-Q4: closed: on the cycle, a grade on its objective and two key results. */
function closed(files: Files): Files {
  let out = edit(files, 'okr.yaml', '    start: 2026-10-01\n    end: 2026-12-31\n', '    start: 2026-10-01\n    end: 2026-12-31\n    closed: "2027-01-04"\n');
  out = edit(out, 'teams/pay/2026-Q4.yaml', '    title: Fast checkout\n', '    title: Fast checkout\n    grade: 0.4\n');
  out = edit(out, 'teams/pay/2026-Q4.yaml', 'current: 600\n', 'current: 600\n        grade: 0.5\n');
  out = edit(out, 'teams/pay/2026-Q4.yaml', 'done: false\n', 'done: false\n        grade: 0\n');
  return out;
}

describe('diffWorkspaces', () => {
  it('finds nothing between a workspace and itself (the bundled example too)', () => {
    expect(diff(BASE, BASE)).toEqual([]);
    const acme = readExample('acme');
    expect(diff(acme, acme)).toEqual([]);
  });

  it('reports a checked-in value with its effect up to the mission, each number exact', () => {
    const changes = diff(BASE, edit(BASE, 'teams/pay/2026-Q4.yaml', 'current: 600', 'current: 450'));
    expect(changes).toHaveLength(1);
    const [c] = changes;
    expect(c).toMatchObject({ kind: 'value-changed', ref: 'pay/fast/p95', team: 'pay', before: 600, after: 450, unit: 'ms', madeEasier: false });
    expect(c!.effect.map((s) => s.ref)).toEqual(['pay/fast/p95', 'pay/fast', 'eng/platform/speed', 'eng/platform', 'mission']);
    const [kr, fast, speed, platform, mission] = c!.effect;
    expect(kr).toEqual({ ref: 'pay/fast/p95', before: 0.5, after: 0.75 });
    expect(fast!.before).toBeCloseTo(0.5, 12); // (0.5 + 0 + 1) / 3
    expect(fast!.after).toBeCloseTo(1.75 / 3, 12);
    expect(speed!.before).toBeCloseTo(0.5, 12); // fast (weight 2) and payouts (0.5)
    expect(speed!.after).toBeCloseTo(((1.75 / 3) * 2 + 0.5) / 3, 12);
    expect(platform!.after).toBeCloseTo((((1.75 / 3) * 2 + 0.5) / 3 + 1) / 2, 12);
    expect(mission!.after).toBeCloseTo(platform!.after!, 12);
  });

  it('lists only the goals whose progress moved', () => {
    // The guardrail still holds: its progress stays 1, so nothing above it moves.
    const changes = diff(BASE, edit(BASE, 'teams/pay/2026-Q4.yaml', 'current: 0.05', 'current: 0.07'));
    expect(changes).toMatchObject([{ kind: 'value-changed', ref: 'pay/fast/errors', before: 0.05, after: 0.07, effect: [] }]);
  });

  it('carries no effect for changes that cannot move progress, and none without a roll-up', () => {
    const head = edit(BASE, 'teams/pay/2026-Q4.yaml', 'title: Cut p95 latency', 'title: Cut p95 latency in half');
    expect(diff(BASE, head)).toMatchObject([{ kind: 'title-changed', before: 'Cut p95 latency', after: 'Cut p95 latency in half', effect: [] }]);
    const valued = edit(BASE, 'teams/pay/2026-Q4.yaml', 'current: 600', 'current: 450');
    expect(diff(BASE, valued, false)[0]!.effect).toEqual([]);
  });

  it('a rollup child that moves moves its parent: the rollup key result, its objective, the mission', () => {
    const head = edit(BASE, 'teams/pay/2026-Q4.yaml', 'current: 15', 'current: 30');
    const [c] = diff(BASE, head);
    expect(c!.effect.map((s) => s.ref)).toEqual(['pay/payouts/share', 'pay/payouts', 'eng/platform/speed', 'eng/platform', 'mission']);
    expect(c!.effect[1]).toEqual({ ref: 'pay/payouts', before: 0.5, after: 1 });
  });

  it('follows only the links progress flows by: an objective aligned to an objective feeds nothing above', () => {
    const head = edit(BASE, 'teams/pay/2026-Q4.yaml', 'aligns_to: eng/platform/speed\n    key_results:\n      - id: share', 'aligns_to: eng/platform\n    key_results:\n      - id: share');
    const moved = edit(head, 'teams/pay/2026-Q4.yaml', 'current: 15\n', 'current: 30\n');
    const [c] = diff(head, moved);
    expect(c!.effect).toEqual([
      { ref: 'pay/payouts/share', before: 0.5, after: 1 },
      { ref: 'pay/payouts', before: 0.5, after: 1 },
    ]);
  });

  describe('made easier', () => {
    it('a higher-is-better target lowered is made easier; raised is not', () => {
      const lowered = diff(BASE, edit(BASE, 'teams/pay/2026-Q4.yaml', 'target: 30\n', 'target: 20\n'));
      expect(lowered).toMatchObject([{ kind: 'target-changed', ref: 'pay/payouts/share', before: 30, after: 20, madeEasier: true }]);
      const raised = diff(BASE, edit(BASE, 'teams/pay/2026-Q4.yaml', 'target: 30\n', 'target: 40\n'));
      expect(raised).toMatchObject([{ kind: 'target-changed', madeEasier: false }]);
    });

    it('a lower-is-better target raised is made easier; lowered is not', () => {
      expect(diff(BASE, edit(BASE, 'teams/pay/2026-Q4.yaml', 'target: 300', 'target: 400'))).toMatchObject([
        { kind: 'target-changed', ref: 'pay/fast/p95', before: 300, after: 400, madeEasier: true },
      ]);
      expect(diff(BASE, edit(BASE, 'teams/pay/2026-Q4.yaml', 'target: 300', 'target: 200'))[0]!.madeEasier).toBe(false);
    });

    it('a guardrail loosened is made easier: keep_below raised, keep_above lowered', () => {
      expect(diff(BASE, edit(BASE, 'teams/pay/2026-Q4.yaml', 'keep_below: 0.1', 'keep_below: 0.2'))).toMatchObject([
        { kind: 'bound-changed', before: { keepBelow: 0.1 }, after: { keepBelow: 0.2 }, madeEasier: true },
      ]);
      expect(diff(BASE, edit(BASE, 'teams/pay/2026-Q4.yaml', 'keep_below: 0.1', 'keep_below: 0.08'))[0]!.madeEasier).toBe(false);
      expect(diff(BASE, edit(BASE, 'teams/eng/2026.yaml', 'keep_above: 99.9', 'keep_above: 99.5'))[0]).toMatchObject({
        kind: 'bound-changed',
        madeEasier: true,
      });
      expect(diff(BASE, edit(BASE, 'teams/eng/2026.yaml', 'keep_above: 99.9', 'keep_below: 99.9'))[0]).toMatchObject({
        kind: 'bound-changed',
        before: { keepAbove: 99.9 },
        after: { keepBelow: 99.9 },
        madeEasier: false,
      });
    });

    it('follows the rule as stated, for any numbers', () => {
      fc.assert(
        fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), (start, target, next) => {
          fc.pre(start !== target && target !== next);
          const easier = targetMadeEasier({ start, target }, { target: next });
          // Easier exactly when the target moved back toward the start's side.
          expect(easier).toBe(target > start ? next < target : next > target);
        }),
      );
      expect(guardrailLoosened({ bound: { direction: 'below', value: 1 } }, { bound: { direction: 'below', value: 1 } })).toBe(false);
    });
  });

  it('reports each field of objectives and key results', () => {
    let head = BASE;
    const q4 = 'teams/pay/2026-Q4.yaml';
    head = edit(head, q4, 'title: Fast checkout', 'title: Instant checkout\n    description: Why it matters.\n    owner: lead@acme.example');
    head = edit(head, q4, 'values: [speed]', 'values: [speed, trust]');
    head = edit(head, q4, 'weight: 2', 'weight: 3');
    head = edit(head, q4, 'start: 900', 'start: 1000');
    head = edit(head, q4, 'unit: ms', 'unit: milliseconds\n        confidence: 0.4\n        source: {file: m.json, pointer: /p95}');
    head = edit(head, q4, 'title: Ship the cache\n        done: false', 'title: Ship the cache\n        start: 0\n        target: 10');
    head = edit(head, q4, 'aligns_to: eng/platform/speed\n    key_results:\n      - id: share', 'aligns_to: mission\n    key_results:\n      - id: share');
    const changes = diff(BASE, head);
    expect(kinds(changes)).toEqual([
      'title-changed pay/fast',
      'description-changed pay/fast',
      'values-changed pay/fast',
      'owner-changed pay/fast',
      'weight-changed pay/fast',
      'kind-changed pay/fast/cache',
      'start-changed pay/fast/p95',
      'unit-changed pay/fast/p95',
      'source-changed pay/fast/p95',
      'confidence-changed pay/fast/p95',
      'alignment-changed pay/payouts',
    ]);
    const byKind = new Map(changes.map((c) => [c.kind, c]));
    expect(byKind.get('values-changed')).toMatchObject({ before: ['speed'], after: ['speed', 'trust'] });
    expect(byKind.get('owner-changed')).toMatchObject({ before: null, after: 'lead@acme.example' });
    expect(byKind.get('kind-changed')).toMatchObject({ before: { kind: 'milestone', done: false }, after: { kind: 'metric', start: 0, target: 10 } });
    expect(byKind.get('source-changed')).toMatchObject({ before: null, after: { file: 'm.json', pointer: '/p95' } });
    expect(byKind.get('alignment-changed')).toMatchObject({ before: ['eng/platform/speed'], after: ['mission'] });
    // Re-aligned: the effect shows the old parent (which lost a child) and the mission it now serves.
    const realigned = byKind.get('alignment-changed')!.effect.map((s) => s.ref);
    expect(realigned).toContain('eng/platform/speed');
    expect(realigned[realigned.length - 1]).toBe('mission');
  });

  it('reports an objective moved to another cycle file', () => {
    const moved = {
      ...BASE,
      'teams/pay/2026-Q4.yaml': BASE['teams/pay/2026-Q4.yaml']!.split('  - id: payouts')[0]!,
      'teams/pay/2026.yaml': 'objectives:\n  - id: payouts' + BASE['teams/pay/2026-Q4.yaml']!.split('  - id: payouts')[1]!,
    };
    expect(diff(BASE, moved)).toMatchObject([{ kind: 'objective-cycle-changed', ref: 'pay/payouts', before: '2026-Q4', after: '2026' }]);
  });

  it('reports goals and teams added and removed, with what they were', () => {
    let head = edit(BASE, 'teams/pay/2026-Q4.yaml', "      - id: cache\n        title: Ship the cache\n        done: false\n", '');
    head = edit(head, 'teams/pay/2026-Q4.yaml', '        unit: "%"\n`'.slice(0, 0) + '      - id: share', '      - id: share2\n        title: Another\n        done: true\n      - id: share');
    head = {
      ...head,
      'teams/risk/team.yaml': 'name: Risk\nparent: pay\nowners: ["@acme/risk"]\n',
      'teams/risk/2026-Q4.yaml': 'objectives:\n  - id: safe\n    title: Safe\n    aligns_to: eng/platform/speed\n    key_results:\n      - {id: fraud, title: Fraud, done: true}\n',
    };
    const changes = diff(BASE, head);
    expect(kinds(changes)).toEqual([
      'key-result-removed pay/fast/cache',
      'key-result-added pay/payouts/share2',
      'team-added risk',
      'objective-added risk/safe',
    ]);
    expect(changes[0]).toMatchObject({ before: { kind: 'milestone', title: 'Ship the cache', done: false }, after: null });
    expect(changes[2]).toMatchObject({ before: null, after: { name: 'Risk', parent: 'pay', owners: ['@acme/risk'] } });
    expect(changes[3]).toMatchObject({ after: { title: 'Safe', cycle: '2026-Q4', alignsTo: ['eng/platform/speed'], keyResults: [{ id: 'fraud' }] } });
    // A new objective feeding a rollup moves it: its own progress is "new" (before null).
    expect(changes[3]!.effect[0]).toEqual({ ref: 'risk/safe', before: null, after: 1 });
    expect(changes[3]!.effect.map((s) => s.ref)).toContain('eng/platform/speed');

    const removed = diff(head, BASE);
    expect(kinds(removed)).toEqual([
      'key-result-added pay/fast/cache',
      'key-result-removed pay/payouts/share2',
      'team-removed risk',
      'objective-removed risk/safe',
    ]);
    expect(removed[3]!.effect[0]).toEqual({ ref: 'risk/safe', before: 1, after: null });
  });

  describe('renames', () => {
    it('an objective with a new id and otherwise the same content is renamed, not removed and added', () => {
      const head = edit(BASE, 'teams/pay/2026-Q4.yaml', 'id: payouts', 'id: instant-payouts');
      expect(kinds(diff(BASE, head))).toEqual(['objective-renamed pay/instant-payouts']);
      expect(diff(BASE, head)[0]).toMatchObject({ before: 'pay/payouts', after: 'pay/instant-payouts' });
    });

    it('a rename tolerates checked-in values, and reports them under the new name', () => {
      let head = edit(BASE, 'teams/pay/2026-Q4.yaml', 'id: payouts', 'id: instant-payouts');
      head = edit(head, 'teams/pay/2026-Q4.yaml', 'current: 15', 'current: 20');
      expect(kinds(diff(BASE, head))).toEqual(['objective-renamed pay/instant-payouts', 'value-changed pay/instant-payouts/share']);
      const value = diff(BASE, head)[1]!;
      // Progress before is the old goal's, after the new one's.
      expect(value.effect[0]).toEqual({ ref: 'pay/instant-payouts/share', before: 0.5, after: 20 / 30 });
    });

    it('a key result renamed keeps its place; objectives aligned to a renamed goal are not re-aligned', () => {
      let head = edit(BASE, 'teams/eng/2026.yaml', 'id: speed', 'id: team-speed');
      head = edit(head, 'teams/pay/2026-Q4.yaml', 'aligns_to: eng/platform/speed', 'aligns_to: eng/platform/team-speed');
      head = edit(head, 'teams/pay/2026-Q4.yaml', 'aligns_to: eng/platform/speed', 'aligns_to: eng/platform/team-speed');
      expect(kinds(diff(BASE, head))).toEqual(['key-result-renamed eng/platform/team-speed']);
    });

    it('a renamed team folder is one rename, with nothing else reported', () => {
      const head: Files = {};
      for (const [file, text] of Object.entries(BASE))
        head[file.replace('teams/pay/', 'teams/payments/')] = text.replace(/parent: pay\b/, 'parent: payments');
      expect(kinds(diff(BASE, head))).toEqual(['team-renamed payments']);
    });

    it('a new id with other content changed too is a removal and an addition', () => {
      let head = edit(BASE, 'teams/pay/2026-Q4.yaml', 'id: payouts', 'id: instant-payouts');
      head = edit(head, 'teams/pay/2026-Q4.yaml', 'title: Instant payouts', 'title: Payouts in seconds');
      expect(kinds(diff(BASE, head))).toEqual(['objective-added pay/instant-payouts', 'objective-removed pay/payouts']);
    });
  });

  it('reports changes to teams and to okr.yaml, okr.yaml first', () => {
    let head = edit(BASE, 'teams/pay/team.yaml', 'name: Payments\nparent: eng\nowners: [ana@acme.example]\npurpose: Move money.', 'name: Payments Team\nowners: [ana@acme.example, "@acme/pay"]\npurpose: Move money safely.');
    head = edit(head, 'okr.yaml', 'mission: Make payments instant.', 'mission: Make payments instant and safe.');
    head = edit(head, 'okr.yaml', 'organization: Acme', 'organization: Acme Inc');
    head = edit(head, 'okr.yaml', '    end: 2026-12-31\n  - id: 2026-Q4', '    end: 2026-12-30\n  - id: 2026-Q4');
    head = edit(head, 'okr.yaml', 'cycles:', 'cycles:\n  - id: 2027\n    start: 2027-01-01\n    end: 2027-12-31');
    head = edit(head, 'okr.yaml', '  - id: speed\n    title: Be fast\n', '  - id: care\n    title: Care\n');
    head = edit(head, 'okr.yaml', 'title: Earn trust', 'title: Earn trust daily');
    head = edit(head, 'okr.yaml', 'require-alignment: error', 'require-alignment: off\n  max-objectives-per-team: [warn, 3]\ncheckins:\n  stale_after_days: 30');
    head = edit(head, 'teams/pay/2026-Q4.yaml', 'values: [speed]', 'values: [care]');
    const changes = diff(BASE, head);
    expect(kinds(changes)).toEqual([
      'organization-changed organization',
      'mission-changed mission',
      'cycle-changed 2026',
      'cycle-added 2027',
      'guiding-value-changed trust',
      'guiding-value-removed speed',
      'guiding-value-added care',
      'rule-changed max-objectives-per-team',
      'rule-changed require-alignment',
      'setting-changed checkins.stale_after_days',
      'team-name-changed pay',
      'team-parent-changed pay',
      'team-owners-changed pay',
      'team-purpose-changed pay',
      'values-changed pay/fast',
    ]);
    expect(changes.find((c) => c.kind === 'rule-changed' && c.ref === 'max-objectives-per-team')).toMatchObject({ before: ['warn', 5], after: ['warn', 3] });
    expect(changes.find((c) => c.kind === 'team-parent-changed')).toMatchObject({ before: 'eng', after: null, team: 'pay' });
    expect(changes.filter((c) => c.team === null)).toHaveLength(10);
    expect(kinds(diff(head, BASE))).toContain('cycle-removed 2027');
  });

  it('orders an objective before its key results, even next to an id it is a prefix of', () => {
    let head = edit(BASE, 'teams/pay/2026-Q4.yaml', 'current: 600', 'current: 500');
    head = edit(head, 'teams/pay/2026-Q4.yaml', 'title: Fast checkout', 'title: Fast checkout!');
    head = { ...head, 'teams/pay/2026.yaml': 'objectives:\n  - id: fast-x\n    title: X\n    aligns_to: mission\n    key_results:\n      - {id: k, title: K, done: false}\n' };
    expect(kinds(diff(BASE, head))).toEqual(['title-changed pay/fast', 'value-changed pay/fast/p95', 'objective-added pay/fast-x']);
  });

  it('every change kind can be produced', () => {
    // The scenarios above, collected: a test that fails when a kind is added without a way to get it.
    const seen = new Set<string>();
    const record = (changes: GoalChange[]) => changes.forEach((c) => seen.add(c.kind));
    const q4 = 'teams/pay/2026-Q4.yaml';
    record(diff(BASE, edit(BASE, q4, 'target: 30\n', 'target: 20\n')));
    record(diff(BASE, edit(BASE, q4, 'keep_below: 0.1', 'keep_below: 0.2')));
    record(diff(BASE, edit(BASE, q4, 'current: 600', 'current: 500')));
    record(diff(BASE, edit(BASE, q4, 'id: payouts', 'id: pay-outs')));
    record(diff(BASE, edit(BASE, q4, 'id: share', 'id: share-of-payouts')));
    record(diff(BASE, edit(BASE, q4, "      - id: cache\n        title: Ship the cache\n        done: false\n", '')));
    record(diff(edit(BASE, q4, "      - id: cache\n        title: Ship the cache\n        done: false\n", ''), BASE));
    record(diff(BASE, edit(BASE, q4, 'title: Ship the cache\n        done: false', 'title: Ship the cache\n        rollup: true')));
    record(diff(BASE, { ...BASE, 'teams/pay/2026-Q4.yaml': 'objectives: []\n' }));
    record(diff({ ...BASE, 'teams/pay/2026-Q4.yaml': 'objectives: []\n' }, BASE));
    const renamedTeam: Files = {};
    for (const [f, t] of Object.entries(BASE)) renamedTeam[f.replace('teams/pay/', 'teams/p/')] = t;
    record(diff(BASE, renamedTeam));
    record(diff(BASE, { ...renamedTeam, 'teams/p/team.yaml': 'name: Other\n' }));
    const big = edit(
      edit(edit(BASE, 'teams/pay/team.yaml', 'name: Payments\nparent: eng\nowners: [ana@acme.example]\npurpose: Move money.', 'name: P\nowners: [x@acme.example]\npurpose: M.'), 'okr.yaml', 'mission: Make payments instant.', 'mission: M'),
      'okr.yaml',
      'organization: Acme\nmission: M\nvalues:\n  - id: trust\n    title: Earn trust\n  - id: speed\n    title: Be fast\ncycles:\n  - id: 2026\n    start: 2026-01-01\n    end: 2026-12-31',
      'organization: Acme2\nmission: M\ncheckins:\n  stale_after_days: 7\nvalues:\n  - id: trust\n    title: Earn more trust\n  - id: care\n    title: Care\ncycles:\n  - id: 2026\n    start: 2026-01-02\n    end: 2026-12-31\n  - id: 2027\n    start: 2027-01-01\n    end: 2027-12-31',
    );
    record(diff(BASE, big));
    record(diff(big, BASE));
    record(diff(BASE, edit(BASE, 'okr.yaml', 'require-alignment: error', 'require-alignment: warn')));
    let fields = edit(BASE, q4, 'title: Fast checkout', 'title: F\n    description: D\n    owner: o@acme.example');
    fields = edit(fields, q4, 'values: [speed]', 'values: [trust]');
    fields = edit(fields, q4, 'weight: 2', 'weight: 1');
    fields = edit(fields, q4, 'start: 900', 'start: 800');
    fields = edit(fields, q4, 'unit: ms', 'unit: s\n        confidence: 0.5\n        source: {file: a.json, pointer: /a}');
    fields = edit(fields, q4, 'aligns_to: eng/platform/speed', 'aligns_to: mission');
    record(diff(BASE, fields));
    record(diff(BASE, { ...BASE, 'teams/pay/2026.yaml': BASE[q4]! , [q4]: 'objectives: []\n' }));
    record(diff(BASE, closed(BASE)));
    expect([...CHANGE_KINDS].filter((k) => !seen.has(k))).toEqual([]);
  });

  it('names a close: cycle-closed on okr.yaml, grade-changed on each goal graded; a reopen and a regrade too', () => {
    const q4 = 'teams/pay/2026-Q4.yaml';
    const after = closed(BASE);
    expect(kinds(diff(BASE, after))).toEqual(['cycle-closed 2026-Q4', 'grade-changed pay/fast', 'grade-changed pay/fast/cache', 'grade-changed pay/fast/p95']);
    const changes = diff(BASE, after);
    expect(changes[0]).toMatchObject({ kind: 'cycle-closed', team: null, before: null, after: '2027-01-04', effect: [] });
    expect(changes.find((c) => c.ref === 'pay/fast/p95')).toMatchObject({ before: null, after: 0.5, team: 'pay', effect: [] });
    // Reopened: the closed: line removed; regraded: a grade edited after the close.
    expect(kinds(diff(after, BASE))[0]).toBe('cycle-closed 2026-Q4');
    expect(diff(after, BASE)[0]).toMatchObject({ before: '2027-01-04', after: null });
    expect(kinds(diff(after, edit(after, q4, 'grade: 0.5', 'grade: 0.9')))).toEqual(['grade-changed pay/fast/p95']);
  });

  it('never throws on broken workspaces: duplicate ids, dangling refs, alignment cycles', () => {
    const broken: Files = {
      ...BASE,
      'teams/pay/2026.yaml': 'objectives:\n  - id: fast\n    title: dup\n    aligns_to: pay/loop\n    key_results:\n      - {id: k, title: K, done: true}\n  - id: loop\n    title: L\n    aligns_to: [pay/fast, nowhere/x, "-bad"]\n    key_results:\n      - {id: k, title: K, done: false}\n      - {id: k, title: K again, done: true}\n',
      'teams/ghost/2026-Q4.yaml': 'objectives: [{id: g, title: G, aligns_to: pay/loop, key_results: [{id: k, title: K, rollup: true}]}]\n',
      'teams/pay/team.yaml': 'name: Payments\nparent: pay\nowners: [ana@acme.example]\n',
    };
    expect(() => diff(BASE, broken)).not.toThrow();
    expect(() => diff(broken, BASE)).not.toThrow();
    expect(() => diff(broken, edit(broken, 'teams/pay/2026.yaml', 'done: false', 'done: true'))).not.toThrow();
    expect(kinds(diff(broken, edit(broken, 'teams/pay/2026.yaml', 'done: false', 'done: true')))).toEqual(['value-changed pay/loop/k']);
  });

  it('check-ins alone give one value-changed per key result moved, and the reverse diff mirrors it', () => {
    const q4 = 'teams/pay/2026-Q4.yaml';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 60 }), fc.boolean(), (p95, share, cache) => {
        // Each value is found by the line above it: after the first edit, "current: 15" may be p95's too.
        let head = edit(BASE, q4, 'target: 300\n        current: 600\n', `target: 300\n        current: ${p95}\n`);
        head = edit(head, q4, 'target: 30\n        current: 15\n', `target: 30\n        current: ${share}\n`);
        head = edit(head, q4, 'done: false', `done: ${cache}`);
        const changes = diff(BASE, head);
        const expected = (p95 !== 600 ? 1 : 0) + (share !== 15 ? 1 : 0) + (cache ? 1 : 0);
        expect(changes.every((c) => c.kind === 'value-changed')).toBe(true);
        expect(changes).toHaveLength(expected);
        const back = diff(head, BASE);
        expect(back.map((c) => [c.ref, c.before, c.after])).toEqual(changes.map((c) => [c.ref, c.after, c.before]));
      }),
      { numRuns: 60 },
    );
  });

  it('summarises counts, teams and the mission', () => {
    let head = edit(BASE, 'teams/pay/2026-Q4.yaml', 'target: 30\n', 'target: 20\n');
    head = edit(head, 'teams/pay/2026-Q4.yaml', 'id: p95', 'id: latency-p95');
    head = { ...head, 'teams/eng/team.yaml': 'name: Eng\nowners: [cto@acme.example]\npurpose: Build.\n' };
    const s = summarizeDiff(diff(BASE, head));
    expect(s).toMatchObject({ changes: 3, added: 0, removed: 0, renamed: 1, changed: 2, madeEasier: 1, teams: ['eng', 'pay'] });
    expect(s.mission!.after).toBeGreaterThan(s.mission!.before!);
  });
});
