// The layers of src/, read from the sources: each folder imports only the folders below it (the
// table LAYERS), only the packages that are its job (PACKAGES), and no file imports another in a
// circle. src/model is the pure domain (STYLE.md): it imports only other model
// files, never I/O, YAML, git or colour. A new import that breaks a rule fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/run-cli.js';

const SRC = join(PROJECT_ROOT, 'src');
const MODEL = join(SRC, 'model');

/** `.` stands for the files at the top of src/ (env.ts, errors.ts, version.ts). */
type Layer = 'cli' | 'definitions' | 'commands' | 'app' | 'render' | 'workspace' | 'files' | 'git' | 'model' | '.';

/**
 * For each folder, the folders it may import (itself always). Dependencies point down:
 * cli → commands → app → render | workspace → git → model.
 */
const LAYERS: Record<Layer, readonly Layer[]> = {
  cli: ['definitions', 'commands', '.'],
  commands: ['definitions', 'app', 'render', 'workspace', 'files', 'git', 'model', '.'],
  definitions: ['.'],
  app: ['render', 'workspace', 'files', 'git', 'model', '.'],
  // '.': printable.ts, the one rule for showing goal and git text on a terminal (SPEC 9).
  render: ['model', '.'],
  workspace: ['files', 'git', 'model', '.'],
  files: [],
  git: ['model', '.'],
  model: [],
  '.': [],
};

