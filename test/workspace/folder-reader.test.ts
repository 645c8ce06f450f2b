// Reading a workspace folder in a reader thread (workspace/folder-reader.ts) gives the files, texts
// and problems of reading it on the main thread, in the same order, whatever the folder holds; a
// file that changes between listing and reading is refused as on the main thread; a thread that
// cannot start leaves the main thread to read; and the built okr takes the thread at 1,000 teams.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkspaceFolderEach, type FolderReaderOptions } from '../../src/workspace/folder-reader.js';
import { analyzeRawFile } from '../../src/workspace/load.js';
import { isPrintableAscii, listTeamFolder, listWorkspaceTop, readFolderEntry, readWorkspaceFolder, type RawFile } from '../../src/workspace/source.js';
import { readYamlSubset } from '../../src/workspace/yaml-subset.js';
import { okr, okrProcess, PROJECT_ROOT } from '../support/run-cli.js';
import { tempDir, writeFiles } from '../support/temp-repo.js';

/** The compiled reader thread (npm test builds dist/ first): vitest runs src/, which a thread cannot load. */
const WORKER = new URL(`file://${join(PROJECT_ROOT, 'dist/workspace/folder-reader-worker.js')}`);

const CYCLE = 'objectives:\n  - id: fast\n    title: Be fast\n    aligns_to: mission\n    key_results:\n      - id: p95\n        title: Cut p95\n        start: 900\n        target: 300\n';

/** `slowly`: take each file 0.2 ms (a parser), so that the thread fills every slot and waits for one to be taken. */
async function readEach(root: string, maxBytes: number, options: FolderReaderOptions, slowly = false): Promise<{ files: RawFile[]; threaded: boolean }> {
  const files: RawFile[] = [];
  let threaded = false;
  const take = (raw: RawFile) => {
    files.push(raw);
    for (const until = performance.now() + 0.2; slowly && performance.now() < until; );
  };
  await readWorkspaceFolderEach(root, maxBytes, take, { ...options, debug: () => (threaded = true) });
  return { files, threaded };
}

/** A file as read, without the reader thread's hint that its text is plain ASCII. */
function withoutHint({ printableAscii: _, ...raw }: RawFile): RawFile {
  return raw;
}

