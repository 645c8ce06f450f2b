// A goal file's shape (workspace/check-shape.ts) leaves out a key result's current value, done and
// confidence, so okr check --cache reuses the findings across files when only those changed. That is
// right only while no check across files reads them: this holds the checks to it, and the shape to
// changing with everything else.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWorkspace } from '../../src/model/checks.js';
import type { KeyResult, Objective, Workspace } from '../../src/model/types.js';
import { shapeOf, VALUE_FIELDS } from '../../src/workspace/check-shape.js';
import { analyzeFile, loadWorkspace } from '../../src/workspace/load.js';
import { readWorkspaceFolder } from '../../src/workspace/source.js';
import { EXAMPLES } from '../support/run-cli.js';

const FILE = 'teams/payments/2026-Q4.yaml';

/** The key result with its value fields made to throw when read. */
function guarded(kr: KeyResult): KeyResult {
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(kr)) if (!VALUE_FIELDS.has(name)) copy[name] = (kr as unknown as Record<string, unknown>)[name];
  copy.origin = kr.origin;
  for (const name of VALUE_FIELDS)
    Object.defineProperty(copy, name, {
      enumerable: true,
      get: () => {
        throw new Error(`a check across files read ${name} of ${kr.ref}`);
      },
    });
  return copy as unknown as KeyResult;
}

describe('check shape', () => {
  it('no check across files reads a key result value, done or confidence', () => {
    for (const example of ['acme', 'broken']) {
      const { workspace } = loadWorkspace(readWorkspaceFolder(join(EXAMPLES, example)));
      expect(workspace.objectives.length).toBeGreaterThan(0);
      const objectives = workspace.objectives.map((o): Objective => ({ ...o, origin: o.origin, keyResults: o.keyResults.map(guarded) }));
      const guardedWorkspace: Workspace = { ...workspace, objectives };
      expect(checkWorkspace(guardedWorkspace)).toEqual(checkWorkspace(workspace));
    }
  });

  it('is the same when only values change, and changes with anything else', () => {
    const text = readWorkspaceFolder(join(EXAMPLES, 'acme')).find((f) => f.file === FILE)!.text!;
    const shape = (t: string) => shapeOf(analyzeFile({ file: FILE, text: t })!);
    const base = shape(text);
    expect(text).toContain('current: 410');
    expect(text).toContain('confidence: 0.7');
    expect(text).toContain('done: true');
    expect(shape(text.replace('current: 410', 'current: 395').replace('confidence: 0.7', 'confidence: 0.2').replace('done: true', 'done: false'))).toBe(base);
    expect(shape(text.replace('current: 410', 'current: 395 # a comment'))).toBe(base);
    for (const [from, to] of [
      ['start: 900', 'start: 901'],
      ['target: 300', 'target: 900'],
      ['id: p95-latency', 'id: p99-latency'],
      ['title: Cut p95 checkout latency', 'title: Cut p99 checkout latency'],
      ['aligns_to: engineering/instant-payments/payment-speed', 'aligns_to: mission'],
      ['values: [customer-trust]', 'values: [simplicity]'],
      ['weight: 2', 'weight: 3'],
      ['keep_below: 0.1', 'keep_below: 0.2'],
      ['unit: ms', 'unit: s'],
    ]) {
      expect(text).toContain(from);
      expect(shape(text.replace(from!, to!)), `${from} -> ${to}`).not.toBe(base);
    }
    // An objective more before the others: another shape (the paths of findings differ).
    expect(shape(text.replace('objectives:\n', 'objectives:\n  - id: first\n    title: First\n    aligns_to: mission\n    key_results: []\n'))).not.toBe(base);
    // The same text at another path (another team): another shape.
    expect(shapeOf(analyzeFile({ file: 'teams/sre/2026-Q4.yaml', text })!)).not.toBe(base);
  });
});
