// okr check's outputs: text (source line and caret), the JSON contract, GitHub workflow commands,
// --max-warnings, exit codes, colour, and messages on stderr.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okr, okrProcess } from '../support/run-cli.js';
import { copyExample, makeRepo, tempDir, writeFiles } from '../support/temp-repo.js';
import { BASE_FILES, checkJson, workspace } from './workspace.js';

/** One warning (2:9) and one error (8:17) in one file. */
const ONE_OF_EACH = {
  'teams/platform/2026-Q4.yaml': `objectives:
  - id: alone
    title: Alone
    key_results:
      - id: flat
        title: Flat
        start: 5
        target: 5
`,
};

/** Only a warning. */
const ONE_WARNING = {
  'teams/platform/2026-Q4.yaml': 'objectives:\n  - id: alone\n    title: Alone\n    key_results:\n      - {id: k, title: K, done: false}\n',
};

describe('okr check --format text', () => {
  it('shows each finding with its source line and a caret under the column, then a summary', async () => {
    const dir = workspace(ONE_OF_EACH);
    const result = await okr(['check', '-C', dir]);
    expect(result.stdout).toBe(
      [
        'teams/platform/2026-Q4.yaml:2:9 warning require-alignment objective "alone" does not say what it aligns to: add aligns_to (a goal above it, or mission)',
        '  2 |   - id: alone',
        '    |         ^',
        'teams/platform/2026-Q4.yaml:8:17 error start-equals-target key result "flat" has start and target both 5, so its progress cannot be measured: set the target you aim for',
        '  8 |         target: 5',
        '    |                 ^',
        '',
        '✖ 1 error, 1 warning in 4 files',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
  });

  it.each([
    ['CJK (two columns each)', '日本語の目標', 'xxxxxxxxxxxx'],
    ['an emoji sequence (five code units, two columns)', 'ship 👩‍💻 it', 'ship xx it'],
    ['combining accents (no column)', 'cafe\u0301 nai\u0308ve', 'cafe naive'],
    ['a tab (shown as one space)', 'a\tb', 'a b'],
    ['all of them', '目標\t👩‍💻 e\u0301', 'xxxx xx e'],
  ])('puts the caret under the column after %s, as under the same line in narrow characters', async (_name, title, twin) => {
    const line = (t: string) => `objectives:\n  - id: alone\n    title: Alone\n    aligns_to: mission\n    key_results:\n      - {id: flat, title: "${t}", start: 5, target: 5}\n`;
    const caretOf = async (t: string) => {
      const { stdout } = await okr(['check', '-C', workspace({ 'teams/platform/2026-Q4.yaml': line(t) })]);
      const lines = stdout.split('\n');
      const at = lines.findIndex((l) => l.startsWith('  6 | '));
      return { source: lines[at]!, caret: lines[at + 1]! };
    };
    const [wide, narrow] = [await caretOf(title), await caretOf(twin)];
    expect(narrow.caret).toBe(`    | ${' '.repeat(narrow.source.indexOf('5}') - 6)}^`); // under target's value
    expect(wide.caret).toBe(narrow.caret);
    expect(wide.source).toBe(`  6 |       - {id: flat, title: "${title.replace('\t', ' ')}", start: 5, target: 5}`);
  });

  it('clips a long source line by columns, never inside a character, and the caret stays under its column', async () => {
    const title = '目標'.repeat(40); // 160 columns in 80 code units
    const dir = workspace({ 'teams/platform/2026-Q4.yaml': `objectives:\n  - {id: alone, title: "${title}", aligns_to: mission, key_results: [{id: k, title: "K", start: 5, target: 5}]}\n` });
    const lines = (await okr(['check', '-C', dir])).stdout.split('\n');
    const source = lines.find((l) => l.startsWith('  2 | '))!;
    // 24 narrow columns, 66 wide characters (132 columns: a 67th would pass 157), then "...".
    expect(source).toBe(`  2 |   - {id: alone, title: "${'目標'.repeat(33)}...`);
    // The finding (at start, past the clip) has no caret line: its column is not shown.
    expect(lines[lines.indexOf(source) + 1]).not.toMatch(/^\s+\|\s+\^$/);
  });

  it('says so when all is well', async () => {
    const result = await okr(['check', '-C', workspace()]);
    expect(result.stdout).toBe('✔ no problems in 3 files\n');
    expect(result.code).toBe(0);
  });

  it('groups findings by file with a blank line between files', async () => {
    const dir = workspace({ ...ONE_WARNING, 'teams/platform/team.yaml': 'name: Platform\nparent: nowhere\n' });
    const { stdout } = await okr(['check', '-C', dir]);
    const headers = stdout.split('\n').filter((l) => /^\S+:\d+:\d+ /.test(l));
    expect(headers.map((l) => l.split(' ')[0])).toEqual(['teams/platform/2026-Q4.yaml:2:9', 'teams/platform/team.yaml:2:9']);
    expect(stdout).toContain('    |         ^\n\nteams/platform/team.yaml:2:9');
  });

  it('shows no source line for a file that could not be read', async () => {
    const dir = workspace({ 'teams/platform/2026-Q4.yaml': Buffer.from([0x6f, 0x3a, 0x20, 0xff, 0x0a]) });
    const { stdout } = await okr(['check', '-C', dir]);
    expect(stdout).toBe(
      'teams/platform/2026-Q4.yaml:1:4 error invalid-encoding the file is not valid UTF-8 (a byte at line 1, column 4 cannot be decoded); save it as UTF-8\n\n✖ 1 error, 0 warnings in 4 files\n',
    );
  });

  it('colours only when asked or on a terminal: FORCE_COLOR, NO_COLOR, TTY', async () => {
    const dir = workspace(ONE_OF_EACH);
    const ansi = /\u001b\[\d+m/;
    const run = (vars: Record<string, string | undefined>, tty: boolean) => okr(['check', '-C', dir], { vars, tty });
    expect((await run({ NO_COLOR: undefined }, false)).stdout).not.toMatch(ansi);
    expect((await run({ NO_COLOR: undefined }, true)).stdout).toMatch(ansi);
    expect((await run({ NO_COLOR: '1' }, true)).stdout).not.toMatch(ansi);
    expect((await run({ NO_COLOR: undefined, FORCE_COLOR: '1' }, false)).stdout).toMatch(ansi);
    expect((await run({ NO_COLOR: '1', FORCE_COLOR: '1' }, false)).stdout).toMatch(ansi);
    expect((await run({ NO_COLOR: undefined, FORCE_COLOR: '0' }, true)).stdout).not.toMatch(ansi);
    // Colour never carries meaning alone: the words are the same with and without it.
    const coloured = (await run({ FORCE_COLOR: '1' }, false)).stdout.replace(/\u001b\[\d+m/g, '');
    expect(coloured).toBe((await run({}, false)).stdout);
  });

  it('colours as a real process does with FORCE_COLOR, and not with NO_COLOR', async () => {
    const dir = workspace(ONE_OF_EACH);
    const forced = await okrProcess(['check', '-C', dir], { vars: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\u001b\[31merror/);
    const plain = await okrProcess(['check', '-C', dir], { vars: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    expect(plain.code).toBe(1);
  });
});

describe('okr check --format json', () => {
  it('prints {ok, errors, warnings, findings: [{file, line, column, severity, rule, message}]}', async () => {
    const dir = workspace(ONE_OF_EACH);
    const result = await okr(['check', '--format', 'json', '-C', dir]);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['ok', 'errors', 'warnings', 'findings']);
    expect(report).toEqual({
      ok: false,
      errors: 1,
      warnings: 1,
      findings: [
        {
          file: 'teams/platform/2026-Q4.yaml',
          line: 2,
          column: 9,
          severity: 'warning',
          rule: 'require-alignment',
          message: 'objective "alone" does not say what it aligns to: add aligns_to (a goal above it, or mission)',
        },
        {
          file: 'teams/platform/2026-Q4.yaml',
          line: 8,
          column: 17,
          severity: 'error',
          rule: 'start-equals-target',
          message: 'key result "flat" has start and target both 5, so its progress cannot be measured: set the target you aim for',
        },
      ],
    });
    for (const f of report.findings) expect(Object.keys(f)).toEqual(['file', 'line', 'column', 'severity', 'rule', 'message']);
    expect(result.code).toBe(1);
  });

  it('--json is the same as --format json', async () => {
    const dir = workspace(ONE_OF_EACH);
    const a = await okr(['check', '--json', '-C', dir]);
    const b = await okr(['check', '--format', 'json', '-C', dir]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.code).toBe(b.code);
  });

  it('is ok:true with warnings, and ok:false when --max-warnings is exceeded', async () => {
    const dir = workspace(ONE_WARNING);
    expect((await checkJson(dir)).report).toMatchObject({ ok: true, errors: 0, warnings: 1 });
    expect((await checkJson(dir, ['--max-warnings', '0'])).report).toMatchObject({ ok: false, errors: 0, warnings: 1 });
  });
});

describe('okr check --format github', () => {
  it('prints one workflow command per finding', async () => {
    const dir = workspace(ONE_OF_EACH);
    const result = await okr(['check', '--format', 'github', '-C', dir]);
    expect(result.stdout).toBe(
      '::warning file=teams/platform/2026-Q4.yaml,line=2,col=9,title=require-alignment::objective "alone" does not say what it aligns to: add aligns_to (a goal above it, or mission)\n' +
        '::error file=teams/platform/2026-Q4.yaml,line=8,col=17,title=start-equals-target::key result "flat" has start and target both 5, so its progress cannot be measured: set the target you aim for\n',
    );
    expect(result.code).toBe(1);
  });

  it('escapes % and line breaks in messages, and also : and , in properties', async () => {
    const dir = workspace({
      // A key with "%", a line break and a comma; a team folder with "," and ":" in its name.
      'teams/platform/2026-Q4.yaml':
        'objectives:\n  - id: odd\n    "50%,\\r\\nnew": 1\n    title: Odd\n    aligns_to: mission\n    key_results:\n      - {id: k, title: K, done: false}\n',
      'teams/a,b:c/team.yaml': 'name: Odd\n',
    });
    const { stdout } = await okr(['check', '--format', 'github', '-C', dir]);
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2); // a workflow command never spans lines
    expect(lines).toContain(
      '::error file=teams/a%2Cb%3Ac/team.yaml,line=1,col=1,title=invalid-id::team folder name: "a,b:c" is not a valid id; ids start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 64). The file is not read',
    );
    expect(lines).toContain(
      '::error file=teams/platform/2026-Q4.yaml,line=3,col=5,title=schema::unknown key "50%25,%0D%0Anew" (allowed: id, title, description, aligns_to, values, owner, weight, grade, key_results)',
    );
  });

  it('names files relative to the git repository root when the workspace is a subfolder', async () => {
    const repo = makeRepo({ 'README.md': 'monorepo\n' });
    const dir = join(repo, 'goals', 'okr');
    writeFiles(dir, { ...BASE_FILES, ...ONE_WARNING });
    const { stdout } = await okr(['check', '--format', 'github', '-C', dir]);
    expect(stdout).toMatch(/^::warning file=goals\/okr\/teams\/platform\/2026-Q4\.yaml,line=2,col=9,title=require-alignment::/);
    // Text and JSON stay relative to the workspace.
    expect((await checkJson(dir)).report.findings[0]!.file).toBe('teams/platform/2026-Q4.yaml');
  });

  it('prints nothing on a clean workspace', async () => {
    const result = await okr(['check', '--format', 'github', '-C', workspace()]);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('okr check --max-warnings', () => {
  it('passes while warnings are within the limit and fails above it, with a message on stderr', async () => {
    const dir = workspace(ONE_WARNING);
    const within = await okr(['check', '-C', dir, '--max-warnings', '1']);
    expect(within.code).toBe(0);
    expect(within.stderr).toBe('');
    const over = await okr(['check', '-C', dir, '--max-warnings', '0']);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('okr: 1 warning, more than --max-warnings 0 allows\nFix the warnings above, or raise the limit (--max-warnings 1).\n');
    expect(over.stdout).toContain('1 warning in');
  });

  it('does not excuse errors', async () => {
    const result = await okr(['check', '-C', workspace(ONE_OF_EACH), '--max-warnings', '10']);
    expect(result.code).toBe(1);
  });

  it('without it, warnings alone exit 0', async () => {
    expect((await okr(['check', '-C', workspace(ONE_WARNING)])).code).toBe(0);
  });
});

describe('okr check exit codes and messages', () => {
  const usage = async (argv: string[], message: RegExp, hint: RegExp, cwd?: string) => {
    const result = await okr(argv, { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^okr: /);
    expect(lines[0]).toMatch(message);
    expect(lines[1]).not.toMatch(/^okr: /);
    expect(lines[1]).toMatch(hint);
  };

  it('exits 2 on an unknown flag', () => usage(['check', '--bogus'], /unknown option '--bogus'/, /okr check --help/));
  it('exits 2 on an unknown format', () => usage(['check', '--format', 'xml'], /'xml' is invalid.*text, json, github, sarif/, /okr check --help/));
  it('exits 2 on a bad --max-warnings', async () => {
    await usage(['check', '--max-warnings', '-1'], /whole number/, /okr check --help/);
    await usage(['check', '--max-warnings', 'many'], /whole number/, /okr check --help/);
  });
  it('exits 2 on a bad --as-of', () => usage(['check', '--as-of', '2026-02-30'], /YYYY-MM-DD/, /okr check --help/));
  it('exits 2 when -C names a missing folder', () => usage(['check', '-C', '/nonexistent/okr-ws'], /no such folder: \/nonexistent\/okr-ws/, /-C/));
  it('exits 2 when -C names a file, and names the folder to pass when it is okr.yaml', async () => {
    const dir = workspace();
    await usage(['check', '-C', join(dir, 'okr.yaml')], new RegExp(`not a folder: ${join(dir, 'okr.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), new RegExp(`-C ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });
  it('exits 2 when no workspace is found walking up', () => usage(['check'], /no workspace found: no okr.yaml in /, /okr init/, tempDir()));
  it('exits 2 on a bad OKR_MAX_FILE_BYTES', async () => {
    const result = await okr(['check', '-C', workspace()], { vars: { OKR_MAX_FILE_BYTES: 'lots' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'okr: OKR_MAX_FILE_BYTES must be a positive whole number of bytes, not "lots"\nSet it to e.g. 2097152 (2 MiB), or unset it for the default of 1 MiB.\n',
    );
  });

  it('finds the workspace by walking up from a folder inside it', async () => {
    const dir = workspace(ONE_OF_EACH);
    const result = await okr(['check', '--json'], { cwd: join(dir, 'teams', 'platform') });
    expect(JSON.parse(result.stdout).errors).toBe(1);
    expect(result.code).toBe(1);
  });

  it('as a real process: 0 clean, 1 errors, 2 usage; no stack trace', async () => {
    expect((await okrProcess(['check', '-C', workspace()])).code).toBe(0);
    const errors = await okrProcess(['check', '-C', workspace(ONE_OF_EACH)]);
    expect(errors.code).toBe(1);
    expect(errors.stderr).toBe('');
    const bad = await okrProcess(['check', '--nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`okr: unknown option '--nope'\nRun "okr check --help" for its options and examples.\n`);
    const none = await okrProcess(['check'], { cwd: tempDir() });
    expect(none.code).toBe(2);
    expect(none.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('--help teaches, with examples', async () => {
    const result = await okr(['check', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--format <format>/);
    expect(result.stdout).toMatch(/--max-warnings <n>/);
    expect(result.stdout).toMatch(/Examples:/);
  });
});

describe('okr check --cycle', () => {
  it('reports on the shared files and the files of that cycle and the cycles covering it', async () => {
    const dir = copyExample('acme');
    const mistake = '  - id: extra\n    titel: x\n    aligns_to: mission\n    key_results:\n      - {id: k, title: K, done: false}\n';
    appendFileSync(join(dir, 'teams/payments/2026-Q4.yaml'), mistake);
    appendFileSync(join(dir, 'teams/payments/2026.yaml'), mistake.replace('extra', 'extra-year'));
    appendFileSync(join(dir, 'teams/payments/team.yaml'), 'colour: blue\n');
    const files = async (...args: string[]) => {
      const result = await okr(['check', '--json', '-C', dir, ...args]);
      expect(result.code).toBe(1);
      return [...new Set((JSON.parse(result.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file))].sort();
    };
    expect(await files()).toEqual(['teams/payments/2026-Q4.yaml', 'teams/payments/2026.yaml', 'teams/payments/team.yaml']);
    expect(await files('--cycle', '2026-Q4')).toEqual(['teams/payments/2026-Q4.yaml', 'teams/payments/2026.yaml', 'teams/payments/team.yaml']);
    expect(await files('--cycle', '2026')).toEqual(['teams/payments/2026.yaml', 'teams/payments/team.yaml']);
  });

  it('refuses an unknown cycle with a usage error', async () => {
    const result = await okr(['check', '-C', 'examples/acme', '--cycle', '2026-Q5']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^okr: unknown cycle "2026-Q5": did you mean/);
  });
});
