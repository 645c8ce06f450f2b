// Makes dist/bundle/okr.cjs.cache (see makeCodeCache in bundle.mjs): node scripts/code-cache.mjs <workspace>
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILD_LINE, loadBundle } from '../dist/cli/bundle.js';

const workspace = process.argv[2];
const file = fileURLToPath(new URL('../dist/bundle/okr.cjs', import.meta.url));
const { exports, script } = loadBundle(file);
for (const args of [['check'], ['check', '--format', 'json'], ['check', '--cache'], ['check', '--cache'], ['tree'], ['tree', '--json'], ['status'], ['diff', 'HEAD', 'HEAD'], ['--help'], ['check', '--help']]) {
  await exports.main([...args, '-C', workspace], (specifier) => import(specifier));
}
process.exitCode = 0;
const build = BUILD_LINE.exec(readFileSync(file, 'utf8'))?.[0];
if (!build) throw new Error(`${file} has no build line`);
writeFileSync(`${file}.cache`, Buffer.concat([Buffer.from(build, 'latin1'), script.createCachedData()]));
