// okr schema: prints one JSON Schema, or writes all three to a folder for editors.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okr, PROJECT_ROOT } from '../support/run-cli.js';
import { tempDir } from '../support/temp-repo.js';

const shipped = (name: string) => JSON.parse(readFileSync(join(PROJECT_ROOT, 'schemas', `${name}.schema.json`), 'utf8'));

describe('okr schema', () => {
  it.each(['okr', 'team', 'cycle'])('prints the %s schema as JSON on stdout', async (name) => {
    const result = await okr(['schema', name]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(shipped(name));
  });

  it('prints the cycle schema when no name is given', async () => {
    const result = await okr(['schema']);
    expect(JSON.parse(result.stdout)).toEqual(shipped('cycle'));
  });

  it('--out writes all three into a folder (created if missing) and says so on stderr', async () => {
    const dir = join(tempDir(), 'editor', 'schemas');
    const result = await okr(['schema', '--out', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['cycle.schema.json', 'okr.schema.json', 'team.schema.json']);
    for (const name of ['okr', 'team', 'cycle']) {
      expect(JSON.parse(readFileSync(join(dir, `${name}.schema.json`), 'utf8'))).toEqual(shipped(name));
      expect(result.stderr).toContain(join(dir, `${name}.schema.json`));
    }
  });

  it('--out is relative to -C', async () => {
    const base = tempDir();
    const result = await okr(['schema', '-C', base, '-o', '.okr/schemas']);
    expect(result.code).toBe(0);
    expect(existsSync(join(base, '.okr', 'schemas', 'okr.schema.json'))).toBe(true);
  });

  it('an unknown name exits 2 with the names to choose from', async () => {
    const result = await okr(['schema', 'teams']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('okr: unknown schema "teams"\nChoose one of: okr, team, cycle.\n');
  });
});