/** A folder with every kind of file okr refuses or skips, among ordinary teams (enough for several batches). */
function hostileWorkspace(): string {
  const dir = tempDir('okr-reader-');
  const outside = tempDir('okr-reader-outside-');
  writeFiles(outside, { 'goal.yaml': 'SECRET: 1\n', 'team/team.yaml': 'name: Outside\n' });
  execFileSync('mkfifo', [join(outside, 'pipe.yaml')]);
  const files: Record<string, string | Buffer> = { 'okr.yaml': 'mission: Be useful\ncycles:\n  - id: 2026-Q4\n    start: 2026-10-01\n    end: 2026-12-31\n' };
  for (let i = 0; i < 300; i++) {
    const team = `team-${String(i).padStart(3, '0')}`;
    files[`teams/${team}/team.yaml`] = `name: Team ${i}\n`;
    files[`teams/${team}/2026-Q4.yaml`] = i % 7 === 0 ? `${CYCLE}# ${'x'.repeat(2000 + i)}\n` : CYCLE;
  }
  Object.assign(files, {
    'teams/odd/team.yaml': 'name: Odd\n',
    'teams/odd/bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('objectives: []\n')]),
    'teams/odd/not-utf8.yaml': Buffer.from([0x6f, 0x3a, 0x20, 0xff, 0x0a]),
    'teams/odd/empty.yaml': '',
    'teams/odd/large.yaml': `# ${'y'.repeat(300 * 1024)}\n`, // larger than a batch's buffer, under the limit
    'teams/odd/too-large.yaml': `# ${'z'.repeat(600 * 1024)}\n`,
    'teams/odd/.hidden.yaml': 'objectives: []\n',
    'teams/odd/notes.txt': 'not a goal file\n',
    'teams/odd/BAD NAME.yaml': 'objectives: []\n',
    // Characters the YAML subset refuses, and some it reads: the thread says which files are plain ASCII.
    'teams/chars/team.yaml': 'name: Chars\n',
    'teams/chars/tab.yaml': 'objectives:\n\t- id: a\n',
    'teams/chars/tab-in-value.yaml': 'objectives: []\nnote: a\tb\n',
    'teams/chars/crlf.yaml': CYCLE.replace(/\n/g, '\r\n'),
    'teams/chars/lone-cr.yaml': 'objectives: []\rnote: x\n',
    'teams/chars/del.yaml': 'objectives: []\nnote: a\x7fb\n',
    'teams/chars/control.yaml': 'objectives: []\nnote: a\x01b\n',
    'teams/chars/nel.yaml': 'objectives: []\nnote: a\u0085b\n',
    'teams/chars/line-separator.yaml': 'objectives: []\nnote: a\u2028b\n',
    'teams/chars/accents.yaml': CYCLE.replace('Be fast', 'Être rapide, naïvement'),
    'teams/.dot/team.yaml': 'name: Dot\n',
    'teams/a-file-not-a-folder': 'x\n',
    // Files okr does not read but warns of (ignored-file), on both sides of the thread's first teams; and some it passes over.
    'okr.yml': 'mission: Elsewhere\n',
    'teams/team-100/2026-Q1.yml': CYCLE,
    'teams/team-250/team.YAML': 'name: Shouting\n',
    'teams/odd/.hidden.yml': CYCLE,
    'teams/odd/..yml': CYCLE,
    'shared/2026-Q4.yaml': CYCLE,
  });
  writeFiles(dir, files);
  mkdirSync(join(dir, 'teams/odd/folder.yaml'));
  mkdirSync(join(dir, 'teams/odd/folder.yml'));
  symlinkSync(join(dir, 'shared/2026-Q4.yaml'), join(dir, 'teams/odd/link.yml'));
  mkdirSync(join(dir, 'teams/odd/a-folder'));
  symlinkSync(join(dir, 'teams/odd/a-folder'), join(dir, 'teams/odd/link-to-folder.yaml'));
  symlinkSync(join(dir, 'shared/2026-Q4.yaml'), join(dir, 'teams/odd/link-inside.yaml'));
  symlinkSync(join(outside, 'goal.yaml'), join(dir, 'teams/odd/link-outside.yaml'));
  symlinkSync(join(outside, 'pipe.yaml'), join(dir, 'teams/odd/link-fifo-outside.yaml'));
  execFileSync('mkfifo', [join(dir, 'teams/odd/pipe')]);
  symlinkSync('pipe', join(dir, 'teams/odd/link-fifo-inside.yaml'));
  symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'teams/odd/dangling.yaml'));
  symlinkSync(join(outside, 'team'), join(dir, 'teams/intruder'));
  symlinkSync(join(dir, 'teams/team-000'), join(dir, 'teams/zz-linked-inside'));
  return dir;
}

