// What a person types into a goal file or on the command line, taken as meant where that is
// unambiguous, and otherwise told exactly what to write instead: one finding per mistake, pointed at
// the line to fix, the most helpful first.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTypedNumber } from '../../src/model/typed-number.js';
import { whyNotADay } from '../../src/model/calendar.js';
import { parseYamlSlowly } from '../../src/workspace/parse-yaml.js';
import { EXAMPLES, okr } from '../support/run-cli.js';
import { git, makeRepo } from '../support/temp-repo.js';
import { BASE_FILES, checkJson, OKR_YAML, where, workspace } from './workspace.js';

const GOAL = 'teams/platform/2026-Q4.yaml';
const goal = (keyResult: string) => `objectives:
  - id: fast
    title: Be fast
    aligns_to: mission
    key_results:
${keyResult}`;

/** Findings of a workspace with `files` over the base, as "file:line:column severity rule message". */
async function findings(files: Record<string, string>): Promise<string[]> {
  const { report } = await checkJson(workspace(files));
  return report.findings.map((f) => `${where(f)} ${f.message}`);
}

describe('numbers that are no number a double holds', () => {
  it('.nan and a number too large (1e400) are said as what the file has, not as "number NaN" or "number Infinity"', async () => {
    const found = await findings({ [GOAL]: goal('      - id: share\n        title: Share\n        start: .nan\n        target: 1e400\n        current: 1\n') });
    expect(found).toEqual([
      `${GOAL}:8:16 error schema "start" must be a number, not .nan (not a number)`,
      `${GOAL}:9:17 error schema "target" must be a number, not an infinite number (.inf, or a number too large to hold, like 1e400)`,
    ]);
  });
});

describe('numbers typed with their unit, in a goal file', () => {
  it.each([
    [
      'current: 45% with no unit: write 45 and unit: "%"',
      '      - id: share\n        title: Share\n        start: 0\n        target: 60\n        current: 45%\n',
      `${GOAL}:10:18 error schema "current" must be a number, not the string "45%": write 45 and unit: "%"`,
    ],
    [
      'current: 45 % with unit "%" already: the number alone',
      '      - id: share\n        title: Share\n        start: 0\n        target: 60\n        current: 45 %\n        unit: "%"\n',
      `${GOAL}:10:18 error schema "current" must be a number, not the string "45 %": write 45 (the key result's unit: "%" says the rest)`,
    ],
    [
      'target: 300ms where the unit is "s": the number in the unit',
      '      - id: p95\n        title: P95\n        start: 0.9\n        target: 300ms\n        unit: s\n',
      `${GOAL}:9:17 error schema "target" must be a number, not the string "300ms": write the number alone, in the key result's unit (unit: "s")`,
    ],
    [
      'keep_below: $5 on a guardrail',
      '      - id: cost\n        title: Cost\n        keep_below: $5\n        current: 4\n',
      `${GOAL}:8:21 error schema "keep_below" must be a number, not the string "$5": write 5 and unit: "$"`,
    ],
    [
      'a quoted number',
      '      - id: p95\n        title: P95\n        start: "900"\n        target: 300\n',
      `${GOAL}:8:16 error schema "start" must be a number, not the string "900": write 900 (no quotes)`,
    ],
    [
      'digits grouped with commas',
      '      - id: users\n        title: Users\n        start: 0\n        target: 1,000\n',
      `${GOAL}:9:17 error schema "target" must be a number, not the string "1,000": write 1000 (no commas: okr does not guess what they group)`,
    ],
    [
      'confidence: 70%',
      '      - id: p95\n        title: P95\n        start: 900\n        target: 300\n        confidence: 70%\n',
      `${GOAL}:10:21 error schema "confidence" must be a number, not the string "70%": write 0.7 (confidence is a number from 0 to 1)`,
    ],
  ])('%s', async (_name, keyResult, expected) => {
    expect(await findings({ [GOAL]: goal(keyResult) })).toEqual([expected]);
  });

  it('words that are no number keep the plain message', async () => {
    const found = await findings({ [GOAL]: goal('      - id: p95\n        title: P95\n        start: 900\n        target: lots\n') });
    expect(found).toEqual([`${GOAL}:9:17 error schema "target" must be a number, not the string "lots"`]);
  });

  it('reads a typed number as a person means it, and nothing else', () => {
    expect(readTypedNumber('45%')).toEqual({ value: 45, unit: '%', plain: '45', grouped: false });
    expect(readTypedNumber(' 0.07 % ')).toEqual({ value: 0.07, unit: '%', plain: '0.07', grouped: false });
    expect(readTypedNumber('380ms')).toMatchObject({ value: 380, unit: 'ms' });
    expect(readTypedNumber('14 h/week')).toMatchObject({ value: 14, unit: 'h/week' });
    expect(readTypedNumber('€ 12.5')).toMatchObject({ value: 12.5, unit: '€' });
    expect(readTypedNumber('-3e2')).toMatchObject({ value: -300, unit: undefined });
    expect(readTypedNumber('1,234.5')).toMatchObject({ value: 1234.5, grouped: true });
    for (const text of ['', 'ms', 'done', '$5%', '1,23', '12-13', '2026-12-01', '1e999', '.'])
      expect(readTypedNumber(text), text).toBeUndefined();
  });
});

