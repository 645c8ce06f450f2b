// okr diff loads a file both sides hold unchanged once, so base and head share its Objective objects,
// and the comparison skips them. It must say exactly what comparing separately loaded sides says,
// renames included (an unchanged file aligned to a renamed goal is re-aimed all the same).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GoalChange } from '../../src/model/diff-change.js';
import { diffWorkspaces } from '../../src/model/diff.js';
import { computeProgress } from '../../src/model/rollup.js';
import type { Workspace } from '../../src/model/types.js';
import { analyzeFiles, assembleWorkspace, loadWorkspace } from '../../src/workspace/load.js';
import { EXAMPLES } from '../support/run-cli.js';

type Files = Record<string, string>;

const raws = (files: Files, names = Object.keys(files)) => names.map((file) => ({ file, text: files[file]! }));

/** Both sides as load-diff-sides makes them: head analysed whole, base only where a file differs. */
function sharedSides(base: Files, head: Files): { base: Workspace; head: Workspace } {
  const headAnalyses = new Map(analyzeFiles(raws(head)).map((a) => [a.file, a]));
  const different = Object.keys(base).filter((f) => head[f] !== base[f]);
  const baseAnalyses = new Map(analyzeFiles(raws(base, different)).map((a) => [a.file, a]));
  const baseSide = assembleWorkspace(Object.keys(base).map((f) => baseAnalyses.get(f) ?? headAnalyses.get(f)!));
  return { base: baseSide.workspace, head: assembleWorkspace([...headAnalyses.values()]).workspace };
}

function diffOf(base: Workspace, head: Workspace): GoalChange[] {
  return diffWorkspaces({ workspace: base, progress: computeProgress(base) }, { workspace: head, progress: computeProgress(head) });
}

function separately(base: Files, head: Files): GoalChange[] {
  return diffOf(loadWorkspace(raws(base)).workspace, loadWorkspace(raws(head)).workspace);
}

function acme(): Files {
  const root = join(EXAMPLES, 'acme');
  const files: Files = { 'okr.yaml': readFileSync(join(root, 'okr.yaml'), 'utf8') };
  for (const team of readdirSync(join(root, 'teams')).sort())
    for (const f of readdirSync(join(root, 'teams', team)).sort()) files[`teams/${team}/${f}`] = readFileSync(join(root, 'teams', team, f), 'utf8');
  return files;
}

function renamedFolder(files: Files, team: string, to: string): Files {
  return Object.fromEntries(Object.entries(files).map(([f, t]) => [f.replace(`teams/${team}/`, `teams/${to}/`), t]));
}

function edit(files: Files, file: string, from: string | RegExp, to: string): Files {
  const text = files[file]!;
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: nothing replaced`);
  return { ...files, [file]: next };
}

describe('diff of sides sharing unchanged files', () => {
  const base = acme();
  const cases: [string, Files][] = [
    ['a check-in in one file', edit(base, 'teams/checkout/2026-Q4.yaml', 'current: 64.2', 'current: 66')],
    ['nothing changed', base],
    // Renamed in one file; the files aligned to the old names are unchanged, so shared, and re-aimed.
    ['an objective renamed', edit(base, 'teams/payments/2026-Q4.yaml', /id: faster-checkout\b/, 'id: quicker-checkout')],
    ['a key result renamed', edit(base, 'teams/payments/2026-Q4.yaml', /id: partner-adoption\b/, 'id: partners')],
    ['a team folder renamed', Object.fromEntries(Object.entries(base).map(([f, t]) => [f.replace('teams/sre/', 'teams/reliability/'), t]))],
    // sre's team.yaml (parent: platform) is unchanged, so one object on both sides, yet its parent moves.
    ['a parent team folder renamed', renamedFolder(base, 'platform', 'infra')],
    ['a team renamed in its team.yaml', edit(base, 'teams/payments/team.yaml', 'name: Payments', 'name: Payments & Billing')],
  ];
  for (const [name, head] of cases)
    it(`says what separately loaded sides say: ${name}`, () => {
      const shared = sharedSides(base, head);
      // The sharing this is about: unchanged files' objectives are one object on both sides.
      const same = shared.base.objectives.filter((o) => shared.head.objectives.includes(o)).length;
      expect(same).toBeGreaterThan(shared.base.objectives.length / 2);
      expect(diffOf(shared.base, shared.head)).toEqual(separately(base, head));
    });

  it('a team whose unchanged team.yaml names a renamed parent is still compared (the team shortcut must not skip it)', () => {
    const shared = sharedSides(base, renamedFolder(base, 'platform', 'infra'));
    expect(shared.base.teams.get('sre')).toBe(shared.head.teams.get('sre'));
    const changes = diffOf(shared.base, shared.head).map((c) => `${c.kind} ${c.ref}`);
    expect(changes).toContain('team-renamed infra');
    expect(changes).toContain('team-parent-changed sre');
  });

  it('an unchanged file aligned to a renamed goal is re-aimed (the case the shortcut must not skip)', () => {
    const head = edit(base, 'teams/payments/2026-Q4.yaml', /id: partner-adoption\b/, 'id: partners');
    const shared = sharedSides(base, head);
    const changes = diffOf(shared.base, shared.head).map((c) => `${c.kind} ${c.ref}`);
    expect(changes).toContain('key-result-renamed payments/faster-checkout/partners');
    expect(changes).toContain('alignment-changed checkout/one-click-checkout');
  });
});
