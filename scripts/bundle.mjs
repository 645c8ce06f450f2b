// okr's bundle: dist/ (compiled by tsc) made into one CommonJS file, dist/bundle/okr.cjs, and V8's
// code cache for it, dist/bundle/okr.cjs.cache. bin/okr.js runs it (src/cli/bundle.ts: why, and
// what it is measured to save). Called by scripts/build.mjs after tsc.
//
// - The bundle sits one folder below dist/, as every module that finds a file relative to itself
//   does (dist/workspace/schema-validation.js: ../validators-quick.cjs, ../../schemas/), so those
//   paths still hold; test/project/bundle.test.ts checks them.
// - Packages that are ES modules only go in (commander's typings, chalk, string-width: CommonJS
//   cannot require them on Node before 20.19); CommonJS packages needed late stay out (ajv's full
//   compiler, yaml, simple-git, React). ink cannot be in a CommonJS file at all (top-level await):
//   it is imported when a view is drawn, with the import() bin/okr.js lends (src/esm-import.ts).
// - Two modules differ in the bundle: each `x.bundle.ts` beside its `x.ts` (string-width, ink) says how.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The modules the bundle takes in their `.bundle.js` form. */
const SWAPPED = ['render/text/string-width.js', 'render/tui/ink.js'];

/** Packages left out of the bundle: loaded from node_modules when (if ever) a run needs them. */
const EXTERNAL = ['ink', 'react', 'react/*', 'yaml', 'simple-git', 'ajv', 'ajv/*'];

export async function bundle(root) {
  const esbuild = createRequire(join(root, 'package.json'))('esbuild');
  const dist = join(root, 'dist');
  const out = join(dist, 'bundle', 'okr.cjs');
  const swapped = new Set();
  const result = await esbuild.build({
    entryPoints: [join(dist, 'cli', 'main.js')],
    outfile: out,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // import() cannot work in a script compiled from a code cache: every import() of a package left
    // out becomes a require, and the ES-module-only ones go through esm-import.ts instead.
    supported: { 'dynamic-import': false },
    // A CommonJS file has no import.meta; the bundle's own URL stands in for each module's.
    define: { 'import.meta.url': '__okr_bundle_url' },
    banner: { js: "const __okr_bundle_url = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'silent',
    write: false,
    plugins: [
      {
        name: 'okr-bundle-modules',
        setup(build) {
          build.onResolve({ filter: /\.js$/ }, (args) => {
            if (!args.importer.startsWith(dist) || !args.path.startsWith('.')) return undefined;
            const target = join(args.resolveDir, args.path);
            const swap = SWAPPED.find((m) => target === join(dist, m));
            if (swap === undefined) return undefined;
            swapped.add(swap);
            return { path: target.replace(/\.js$/, '.bundle.js') };
          });
        },
      },
    ],
  });
  const missing = SWAPPED.filter((m) => !swapped.has(m));
  if (missing.length) throw new Error(`the bundle no longer imports ${missing.join(', ')}: update SWAPPED in scripts/bundle.mjs`);
  const code = result.outputFiles[0].text;
  if (/\bimport\(/.test(code.replace(/__toESM\(require\(/g, ''))) throw new Error('the bundle still has an import(), which cannot work in it: import ES-module-only packages through src/esm-import.ts');
  // The build line: which build a code cache belongs to (src/cli/bundle.ts checks it).
  const id = createHash('sha256').update(code).digest('hex');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `// okr bundle ${id}\n${code}`);
  return out;
}

/**
 * Runs the bundle as bin/okr.js does, on a copy of the bundled example committed to a scratch git
 * repository (the commands people run most: check, check --cache, tree, status, --help), and writes
 * what V8 compiled meanwhile as the code cache. In a child process, so the build's own modules are
 * not in it. Without git, the copy is read as a plain folder.
 */
export function makeCodeCache(root) {
  const scratch = mkdtempSync(join(tmpdir(), 'okr-code-cache-'));
  const workspace = join(scratch, 'acme');
  const env = {
    ...process.env,
    NO_COLOR: '1',
    OKR_TODAY: '2026-11-25',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'okr build',
    GIT_AUTHOR_EMAIL: 'build@okr.invalid',
    GIT_COMMITTER_NAME: 'okr build',
    GIT_COMMITTER_EMAIL: 'build@okr.invalid',
  };
  try {
    cpSync(join(root, 'examples', 'acme'), workspace, { recursive: true });
    try {
      for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '--no-verify', '-m', 'example']]) execFileSync('git', args, { cwd: workspace, env, stdio: 'ignore' });
    } catch {
      // No git here: the warm-up reads a plain folder.
    }
    execFileSync(process.execPath, [join(root, 'scripts', 'code-cache.mjs'), workspace], { cwd: scratch, stdio: ['ignore', 'ignore', 'inherit'], env });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
