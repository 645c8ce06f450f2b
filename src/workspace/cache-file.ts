// A cache file in `<git dir>/okr/`: one JSON header line ({format, key, sha256}) then the body. The
// key names everything the content depends on (okr's version, settings, the commit it is valid
// for); the checksum covers the body. A file with another format or key, a checksum that does not
// match, or no header at all reads as absent: a cache is never the truth, only a shortcut to it.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from '../files/atomic-write.js';

export function cachePath(gitDir: string, name: string): string {
  return join(gitDir, 'okr', name);
}

/** The body of cache file `name` when it exists and its header says `format` and `key` and its checksum matches. */
export function readCacheFile(gitDir: string, name: string, format: number, key: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cachePath(gitDir, name));
  } catch {
    return undefined;
  }
  try {
    const newline = bytes.indexOf(10);
    if (newline < 0) return undefined;
    const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as unknown;
    if (header === null || typeof header !== 'object' || Array.isArray(header)) return undefined;
    const { format: f, key: k, sha256: sum } = header as Record<string, unknown>;
    if (f !== format || k !== key) return undefined;
    const body = bytes.subarray(newline + 1);
    return sum === sha256(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

/** Writes cache file `name` (atomically); a git folder okr may not write to is left alone. */
export function writeCacheFile(gitDir: string, name: string, format: number, key: string, body: Buffer): void {
  try {
    mkdirSync(join(gitDir, 'okr'), { recursive: true });
    writeFileAtomically(cachePath(gitDir, name), Buffer.concat([Buffer.from(`${JSON.stringify({ format, key, sha256: sha256(body) })}\n`, 'utf8'), body]));
  } catch {
    // A cache: without it the next run reads git again.
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The fingerprint of the sources okr was built from (dist/build.json), part of every cache's key so
 * that a build of other sources under the same version number does not trust what this one wrote;
 * '' without one.
 */
export function buildFingerprint(): string {
  return (fingerprint ??= readFingerprint());
}

// Read once: the history and check caches each ask for it, some more than once a command.
let fingerprint: string | undefined;

function readFingerprint(): string {
  try {
    const stamp = JSON.parse(readFileSync(new URL('../build.json', import.meta.url), 'utf8')) as { sources?: unknown } | null;
    return typeof stamp?.sources === 'string' ? stamp.sources : '';
  } catch {
    return '';
  }
}
