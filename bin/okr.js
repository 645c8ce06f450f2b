#!/usr/bin/env node
// The whole binary: okr's bundle, run with its code cache (src/cli/bundle.ts says why), lent this
// module's import() for the packages that are only ES modules (src/esm-import.ts). Everything else
// lives in src/ and is tested through run().
import { fileURLToPath } from 'node:url';
import { loadBundle, renewRefusedCodeCache } from '../dist/cli/bundle.js';

const bundle = fileURLToPath(new URL('../dist/bundle/okr.cjs', import.meta.url));
const loaded = loadBundle(bundle, `${bundle}.cache`);
process.once('exit', () => renewRefusedCodeCache(loaded, `${bundle}.cache`));
await loaded.exports.main(process.argv.slice(2), (specifier) => import(specifier));
