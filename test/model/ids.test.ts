// Ids and references (SPEC 2) are tested by hand-written code on the load's hot path; these hold it
// to the pattern and to the plain split it replaced, on generated text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID_PATTERN, isValidId, parseRef } from '../../src/model/ids.js';
import type { GoalRef } from '../../src/model/types.js';

/** Characters around the edges of the id pattern. */
const CHARS = ['a', 'z', 'A', 'Z', '0', '9', '.', '_', '-', '/', ' ', '@', '[', '`', '{', ':', '\n', 'é', '😀', '\u0000', '\ud800'];
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 8 }),
  fc.string({ unit: fc.constantFrom('a', '1', '-', '/', '.'), minLength: 60, maxLength: 70 }),
  fc.string({ maxLength: 12 }),
);

/** parseRef as it was written before: split at every "/", each part an id. */
function parseRefBySplit(raw: string, contextTeam?: string): GoalRef | undefined {
  if (raw === 'mission') return { kind: 'mission' };
  const parts = raw.split('/');
  if (!parts.every((part) => ID_PATTERN.test(part))) return undefined;
  if (parts.length === 1 && contextTeam !== undefined) return { kind: 'objective', team: contextTeam, objective: parts[0]! };
  if (parts.length === 2) return { kind: 'objective', team: parts[0]!, objective: parts[1]! };
  if (parts.length === 3) return { kind: 'key-result', team: parts[0]!, objective: parts[1]!, keyResult: parts[2]! };
  return undefined;
}

describe('ids', () => {
  it('isValidId says what ID_PATTERN says', () => {
    for (const id of ['', 'a', 'a'.repeat(64), 'a'.repeat(65), '-a', '.a', '_a', 'a-b.c_d', 'a/b', 'é', 'a\n', 'A9'])
      expect([id, isValidId(id)]).toEqual([id, ID_PATTERN.test(id)]);
    fc.assert(fc.property(text, (id) => {
        expect([id, isValidId(id)]).toEqual([id, ID_PATTERN.test(id)]);
      }), { numRuns: 5000 });
  });

  it('parseRef reads every reference as splitting it at each "/" does', () => {
    const part = fc.oneof(text, fc.constantFrom('team-a', 'o1', 'k2', 'mission', ''));
    const ref = fc.oneof(text, fc.array(part, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/')));
    for (const raw of ['mission', 'o1', 'a/o1', 'a/o1/k1', 'a/o1/k1/x', '/o1', 'a//k1', 'a/o1/', 'a/-o/k1'])
      for (const team of [undefined, 'team-a']) expect([raw, team, parseRef(raw, team)]).toEqual([raw, team, parseRefBySplit(raw, team)]);
    fc.assert(
      fc.property(ref, fc.constantFrom(undefined, 'team-a'), (raw, team) => {
        expect([raw, team, parseRef(raw, team)]).toEqual([raw, team, parseRefBySplit(raw, team)]);
      }),
      { numRuns: 5000 },
    );
  });
});
