// Golden files for human output: compared byte for byte; UPDATE_GOLDEN=1 rewrites them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/** Compares `actual` with `golden/<name>` beside the test file whose folder is `testDir`. */
export function expectGolden(testDir: string, name: string, actual: string): void {
  const folder = join(testDir, 'golden');
  const path = join(folder, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path, actual);
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`golden file ${name} did not exist: written, check it and run again`);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
