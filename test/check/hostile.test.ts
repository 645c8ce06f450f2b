// Hostile and broken input (SPEC section 8): each case ends in a finding with a position, and okr
// neither crashes, hangs, follows links out, nor pollutes anything.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, okr } from '../support/run-cli.js';
import { tempDir, writeFiles } from '../support/temp-repo.js';
import { checkJson, OKR_YAML, where, workspace, type JsonFinding } from './workspace.js';

const GOAL = 'teams/platform/2026-Q4.yaml';
const VALID_GOAL = `objectives:
  - id: fast
    title: Be fast
    aligns_to: mission
    key_results:
      - id: p95
        title: Cut p95
        start: 900
        target: 300
`;

/** Every finding's position exists in its file (when the file could be read as text). */
function expectPositionsInside(dir: string, findings: readonly JsonFinding[]) {
  for (const f of findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
    let text: string;
    try {
      text = readFileSync(join(dir, f.file), 'utf8').replace(/^\uFEFF/, '');
    } catch {
      continue; // a link out or a missing file: nothing to point into
    }
    const lines = text.split(/\r?\n/);
    expect(f.line).toBeLessThanOrEqual(lines.length);
    expect(f.column).toBeLessThanOrEqual(lines[f.line - 1]!.length + 1);
  }
}

afterEach(() => {
  // No case may leave anything on Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).filter((k) => /polluted|pwned/.test(k))).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('YAML alias bombs', () => {
  const bomb = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  'bcdefghi'.split('').forEach((name, i) => bomb.push(`${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`));

  it('a billion laughs is refused at its first alias, and the other files are still checked', async () => {
    const dir = workspace({ [GOAL]: `${bomb.join('\n')}\n`, 'teams/platform/team.yaml': 'name: Platform\nparent: nowhere\n' });
    const { code, report } = await checkJson(dir);
    expect(report.findings.map(where)).toEqual(['teams/platform/2026-Q4.yaml:2:8 error yaml-syntax', 'teams/platform/team.yaml:2:9 error unknown-parent']);
    expect(report.findings[0]!.message).toMatch(/too many aliases/);
    expect(code).toBe(1);
  });

  it('a few aliases are fine', async () => {
    const text = VALID_GOAL.replace('    title: Be fast\n', '    title: &t Be fast\n') + '  - id: again\n    title: *t\n    aligns_to: mission\n    key_results:\n      - {id: k, title: K, done: true}\n';
    expect((await checkJson(workspace({ [GOAL]: text }))).report.findings).toEqual([]);
  });

  it('an alias to no anchor says which', async () => {
    const { report } = await checkJson(workspace({ [GOAL]: 'objectives: *nothing\n' }));
    expect(report.findings.map(where)).toEqual([`${GOAL}:1:13 error yaml-syntax`]);
    expect(report.findings[0]!.message).toBe('alias *nothing names no anchor: define &nothing before it, or write the value out');
  });
});

