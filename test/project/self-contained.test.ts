// A clone of this repository has nothing beside it: tests, benchmarks and scripts may read only what
// is inside the project. (The SARIF schema used to be read from ../shared, so `npm test` failed on a
// fresh clone.)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/run-cli.js';

function filesUnder(dir: string): string[] {
  return readdirSync(join(PROJECT_ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mjs|js|cjs|sh|py)$/.test(e.name))
    .map((e) => relative(PROJECT_ROOT, join(e.parentPath, e.name)));
}

// Ways a path leaves the project: the folder above the project root, or an absolute machine path.
const OUTSIDE = [
  /PROJECT_ROOT\s*,\s*['"]\.\.['"]/, // join(PROJECT_ROOT, '..', ...)
  /['"`]\.\.\/(\.\.\/)*shared\b/, // '../shared/...'
  /['"`]\/work\//, // '/work/...'
];

describe('the project is self-contained', () => {
  it('no test, benchmark or script reads a path outside the project', () => {
    const files = ['test', 'bench', 'scripts', '.ci'].flatMap(filesUnder);
    expect(files).toContain('test/check/sarif.test.ts');
    const offending = files.flatMap((file) =>
      readFileSync(join(PROJECT_ROOT, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ file, line: i + 1, text: line.trim() }))
        .filter(({ file: f, text }) => f !== 'test/project/self-contained.test.ts' && OUTSIDE.some((re) => re.test(text))),
    );
    expect(offending).toEqual([]);
  });

  it('the SARIF 2.1.0 schema in the fixtures is the official one, unchanged', () => {
    const text = readFileSync(join(PROJECT_ROOT, 'test/fixtures/sarif-2.1.0.json'));
    expect(createHash('sha256').update(text).digest('hex')).toBe('c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e');
    expect(JSON.parse(text.toString('utf8'))).toMatchObject({
      $schema: 'http://json-schema.org/draft-04/schema#',
      id: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    });
  });
});
