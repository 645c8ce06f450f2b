// How to write "run okr" so that a person can paste it: `okr` when that name on their PATH runs
// this very okr (npm link, npm install -g), else the full path of this okr's bin/okr.js (a clone
// after `npm install`, where `okr` is not on the PATH and `npx okr` elsewhere asks the registry).
import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Environment } from '../env.js';

/** `bin`: this okr's bin/okr.js. */
export function okrCommand(env: Environment, bin: string): string {
  const own = realPath(bin);
  for (const folder of (env.vars.PATH ?? '').split(delimiter)) {
    if (!folder) continue;
    const candidate = join(folder, 'okr');
    if (!isExecutable(candidate)) continue;
    // The first okr on the PATH is the one a shell runs: ours, or another one (then not "okr").
    return own !== undefined && realPath(candidate) === own ? 'okr' : shellWord(bin);
  }
  return shellWord(bin);
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A path as one shell word: quoted when it holds anything a shell would split or expand. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
