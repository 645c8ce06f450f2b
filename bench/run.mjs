// npm run bench: runs every bench/*.bench.mjs in turn. Each prints its own numbers (medians of
// whole-process runs) and, where it compares with a peer, the ratio. Pass names to run a subset:
//   npm run bench -- check diff
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const here = new URL('.', import.meta.url);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();
for (const file of benches) {
  console.log(`\n## ${file.replace('.bench.mjs', '')}`);
  const bench = await import(new URL(file, here));
  await bench.default();
}
