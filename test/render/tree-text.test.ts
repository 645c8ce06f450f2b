// okr tree's text, drawn in two walks without an outline of line objects and written in pieces: the
// same text as before, byte for byte (golden files made by the outline-based renderer), on a tree
// with every kind of line: key results with objectives aligned through them, chains deeper than the
// drawn levels, alignment cycles, repeats, --depth, grades, wide and control characters.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chooseView, scorerFor } from '../../src/app/cycle-view.js';
import { openSession } from '../../src/app/session.js';
import tree from '../../src/commands/tree.js';
import type { Environment } from '../../src/env.js';
import { alignmentGraph } from '../../src/model/alignment.js';
import { buildTree } from '../../src/model/tree.js';
import { makePaint } from '../../src/render/paint.js';
import { renderTreeText, writeTreeText, type TreeTextOptions } from '../../src/render/text/tree.js';
import { expectGolden } from '../support/golden.js';
import { tempDir, writeFiles } from '../support/temp-repo.js';

const here = dirname(fileURLToPath(import.meta.url));
const DAY = '2026-11-25';

function env(dir: string, write: (s: string) => void = () => undefined): Environment {
  return { cwd: dir, stdout: { write, isTTY: false }, stderr: { write: () => undefined, isTTY: false }, vars: { NO_COLOR: '1' }, today: DAY };
}

const objective = (id: string, title: string, alignsTo: string | string[] | undefined, keyResults: string, extra = '') =>
  `  - id: ${id}\n    title: ${JSON.stringify(title)}\n${alignsTo === undefined ? '' : `    aligns_to: ${JSON.stringify(alignsTo)}\n`}${extra}    key_results:\n${keyResults}`;
const metric = (id: string, current: number, extra = '') =>
  `      - id: ${id}\n        title: "metric ${id}"\n        start: 0\n        target: 100\n        current: ${current}\n${extra}`;
const rollup = (id: string) => `      - id: ${id}\n        title: "rollup ${id}"\n        rollup: true\n`;
const guardrail = (id: string, current: number) => `      - id: ${id}\n        title: "guardrail ${id}"\n        keep_below: 0.1\n        current: ${current}\n        unit: "%"\n`;
const milestone = (id: string, done: boolean) => `      - id: ${id}\n        title: "milestone ${id}"\n        done: ${done}\n`;

/**
 * A workspace with every kind of line the tree draws. `layers` of a lattice: each layer's objectives
 * aligned to every objective of the layer above, so each subtree repeats under four parents (past
 * 10,000 lines the repeats are cut short: "… shown above").
 */
function tangledWorkspace(layers: number): string {
  const dir = tempDir();
  const chain: string[] = [];
  // 30 levels: past the 24 drawn levels, each aligned to the one above or to its rollup key result.
  for (let i = 0; i < 30; i++)
    chain.push(
      objective(
        `c${i}`,
        i % 7 === 0 ? `Chain ${i} 中文 and 🚀 in a title long enough to be cut on a narrow terminal` : `Chain ${i}`,
        i === 0 ? 'mission' : i % 2 ? `chain/c${i - 1}` : `chain/c${i - 1}/r`,
        rollup('r') + metric('m', (i * 37) % 130),
      ),
    );
  const lattice: string[] = [];
  for (let layer = 0; layer < layers; layer++)
    for (let j = 0; j < 4; j++)
      lattice.push(objective(`l${layer}-${j}`, `Lattice ${layer}.${j}`, layer === 0 ? 'mission' : [0, 1, 2, 3].map((k) => `lattice/l${layer - 1}-${k}`), metric('m', layer * 10 + j)));
  writeFiles(dir, {
    'okr.yaml': [
      'version: 1',
      'mission: "Every branch of the tree \\u001b[2J drawn, with a mission long enough to fold on a terminal forty columns wide"',
      'cycles:',
      '  - {id: "2026", start: "2026-01-01", end: "2026-12-31"}',
      '  - {id: 2026-Q3, start: "2026-07-01", end: "2026-09-30", closed: "2026-10-01"}',
      '  - {id: 2026-Q4, start: "2026-10-01", end: "2026-12-31"}',
      '',
    ].join('\n'),
    'teams/chain/team.yaml': 'name: Chain\n',
    'teams/chain/2026-Q4.yaml': `objectives:\n${chain.join('')}`,
    'teams/tangle/team.yaml': 'name: Tangle\n',
    'teams/tangle/2026-Q4.yaml': `objectives:\n${[
      objective('a', 'A, aligned to b and the mission', ['mission', 'tangle/b'], guardrail('g', 0.2) + milestone('d', true)),
      objective('b', 'B, aligned to a', 'tangle/a', guardrail('g', 0.05) + metric('m', 50)),
      objective('x', 'X, in a cycle with y', 'tangle/y', metric('m', 3)),
      objective('y', 'Y, in a cycle with x', 'tangle/x', metric('m', 99.99)),
      objective('ctl', 'Control \u001b[31m red \r and \t tab', 'mission', metric('mé', 12.3456789012345)),
      objective('orphan', 'Aligned to nothing', undefined, milestone('d', false)),
      objective('dangling', 'Aligned to a goal that does not exist', 'nobody/nothing', metric('m', 100)),
    ].join('')}`,
    'teams/tangle/2026.yaml': `objectives:\n${objective('year', 'A yearly objective whose title runs on past sixty-four columns, so piped it pushes its columns', 'mission', rollup('r') + metric('m', 40))}`,
    'teams/tangle/2026-Q3.yaml': `objectives:\n${objective('closed', 'Graded in a closed cycle', 'tangle/year/r', metric('m', 70, '        grade: 0.7\n') + milestone('d', true), '    grade: 0.85\n')}`,
    'teams/lattice/team.yaml': 'name: Lattice\n',
    'teams/lattice/2026-Q4.yaml': `objectives:\n${lattice.join('')}`,
  });
  return dir;
}

