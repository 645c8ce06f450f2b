// What only a real process shows: behaviour at the pipe and the exit status.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the benchmarks, without types
import { generateWorkspace } from '../../bench/generate-workspace.mjs';
import { BIN } from '../support/run-cli.js';
import { tempDir } from '../support/temp-repo.js';

describe('okr as a process', () => {
  it('ends quietly with status 0 when the reader closes the pipe early (okr tree | head -1)', async () => {
    const dir = tempDir();
    generateWorkspace(dir, 300); // output far larger than a pipe buffer
    const child = spawn(process.execPath, [BIN, 'tree', '--as-of', '2026-11-25'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const firstChunk = await new Promise<string>((resolve) => child.stdout.once('data', (chunk) => resolve(String(chunk))));
    child.stdout.destroy(); // like head exiting after its first line
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(firstChunk).toMatch(/^Mission/);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
