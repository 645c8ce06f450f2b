// Lists in the model are made at their size (key results by map, values and owners copied): broken
// entries are still left out, in order, and the schema's findings are untouched by it.
import { describe, expect, it } from 'vitest';
import { buildObjectives, buildTeam } from '../../src/workspace/build-model.js';

describe('model lists', () => {
  it('keeps the key results that can be built, in order, and leaves out broken ones', () => {
    const data = {
      objectives: [
        {
          id: 'o1',
          title: 'One',
          aligns_to: 'mission',
          key_results: [
            { id: 'a', title: 'A', start: 0, target: 10, current: 5 },
            'not a mapping',
            null,
            { id: 'Bad Id', title: 'B', done: true },
            { id: 'c', title: 'C', done: false, start: 0, target: 1, current: 0 },
            { id: 'd', title: 'D', done: true },
            [1, 2],
            { title: 'no id', done: true },
          ],
        },
        { id: 'o2', title: 'Two', key_results: [{ id: 'x', title: 'X', done: true }] },
      ],
    };
    const { objectives } = buildObjectives('pay', '2026-Q4', 'teams/pay/2026-Q4.yaml', data);
    expect(objectives.map((o) => o.keyResults.map((k) => k.ref))).toEqual([['pay/o1/a', 'pay/o1/d'], ['pay/o2/x']]);
    expect(objectives[0]!.keyResults.every((k) => k !== undefined)).toBe(true);
    // Origins still name the key result's place in the file (the broken ones count).
    expect(objectives[0]!.keyResults.map((k) => k.origin.path)).toEqual([
      ['objectives', 0, 'key_results', 0],
      ['objectives', 0, 'key_results', 5],
    ]);
  });

  it('keeps only the strings of values and owners, in order', () => {
    const data = { objectives: [{ id: 'o1', title: 'One', values: ['trust', 3, null, { a: 1 }, 'speed', ['x']], key_results: [{ id: 'a', title: 'A', done: true }] }] };
    expect(buildObjectives('pay', '2026-Q4', 'f', data).objectives[0]!.values).toEqual(['trust', 'speed']);
    expect(buildObjectives('pay', '2026-Q4', 'f', { objectives: [{ id: 'o1', values: 'trust', key_results: [] }] }).objectives[0]!.values).toEqual([]);
    expect(buildTeam('pay', 'teams/pay/team.yaml', { name: 'Pay', owners: [true, 'a@x', 7, 'b@x'] }).owners).toEqual(['a@x', 'b@x']);
    expect(buildTeam('pay', 'teams/pay/team.yaml', { name: 'Pay', owners: 'a@x' }).owners).toEqual([]);
  });
});