async function treeOf(dir: string, options: { cycle?: string; depth?: number } = {}) {
  const { workspace } = await openSession(env(dir), dir).loadForReading({});
  const view = chooseView(workspace, options.cycle, DAY);
  const result = buildTree(view, scorerFor(workspace, DAY, view), options.depth !== undefined ? { depth: options.depth } : {});
  const graph = alignmentGraph(workspace);
  const fedBy: TreeTextOptions['fedBy'] = (kr) => graph.feedersOfKeyResult(kr).filter(view.feeding.feeds).length;
  const alignedTo: TreeTextOptions['alignedTo'] = (kr) => graph.feedersOfKeyResult(kr).length;
  return { result, fedBy, alignedTo };
}

describe('okr tree text', () => {
  it('draws every kind of line as the outline-based renderer did (golden files)', async () => {
    const dir = tangledWorkspace(3);
    const { result, fedBy, alignedTo } = await treeOf(dir);
    const plain = { paint: makePaint(false), bars: false };
    const coloured = { paint: makePaint(true), bars: true };
    expectGolden(here, 'tree-piped.txt', renderTreeText(result, { keyResults: true, fedBy, alignedTo }, plain));
    expectGolden(here, 'tree-no-krs.txt', renderTreeText(result, { keyResults: false, fedBy, alignedTo }, plain));
    // On a terminal: titles cut, notes moved under their titles, bars dropped for the titles' sake.
    expectGolden(here, 'tree-width-40-colour.txt', renderTreeText(result, { keyResults: true, fedBy, alignedTo, width: 40 }, coloured));
    expectGolden(here, 'tree-width-120-bars.txt', renderTreeText(result, { keyResults: true, fedBy, alignedTo, width: 120 }, { paint: makePaint(false), bars: true }));
    const shallow = await treeOf(dir, { depth: 2 });
    expectGolden(here, 'tree-depth-2.txt', renderTreeText(shallow.result, { keyResults: true, fedBy: shallow.fedBy, alignedTo: shallow.alignedTo, width: 80 }, plain));
    const closed = await treeOf(dir, { cycle: '2026-Q3' });
    expectGolden(here, 'tree-closed-cycle.txt', renderTreeText(closed.result, { keyResults: true, fedBy: closed.fedBy, alignedTo: closed.alignedTo }, plain));
  });

  it('writes the text in pieces that end at line ends and add up to the whole', async () => {
    const dir = tangledWorkspace(8);
    const { result, fedBy, alignedTo } = await treeOf(dir);
    expect(result.collapsed).toBeGreaterThan(0);
    const whole = renderTreeText(result, { keyResults: true, fedBy, alignedTo }, { paint: makePaint(false), bars: false });
    expect(whole.length).toBeGreaterThan(3 * 65_536); // the lattice's repeats make it long: several pieces
    const pieces: string[] = [];
    writeTreeText(result, { keyResults: true, fedBy, alignedTo }, { paint: makePaint(false), bars: false }, (p) => pieces.push(p));
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) expect(piece.endsWith('\n')).toBe(true);
    expect(pieces.join('')).toBe(whole);

    // okr tree writes those pieces as they come, never the text whole.
    const writes: string[] = [];
    expect(await tree(env(dir, (s) => writes.push(s)), [undefined], { krs: true, asOf: DAY })).toBe(0);
    expect(writes.length).toBe(pieces.length);
    expect(writes.join('')).toBe(whole);
  });

  it('an empty view still says so, with its summary', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'okr.yaml': 'version: 1\nmission: M\ncycles:\n  - {id: 2026-Q4, start: "2026-10-01", end: "2026-12-31"}\n' });
    const { result, fedBy, alignedTo } = await treeOf(dir);
    expectGolden(here, 'tree-empty-width-60.txt', renderTreeText(result, { keyResults: true, fedBy, alignedTo, width: 60 }, { paint: makePaint(false), bars: true }));
  });
});
