// The dashboard's watch on the goal files, on a real folder: it hears an edit in a team's folder, a
// file in a team folder made after it started (and in a teams folder made after it started), and a
// team folder removed and made again. Each test waits for the event it expects (no sleeping).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchGoalFiles, type GoalFileWatch } from '../../src/app/goal-file-watch.js';
import { tempDir } from '../support/temp-repo.js';

const open: GoalFileWatch[] = [];
afterEach(() => {
  for (const w of open.splice(0)) w.close();
});

/** Starts a watch; `heard(file)` resolves when that file is told as changed. */
function watching(root: string) {
  const waiting = new Map<string, () => void>();
  const told = new Set<string>();
  open.push(
    watchGoalFiles(root, (file) => {
      told.add(file);
      waiting.get(file)?.();
    }),
  );
  return {
    heard: (file: string) => (told.has(file) ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(file, resolve))),
    told,
  };
}

describe('watchGoalFiles', () => {
  it('hears a goal file saved in a team folder and okr.yaml, and not a file that is no goal file', async () => {
    const root = tempDir('okr-watch-');
    mkdirSync(join(root, 'teams', 'payments'), { recursive: true });
    const w = watching(root);
    writeFileSync(join(root, 'teams', 'payments', 'notes.txt'), 'x');
    writeFileSync(join(root, 'teams', 'payments', '2026-Q4.yaml'), 'objectives: []\n');
    await w.heard('teams/payments/2026-Q4.yaml');
    writeFileSync(join(root, 'okr.yaml'), 'organization: x\n');
    await w.heard('okr.yaml');
    expect(w.told.has('teams/payments/notes.txt')).toBe(false);
  });

  it('hears a file in a team folder made after it started, also when teams/ itself came later', async () => {
    const root = tempDir('okr-watch-');
    const w = watching(root);
    mkdirSync(join(root, 'teams'));
    await w.heard('teams');
    mkdirSync(join(root, 'teams', 'mobile'));
    await w.heard('teams/mobile');
    writeFileSync(join(root, 'teams', 'mobile', 'team.yaml'), 'name: Mobile\n');
    await w.heard('teams/mobile/team.yaml');
  });

  it('hears a team folder removed and made again, and the files written in it then', async () => {
    const root = tempDir('okr-watch-');
    mkdirSync(join(root, 'teams', 'search'), { recursive: true });
    const w = watching(root);
    rmSync(join(root, 'teams', 'search'), { recursive: true });
    await w.heard('teams/search');
    w.told.clear();
    mkdirSync(join(root, 'teams', 'search'));
    await w.heard('teams/search');
    writeFileSync(join(root, 'teams', 'search', '2026-Q4.yaml'), 'objectives: []\n');
    await w.heard('teams/search/2026-Q4.yaml');
  });
});
