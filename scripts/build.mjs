// Builds dist/: compiles the TypeScript sources, then precompiles the JSON Schemas into standalone
// ajv validators (dist/validators.cjs) so no run of okr pays for compiling them, then bundles dist/
// into the one file bin/okr.js runs, with its code cache (scripts/bundle.mjs); dist/build.json
// records what the build came from and holds (scripts/build-stamp.mjs).
//
// A dist/ built from exactly these sources is not built again; without TypeScript it is the only
// build there can be. npm runs this as the prepare script also where the dev dependencies are
// missing: it prepares a package installed globally from git without any of its dependencies
// (npm/cli#8440). That is why release tags carry the built package instead (scripts/release.mjs);
// here the build says what is missing and what to do, rather than failing on something else.
//
// Usage: node scripts/build.mjs [--force]   (--force: compile even when dist/ is up to date)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { intactStamp, sourceFingerprint, writeStamp } from './build-stamp.mjs';
import { bundle, makeCodeCache } from './bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => join(root, path);
const require = createRequire(at('package.json'));
const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8'));
const force = process.argv.includes('--force');

function fail(problem, fix) {
  console.error(`build: ${problem}`);
  if (fix) console.error(fix);
  process.exit(1);
}

const firstLine = (error) => String(error?.message ?? error).split('\n')[0];

const version = readFileSync(at('src/version.ts'), 'utf8').match(/VERSION = '([^']+)'/)?.[1];
if (version !== pkg.version) fail(`src/version.ts says ${version}, package.json ${pkg.version}.`, 'Give both the same version.');

const sources = sourceFingerprint(root);
const stamp = intactStamp(root);
// Only this project's own compiler: one in a folder above (a stray ~/node_modules) would compile
// without the type declarations the dev dependencies bring.
const tscPath = at('node_modules/typescript/bin/tsc');
const typescript = existsSync(tscPath) ? JSON.parse(readFileSync(at('node_modules/typescript/package.json'), 'utf8')).version : null;

// A dist/ built from exactly these sources (by this compiler, when there is one) is the build.
if (!force && stamp?.sources === sources && (!typescript || stamp.typescript === typescript)) {
  console.error(`build: dist/ is up to date with the sources${typescript ? '' : ' (TypeScript is not installed, and not needed)'}.`);
  process.exit(0);
}

if (!typescript) {
  const why = stamp ? 'and dist/ was built from other sources than these' : 'and there is no intact prebuilt dist/ (dist/build.json)';
  const repo = String(pkg.repository?.url ?? '').replace(/^git\+/, '');
  const hint =
    process.env.npm_config_global === 'true'
      ? 'npm installs a package from git globally without its dependencies (npm/cli#8440), so it cannot be built there.\n' +
        `Install a release: its tag carries the built files: npm install -g git+${repo}#semver:^${pkg.version}\n` +
        'or clone the repository, run npm install in it, then npm link (or npm install -g .).'
      : 'Run npm install (it installs the dev dependencies), then build again.';
  fail(`cannot compile okr: the TypeScript compiler (dev dependency "typescript") is not installed in ${at('node_modules')}, ${why}.`, hint);
}

// From scratch: files of an earlier build (a module since moved, old source maps) must not linger and ship.
rmSync(at('dist'), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [tscPath, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
if (tsc.error) fail(`could not run the TypeScript compiler: ${tsc.error.message}`);
if (tsc.status !== 0) {
  fail(`the TypeScript compiler ${tsc.signal ? `was stopped by ${tsc.signal}` : `failed (exit ${tsc.status}); its messages are above`}. dist/ holds what could be emitted.`);
}

let Ajv2020, standalone;
try {
  Ajv2020 = require('ajv/dist/2020.js').default;
  standalone = require('ajv/dist/standalone/index.js').default;
} catch (error) {
  fail(`cannot precompile the schemas: ${firstLine(error)}`, 'Run npm install, then build again.');
}
// Two sets: a quick yes/no (stops at the first error) for every file, and one that collects every
// error with its data (allErrors, verbose), loaded only for files the first one rejects.
const names = ['okr', 'team', 'cycle'];
mkdirSync(at('dist'), { recursive: true });
for (const [out, options] of [
  ['dist/validators-quick.cjs', { allErrors: false, strict: true }],
  ['dist/validators.cjs', { allErrors: true, strict: true, verbose: true }],
]) {
  const ajv = new Ajv2020({ ...options, code: { source: true } });
  for (const name of names) {
    const file = `schemas/${name}.schema.json`;
    try {
      ajv.addSchema(JSON.parse(readFileSync(at(file), 'utf8')), name);
    } catch (error) {
      fail(`cannot precompile ${file}: ${firstLine(error)}`);
    }
  }
  let code;
  try {
    code = standalone(ajv, Object.fromEntries(names.map((n) => [n, n])));
  } catch (error) {
    fail(`cannot precompile the schemas: ${firstLine(error)}`);
  }
  writeFileSync(at(out), code);
}
// The one file bin/okr.js runs, and V8's code cache for it (scripts/bundle.mjs).
try {
  await bundle(root);
} catch (error) {
  fail(`cannot bundle dist/: ${firstLine(error)}`, error?.code === 'MODULE_NOT_FOUND' ? 'Run npm install (it installs esbuild), then build again.' : undefined);
}
try {
  makeCodeCache(root);
} catch (error) {
  fail(`cannot make the code cache of dist/bundle/okr.cjs: ${firstLine(error)}`);
}
writeStamp(root, { version: pkg.version, sources, typescript });
