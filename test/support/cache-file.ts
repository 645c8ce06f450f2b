// Forging okr's cache files (workspace/cache-file.ts: a JSON header line with the body's sha256,
// then the body) for tests that check what a cache that is well formed but says something else does.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

/** Rewrites a cache file's body with `change`, with a checksum that matches: well-formed bytes that say something else. */
export function forgeCacheFile(file: string, change: (body: string) => string): void {
  const bytes = readFileSync(file, 'utf8');
  const newline = bytes.indexOf('\n');
  const header = JSON.parse(bytes.slice(0, newline)) as { sha256: string };
  const body = change(bytes.slice(newline + 1));
  header.sha256 = createHash('sha256').update(body).digest('hex');
  writeFileSync(file, `${JSON.stringify(header)}\n${body}`);
}
