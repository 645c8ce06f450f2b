// src/model is the pure domain (STYLE.md): it imports only other model files, never I/O, YAML,
// git or colour. Read from the sources, so a new import of fs or chalk fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/run-cli.js';

const MODEL = join(PROJECT_ROOT, 'src/model');

describe('src/model is pure', () => {
  const files = readdirSync(MODEL).filter((f) => f.endsWith('.ts'));
  it('has files to check', () => {
    expect(files).toEqual(expect.arrayContaining(['progress.ts', 'pacing.ts', 'rollup.ts', 'view.ts', 'tree.ts']));
  });
  for (const file of files)
    it(`${file} imports only model files`, () => {
      const text = readFileSync(join(MODEL, file), 'utf8');
      const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
      const outside = specifiers.filter((s) => !/^\.\/[a-z0-9-]+\.js$/.test(s));
      expect(outside).toEqual([]);
      expect(text).not.toMatch(/\bprocess\.(env|stdout|stderr|cwd)\b/);
    });
});
