// Which objective a reference names when an objective was carried over to a later cycle (okr plan
// keeps its id): copies in cycles that share no day are allowed, a reference names the copy being
// worked on, an aligns_to the copy whose cycle covers its own; a repeat in overlapping cycles is
// still a duplicate id.
import { describe, expect, it } from 'vitest';
import { alignmentGraph } from '../../src/model/alignment.js';
import { checkWorkspace } from '../../src/model/checks.js';
import { indexWorkspace } from '../../src/model/goal-index.js';
import type { Cycle, Workspace } from '../../src/model/types.js';
import { objective, workspace } from './fixtures.js';

const cycle = (id: string, start: string, end: string, closed?: string): Cycle => ({ id, start, end, ...(closed ? { closed } : {}), origin: { file: 'okr.yaml', path: [] } });

function carried(closedQ3: boolean): Workspace {
  const base = workspace([
    objective({ ref: 'pay/fast', cycle: 'Q3', alignsTo: 'mission', krs: [{ id: 'p95', start: 900, target: 300, current: 450 }] }),
    objective({ ref: 'pay/child', cycle: 'Q3', alignsTo: 'pay/fast', krs: [{ id: 'k', done: true }] }),
    objective({ ref: 'pay/fast', cycle: 'Q4', alignsTo: 'mission', krs: [{ id: 'p95', start: 450, target: 300 }] }),
    objective({ ref: 'pay/child', cycle: 'Q4', alignsTo: 'pay/fast', krs: [{ id: 'k', done: false }] }),
  ]);
  return { ...base, config: { ...base.config, cycles: [cycle('Q3', '2026-07-01', '2026-09-30', closedQ3 ? '2026-10-02' : undefined), cycle('Q4', '2026-10-01', '2026-12-31')] } };
}

describe('carried-over objectives', () => {
  it('are no duplicate ids when their cycles share no day', () => {
    const ws = carried(true);
    expect(checkWorkspace(ws).filter((f) => f.rule === 'duplicate-id')).toEqual([]);
    expect(indexWorkspace(ws).members).toHaveLength(4);
  });

  it('a reference names the earliest copy not closed; an aligns_to, the copy in its own cycle', () => {
    for (const closedQ3 of [true, false]) {
      const ws = carried(closedQ3);
      const index = indexWorkspace(ws);
      const [fastQ3, childQ3, fastQ4, childQ4] = ws.objectives;
      expect(index.objectives.get('pay/fast')).toBe(closedQ3 ? fastQ4 : fastQ3);
      expect(index.resolve('pay/fast', childQ3)).toBe(fastQ3);
      expect(index.resolve('pay/fast', childQ4)).toBe(fastQ4);
      const graph = alignmentGraph(ws);
      expect(graph.childrenOf(fastQ3!).map((c) => c.child)).toEqual([childQ3]);
      expect(graph.childrenOf(fastQ4!).map((c) => c.child)).toEqual([childQ4]);
      expect(graph.copiesOf('pay/fast')).toEqual([fastQ3, fastQ4]);
    }
  });

  it('are duplicate ids when the cycles overlap (a quarter and its year), or in one cycle', () => {
    const ws = carried(true);
    const overlapping = { ...ws, config: { ...ws.config, cycles: [cycle('Q3', '2026-07-01', '2026-10-15'), cycle('Q4', '2026-10-01', '2026-12-31')] } };
    expect(checkWorkspace(overlapping).filter((f) => f.rule === 'duplicate-id')).toHaveLength(2);
    const undeclared = { ...ws, config: { ...ws.config, cycles: [cycle('Q3', '2026-07-01', '2026-09-30')] } };
    expect(checkWorkspace(undeclared).filter((f) => f.rule === 'duplicate-id')).toHaveLength(2);
  });
});