describe('very deep nesting', () => {
  it('100,000 "[" are refused where the nesting gets too deep', async () => {
    const dir = workspace({ [GOAL]: `objectives: ${'['.repeat(100_000)}\n` });
    const { report } = await checkJson(dir);
    expect(report.findings.map(where)).toEqual([`${GOAL}:1:113 error yaml-syntax`]);
    expect(report.findings[0]!.message).toMatch(/nests more than 100 levels deep/);
  });

  it('50,000 compact "- " entries are refused too', async () => {
    const dir = workspace({ [GOAL]: `objectives:\n${'- '.repeat(50_000)}x\n` });
    const { report } = await checkJson(dir);
    expect(report.findings.map(where)).toEqual([`${GOAL}:2:201 error yaml-syntax`]);
  });

  it('nested mappings in flow style, closed properly, are refused', async () => {
    const depth = 20_000;
    const dir = workspace({ [GOAL]: `objectives: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n` });
    const { report } = await checkJson(dir);
    // "objectives: " is 12 characters; the 101st "{" opens at 12 + 4 * 100 + 1.
    expect(report.findings.map(where)).toEqual([`${GOAL}:1:413 error yaml-syntax`]);
  });

  it('1,400 levels of block indentation are refused where they get too deep (was "Maximum call stack size exceeded")', async () => {
    const lines = ['objectives:'];
    for (let depth = 1; depth <= 1400; depth++) lines.push(`${' '.repeat(depth)}a:`);
    const dir = workspace({ [GOAL]: `${lines.join('\n')}\n${' '.repeat(1401)}x\n` });
    const { report } = await checkJson(dir);
    // Line 1 is level 0; line 102, indented 101 spaces, is the 101st level.
    expect(report.findings.map(where)).toEqual([`${GOAL}:102:102 error yaml-syntax`]);
    expect(report.findings[0]!.message).toMatch(/nests more than 100 levels deep/);
  });

  it('300 nested "- a:" entries are refused too', async () => {
    const lines = ['objectives:'];
    for (let depth = 0; depth < 300; depth++) lines.push(`${'  '.repeat(depth)}- a:`);
    const { report } = await checkJson(workspace({ [GOAL]: `${lines.join('\n')}\n` }));
    expect(report.findings.map((f) => f.rule)).toEqual(['yaml-syntax']);
    expect(report.findings[0]!.message).toMatch(/nests more than 100 levels deep/);
    expect(report.findings[0]!.line).toBeLessThan(103);
  });

  it('the text of a block scalar does not count, however it is indented', async () => {
    const staircase = Array.from({ length: 300 }, (_, i) => `${' '.repeat(8 + i)}[{ step ${i}`).join('\n');
    const text = VALID_GOAL.replace('    title: Be fast\n', `    title: Be fast\n    description: |\n${staircase}\n`);
    expect((await checkJson(workspace({ [GOAL]: text, 'teams/platform/x.yaml': null }))).report.findings).toEqual([]);
  });

  it('brackets inside quotes and comments do not count', async () => {
    const text = VALID_GOAL.replace('title: Be fast', `title: "${'['.repeat(300)}"  # ${'{'.repeat(300)}`);
    expect((await checkJson(workspace({ [GOAL]: text, 'teams/platform/x.yaml': null }))).report.findings).toEqual([]);
  });
});

describe('huge files', () => {
  it('a file over 1 MiB is refused by default, the others still checked', async () => {
    const huge = `objectives: []\n${`# ${'x'.repeat(98)}\n`.repeat(11_000)}`;
    expect(huge.length).toBeGreaterThan(1024 * 1024);
    const dir = workspace({ [GOAL]: huge, 'teams/platform/team.yaml': 'name: Platform\nparent: nowhere\n' });
    const { report } = await checkJson(dir);
    expect(report.findings.map(where)).toEqual([`${GOAL}:1:1 error file-too-large`, 'teams/platform/team.yaml:2:9 error unknown-parent']);
    expect(report.findings[0]!.message).toBe(
      `the file is ${huge.length} bytes, over the limit of 1048576 bytes for a goal file (set OKR_MAX_FILE_BYTES to change it)`,
    );
  });

  it('OKR_MAX_FILE_BYTES raises the limit', async () => {
    const big = `objectives: []\n${`# ${'x'.repeat(98)}\n`.repeat(11_000)}`;
    const { report } = await checkJson(workspace({ [GOAL]: big }), [], { vars: { OKR_MAX_FILE_BYTES: String(2 * 1024 * 1024) } });
    expect(report.findings).toEqual([]);
  });

  it('a file just at the limit is read', async () => {
    const text = 'objectives: []\n';
    const { report } = await checkJson(workspace({ [GOAL]: text }), [], { vars: { OKR_MAX_FILE_BYTES: '400' } });
    expect(report.findings.map(where)).toEqual([]);
    const over = await checkJson(workspace({ [GOAL]: `${text}#${'x'.repeat(400)}\n` }), [], { vars: { OKR_MAX_FILE_BYTES: '400' } });
    expect(over.report.findings.map(where)).toEqual([`${GOAL}:1:1 error file-too-large`]);
  });
});

