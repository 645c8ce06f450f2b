// What `npm pack` would publish, as npm itself lists it (npm pack --dry-run --json): the built
// program, its schemas, the examples the demo uses, the licence; no source maps that point at
// sources the package does not ship, nothing from src/ or test/.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientEnv } from '../support/clients.js';
import { DIST_ENTRIES } from '../support/release.js';
import { PROJECT_ROOT } from '../support/run-cli.js';

interface PackEntry {
  path: string;
}

function packedFiles(): string[] {
  // --ignore-scripts: `npm test` has just built dist/; the prepare script would build it again.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [pack] = JSON.parse(out) as [{ files: PackEntry[] }];
  return pack.files.map((f) => f.path).sort();
}

describe('the npm package (npm pack --dry-run)', () => {
  it('npm pack prints only the name of the tarball, though it runs the prepare script (pre-commit reads that name)', () => {
    // Since npm 10.5 the prepare script's banner went to stdout; pre-commit then installed the path
    // "> okr@0.1.0 prepare\n> node scripts/build.mjs\n\nokr-0.1.0.tgz". .npmrc keeps scripts quiet.
    const run = spawnSync('npm', ['pack', '--dry-run'], { cwd: PROJECT_ROOT, encoding: 'utf8', env: clientEnv() });
    expect(run.status).toBe(0);
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.prepare).toBeDefined();
    expect(run.stdout).toBe(`${pkg.name}-${pkg.version}.tgz\n`);
  });

  const files = packedFiles();

  it('ships the licence package.json names, the program, its schemas and the examples', () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
    expect(pkg.license).toBe('MIT');
    expect(files).toContain('LICENSE');
    const licence = readFileSync(join(PROJECT_ROOT, 'LICENSE'), 'utf8');
    expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} okr contributors\n/);
    expect(licence).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
    expect(DIST_ENTRIES.length).toBeGreaterThan(0);
    for (const f of ['package.json', 'README.md', 'bin/okr.js', ...DIST_ENTRIES, 'dist/validators.cjs', 'schemas/okr.schema.json', 'examples/acme/okr.yaml']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /^(src|test|bench|scripts|\.ci|node_modules)\//.test(f))).toEqual([]);
  });

  it('ships no source map whose sources it does not ship, and no reference to a missing map', () => {
    const shipped = new Set(files);
    const dangling: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.map'))) {
      const map = JSON.parse(readFileSync(join(PROJECT_ROOT, file), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      map.sources.forEach((source, i) => {
        const path = posix.normalize(posix.join(posix.dirname(file), source));
        if (!shipped.has(path) && !map.sourcesContent?.[i]) dangling.push(`${file} -> ${source}`);
      });
    }
    for (const file of files.filter((f) => /\.(c|m)?js$/.test(f))) {
      const ref = readFileSync(join(PROJECT_ROOT, file), 'utf8').match(/\/\/# sourceMappingURL=(?!data:)(\S+)\s*$/)?.[1];
      if (ref && !shipped.has(posix.normalize(posix.join(posix.dirname(file), ref)))) dangling.push(`${file} -> ${ref}`);
    }
    expect(dangling).toEqual([]);
  });
});
