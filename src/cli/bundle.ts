// How bin/okr.js runs okr: from its bundle, dist/bundle/okr.cjs (made by scripts/bundle.mjs from
// main.ts), compiled with the V8 code cache made when it was built (okr.cjs.cache). Start-up is most
// of what a person waits for on a small workspace; on `okr check -C examples/acme` (2 cores, CPU of
// the whole process; Node alone ~25 ms) the ~100 ES modules of dist/ took ~190 ms, the one CommonJS
// file ~140 ms, and with the code cache ~120 ms.
//
// The cache is only ever an aid: V8 refuses one made by another Node or for another file, and so
// does this loader when the cache names another build of the bundle; okr then compiles as usual.
// Where V8 refused it (Node upgraded since okr was installed), okr writes a new one as it exits.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';

/** What the bundle exports: main.ts. */
export interface BundleExports {
  main(argv: readonly string[], importer?: (specifier: string) => Promise<unknown>): Promise<void>;
}

/** The first line of the bundle and of its cache: the build they belong to. */
export const BUILD_LINE = /^\/\/ okr bundle ([0-9a-f]{64})\n/;

/** The bundle's exports, and the script it was compiled as (cachedDataRejected says whether V8 took the cache). */
export interface LoadedBundle {
  readonly exports: BundleExports;
  readonly script: vm.Script;
  /** The bundle's build line (BUILD_LINE), undefined for a bundle without one. */
  readonly build: string | undefined;
}

/** Loads the bundle at `file`, with its code cache when `cacheFile` holds one for this very build. */
export function loadBundle(file: string, cacheFile?: string): LoadedBundle {
  const source = readFileSync(file, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData: cacheFile === undefined ? undefined : cacheFor(source, cacheFile),
  });
  const module = { exports: {} as BundleExports };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script, build: BUILD_LINE.exec(source)?.[0] };
}

/** The code cache of a loaded bundle as it stands (with what it has compiled so far), its build line first. */
export function codeCacheOf(loaded: LoadedBundle): Buffer {
  if (loaded.build === undefined) throw new Error('the bundle has no build line');
  return Buffer.concat([Buffer.from(loaded.build, 'latin1'), loaded.script.createCachedData()]);
}

/**
 * Writes `cacheFile` anew when V8 refused the code cache there (made by another Node): the next run
 * starts from this one. Written whole under another name, then renamed, so a concurrent okr reads
 * the old cache or the new one; a folder okr cannot write to (a system-wide install) stays as it is.
 */
export function renewRefusedCodeCache(loaded: LoadedBundle, cacheFile: string): void {
  if (loaded.script.cachedDataRejected !== true || loaded.build === undefined) return;
  const scratch = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(scratch, codeCacheOf(loaded));
    renameSync(scratch, cacheFile);
  } catch {
    rmSync(scratch, { force: true });
  }
}

/** The code cache in `cacheFile` when it was made for this very bundle: its build line comes first. */
function cacheFor(source: string, cacheFile: string): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const build = BUILD_LINE.exec(source)?.[0];
  if (build === undefined || cache.length <= build.length || cache.toString('latin1', 0, build.length) !== build) return undefined;
  return cache.subarray(build.length);
}