describe('__proto__, constructor and prototype keys', () => {
  const hostile = (anchor: string) => `objectives:
  - id: fast
    title: ${anchor}Be fast
    aligns_to: mission
    __proto__:
      polluted: yes
    constructor:
      prototype:
        polluted: yes
    prototype: {polluted: yes}
    key_results:
      - id: p95
        title: Cut p95
        done: false
        __proto__: {pwned: true}
`;

  it.each([
    ['the fast parser', ''],
    ['the exact parser (a file with an anchor)', '&t '],
  ])('are reported as unknown keys at the key, with %s', async (_name, anchor) => {
    const { report } = await checkJson(workspace({ [GOAL]: hostile(anchor) }));
    expect(report.findings.map((f) => `${where(f)} ${f.message.split(' (')[0]}`)).toEqual([
      `${GOAL}:5:5 error schema unknown key "__proto__"`,
      `${GOAL}:7:5 error schema unknown key "constructor"`,
      `${GOAL}:10:5 error schema unknown key "prototype"`,
      `${GOAL}:15:9 error schema unknown key "__proto__"`,
    ]);
  });

  it('in team.yaml, in okr.yaml rules and as ids, nothing is polluted', async () => {
    const dir = workspace({
      'okr.yaml': `${OKR_YAML}rules:\n  __proto__: error\n  constructor: [warn, 1]\n`,
      'teams/platform/team.yaml': 'name: Platform\n__proto__: {polluted: 1}\n',
      'teams/constructor/team.yaml': 'name: Constructor\nparent: toString\n',
      'teams/constructor/2026.yaml': VALID_GOAL.replace('id: fast', 'id: hasOwnProperty').replace(
        '    aligns_to: mission\n',
        '    aligns_to:\n      - platform/__proto__\n      - platform/constructor\n    values: [constructor]\n',
      ),
    });
    const { report } = await checkJson(dir);
    expect(report.findings.map(where)).toEqual([
      'okr.yaml:15:3 error unknown-rule',
      'okr.yaml:16:3 error unknown-rule',
      'teams/constructor/2026.yaml:5:9 error schema',
      'teams/constructor/2026.yaml:6:9 error unknown-reference',
      'teams/constructor/2026.yaml:7:14 error unknown-value',
      'teams/constructor/team.yaml:2:9 error unknown-parent',
      'teams/platform/team.yaml:2:1 error schema',
    ]);
    expect(report.findings[0]!.message).toMatch(/^unknown rule "__proto__"/);
  });
});

describe('bytes that are not UTF-8', () => {
  it.each([
    ['a stray byte after multi-byte characters', Buffer.concat([Buffer.from('objectives:\n  - id: café\n    title: naïve '), Buffer.from([0xff]), Buffer.from('\n')]), 3, 18],
    ['an overlong encoding', Buffer.concat([Buffer.from('objectives: []\n# '), Buffer.from([0xc0, 0x80]), Buffer.from('\n')]), 2, 3],
    ['a UTF-16 surrogate written as UTF-8 (CESU-8)', Buffer.concat([Buffer.from('objectives: []\n# é '), Buffer.from([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]), Buffer.from('\n')]), 2, 5],
    ['a code point past U+10FFFF', Buffer.concat([Buffer.from('objectives: []\n#'), Buffer.from([0xf4, 0x90, 0x80, 0x80]), Buffer.from('\n')]), 2, 2],
    ['a truncated sequence at the end', Buffer.concat([Buffer.from('objectives: []\n# ok\n# '), Buffer.from([0xe2, 0x82])]), 3, 3],
    ['a UTF-16 file', Buffer.from('\ufeffobjectives: []\n', 'utf16le'), 1, 1],
  ])('%s: the position of the bad byte', async (_name, bytes, line, column) => {
    const { report } = await checkJson(workspace({ [GOAL]: bytes }));
    expect(report.findings.map(where)).toEqual([`${GOAL}:${line}:${column} error invalid-encoding`]);
    expect(report.findings[0]!.message).toContain(`line ${line}, column ${column}`);
  });
});

