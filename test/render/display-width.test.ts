// Titles and names in wide characters (CJK, emoji) take two terminal columns each: the columns of
// tree, log and status must still line up on screen, and cut titles must fit their column.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { truncate, visibleWidth } from '../../src/render/text/progress-cells.js';
import { okr } from '../support/run-cli.js';
import { commitAll, makeRepo, writeFiles } from '../support/temp-repo.js';

const OKR_YAML = `version: 1
mission: Move money safely.
cycles:
  - {id: 2026-Q4, start: 2026-10-01, end: 2026-12-31}
`;

const objective = (id: string, title: string, current: number) => `  - id: ${id}
    title: "${title}"
    aligns_to: mission
    key_results:
      - {id: kr, title: "${title}", start: 0, target: 100, current: ${current}}
`;

const GOALS = `objectives:
${objective('plain', 'Make checkout fast', 40)}${objective('cjk', '決済を速くする', 50)}${objective('emoji', 'Ship it 🚀🚀 now', 60)}`;

/** The screen column where `pattern` first matches in `line`. */
function columnOf(line: string, pattern: RegExp): number {
  const at = line.search(pattern);
  expect(at).toBeGreaterThanOrEqual(0);
  return stringWidth(line.slice(0, at));
}

describe('display width', () => {
  it('counts wide characters as two columns and escape codes as none', () => {
    expect(visibleWidth('abc')).toBe(3);
    expect(visibleWidth('決済')).toBe(4);
    expect(visibleWidth('🚀')).toBe(2);
    expect(visibleWidth('\u001b[31mred\u001b[39m')).toBe(3);
    expect(visibleWidth('├─ ██░░ · →')).toBe(11);
  });

  it('cuts wide titles to the columns they may take', () => {
    const cut = truncate('決済を速くする決済を速くする', 9);
    expect(cut.endsWith('…')).toBe(true);
    expect(stringWidth(cut)).toBeLessThanOrEqual(9);
    expect(stringWidth(truncate('Ship it 🚀🚀🚀🚀 now', 10))).toBeLessThanOrEqual(10);
    expect(truncate('short', 9)).toBe('short');
  });

  it('okr tree: progress and status columns line up whatever the title', async () => {
    const dir = makeRepo({ 'okr.yaml': OKR_YAML, 'teams/pay/team.yaml': 'name: Pay\n', 'teams/pay/2026-Q4.yaml': GOALS });
    const result = await okr(['tree'], { cwd: dir });
    expect(result.code).toBe(0);
    const rows = result.stdout.split('\n').filter((l) => /\d+%/.test(l) && !l.startsWith('Mission') && !l.startsWith('cycle'));
    expect(rows).toHaveLength(6); // three objectives, three key results
    const objectives = rows.filter((l) => l.includes('pay/'));
    expect(objectives).toHaveLength(3);
    expect(new Set(objectives.map((l) => columnOf(l, /\d+%/))).size).toBe(1);
    expect(new Set(objectives.map((l) => columnOf(l, /pay\//))).size).toBe(1);
  });

  it('okr log: the columns after a wide author name line up', async () => {
    const dir = makeRepo({ 'okr.yaml': OKR_YAML, 'teams/pay/team.yaml': 'name: Pay\n', 'teams/pay/2026-Q4.yaml': GOALS }, 'import');
    const at = (name: string, day: string) => ({ GIT_AUTHOR_NAME: name, GIT_AUTHOR_DATE: `${day}T10:00:00Z`, GIT_COMMITTER_DATE: `${day}T10:00:00Z` });
    writeFiles(dir, { 'teams/pay/2026-Q4.yaml': GOALS.replace('current: 40', 'current: 45') });
    commitAll(dir, 'plain', at('Ana', '2026-11-20'));
    writeFiles(dir, { 'teams/pay/2026-Q4.yaml': GOALS.replace('current: 40', 'current: 45').replace('current: 50', 'current: 55') });
    commitAll(dir, 'wide', at('山田太郎', '2026-11-21'));
    const result = await okr(['log', '--since', '2026-11-01'], { cwd: dir });
    expect(result.code).toBe(0);
    const rows = result.stdout.split('\n').filter((l) => /^2026-11-2\d /.test(l));
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((l) => columnOf(l, /\b[0-9a-f]{7}\b/))).size).toBe(1);
  });

  it('okr status: columns line up (a table of the same layout as log and stale)', async () => {
    const dir = makeRepo({ 'okr.yaml': OKR_YAML, 'teams/pay/team.yaml': 'name: 決済\n', 'teams/pay/2026-Q4.yaml': GOALS, 'teams/a-longer-team/team.yaml': 'name: A\n' });
    const result = await okr(['status'], { cwd: dir });
    expect(result.code).toBe(0);
    const rows = result.stdout.split('\n').filter((l) => /^(TEAM|pay|a-longer-team)\b/.test(l));
    expect(rows).toHaveLength(3);
    // The last column is right-aligned: every row ends at the same screen column.
    expect(new Set(rows.map((l) => stringWidth(l))).size).toBe(1);
  });
});