/** The packages each folder may use (node: built-ins are I/O, so they are listed too). Every other folder: none. */
const PACKAGES: Partial<Record<Layer, readonly string[]>> = {
  // node:fs, node:module, node:path, node:vm: loading okr's bundle with its code cache (cli/bundle.ts)
  cli: ['@commander-js/extra-typings', 'commander', 'node:fs', 'node:module', 'node:path', 'node:vm'],
  definitions: ['@commander-js/extra-typings'],
  commands: ['node:fs', 'node:os', 'node:path', 'node:url'],
  app: ['ink', 'react', 'node:fs', 'node:path', 'node:stream'],
  // node:crypto: the HTML report's CSP hashes; node:module: string-width required on first use (progress-cells.ts)
  render: ['chalk', 'ink', 'react', 'string-width', 'node:crypto', 'node:module'],
  // node:worker_threads: the reader thread of a large workspace folder (workspace/folder-reader.ts)
  workspace: ['yaml', 'ajv', 'node:crypto', 'node:fs', 'node:module', 'node:path', 'node:url', 'node:worker_threads'],
  files: ['node:fs', 'node:path'],
  git: ['simple-git', 'node:child_process', 'node:fs', 'node:os', 'node:path', 'node:string_decoder'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

interface Import {
  readonly specifier: string;
  /** import('...'): loaded when it runs, not at start-up. */
  readonly dynamic: boolean;
}

/** Every import of a file, static, type-only and dynamic alike. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)(?:[^'";]*?from)?\s*['"]([^'"]+)['"]/g)) found.push({ specifier: m[1]!, dynamic: false });
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: m[1]!, dynamic: true });
  return found;
}

/** The source file a relative specifier names (`./x.js` is x.ts or x.tsx). */
function resolveImport(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier).replace(/\.js$/, '');
  for (const ending of ['.ts', '.tsx']) {
    try {
      if (statSync(base + ending).isFile()) return base + ending;
    } catch {
      // try the next ending
    }
  }
  throw new Error(`${relative(SRC, from)} imports ${specifier}, which is not a source file`);
}

function layerOf(file: string): Layer {
  const parts = relative(SRC, file).split(sep);
  return (parts.length === 1 ? '.' : parts[0]) as Layer;
}

function packageOf(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

const FILES = sourceFiles(SRC);
const GRAPH = new Map(
  FILES.map((file) => [
    file,
    importsOf(file)
      .filter((i) => i.specifier.startsWith('.'))
      .map((i) => ({ target: resolveImport(file, i.specifier), dynamic: i.dynamic })),
  ]),
);

describe('src/model is pure', () => {
  const files = readdirSync(MODEL).filter((f) => f.endsWith('.ts'));
  it('has files to check', () => {
    expect(files).toEqual(expect.arrayContaining(['progress.ts', 'pacing.ts', 'rollup.ts', 'view.ts', 'tree.ts']));
  });
  for (const file of files)
    it(`${file} imports only model files`, () => {
      const text = readFileSync(join(MODEL, file), 'utf8');
      const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
      const outside = specifiers.filter((s) => !/^\.\/[a-z0-9-]+\.js$/.test(s));
      expect(outside).toEqual([]);
      expect(text).not.toMatch(/\bprocess\.(env|stdout|stderr|cwd)\b/);
    });
});

describe('the layers of src/', () => {
  it('knows every folder of src/', () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    expect(folders.sort()).toEqual(Object.keys(LAYERS).filter((l) => l !== '.').sort());
  });

  it('has files and imports to check', () => {
    expect(FILES.length).toBeGreaterThan(80);
    expect([...GRAPH.values()].flat().length).toBeGreaterThan(300);
  });

  it('no file imports a folder above its own (the whole layer table)', () => {
    const upward: string[] = [];
    for (const [file, imports] of GRAPH) {
      const from = layerOf(file);
      for (const { target } of imports) {
        const to = layerOf(target);
        if (to !== from && !LAYERS[from].includes(to)) upward.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('each folder uses only the packages that are its job', () => {
    const misplaced: string[] = [];
    for (const file of FILES) {
      const allowed = PACKAGES[layerOf(file)] ?? [];
      for (const { specifier } of importsOf(file))
        if (!specifier.startsWith('.') && !allowed.includes(packageOf(specifier))) misplaced.push(`${relative(SRC, file)} → ${specifier}`);
    }
    expect(misplaced).toEqual([]);
  });

  it('git/ knows nothing of YAML or goal files, and never reads process.env', () => {
    for (const file of FILES.filter((f) => layerOf(f) === 'git')) {
      const text = readFileSync(file, 'utf8');
      expect(text, relative(SRC, file)).not.toMatch(/okr\.yaml|teams\/|\byaml\b|CONFIG_FILE|TEAMS_DIR/i);
      expect(text, relative(SRC, file)).not.toMatch(/\bprocess\.env\b/);
    }
  });

  it('src/commands/ holds one file per command, each a default-exported implementation', () => {
    const definitions = readdirSync(join(SRC, 'definitions')).filter((f) => readFileSync(join(SRC, 'definitions', f), 'utf8').includes("new Command('"));
    // okr __complete (shell completion's hidden half) has no definition: cli/run.ts runs it before
    // commander parses anything, so it stays out of the help and the program.
    const commands = readdirSync(join(SRC, 'commands')).filter((f) => f !== 'complete.ts');
    expect(commands.sort()).toEqual(definitions.sort());
    for (const file of commands) expect(readFileSync(join(SRC, 'commands', file), 'utf8')).toMatch(/^export default async function \w+\(env: Environment, \S+: \w+Arguments, \w+: \w+Options\)/m);
  });
});

describe('imports in src/', () => {
  it('form no circle (file by file, type-only and dynamic imports included)', () => {
    const circles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const path: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'visiting');
      path.push(file);
      for (const { target } of GRAPH.get(file) ?? []) {
        if (state.get(target) === 'visiting') circles.push([...path.slice(path.indexOf(target)), target].map((f) => relative(SRC, f)).join(' → '));
        else if (!state.has(target)) visit(target);
      }
      path.pop();
      state.set(file, 'done');
    };
    for (const file of FILES) if (!state.has(file)) visit(file);
    expect(circles).toEqual([]);
  });

  /** The files loaded before any dynamic import runs, from these entry files. */
  const staticallyLoaded = (...entries: string[]): Set<string> => {
    const loaded = new Set<string>();
    const load = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const { target, dynamic } of GRAPH.get(file) ?? []) if (!dynamic) load(target);
    };
    for (const entry of entries) load(join(SRC, entry));
    return loaded;
  };
  /** The packages of `names` those files import at start-up (type-only imports load nothing). */
  const packagesLoaded = (files: Iterable<string>, names: readonly string[]): string[] =>
    [...files].flatMap((file) =>
      importsOf(file)
        .filter((i) => !i.dynamic && !i.specifier.startsWith('.') && names.includes(packageOf(i.specifier)))
        .filter((i) => !/^\s*import type /m.test(readFileSync(file, 'utf8').split('\n').find((l) => l.includes(`'${i.specifier}'`)) ?? ''))
        .map((i) => `${relative(SRC, file)} → ${i.specifier}`),
    );

  it.each([
    ['okr --version', ['cli/run.ts']],
    ['okr check', ['cli/run.ts', 'commands/check.ts', 'app/stale-checkin-rule.ts']],
    ['okr tree', ['cli/run.ts', 'commands/tree.ts', 'definitions/tree.ts']],
  ])('keep start-up cheap: what `%s` loads reaches no ink, React, simple-git or yaml', (_name, entries) => {
    // yaml is loaded on first use only (yaml-library.ts): for files outside the fast subset, positions
    // in them, and edits.
    const loaded = staticallyLoaded(...entries);
    expect(loaded.size).toBeGreaterThan(entries.length === 1 ? 3 : 20);
    expect(packagesLoaded(loaded, ['ink', 'react', 'simple-git', 'yaml'])).toEqual([]);
  });

  it('ink and React are loaded only once the dashboard runs, not by its command file', () => {
    // The dashboard's app does load them: the test can tell.
    expect(packagesLoaded(staticallyLoaded('app/dashboard.ts'), ['ink', 'react']).length).toBeGreaterThan(0);
    expect(packagesLoaded(staticallyLoaded('commands/dashboard.ts'), ['ink', 'react'])).toEqual([]);
  });
});