describe('reading a workspace folder in a reader thread', () => {
  const MAX = 512 * 1024;

  it('gives the same files, texts and problems in the same order as reading on the main thread', async () => {
    const dir = hostileWorkspace();
    const expected = readWorkspaceFolder(dir, MAX);
    const rules = expected.flatMap((f) => (f.problem ? [`${f.file} ${f.problem.rule}`] : []));
    expect(rules).toEqual([
      'teams/odd/dangling.yaml unreadable-file',
      'teams/odd/link-fifo-inside.yaml unreadable-file',
      'teams/odd/link-fifo-outside.yaml unsafe-path',
      'teams/odd/link-outside.yaml unsafe-path',
      'teams/odd/link-to-folder.yaml unreadable-file',
      'teams/odd/not-utf8.yaml invalid-encoding',
      'teams/odd/too-large.yaml file-too-large',
      'okr.yml ignored-file',
      'teams/intruder/team.yaml unsafe-path',
      'teams/odd/link.yml ignored-file',
      'teams/team-100/2026-Q1.yml ignored-file',
      'teams/team-250/team.YAML ignored-file',
    ]);
    expect(expected.length).toBeGreaterThan(600); // several batches, and the thread waits for the parser
    const analyses = expected.map((raw) => analyzeRawFile(raw));

    for (const headTeams of [0, 1, 150]) {
      const threaded = await readEach(dir, MAX, { workerUrl: WORKER, minTeamsForThread: 0, headTeams }, true);
      expect(threaded.threaded).toBe(true);
      expect(threaded.files.map(withoutHint)).toEqual(expected);
      expect(threaded.files.map((raw) => analyzeRawFile(raw))).toEqual(analyses);
      if (headTeams === 0) {
        const plain = threaded.files.filter((raw) => raw.printableAscii).map((raw) => raw.file);
        expect(plain).toContain('teams/team-001/2026-Q4.yaml');
        expect(plain.filter((file) => file.startsWith('teams/chars/'))).toEqual(['teams/chars/team.yaml']);
        expect(plain.filter((file) => file.startsWith('teams/odd/'))).toEqual(['teams/odd/BAD NAME.yaml', 'teams/odd/empty.yaml', 'teams/odd/large.yaml', 'teams/odd/link-inside.yaml', 'teams/odd/team.yaml']);
      }
    }
    const onMain = await readEach(dir, MAX, { workerUrl: WORKER, minTeamsForThread: Infinity });
    expect(onMain.threaded).toBe(false);
    expect(onMain.files).toEqual(expected);
  });

  it('with OKR_MAX_FILE_BYTES at 16 MiB the thread reads; over it (sizes asked first), the main thread: the same files', async () => {
    const dir = hostileWorkspace();
    for (const [max, inThread] of [
      [16 * 1024 * 1024, true],
      [16 * 1024 * 1024 + 1, false],
    ] as const) {
      const result = await readEach(dir, max, { workerUrl: WORKER, minTeamsForThread: 0, headTeams: 0 });
      expect(result.threaded).toBe(inThread);
      expect(result.files.map(withoutHint)).toEqual(readWorkspaceFolder(dir, max));
    }
  });

  it('a teams/ folder linked out of the workspace, and no teams/ at all', async () => {
    const outside = tempDir('okr-reader-outside-');
    const linked = tempDir('okr-reader-');
    writeFiles(linked, { 'okr.yaml': 'mission: M\n' });
    symlinkSync(outside, join(linked, 'teams'));
    const none = tempDir('okr-reader-');
    writeFiles(none, { 'okr.yaml': 'mission: M\n' });
    for (const dir of [linked, none]) expect((await readEach(dir, MAX, { workerUrl: WORKER, minTeamsForThread: 0, headTeams: 0 })).files.map(withoutHint)).toEqual(readWorkspaceFolder(dir, MAX));
    expect(readWorkspaceFolder(linked, MAX).map((f) => f.problem?.rule)).toEqual([undefined, 'unsafe-path']);
  });

  it('a thread that cannot start leaves the reading to the main thread', async () => {
    const dir = hostileWorkspace();
    const missing = new URL(`file://${join(tempDir('okr-reader-'), 'no-such-worker.js')}`);
    const result = await readEach(dir, MAX, { workerUrl: missing, minTeamsForThread: 0, headTeams: 10 });
    expect(result.threaded).toBe(false);
    expect(result.files).toEqual(readWorkspaceFolder(dir, MAX));
  });

  it('an error while taking the files is the read\'s error, and the thread is stopped', async () => {
    const dir = hostileWorkspace();
    let taken = 0;
    const reading = readWorkspaceFolderEach(
      dir,
      MAX,
      () => {
        if (++taken === 200) throw new Error('parser failed');
      },
      { workerUrl: WORKER, minTeamsForThread: 0, headTeams: 0 },
    );
    await expect(reading).rejects.toThrow('parser failed');
  });
});

