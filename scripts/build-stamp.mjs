// dist/build.json: what a dist/ was built from (a fingerprint of the sources, the TypeScript
// version) and what it holds (each file's hash). With it a dist/ can be trusted without a build:
// the one a release tag carries (scripts/release.mjs), or the one of the last build when nothing
// changed since.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** What the output of a build depends on, besides the compiler. */
const INPUTS = ['src', 'schemas', 'tsconfig.json', 'scripts/build.mjs', 'scripts/build-stamp.mjs', 'scripts/bundle.mjs', 'scripts/code-cache.mjs'];
const STAMP = 'dist/build.json';

function filesUnder(root, path) {
  const abs = join(root, path);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [path];
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'));
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/**
 * sha256 over the build's inputs, path and content. Line endings are normalised, so a checkout with
 * CRLF files (git autocrlf) has the fingerprint of the commit.
 */
export function sourceFingerprint(root) {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((p) => filesUnder(root, p)).sort()) {
    const content = readFileSync(join(root, file), 'utf8').replace(/\r\n/g, '\n');
    hash.update(`${file}\0${Buffer.byteLength(content)}\0`).update(content);
  }
  return hash.digest('hex');
}

/** Writes the stamp of the dist/ just built. */
export function writeStamp(root, { version, sources, typescript }) {
  const files = Object.fromEntries(
    filesUnder(root, 'dist')
      .filter((f) => f !== STAMP)
      .sort()
      .map((f) => [f, sha256(readFileSync(join(root, f)))]),
  );
  writeFileSync(join(root, STAMP), `${JSON.stringify({ version, sources, typescript, files }, null, 2)}\n`);
}

/**
 * The stamp of dist/ when dist/ holds exactly the files it lists, unchanged; otherwise null (no
 * stamp, an unreadable one, or a dist/ changed or added to since).
 */
export function intactStamp(root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, STAMP), 'utf8'));
  } catch {
    return null;
  }
  if (!stamp || typeof stamp.files !== 'object' || typeof stamp.sources !== 'string') return null;
  const present = filesUnder(root, 'dist').filter((f) => f !== STAMP).sort();
  const listed = Object.keys(stamp.files).sort();
  if (present.length === 0 || present.join('\n') !== listed.join('\n')) return null;
  for (const f of listed) if (sha256(readFileSync(join(root, f))) !== stamp.files[f]) return null;
  return stamp;
}
