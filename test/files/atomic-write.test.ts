// The one atomic writer: the new content replaces the old in one rename, the file keeps its mode
// and owner, and a failed write leaves the old file and no temporary file behind.
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../src/files/atomic-write.js';
import { tempDir } from '../support/temp-repo.js';

describe('writeFileAtomically', () => {
  it('replaces the content, keeping the mode the file had', () => {
    const dir = tempDir();
    const file = join(dir, 'goals.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o640);
    const inode = statSync(file).ino;
    writeFileAtomically(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).mode & 0o7777).toBe(0o640);
    expect(statSync(file).ino).not.toBe(inode); // a new file renamed over the old one, not the old one rewritten
    expect(readdirSync(dir)).toEqual(['goals.yaml']);
  });

  it('writes bytes as given, and a new file with the mode asked for', () => {
    const dir = tempDir();
    const file = join(dir, 'CODEOWNERS');
    writeFileAtomically(file, Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a]), { mode: 0o600 });
    expect([...readFileSync(file)]).toEqual([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a]);
    expect(statSync(file).mode & 0o7777).toBe(0o600);
  });

  it.runIf(process.getuid?.() === 0)('keeps the owner and group of the file it replaces (as root, who may set them)', () => {
    const dir = tempDir();
    const file = join(dir, 'goals.yaml');
    writeFileSync(file, 'old\n');
    chownSync(file, 4321, 4322);
    writeFileAtomically(file, 'new\n');
    expect(statSync(file).uid).toBe(4321);
    expect(statSync(file).gid).toBe(4322);
  });

  it('leaves the old file and no temporary file when the write fails', () => {
    const dir = tempDir();
    const target = join(dir, 'a-folder');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'kept\n');
    expect(() => writeFileAtomically(target, 'cannot replace a folder\n')).toThrow();
    expect(readdirSync(dir)).toEqual(['a-folder']);
    expect(readFileSync(join(target, 'inside'), 'utf8')).toBe('kept\n');
  });
});
