// Makes dist/bundle/okr.cjs.cache (see makeCodeCache in bundle.mjs): node scripts/code-cache.mjs <workspace>
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { codeCacheOf, loadBundle } from '../dist/cli/bundle.js';

const workspace = process.argv[2];
const file = fileURLToPath(new URL('../dist/bundle/okr.cjs', import.meta.url));
const loaded = loadBundle(file);
for (const args of [['check'], ['check', '--format', 'json'], ['check', '--cache'], ['check', '--cache'], ['tree'], ['tree', '--json'], ['status'], ['diff', 'HEAD', 'HEAD'], ['--help'], ['check', '--help']]) {
  await loaded.exports.main([...args, '-C', workspace], (specifier) => import(specifier));
}
process.exitCode = 0;
writeFileSync(`${file}.cache`, codeCacheOf(loaded));
