// listTree against real git: every field of every record, for names that a record parser could
// trip on (spaces, tabs, newlines, a leading dash, wide characters), links, a submodule (size "-")
// and sizes of every width git pads to.
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Git } from '../../src/git/git.js';
import { listTree, type TreeEntry } from '../../src/git/tree-listing.js';
import { git, makeRepo } from '../support/temp-repo.js';

/** git's own listing read the slow, obvious way (the parser listTree had before: split, then a regex a record). */
function reference(dir: string, commit: string, paths: string[]): TreeEntry[] {
  const out = git(dir, ['ls-tree', '-r', '-z', '--long', '--full-tree', commit, '--', ...paths]);
  return out
    .split('\0')
    .filter((record) => record !== '')
    .map((record) => {
      const tab = record.indexOf('\t');
      const [mode, type, object, size] = record.slice(0, tab).split(/ +/) as [string, string, string, string];
      return { mode, type, object, size: Number(size), path: record.slice(tab + 1) };
    });
}

describe('listTree', () => {
  it('reads every record as git writes it, whatever the names and sizes', async () => {
    const names = [
      'teams/a b/2026.yaml',
      'teams/two  spaces /team.yaml',
      'teams/tab\there/team.yaml',
      'teams/new\nline/team.yaml',
      'teams/-dash/2026.yaml',
      'teams/ünïcødé-日本/2026.yaml',
      'teams/emoji-🎯/team.yaml',
      'teams/x/\ttab-first.yaml',
      'teams/x/ space-first.yaml',
      'okr.yaml',
      'outside.txt',
    ];
    const files: Record<string, string | Buffer> = {};
    names.forEach((name, i) => (files[name] = `content ${i}\n`.repeat(i)));
    // Sizes of 0 to 7 digits: git right-aligns them in a column of 7.
    for (let digits = 1; digits <= 7; digits++) files[`teams/sizes/${digits}.yaml`] = Buffer.alloc(10 ** (digits - 1), 0x61);
    files['teams/sizes/empty.yaml'] = '';
    const dir = makeRepo(files);
    symlinkSync('../a b/2026.yaml', join(dir, 'teams/x/link.yaml'));
    writeFileSync(join(dir, 'teams/x/run.sh'), '#!/bin/sh\n', { mode: 0o755 });
    git(dir, ['add', '-A']);
    // A submodule (gitlink): no size, git prints "-".
    git(dir, ['update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},teams/sub`]);
    git(dir, ['commit', '-q', '-m', 'odd names']);
    const commit = git(dir, ['rev-parse', 'HEAD']).trim();

    const paths = ['okr.yaml', 'teams'];
    const listed = await listTree(new Git(dir, process.env), commit, paths);
    expect(listed).toEqual(reference(dir, commit, paths));
    // And the reference is what it should be, so the comparison means something.
    expect(listed.map((e) => e.path)).toEqual(expect.arrayContaining(names.filter((n) => n !== 'outside.txt')));
    expect(listed).toContainEqual(expect.objectContaining({ path: 'teams/sub', mode: '160000', type: 'commit', size: Number.NaN }));
    expect(listed).toContainEqual(expect.objectContaining({ path: 'teams/x/link.yaml', mode: '120000', type: 'blob', size: '../a b/2026.yaml'.length }));
    expect(listed).toContainEqual(expect.objectContaining({ path: 'teams/x/run.sh', mode: '100755' }));
    expect(listed.find((e) => e.path === 'teams/sizes/7.yaml')?.size).toBe(1_000_000);
    expect(listed.find((e) => e.path === 'teams/sizes/empty.yaml')?.size).toBe(0);
    expect(listed.every((e) => /^[0-9a-f]{40}$/.test(e.object))).toBe(true);
    expect(listed.some((e) => e.path === 'outside.txt')).toBe(false);
  });

  it('an empty listing is no entries', async () => {
    const dir = makeRepo({ 'other.txt': 'x\n' });
    expect(await listTree(new Git(dir, process.env), 'HEAD', ['teams'])).toEqual([]);
  });
});