describe('a text known to be printable ASCII', () => {
  it('is read by the subset reader as without the hint, whenever the bytes say so', () => {
    // Characters at every edge of what the subset reads, in YAML-like lines.
    const pool = ['a', 'z', '0', ' ', ' ', ':', ': ', '- ', '#', '"', "'", '[', ']', '{', '}', ',', '\n', '\n  ', '\t', '\r', '\r\n', '\x00', '\x1f', '\x7e', '\x7f', '\x80', '\u0085', '\u00a0', 'é', '\u2028', '\ufeff', '\ufffd', 'key: value\n', '- id: x\n'];
    let seed = 7;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    let plain = 0;
    for (let run = 0; run < 20_000; run++) {
      let text = '';
      for (let i = random(12); i >= 0; i--) text += pool[random(pool.length)];
      const printable = isPrintableAscii(Buffer.from(text, 'utf8'));
      if (!printable) continue;
      plain++;
      expect(readYamlSubset(text, true)).toEqual(readYamlSubset(text));
    }
    expect(plain).toBeGreaterThan(1000);
    for (const refused of ['\t', '\r', '\x7f', '\x00', 'é', '\u2028']) expect(isPrintableAscii(Buffer.from(`a: b${refused}\n`))).toBe(false);
  });
});

describe('a file that changes between listing and reading', () => {
  function listed() {
    const dir = tempDir('okr-reader-');
    writeFiles(dir, { 'okr.yaml': 'mission: M\n', 'teams/a/team.yaml': 'name: A\n', 'teams/a/2026-Q4.yaml': CYCLE });
    const top = listWorkspaceTop(dir);
    const { entries } = listTeamFolder(top.teams[0]!, top.realRoot);
    const entry = entries.find((e) => e.file.endsWith('2026-Q4.yaml'))!;
    return { dir, top, entry };
  }

  it('a file gone is unreadable (ENOENT)', () => {
    const { dir, top, entry } = listed();
    rmSync(join(dir, 'teams/a/2026-Q4.yaml'));
    expect(readFolderEntry(entry, top.realRoot, 1024).problem).toMatchObject({ rule: 'unreadable-file', message: 'cannot read the file: ENOENT' });
  });

  it('a file replaced by a folder is unreadable (EISDIR)', () => {
    const { dir, top, entry } = listed();
    rmSync(join(dir, 'teams/a/2026-Q4.yaml'));
    mkdirSync(join(dir, 'teams/a/2026-Q4.yaml'));
    expect(readFolderEntry(entry, top.realRoot, 1024).problem).toMatchObject({ rule: 'unreadable-file', message: 'cannot read the file: EISDIR' });
  });

  it('a file that grew past the limit is too large', () => {
    const { dir, top, entry } = listed();
    writeFileSync(join(dir, 'teams/a/2026-Q4.yaml'), 'x'.repeat(2000));
    expect(readFolderEntry(entry, top.realRoot, 1024).problem).toMatchObject({ rule: 'file-too-large' });
  });
});

describe('okr at 2,000 teams', () => {
  it('the built okr reads them in a thread, with the output of the in-process run (which cannot start one)', { timeout: 60_000 }, async () => {
    const dir = tempDir('okr-reader-');
    const files: Record<string, string> = { 'okr.yaml': 'mission: Be useful\ncycles:\n  - id: 2026-Q4\n    start: 2026-10-01\n    end: 2026-12-31\n' };
    for (let i = 0; i < 2000; i++) {
      files[`teams/t${i}/team.yaml`] = `name: Team ${i}\n`;
      files[`teams/t${i}/2026-Q4.yaml`] = i === 500 ? 'objectives: [\n' : CYCLE.replace('aligns_to: mission', i === 7 ? 'aligns_to: t8/nope' : 'aligns_to: mission');
    }
    writeFiles(dir, files);
    writeFileSync(join(dir, 'teams/t3/bad.yaml'), Buffer.from([0xff]));
    const outside = tempDir('okr-reader-outside-');
    writeFileSync(join(outside, 'goal.yaml'), 'objectives: []\n');
    symlinkSync(join(outside, 'goal.yaml'), join(dir, 'teams/t4/link.yaml')); // refused by the thread itself
    const process = await okrProcess(['check', '--json', '-C', dir], { vars: { OKR_DEBUG: '1' } });
    expect(process.stderr).toContain('okr: debug: read 1744 of 2000 team folders in a reader thread');
    const inProcess = await okr(['check', '--json', '-C', dir]);
    expect(process.code).toBe(1);
    expect(process.stdout).toBe(inProcess.stdout);
    expect(JSON.parse(process.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(['invalid-encoding', 'unsafe-path', 'yaml-syntax', 'unknown-reference']));
  });
});
