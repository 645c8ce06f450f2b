// Golden files for human output: compared byte for byte; UPDATE_GOLDEN=1 rewrites them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const GOLDEN = join(import.meta.dirname, 'golden');

export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`golden file ${name} did not exist: written, check it and run again`);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
