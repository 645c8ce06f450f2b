// Builds dist/: compiles TypeScript, then precompiles the JSON Schemas into standalone ajv
// validators (dist/validators.cjs) so no run of okr pays for compiling them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url);
const at = (p) => new URL(p, root);

// From scratch: files of an earlier build (a module since moved, source maps) must not linger and ship.
rmSync(at('dist'), { recursive: true, force: true });

try {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
    cwd: at('.'),
    stdio: 'inherit',
  });
} catch {
  console.error('build: TypeScript reported errors (above); dist/ holds what could be emitted.');
  process.exit(1);
}

const Ajv2020 = require('ajv/dist/2020.js').default;
const standalone = require('ajv/dist/standalone/index.js').default;
const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true, code: { source: true } });
const names = ['okr', 'team', 'cycle'];
const refs = {};
for (const name of names) {
  const schema = JSON.parse(readFileSync(at(`schemas/${name}.schema.json`), 'utf8'));
  ajv.addSchema(schema, name);
  refs[name] = name;
}
mkdirSync(at('dist'), { recursive: true });
writeFileSync(at('dist/validators.cjs'), standalone(ajv, refs));

const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8'));
const version = readFileSync(at('src/version.ts'), 'utf8').match(/VERSION = '([^']+)'/)?.[1];
if (version !== pkg.version) throw new Error(`src/version.ts says ${version}, package.json ${pkg.version}`);
