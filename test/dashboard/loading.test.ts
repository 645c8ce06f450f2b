// ink and React are loaded only by the commands that draw with them: the real process, watched by a
// module resolution hook that writes down every ES module it loads and a hook on require() for the
// CommonJS ones (okr runs from a CommonJS bundle). `okr --version`, `okr check` and `okr tree` load
// neither; the dashboard does (so the watch can tell).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, EXAMPLES, PROJECT_ROOT } from '../support/run-cli.js';
import { tempDir } from '../support/temp-repo.js';

/** The URLs of the modules a node process loads running `args`. */
function modulesLoaded(args: string[]): string[] {
  const dir = tempDir('okr-modules-');
  const log = join(dir, 'loaded.txt');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
  return resolved;
}
`,
  );
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
  writeFileSync(
    join(dir, 'require-hook.cjs'),
    `const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const exports = load.apply(this, arguments);
  try { appendFileSync(${JSON.stringify(log)}, 'file://' + Module._resolveFilename(request, parent, isMain) + '\\n'); } catch {}
  return exports;
};
`,
  );
  try {
    execFileSync(process.execPath, ['--require', join(dir, 'require-hook.cjs'), '--import', pathToFileURL(join(dir, 'register.mjs')).href, ...args], {
      cwd: PROJECT_ROOT,
      stdio: 'ignore',
      env: { ...process.env, NO_COLOR: '1' },
    });
  } catch {
    // The exit code does not matter here (check may find warnings); what was loaded does.
  }
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const drawing = (urls: string[]) => [...new Set(urls.filter((u) => /\/node_modules\/(ink|react|react-reconciler|yoga-layout)\//.test(u)).map((u) => u.replace(/.*\/node_modules\/([^/]+)\/.*/, '$1')))];

describe('what a command loads', () => {
  for (const args of [['--version'], ['check', '-C', join(EXAMPLES, 'acme')], ['tree', '-C', join(EXAMPLES, 'acme')]])
    it(`okr ${args[0]} loads no ink and no React`, () => {
      const loaded = modulesLoaded([BIN, ...args]);
      // The bundle is read and compiled by its loader; what it requires shows that it ran.
      expect(loaded.some((u) => u.includes('/dist/cli/bundle.js'))).toBe(true);
      expect(loaded.some((u) => u.endsWith('/dist/validators-quick.cjs')) || args[0] === '--version').toBe(true);
      expect(drawing(loaded)).toEqual([]);
    });

  it("the dashboard's app does load them (the watch sees ink when it is loaded)", () => {
    const loaded = modulesLoaded(['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'dist/render/tui/dashboard/app.js')).href)});`]);
    expect(drawing(loaded)).toEqual(expect.arrayContaining(['ink', 'react']));
  });

  it('the watch sees React when it is required (as the CommonJS bundle would)', () => {
    expect(drawing(modulesLoaded(['-e', "require('react')"]))).toEqual(['react']);
  });
});