describe('a bad date: one finding, and the right one', () => {
  const withEnd = (end: string) => OKR_YAML.replace('  - id: 2026-Q4\n    start: 2026-10-01\n    end: 2026-12-31', `  - id: 2026-Q4\n    start: 2026-10-01\n    end: ${end}`);

  it.each([
    ['2026-12-32', 'December 2026 has 31 days'],
    ['"2026-12-32"', 'December 2026 has 31 days'],
    ['2026-02-29', 'February 2026 has 28 days'],
    ['2028-02-30', 'February 2028 has 29 days'],
    ['2026-13-01', 'there is no month 13 (months are 01 to 12)'],
    ['2026-12-00', 'December 2026 has 31 days, and days start at 01'],
    ['2026-12-5', 'write it as YYYY-MM-DD: 2026-12-05'],
    ['31.12.2026', 'write a day as YYYY-MM-DD, e.g. 2026-10-01'],
  ])('end: %s', async (end, why) => {
    const found = await findings({ 'okr.yaml': withEnd(end) });
    const value = end.replace(/"/g, '');
    expect(found).toEqual([`okr.yaml:13:10 error invalid-date end "${value}" is not a calendar date: ${why}`]);
  });

  it('a date of the wrong type is still the schema\'s to say, once', async () => {
    const found = await findings({ 'okr.yaml': withEnd('20261231') });
    expect(found).toEqual(['okr.yaml:13:10 error schema "end" must be a string, not number 20261231']);
  });

  it('a cycle the model cannot build (no id) still gets its bad date said, by the schema', async () => {
    const config = OKR_YAML.replace('  - id: 2026-Q4\n    start: 2026-10-01\n    end: 2026-12-31', '  - start: 2026-10-01\n    end: 2026-12-32');
    const found = await findings({ 'okr.yaml': config, [GOAL]: null as unknown as string });
    expect(found.filter((f) => f.startsWith('okr.yaml'))).toEqual([
      'okr.yaml:11:5 error schema cycle 2 of cycles is missing the required key "id"',
      'okr.yaml:12:10 error schema "end" must be a date as YYYY-MM-DD, not "2026-12-32"',
    ]);
  });

  it('explains every kind of bad day', () => {
    expect(whyNotADay('2026-04-31')).toBe('April 2026 has 30 days');
    expect(whyNotADay('2026-04-30')).toBeUndefined();
    expect(whyNotADay('2026-1-1')).toBe('write it as YYYY-MM-DD: 2026-01-01');
    expect(whyNotADay('2026-1-32')).toBe('write a day as YYYY-MM-DD, e.g. 2026-10-01');
  });
});

describe('layout mistakes: the line to fix, and how', () => {
  const VALID = readFileSync(join(workspace(), 'teams/platform/2026.yaml'), 'utf8');

  it('a file indented with tabs: one finding at the first tab, no misleading duplicate key', async () => {
    const tabbed = `objectives:\n  - id: fast\n\ttitle: Be fast\n\taligns_to: mission\n\tkey_results:\n\t  - id: p95\n\t    title: Cut p95\n\t    start: 900\n\t    target: 300\n`;
    expect(await findings({ [GOAL]: tabbed })).toEqual([
      `${GOAL}:3:1 error yaml-syntax this line is indented with a tab, and YAML indents with spaces only: replace the tabs with spaces (7 lines of this file start with a tab)`,
    ]);
  });

  it('every line tabbed (an editor set to tabs): the first tabbed line, nothing else', async () => {
    const tabbed = VALID.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2));
    const found = await findings({ 'teams/platform/2026.yaml': tabbed });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^teams\/platform\/2026\.yaml:2:1 error yaml-syntax this line is indented with a tab/);
  });

  it('a real duplicate key before a tab is still reported, and first', async () => {
    const text = `objectives:\n  - id: fast\n    title: Be fast\n    title: Be faster\n    aligns_to: mission\n\tkey_results: []\n`;
    const found = await findings({ [GOAL]: text });
    expect(found.map((f) => f.split(' ').slice(0, 3).join(' '))).toEqual([`${GOAL}:4:5 error duplicate-key`, `${GOAL}:6:1 error yaml-syntax`]);
  });

  it('a key indented one space too far: that line, not the line above, and no hint about quotes', async () => {
    const text = goal('      - id: p95\n        title: Cut p95\n        start: 900\n         target: 300\n');
    expect(await findings({ [GOAL]: text })).toEqual([
      `${GOAL}:9:10 error yaml-syntax this line is indented 1 space more than "start" on line 8: keys of one mapping start in the same column`,
    ]);
  });

  it('a key indented one space too far after a list item\'s first key', async () => {
    const text = 'objectives:\n  - id: fast\n     title: Be fast\n    aligns_to: mission\n';
    expect(await findings({ [GOAL]: text })).toEqual([
      `${GOAL}:3:6 error yaml-syntax this line is indented 1 space more than "id" on line 2: keys of one mapping start in the same column`,
    ]);
  });

  it('a key indented too far after a quoted value or a list (yaml says "bad indentation")', async () => {
    for (const above of ['title: "Be fast"', 'values: [customer-trust]', 'weight: 2 # twice as much']) {
      const text = `objectives:\n  - id: fast\n    ${above}\n     aligns_to: mission\n`;
      const key = above.split(':')[0];
      expect(await findings({ [GOAL]: text }), above).toEqual([
        `${GOAL}:4:6 error yaml-syntax this line is indented 1 space more than "${key}" on line 3: keys of one mapping start in the same column`,
      ]);
    }
  });

  it('a key indented one space too little: between which two levels', async () => {
    const text = 'objectives:\n  - id: fast\n    title: Be fast\n   aligns_to: mission\n';
    expect(await findings({ [GOAL]: text })).toEqual([
      `${GOAL}:4:4 error yaml-syntax this line is indented 3 spaces: less than "title" on line 3 (4) and more than the list item on line 2 (2); indent it like the one it belongs with`,
    ]);
  });

  it('a list item indented too far', async () => {
    const text = goal('      - id: a\n        title: A\n        done: true\n         - id: b\n');
    const found = await findings({ [GOAL]: text });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^teams\/platform\/2026-Q4\.yaml:9:10 error yaml-syntax this list item is indented 3 spaces more than the item on line 6/);
  });

  it('a value with ": " in it still gets the hint about quotes', async () => {
    const text = 'objectives:\n  - id: fast\n    title: Fix: crashes\n    aligns_to: mission\n';
    expect(await findings({ [GOAL]: text })).toEqual([
      `${GOAL}:3:12 error yaml-syntax a mapping cannot start inside this value: put a value that contains ": " in quotes (title: "Fix: crashes"), or check the indentation of the next line`,
    ]);
  });

  it('any one line of the example moved by a space or two: at most one syntax finding, on that line', () => {
    const root = join(EXAMPLES, 'acme');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
    let tried = 0;
    const astray: string[] = [];
    for (const file of files) {
      const lines = readFileSync(join(root, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (!/^\s+[^\s#]/.test(line)) return; // indented content: comments may sit anywhere
        for (const moved of [` ${line}`, `  ${line}`, line.slice(1)]) {
          const text = [...lines.slice(0, i), moved, ...lines.slice(i + 1)].join('\n');
          const found = parseYamlSlowly(file, text).findings.map((f) => ('line' in f.target ? f.target.line : 0));
          tried++;
          if (found.length > 1 || (found.length === 1 && found[0] !== i + 1)) astray.push(`${file}:${i + 1} ${JSON.stringify(moved)} → lines ${found.join(', ')}`);
        }
      });
    }
    expect(tried).toBeGreaterThan(1500);
    expect(astray).toEqual([]);
  });

  it('a carriage return inside a line is text: the layout hints read it without crashing', () => {
    // Found by the one-meaning property test: "." does not match a lone \r.
    for (const text of [' - id:\n    id: \ra\n    id:\n      - x\n  id:', 'a:\n  b: 1\n   c: \r2\n']) {
      const { findings } = parseYamlSlowly('f.yaml', text);
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((f) => f.rule === 'yaml-syntax' || f.rule === 'duplicate-key')).toBe(true);
    }
  });

  it('BASE_FILES stay valid (the cases above broke only what they say)', async () => {
    const { report } = await checkJson(workspace());
    expect(report.findings).toEqual([]);
    expect(Object.keys(BASE_FILES)).toContain('teams/platform/2026.yaml');
  });
});

