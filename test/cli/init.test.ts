import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { tempDir } from '../support/temp-repo.js';

describe('okr init', () => {
  it('scaffolds a workspace that checks clean, in today\'s quarter', async () => {
    const dir = tempDir();
    const init = await okr(['init', '-C', dir, '--team', 'payments', '--organization', 'Acme: "quoted"'], { today: '2026-05-02' });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('teams/payments/2026-Q2.yaml');
    expect(readFileSync(join(dir, 'okr.yaml'), 'utf8')).toContain('start: "2026-04-01"\n    end: "2026-06-30"');
    const check = await okr(['check', '--json', '-C', dir]);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, errors: 0, warnings: 0 });
    expect(check.code).toBe(0);
  });

  it('points each file at a schema that exists, for editors', async () => {
    const dir = tempDir();
    await okr(['init', '-C', dir, '--cycle', '2027']);
    for (const file of ['okr.yaml', 'teams/core/team.yaml', 'teams/core/2027.yaml']) {
      const first = readFileSync(join(dir, file), 'utf8').split('\n')[0]!;
      const schema = /^# yaml-language-server: \$schema=(.+)$/.exec(first)?.[1];
      expect(schema, file).toBeDefined();
      expect(existsSync(resolve(dirname(join(dir, file)), schema!)), file).toBe(true);
    }
  });

  it('never overwrites an existing workspace', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'okr.yaml'), 'mine: true\n');
    const result = await okr(['init', '-C', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^okr: .*okr\.yaml already exists/);
    expect(readFileSync(join(dir, 'okr.yaml'), 'utf8')).toBe('mine: true\n');
    expect(existsSync(join(dir, 'teams'))).toBe(false);
  });

  it.each([
    [['--team', '-x'], /looks like a command-line flag/],
    [['--team', '../x'], /looks like a path/],
    [['--cycle', 'next-sprint'], /can date only a year/],
  ])('refuses %j with a usage error and writes nothing', async (args, message) => {
    const dir = tempDir();
    const result = await okr(['init', '-C', dir, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(dir, 'okr.yaml'))).toBe(false);
  });
});
