// BlobReader against real git: contents byte for byte, across chunk boundaries, empty and missing
// objects, and thousands of requests in flight at once.
import { describe, expect, it } from 'vitest';
import { BlobReader } from '../../src/git/blob-reader.js';
import { Git } from '../../src/git/git.js';
import { git, makeRepo } from '../support/temp-repo.js';

describe('BlobReader', () => {
  it('answers what was asked just before it was closed (requests are written in batches)', async () => {
    const dir = makeRepo({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    const reader = new BlobReader(new Git(dir, process.env));
    const asked = [reader.read('HEAD:a.txt'), reader.read('HEAD:b.txt')];
    reader.close();
    expect((await Promise.all(asked)).map((b) => b?.toString())).toEqual(['a\n', 'b\n']);
  });

  it('returns every object as git stores it, in the order asked', async () => {
    const big = Buffer.alloc(300_000, 0x61);
    big.write('\nline that says missing\n', 70_000);
    const files: Record<string, string | Buffer> = {
      'empty.txt': '',
      'newline.txt': '\n',
      'header-like.txt': 'abc blob 12\nnot a header\n',
      'big.bin': big,
      'binary.bin': Buffer.from([0, 10, 255, 10, 10, 0]),
    };
    for (let i = 0; i < 3000; i++) files[`many/${i}.txt`] = `file ${i}\n`.repeat(i % 7);
    const dir = makeRepo(files);
    const ids = new Map(
      git(dir, ['ls-tree', '-r', 'HEAD'])
        .trim()
        .split('\n')
        .map((line) => [line.split('\t')[1]!, line.split(/\s+/)[2]!]),
    );
    const reader = new BlobReader(new Git(dir, process.env));
    try {
      const names = [...ids.keys()];
      const asked = [...names.map((n) => reader.read(ids.get(n)!)), reader.read('0'.repeat(40)), reader.read('HEAD:nope.txt'), reader.read('a\nb')];
      const got = await Promise.all(asked);
      names.forEach((name, i) => expect((got[i] as Buffer).equals(Buffer.from(files[name]!)), name).toBe(true));
      expect(got.slice(names.length)).toEqual([undefined, undefined, undefined]);
      // Still answering after a burst.
      expect((await reader.read(ids.get('newline.txt')!))?.toString()).toBe('\n');
    } finally {
      reader.close();
    }
  });

  it('passes over an object larger than its limit as it streams by, and reads the ones after it', async () => {
    const huge = Buffer.alloc(3_000_000, 0x62);
    const dir = makeRepo({ 'huge.yaml': huge, 'small.yaml': 'objectives: []\n', 'limit.yaml': 'x'.repeat(1000) });
    const id = (path: string) => git(dir, ['rev-parse', `HEAD:${path}`]).trim();
    const reader = new BlobReader(new Git(dir, process.env), 1000);
    try {
      const [a, b, c, d] = await Promise.all([reader.read(id('small.yaml')), reader.read(id('huge.yaml')), reader.read(id('limit.yaml')), reader.read(id('small.yaml'))]);
      expect(b).toEqual({ oversized: 3_000_000 });
      expect((a as Buffer).toString()).toBe('objectives: []\n');
      expect((c as Buffer).length).toBe(1000);
      expect((d as Buffer).toString()).toBe('objectives: []\n');
    } finally {
      reader.close();
    }
  });
});
