// okr's bundle (scripts/bundle.mjs, src/cli/bundle.ts): bin/okr.js runs one CommonJS file made from
// dist/, with V8's code cache. It must do exactly what the sources do, find the files they find,
// and take its code cache only when it was made for it.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okr, okrProcess, PROJECT_ROOT } from '../support/run-cli.js';
import { copyExample, tempDir } from '../support/temp-repo.js';

const SRC = join(PROJECT_ROOT, 'src');
const BUNDLE = join(PROJECT_ROOT, 'dist', 'bundle', 'okr.cjs');
const LOADER = join(PROJECT_ROOT, 'dist', 'cli', 'bundle.js');
const VERSION = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version as string;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The relative paths a module finds from its own place (import.meta.url), not counting its imports. */
function pathsRelativeToItself(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  if (!text.includes('import.meta.url')) return [];
  const withoutImports = text.replace(/(?:^|\n)\s*(?:import|export)[^;]*?from\s*['"][^'"]+['"]/g, '').replace(/import\(\s*['"][^'"]+['"]\s*\)/g, '');
  return [...withoutImports.matchAll(/['`](\.\.?\/[^'`$]*)/g)].map((m) => m[1]!);
}

/**
 * Runs `code` in a Node process as an ES module beside dist/cli/bundle.js; returns its stdout.
 * `loadBundle` is in scope.
 */
function withLoader(code: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', `import { loadBundle } from ${JSON.stringify(LOADER)};\n${code}`], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

describe('the bundle bin/okr.js runs', () => {
  it('finds every file the modules find relative to themselves: they sit one folder below src/, as it does below dist/', () => {
    const found = sourceFiles(SRC).flatMap((file) => pathsRelativeToItself(file).map((path) => ({ file: relative(SRC, file).split(sep).join('/'), path })));
    // schema-validation (validators, schemas), cache-file (build.json), demo (the example, the binary).
    expect(found.length).toBeGreaterThanOrEqual(5);
    for (const { file, path } of found) {
      expect(file.split('/').length, `${file} finds ${path} relative to itself, so it must be one folder below src/`).toBe(2);
      const fromBundle = resolve(dirname(BUNDLE), path);
      expect(existsSync(fromBundle) || existsSync(dirname(fromBundle)), `${path} (${file}) from the bundle: ${fromBundle}`).toBe(true);
    }
  });

  it('prints what the sources print, wide characters included (string-width is bundled in its own form)', async () => {
    const dir = copyExample('acme');
    const file = join(dir, 'teams', 'checkout', '2026-Q4.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: One-click checkout for returning buyers', 'title: ワンクリック決済 for returning buyers 🚀'));
    for (const argv of [['tree'], ['tree', '--json'], ['check'], ['check', '--format', 'json'], ['status'], ['show', 'checkout']]) {
      const inProcess = await okr([...argv, '-C', dir]);
      const child = await okrProcess([...argv, '-C', dir]);
      expect({ argv, code: child.code, stdout: child.stdout, stderr: child.stderr }).toEqual({ argv, code: inProcess.code, stdout: inProcess.stdout, stderr: inProcess.stderr });
    }
    expect((await okrProcess(['tree', '-C', dir])).stdout).toContain('ワンクリック決済');
  });

  it('takes the code cache the build made for it', () => {
    const out = withLoader(`const { script } = loadBundle(${JSON.stringify(BUNDLE)}, ${JSON.stringify(`${BUNDLE}.cache`)}); console.log(script.cachedDataRejected);`);
    expect(out.trim()).toBe('false');
  });

  describe('and ignores a code cache that is not its own', () => {
    const build = readFileSync(BUNDLE, 'utf8').split('\n', 1)[0]!;
    const cache = readFileSync(`${BUNDLE}.cache`);
    const data = cache.subarray(Buffer.byteLength(`${build}\n`));
    const otherBuild = `// okr bundle ${'0'.repeat(64)}\n`;

    it.each([
      ['missing', undefined, 'undefined'],
      ['made for another build of the bundle', Buffer.concat([Buffer.from(otherBuild), data]), 'undefined'],
      ['its build line only', Buffer.from(`${build}\n`), 'undefined'],
      ['empty', Buffer.alloc(0), 'undefined'],
      ['damaged after its build line (V8 refuses it)', Buffer.concat([Buffer.from(`${build}\n`), Buffer.from('not a code cache at all'.repeat(100))]), 'true'],
      ['cut short (V8 refuses it)', cache.subarray(0, Buffer.byteLength(`${build}\n`) + Math.floor(data.length / 2)), 'true'],
    ])('%s: okr runs as it would without one', (_name, content, rejected) => {
      const dir = tempDir('okr-bundle-');
      const copy = join(dir, 'bundle', 'okr.cjs');
      execFileSync('mkdir', ['-p', dirname(copy)]);
      copyFileSync(BUNDLE, copy);
      if (content !== undefined) writeFileSync(`${copy}.cache`, content);
      const out = withLoader(
        `const { exports, script } = loadBundle(${JSON.stringify(copy)}, ${JSON.stringify(`${copy}.cache`)}); console.log(String(script.cachedDataRejected)); await exports.main(['--version']);`,
      );
      expect(out.split('\n').slice(0, 2)).toEqual([rejected, VERSION]);
    });
  });

  describe('renews, as it exits, a code cache V8 refused (Node upgraded since okr was installed)', () => {
    const build = readFileSync(BUNDLE, 'utf8').split('\n', 1)[0]!;
    /** bin/okr.js and dist/ copied to a folder of their own (the packages linked), with `cache` as the bundle's code cache. */
    function installWith(cache: Buffer): { bin: string; bundle: string; folder: string } {
      const root = tempDir('okr-install-');
      cpSync(join(PROJECT_ROOT, 'dist'), join(root, 'dist'), { recursive: true });
      cpSync(join(PROJECT_ROOT, 'bin'), join(root, 'bin'), { recursive: true });
      copyFileSync(join(PROJECT_ROOT, 'package.json'), join(root, 'package.json'));
      symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
      const bundle = join(root, 'dist', 'bundle', 'okr.cjs');
      writeFileSync(`${bundle}.cache`, cache);
      return { bin: join(root, 'bin', 'okr.js'), bundle, folder: dirname(bundle) };
    }
    const run = (bin: string, dir: string) => spawnSync(process.execPath, [bin, 'check', '-C', dir], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const taken = (bundle: string) => withLoader(`console.log(String(loadBundle(${JSON.stringify(bundle)}, ${JSON.stringify(`${bundle}.cache`)}).script.cachedDataRejected));`).trim();

    it('a refused cache is replaced by one V8 takes, the output unchanged, no scratch file left', async () => {
      const dir = copyExample('acme');
      const { bin, bundle, folder } = installWith(Buffer.concat([Buffer.from(`${build}\n`), Buffer.from('made by another Node'.repeat(100))]));
      expect(taken(bundle)).toBe('true');
      const first = run(bin, dir);
      const expected = await okrProcess(['check', '-C', dir]);
      expect([first.status, first.stdout, first.stderr]).toEqual([expected.code, expected.stdout, expected.stderr]);
      expect(taken(bundle)).toBe('false');
      expect(readFileSync(`${bundle}.cache`, 'latin1').startsWith(`${build}\n`)).toBe(true);
      expect(readdirSync(folder).sort()).toEqual(['okr.cjs', 'okr.cjs.cache']);
      const second = run(bin, dir);
      expect([second.status, second.stdout]).toEqual([first.status, first.stdout]);
    });

    it('a cache of another build is not V8\'s to refuse: left as it is', () => {
      const other = Buffer.from(`// okr bundle ${'0'.repeat(64)}\nsomething else`);
      const { bin, bundle } = installWith(other);
      expect(run(bin, copyExample('acme')).status).toBe(0);
      expect(readFileSync(`${bundle}.cache`)).toEqual(other);
    });
  });
});
