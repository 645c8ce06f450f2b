// okr diff counts the errors of its second side by checking again only what differs
// (model/diff-side-errors.ts). The count must be exactly what okr check's full run finds: here on
// thousands of random pairs of small workspaces that share every file but a few
// (test/support/random-workspaces.ts says which hostile cases they hold).
import { describe, expect, it } from 'vitest';
import { checkWorkspace } from '../../src/model/checks.js';
import { checkInParts, errorsOf, errorsOfSharingSide } from '../../src/model/diff-side-errors.js';
import { reversed } from '../../src/model/side-difference.js';
import type { Workspace } from '../../src/model/types.js';
import { Generator, random, sides } from '../support/random-workspaces.js';

const fullErrors = (ws: Workspace) => checkWorkspace(ws).filter((f) => f.severity === 'error').length;

describe('the error count of a side that shares most files with a checked one', () => {
  it('checkWorkspace is its four parts in order', () => {
    const g = new Generator(random(7));
    for (let i = 0; i < 50; i++) {
      const { head } = sides(new Map(), g.files());
      const parts = checkInParts(head);
      expect([...parts.config, ...parts.teams, ...parts.goalFiles, ...parts.alignmentCycles]).toEqual(checkWorkspace(head));
      expect(errorsOf(parts)).toBe(fullErrors(head));
    }
  });

  it('equals the full check on random workspace pairs, both ways', () => {
    let withErrors = 0;
    let differentCounts = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const g = new Generator(random(seed));
      const baseFiles = g.files();
      const headFiles = g.changed(baseFiles);
      const { base, head, difference } = sides(baseFiles, headFiles);
      const expected = { base: fullErrors(base), head: fullErrors(head) };
      const got = {
        base: errorsOfSharingSide(checkInParts(head), base, difference),
        head: errorsOfSharingSide(checkInParts(base), head, reversed(difference)),
      };
      expect({ seed, ...got }).toEqual({ seed, ...expected });
      if (expected.base > 0) withErrors++;
      if (expected.base !== expected.head) differentCounts++;
    }
    // The generator makes the cases the shortcut must tell apart: most pairs have errors, and in many the
    // change alters the count.
    expect(withErrors).toBeGreaterThan(1300);
    expect(differentCounts).toBeGreaterThan(700);
  });
});