describe('values typed on the command line: okr checkin', () => {
  const GOALS = `objectives:
  - id: fast
    title: Be fast
    aligns_to: mission
    key_results:
      - id: error-rate
        title: Keep errors low
        keep_below: 0.1
        current: 0.08
        unit: "%"
      - id: p95
        title: Cut p95
        start: 900
        target: 300
        current: 640
        unit: ms
      - id: count
        title: Count
        start: 0
        target: 10
      - id: cache
        title: Ship the cache
        done: false
`;
  const repo = () => makeRepo({ ...BASE_FILES, [GOAL]: GOALS });
  const file = (dir: string) => readFileSync(join(dir, GOAL), 'utf8');

  it('takes a value in the key result\'s own unit, and true/false for a milestone', async () => {
    const dir = repo();
    const result = await okr(['checkin', 'platform/fast/error-rate=0.07%', 'platform/fast/p95=380 ms', 'platform/fast/cache=true'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(file(dir)).toContain('        current: 0.07\n        unit: "%"');
    expect(file(dir)).toContain('        current: 380\n        unit: ms');
    expect(file(dir)).toContain('        done: true\n');
    const body = git(dir, ['log', '-1', '--format=%B']);
    expect(body).toContain('Okr-Value: 0.07');
    expect(body).toContain('Okr-Value: 380');
    const back = await okr(['checkin', 'platform/fast/cache=FALSE'], { cwd: dir });
    expect(back.code).toBe(0);
    expect(file(dir)).toContain('        done: false\n');
  });

  it.each([
    ['platform/fast/p95=0.38s', /p95 is measured in ms, not "s": give the value in ms\nokr checkin platform\/fast\/p95=640/],
    ['platform/fast/count=7%', /count is a metric \(0 → 10\) with no unit: its value is a number, not "7%"\nWrite the number alone: okr checkin platform\/fast\/count=7/],
    ['platform/fast/p95=1,000', /groups digits with commas, which okr does not guess at\nWrite the number alone, with a "\." for decimals: okr checkin platform\/fast\/p95=1000/],
    ['platform/fast/cache=yes', /cache is a milestone: its value is done or not-done \(or true or false\), not "yes"/],
    ['platform/fast/p95=fast', /p95 is a metric \(900 → 300 ms\): its value is a number, not "fast"/],
  ])('refuses %s, saying what to write (exit 1, nothing written)', async (arg, message) => {
    const dir = repo();
    const before = file(dir);
    const head = git(dir, ['rev-parse', 'HEAD']);
    const result = await okr(['checkin', arg], { cwd: dir });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(1);
    expect(file(dir)).toBe(before);
    expect(git(dir, ['rev-parse', 'HEAD'])).toBe(head);
  });

  it('keeps the history readable: a unit-suffixed check-in is an ordinary number in git', async () => {
    const dir = repo();
    await okr(['checkin', 'platform/fast/p95=500ms'], { cwd: dir });
    const history = JSON.parse((await okr(['history', 'platform/fast/p95', '--json'], { cwd: dir })).stdout);
    expect(history.points.map((p: { value: number }) => p.value)).toEqual([640, 500]);
  });
});
