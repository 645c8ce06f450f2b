// Issue 9, item 15 (and the CODEOWNERS part of 17): okr codeowners --write writes only inside the
// repository, says what is wrong with a CODEOWNERS that is a folder, keeps the file's mode, and a
// folder name with a tab or a newline cannot split a CODEOWNERS line.
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { copyExample, tempDir, writeFiles } from '../support/temp-repo.js';

describe('okr codeowners --write and hostile paths', () => {
  it('refuses a .github folder that links out of the repository, and writes nothing there', async () => {
    const dir = copyExample('acme', { repo: true });
    const outside = tempDir();
    symlinkSync(outside, join(dir, '.github'));
    const result = await okr(['codeowners', '--write'], { cwd: dir });
    expect(result.stderr).toMatch(/okr: \.github\/CODEOWNERS leads out of the repository \(its folder is a link to .*\)\nokr does not write through links/);
    expect(result.code).toBe(1);
    expect(readdirSync(outside)).toEqual([]);
    // --check reads nothing there either.
    writeFileSync(join(outside, 'CODEOWNERS'), 'x\n');
    expect((await okr(['codeowners', '--check'], { cwd: dir })).stderr).toMatch(/leads out of the repository/);
  });

  it('says that a .github/CODEOWNERS folder is a folder (exit 1, not an internal error)', async () => {
    const dir = copyExample('acme', { repo: true });
    mkdirSync(join(dir, '.github/CODEOWNERS'), { recursive: true });
    for (const mode of ['--write', '--check']) {
      const result = await okr(['codeowners', mode], { cwd: dir });
      expect(result.stderr).toMatch(/okr: \.github\/CODEOWNERS is a directory\nCODEOWNERS must be a file/);
      expect(result.code).toBe(1);
    }
    expect(statSync(join(dir, '.github/CODEOWNERS')).isDirectory()).toBe(true);
  });

  it('keeps the mode of the file it updates', async () => {
    const dir = copyExample('acme', { repo: true });
    writeFiles(dir, { CODEOWNERS: '* @acme/everyone\n' });
    chmodSync(join(dir, 'CODEOWNERS'), 0o600);
    expect((await okr(['codeowners', '--write'], { cwd: dir })).code).toBe(0);
    expect(statSync(join(dir, 'CODEOWNERS')).mode & 0o777).toBe(0o600);
  });

  it('gives a folder with a tab or a newline in its name no line of its own', async () => {
    const dir = copyExample('acme', { repo: true });
    for (const name of ['a\tb', 'c\nd']) writeFiles(dir, { [`teams/${name}/team.yaml`]: 'name: Odd\nowners: [odd@acme.example]\n' });
    const result = await okr(['codeowners'], { cwd: dir });
    const lines = result.stdout.split('\n');
    expect(lines.filter((l) => l.includes('odd@acme.example'))).toEqual([]);
    expect(lines.every((l) => l === '' || l.startsWith('#') || l.startsWith('/teams/'))).toBe(true);
    expect(existsSync(join(dir, '.github'))).toBe(false);
  });
});
