// Findings of files the subset reader read are located reading only up to the nodes they name
// (yaml-subset.ts, locateYamlSubset with readBefore); files read by `yaml` are located whole.
// Either way the line and column are where the node is.
import { describe, expect, it } from 'vitest';
import { loadWorkspace, positionFindings } from '../../src/workspace/load.js';

const config = `version: 1
mission: Be useful
cycles:
  - id: 2026-Q4
    start: 2026-10-01
    end: 2026-12-31
`;

function cycleFile(dangling: number, extra = ''): string {
  const objective = (i: number) => `  - id: o${i}
    title: Objective ${i}
    aligns_to: ${i === dangling ? 'nowhere/else' : 'mission'}
    key_results:
      - id: k1
        title: Ship it
        done: false
`;
  return `objectives:\n${[0, 1, 2].map(objective).join('')}${extra}`;
}

describe('positions of findings', () => {
  it('are exact whether the file was read by the subset reader or by yaml, whichever objective holds them', () => {
    for (const dangling of [0, 1, 2]) {
      // An anchor and alias in the last objective: the subset reader declines the file, yaml reads it.
      const withAlias = cycleFile(dangling).replace('title: Objective 2', 'title: &t Objective 2').replace(/title: Ship it\n        done: false\n$/, 'title: *t\n        done: false\n');
      const loaded = loadWorkspace([
        { file: 'okr.yaml', text: config },
        { file: 'teams/a/team.yaml', text: 'name: A\n' },
        { file: 'teams/a/2026-Q4.yaml', text: cycleFile(dangling) },
        { file: 'teams/b/team.yaml', text: 'name: B\n' },
        { file: 'teams/b/2026-Q4.yaml', text: withAlias },
      ]);
      expect(loaded.texts.readBySubset?.('teams/a/2026-Q4.yaml')).toBe(true);
      expect(loaded.texts.readBySubset?.('teams/b/2026-Q4.yaml')).toBe(false);
      const found = positionFindings(loaded).map((f) => [f.file, f.line, f.column, f.rule]);
      const line = 4 + dangling * 7;
      expect(found).toEqual([
        ['teams/a/2026-Q4.yaml', line, 16, 'unknown-reference'],
        ['teams/b/2026-Q4.yaml', line, 16, 'unknown-reference'],
      ]);
    }
  });
});