describe('symlinks out of the workspace', () => {
  const SECRET = 'SECRET-OUTSIDE-MARKER';
  function outside(): string {
    const dir = tempDir('okr-outside-');
    writeFiles(dir, {
      'team/team.yaml': `name: Outside\n${SECRET}: 1\n`,
      'team/2026.yaml': `objectives: [${SECRET}]\n`,
      'goal.yaml': `${SECRET}: 1\n`,
      'okr.yaml': `${SECRET}: 1\n`,
    });
    return dir;
  }
  const noSecret = (stdout: string) => expect(stdout).not.toContain(SECRET);

  it('a goal file linked to a file outside is not read', async () => {
    const out = outside();
    const dir = workspace({});
    symlinkSync(join(out, 'goal.yaml'), join(dir, GOAL));
    const result = await okr(['check', '--json', '-C', dir]);
    const report = JSON.parse(result.stdout);
    expect(report.findings.map(where)).toEqual([`${GOAL}:1:1 error unsafe-path`]);
    expect(report.findings[0].message).toMatch(/link to .*goal\.yaml, outside the workspace/);
    noSecret(result.stdout);
  });

  it('a goal file linked to a FIFO outside is never opened (opening it would block)', { timeout: 15_000 }, async () => {
    const out = tempDir('okr-outside-');
    execFileSync('mkfifo', [join(out, 'pipe.yaml')]);
    const dir = workspace({});
    symlinkSync(join(out, 'pipe.yaml'), join(dir, GOAL));
    const { report } = await checkJson(dir);
    expect(report.findings.map(where)).toEqual([`${GOAL}:1:1 error unsafe-path`]);
  });

  it('a FIFO inside the workspace, as a linked goal file or as okr.yaml, is refused without waiting for a writer', () => {
    const dir = workspace({ [GOAL]: null });
    execFileSync('mkfifo', [join(dir, 'teams/platform/pipe')]);
    symlinkSync('pipe', join(dir, GOAL));
    // A real process with a deadline: a blocked open would hang an in-process run for good.
    const check = () => spawnSync(process.execPath, [BIN, 'check', '--json', '-C', dir], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
    let result = check();
    expect(result.signal).toBeNull();
    expect(JSON.parse(result.stdout).findings.map(where)).toEqual([`${GOAL}:1:1 error unreadable-file`]);
    expect(JSON.parse(result.stdout).findings[0].message).toBe('it is a named pipe (FIFO), not a regular file; okr reads goal files only from regular files');
    expect(result.status).toBe(1);

    rmSync(join(dir, 'okr.yaml'));
    execFileSync('mkfifo', [join(dir, 'okr.yaml')]);
    result = check();
    expect(result.signal).toBeNull();
    expect(JSON.parse(result.stdout).findings.map(where)).toContain('okr.yaml:1:1 error unreadable-file');
  });

  it('a team folder linked to a folder outside is not followed', async () => {
    const out = outside();
    const dir = workspace({});
    symlinkSync(join(out, 'team'), join(dir, 'teams', 'intruder'));
    const result = await okr(['check', '--json', '-C', dir]);
    const report = JSON.parse(result.stdout);
    expect(report.findings.map(where)).toEqual(['teams/intruder/team.yaml:1:1 error unsafe-path']);
    noSecret(result.stdout);
    expect((await okr(['check', '-C', dir])).stdout).not.toContain(SECRET);
  });

  it('okr.yaml linked outside is not read', async () => {
    const out = outside();
    const dir = workspace({ 'okr.yaml': null });
    symlinkSync(join(out, 'okr.yaml'), join(dir, 'okr.yaml'));
    const result = await okr(['check', '--json', '-C', dir]);
    expect(JSON.parse(result.stdout).findings.map(where)).toEqual(['okr.yaml:1:1 error unsafe-path']);
    noSecret(result.stdout);
  });

  it('links that stay inside the workspace are followed', async () => {
    const dir = workspace({ 'shared/2026-Q4.yaml': VALID_GOAL });
    symlinkSync(join(dir, 'shared', '2026-Q4.yaml'), join(dir, GOAL));
    expect((await checkJson(dir)).report.findings).toEqual([]);
  });
});

describe('ids that look like flags or paths', () => {
  it('as objective, key result, value and cycle ids, and in references', async () => {
    const dir = workspace({
      'okr.yaml': `${OKR_YAML.replace('  - id: customer-trust', '  - id: --help')}  - id: ../2027\n    start: 2027-01-01\n    end: 2027-12-31\n`,
      [GOAL]: `objectives:
  - id: -x
    title: Flag
    aligns_to: ../x
    parent: -x
    key_results:
      - id: ../../etc/passwd
        title: Path
        done: false
`,
      'teams/platform/team.yaml': 'name: Platform\nparent: ../platform\n',
    });
    const { report } = await checkJson(dir);
    expect(report.findings.map((f) => `${where(f)} ${f.message.split(';')[0]}`)).toEqual([
      'okr.yaml:5:9 error schema "--help" is not a valid id: it looks like a command-line flag',
      'okr.yaml:14:9 error schema "../2027" is not a valid id: it looks like a path',
      `${GOAL}:2:9 error schema "-x" is not a valid id: it looks like a command-line flag`,
      `${GOAL}:4:16 error schema "../x" is not a valid reference: use "mission", an objective id, "team/objective" or "team/objective/kr"`,
      `${GOAL}:5:5 error schema unknown key "parent" (allowed: id, title, description, aligns_to, values, owner, weight, grade, key_results)`,
      `${GOAL}:7:13 error schema "../../etc/passwd" is not a valid id: it looks like a path`,
      'teams/platform/team.yaml:2:9 error schema "../platform" is not a valid id: it looks like a path',
    ]);
  });

  it('as team folder names and cycle file names: reported, not read, never taken as options', async () => {
    const dir = workspace({
      'teams/-x/team.yaml': 'name: Flag\n',
      'teams/--version/team.yaml': 'name: Version\n',
      'teams/platform/--help.yaml': VALID_GOAL,
      'teams/platform/-rf.yaml': VALID_GOAL,
    });
    const result = await okr(['check', '--json', '-C', dir]);
    const report = JSON.parse(result.stdout);
    expect(report.findings.map((f: JsonFinding) => `${where(f)} ${f.message.split(':')[0]}`)).toEqual([
      'teams/--version/team.yaml:1:1 error invalid-id team folder name',
      'teams/-x/team.yaml:1:1 error invalid-id team folder name',
      'teams/platform/--help.yaml:1:1 error invalid-id cycle file name',
      'teams/platform/-rf.yaml:1:1 error invalid-id cycle file name',
    ]);
    expect(report.findings[0].message).toMatch(/"--version" is not a valid id: it looks like a command-line flag.*The file is not read/);
    expect(result.stdout).not.toMatch(/Usage:|0\.\d+\.\d+\n/);
    expect(result.code).toBe(1);
  });
});

describe('the reserved word mission (SPEC 9)', () => {
  it('is no objective id: a schema finding at the id, and okr check fails; a key result may be called mission', async () => {
    const dir = workspace({
      [GOAL]: VALID_GOAL.replace('  - id: fast\n', '  - id: mission\n').replace('      - id: p95\n', '      - id: mission\n'),
    });
    const { code, report } = await checkJson(dir);
    expect(report.findings.map((f) => `${where(f)} ${f.message}`)).toEqual([
      `${GOAL}:2:9 error schema "mission" cannot be an objective id: the word mission names the mission (aligns_to: mission); choose another id`,
    ]);
    expect(code).toBe(1);
  });
});

describe('broken YAML and odd documents', () => {
  it('duplicate keys are reported and the rest of the file is still checked', async () => {
    const text = VALID_GOAL.replace('    aligns_to: mission\n', '    aligns_to: mission\n    aligns_to: mission\n').replace('target: 300', 'target: "300"');
    const { report } = await checkJson(workspace({ [GOAL]: text }));
    expect(report.findings.map(where)).toEqual([`${GOAL}:5:5 error duplicate-key`, `${GOAL}:10:17 error schema`]);
    expect(report.findings[0]!.message).toBe('duplicate key "aligns_to": YAML keys must be unique in a mapping; keep one');
  });

  it('malformed YAML in one file, while the other files are still checked', async () => {
    const dir = workspace({
      [GOAL]: 'objectives:\n  - id: [unclosed\n',
      'teams/platform/2026.yaml': VALID_GOAL.replace('aligns_to: mission', 'aligns_to: nowhere/x'),
      'teams/web/team.yaml': 'name: Web\nparent: platfrom\n',
    });
    const { report } = await checkJson(dir);
    expect(report.findings.map(where)).toEqual([
      `${GOAL}:2:9 error yaml-syntax`,
      'teams/platform/2026.yaml:4:16 error unknown-reference',
      'teams/web/team.yaml:2:9 error unknown-parent',
    ]);
  });

  it.each([
    ['an unclosed "["', 'objectives: [\n  {id: a, title: A}\nother: 1\n', '1:13', 'this "[" is never closed: add "]"'],
    ['an unclosed "{" inside a list', 'objectives:\n  - {id: a, title: [x, y]\n  - id: b\n', '2:5', 'this "{" is never closed: add "}"'],
    ['an unclosed quote', 'objectives:\n  - id: a\n    title: "Make it\n    aligns_to: mission\n', '3:12', 'this quote is never closed: add the closing "'],
    ['a second document', 'objectives: []\n---\nobjectives: []\n', '2:1', 'a goal file holds one YAML document'],
    ['a value starting with @', 'objectives:\n  - id: a\n    owner: @ana\n', '3:12', 'a value cannot start with @: put it in quotes'],
  ])('points at the cause of a syntax error: %s', async (_name, text, position, message) => {
    const { report } = await checkJson(workspace({ [GOAL]: text }));
    expect(report.findings.map(where)).toEqual([`${GOAL}:${position} error yaml-syntax`]);
    expect(report.findings[0]!.message).toContain(message);
  });

  it.each([
    ['a cycle file holding only null', GOAL, '~\n', 'the file is empty: it must be a mapping with "objectives:"'],
    ['an empty team.yaml', 'teams/platform/team.yaml', '', 'the file is empty: it must be a mapping with "name:"'],
    ['an empty okr.yaml', 'okr.yaml', '', 'the file is empty: it must be a mapping with "version:", "mission:", "cycles:"'],
    ['a cycle file that is a list', GOAL, '- id: fast\n- id: slow\n', 'the file must be a mapping (lines of key: value, starting with "objectives:"), not a list'],
    ['a cycle file that is a scalar', GOAL, 'just some words\n', 'the file must be a mapping (lines of key: value, starting with "objectives:"), not the string "just some words"'],
    ['a team.yaml that is a number', 'teams/platform/team.yaml', '42\n', 'the file must be a mapping (lines of key: value, starting with "name:"), not number 42'],
  ])('%s', async (_name, file, text, message) => {
    const { code, report } = await checkJson(workspace({ [file]: text, ...(file === 'okr.yaml' ? { [GOAL]: null } : {}) }));
    expect(report.findings.map(where)).toEqual([`${file}:1:1 error schema`]);
    expect(report.findings[0]!.message).toBe(message);
    expect(code).toBe(1);
  });

  // SPEC 9: an empty cycle file (or `objectives: []`) is a placeholder for planning, a warning at most.
  it.each([
    ['an empty cycle file', ''],
    ['a cycle file of only comments and blank lines', '# nothing yet\n\n  # to plan\n'],
    ['a cycle file of only a document marker and comments, CRLF', '--- # 2026-Q4\r\n\r\n...\r\n'],
    ['a cycle file of only a BOM and a comment', '\uFEFF# nothing yet\n'],
    ['objectives: []', 'objectives: []\n'],
  ])('%s is a placeholder: no error, okr check passes', async (_name, text) => {
    const { code, report } = await checkJson(workspace({ [GOAL]: text }));
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(code).toBe(0);
  });

  it('tabs as indentation', async () => {
    const { report } = await checkJson(workspace({ [GOAL]: 'objectives:\n\t- id: fast\n' }));
    expect(report.findings.map(where)).toEqual([`${GOAL}:2:1 error yaml-syntax`]);
    expect(report.findings[0]!.message).toBe('this line is indented with a tab, and YAML indents with spaces only: replace the tabs with spaces');
  });

  it('tabs inside values are fine', async () => {
    expect((await checkJson(workspace({ [GOAL]: VALID_GOAL.replace('Be fast', 'Be\tfast') }))).report.findings).toEqual([]);
  });

  it('CRLF line endings: the same positions as with LF, and a clean source line in text output', async () => {
    const lf = VALID_GOAL.replace('target: 300', 'target: "300"').replace('aligns_to: mission', 'aligns_to: platfrom/x');
    const withLf = await checkJson(workspace({ [GOAL]: lf }));
    const crlfDir = workspace({ [GOAL]: lf.replace(/\n/g, '\r\n') });
    const withCrlf = await checkJson(crlfDir);
    expect(withLf.report.findings.map(where)).toEqual([`${GOAL}:4:16 error unknown-reference`, `${GOAL}:9:17 error schema`]);
    expect(withCrlf.report.findings).toEqual(withLf.report.findings);
    const text = await okr(['check', '-C', crlfDir]);
    expect(text.stdout).not.toContain('\r');
    expect(text.stdout).toContain('  9 |         target: "300"\n    |                 ^\n');
  });

  it('CRLF with a syntax error and a duplicate key (the exact parser)', async () => {
    const crlf = 'objectives:\r\n  - id: a\r\n    id: b\r\n    title: Fix: crash\r\n';
    const { report } = await checkJson(workspace({ [GOAL]: crlf }));
    expect(report.findings.map(where)).toEqual([`${GOAL}:3:5 error duplicate-key`, `${GOAL}:4:12 error yaml-syntax`]);
  });

  it('a byte-order mark does not shift columns on the first line', async () => {
    const { report } = await checkJson(workspace({ [GOAL]: '\ufeffobjectives: 12\n' }));
    expect(report.findings.map(where)).toEqual([`${GOAL}:1:13 error schema`]);
    expect(report.findings[0]!.message).toBe('"objectives" must be a list, not number 12');
    const bomOnly = await checkJson(workspace({ [GOAL]: `\ufeff${VALID_GOAL}` }));
    expect(bomOnly.report.findings).toEqual([]);
  });

  it('null values everywhere: one finding each, at the null', async () => {
    const dir = workspace({
      'okr.yaml': 'version: 1\norganization: ~\nmission: ~\nvalues: ~\ncycles:\n  - id: "2026"\n    start: 2026-01-01\n    end: ~\n  - ~\ncheckins: ~\nrules:\n  require-alignment: ~\n',
      'teams/platform/team.yaml': 'name: ~\nparent: ~\nowners: [~]\n',
      'teams/platform/2026.yaml':
        'objectives:\n  - ~\n  - id: ~\n    title: T\n  - id: o\n    title: ~\n    aligns_to: ~\n    values: [~]\n    weight: ~\n    key_results:\n      - ~\n      - id: k\n        title: K\n        start: ~\n        target: 5\n',
    });
    const { code, report } = await checkJson(dir);
    expect(code).toBe(1);
    expectPositionsInside(dir, report.findings);
    const at = report.findings.map((f) => `${f.file}:${f.line}:${f.column}`);
    // One finding per null, each pointing at the null itself.
    expect(at).toEqual(
      expect.arrayContaining([
        'okr.yaml:2:15',
        'okr.yaml:3:10',
        'okr.yaml:4:9',
        'okr.yaml:8:10',
        'okr.yaml:9:5',
        'okr.yaml:10:11',
        'okr.yaml:12:22',
        'teams/platform/team.yaml:1:7',
        'teams/platform/team.yaml:2:9',
        'teams/platform/team.yaml:3:10',
        'teams/platform/2026.yaml:2:5',
        'teams/platform/2026.yaml:3:9',
        'teams/platform/2026.yaml:6:12',
        'teams/platform/2026.yaml:7:16',
        'teams/platform/2026.yaml:8:14',
        'teams/platform/2026.yaml:9:13',
        'teams/platform/2026.yaml:11:9',
        'teams/platform/2026.yaml:14:16',
      ]),
    );
    expect(new Set(at.map((a) => a)).size).toBe(at.length);
  });
});

describe('okr check writes nothing', () => {
  it('leaves every file of a broken workspace byte-identical', async () => {
    const dir = workspace({ [GOAL]: 'objectives:\n  - id: [\n', 'teams/platform/team.yaml': '__proto__: 1\n' });
    const snapshot = () => {
      const sums: string[] = [];
      const walk = (d: string) => {
        for (const name of readdirSync(d).sort()) {
          const p = join(d, name);
          if (statSync(p).isDirectory()) walk(p);
          else sums.push(`${p} ${createHash('sha1').update(readFileSync(p)).digest('hex')}`);
        }
      };
      walk(dir);
      return sums;
    };
    const before = snapshot();
    await okr(['check', '-C', dir]);
    await okr(['check', '--format', 'sarif', '-C', dir]);
    expect(snapshot()).toEqual(before);
  });
});

// Keeps the helpers above honest: a position outside its file must fail.
describe('expectPositionsInside', () => {
  it('fails on a column past the end of the line', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'x'));
    writeFileSync(join(dir, 'x', 'f.yaml'), 'ab\n');
    expect(() => expectPositionsInside(dir, [{ file: 'x/f.yaml', line: 1, column: 4, severity: 'error', rule: 'r', message: 'm' }])).toThrow();
    expect(() => expectPositionsInside(dir, [{ file: 'x/f.yaml', line: 1, column: 3, severity: 'error', rule: 'r', message: 'm' }])).not.toThrow();
  });
});

describe('a team.yaml that exists but cannot be used', () => {
  // The folder has a team.yaml; saying it has none would send the person looking for the wrong problem.
  it.each([
    ['does not parse', 'name: Fix: it\n', '1:7 error yaml-syntax'],
    ['is not UTF-8', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0x0a]), '1:7 error invalid-encoding'],
  ])('%s: one finding, no "has no team.yaml"', async (_name, content, finding) => {
    const dir = workspace({ 'teams/platform/team.yaml': content });
    const { report } = await checkJson(dir);
    expect(report.findings.map(where)).toEqual([`teams/platform/team.yaml:${finding}`]);
  });
});
