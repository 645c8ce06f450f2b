// A workspace reached through a symbolic link (a linked home folder, a checkout under /tmp on macOS)
// is the same workspace: every command answers through the link as it does on the real path. There
// is one repository locator, so no command can disagree with another about where the repository is.
import { cpSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, okr, type CliResult } from '../support/run-cli.js';
import { commitAll, copyExample, makeRepo, tempDir, writeFiles } from '../support/temp-repo.js';

/** The acme example committed twice (a hand edit after the import), at the top of a repository and in a subfolder of another, each reached through a link. */
function linkedWorkspaces(): { name: string; real: string; linked: string }[] {
  const top = copyExample('acme', { repo: true });
  writeFiles(top, { 'teams/payments/2026-Q4.yaml': readFileSync(join(top, 'teams/payments/2026-Q4.yaml'), 'utf8').replace('current: 410', 'current: 400') });
  commitAll(top, 'a check-in by hand');
  const topLink = join(tempDir('okr-links-'), 'goals');
  symlinkSync(top, topLink);

  const monorepo = makeRepo({ 'README.md': 'a monorepo\n' });
  const sub = join(monorepo, 'planning', 'okrs');
  mkdirSync(sub, { recursive: true });
  cpSync(join(EXAMPLES, 'acme'), sub, { recursive: true });
  commitAll(monorepo, 'goals in a subfolder');
  writeFiles(sub, { 'teams/payments/2026-Q4.yaml': readFileSync(join(sub, 'teams/payments/2026-Q4.yaml'), 'utf8').replace('current: 410', 'current: 400') });
  commitAll(monorepo, 'a check-in by hand');
  const repoLink = join(tempDir('okr-links-'), 'repo');
  symlinkSync(monorepo, repoLink);
  return [
    { name: 'the repository reached through a link', real: top, linked: topLink },
    { name: 'a subfolder of a repository reached through a link', real: sub, linked: join(repoLink, 'planning', 'okrs') },
  ];
}

/** Output with either spelling of the workspace's path made one. */
const same = (result: CliResult, real: string, linked: string) => ({
  code: result.code,
  stdout: result.stdout.split(linked).join('<workspace>').split(real).join('<workspace>'),
  stderr: result.stderr.split(linked).join('<workspace>').split(real).join('<workspace>'),
});

/** Read commands: through the link they say exactly what they say on the real path. */
const READS: string[][] = [
  ['check', '--json'],
  ['check', '--format', 'github'],
  ['check', '--format', 'sarif'],
  ['tree'],
  ['tree', '--at', 'HEAD'],
  ['tree', '--at', 'HEAD~1', '--json'],
  ['tree', '--as-of', '2026-10-15'],
  ['status', '--json'],
  ['show', 'payments/faster-checkout'],
  ['show', 'payments/faster-checkout/p95-latency', '--at', 'HEAD~1'],
  ['history', 'payments/faster-checkout/p95-latency', '--json'],
  ['log', '--since', '2000-01-01', '--json'],
  ['stale', '--json'],
  ['diff', '--json'],
  ['diff', 'HEAD~1', 'HEAD', '--json'],
  ['diff', 'HEAD~1...HEAD', '--format', 'markdown'],
  ['codeowners'],
  ['codeowners', '--json'],
  ['schema', 'okr'],
];

describe('a workspace reached through a symbolic link', () => {
  for (const { name, real, linked } of linkedWorkspaces())
    describe(name, () => {
      it.each(READS)('okr %s … answers as on the real path', async (...argv) => {
        const onReal = await okr(argv, { cwd: real });
        const throughLink = await okr(argv, { cwd: linked });
        expect(onReal.stderr).not.toMatch(/internal error|outside repository/);
        expect([0, 1]).toContain(onReal.code);
        expect(same(throughLink, real, linked)).toEqual(same(onReal, real, linked));
      });

      it('okr checkin, measure and codeowners --write write through the link', async () => {
        const checkin = await okr(['checkin', 'payments/faster-checkout/p95-latency=420', '-m', 'through the link'], { cwd: linked });
        expect(checkin.stderr).toBe('');
        expect(checkin.code).toBe(0);
        expect(readFileSync(join(real, 'teams/payments/2026-Q4.yaml'), 'utf8')).toContain('current: 420');
        const history = await okr(['history', 'payments/faster-checkout/p95-latency', '--json'], { cwd: linked });
        expect(JSON.parse(history.stdout).points.at(-1)).toMatchObject({ value: 420, note: 'through the link' });

        const measure = await okr(['measure', '--no-commit', '--json'], { cwd: linked });
        expect(measure.stderr).not.toMatch(/internal error|outside/);

        const write = await okr(['codeowners', '--write'], { cwd: linked });
        expect(write.code).toBe(0);
        const check = await okr(['codeowners', '--check'], { cwd: real });
        expect(check.code).toBe(0);
      });

      it('okr close and okr plan write through the link', async () => {
        const close = await okr(['close', '2026-Q3', '--json'], { cwd: linked });
        expect(close.stderr).toBe('');
        expect(close.code).toBe(0);
        expect(readFileSync(join(real, 'okr.yaml'), 'utf8')).toContain('closed: "2026-11-25"');
        expect((await okr(['check', '--json'], { cwd: linked })).code).toBe(0);
        const plan = await okr(['plan', '2027-Q1', '--from', '2026-Q3', '--start', '2027-01-01', '--end', '2027-03-31'], { cwd: linked });
        expect(plan.stderr).toBe('');
        expect(plan.code).toBe(0);
        expect(readFileSync(join(real, 'teams/payments/2027-Q1.yaml'), 'utf8')).toContain('id: settlement-pilot');
      });

      it('okr init and okr schema --out write through the link', async () => {
        const fresh = await okr(['init', '-C', join(linked, 'teams', 'payments'), '--json'], { cwd: linked });
        expect(fresh.code).toBe(0);
        expect(readFileSync(join(real, 'teams/payments/okr.yaml'), 'utf8')).toContain('mission:');
        const schemas = await okr(['schema', '--out', 'editor-schemas'], { cwd: linked });
        expect(schemas.code).toBe(0);
        expect(JSON.parse(readFileSync(join(real, 'editor-schemas/okr.schema.json'), 'utf8'))).toHaveProperty('$schema');
      });
    });

  it('okr demo builds its repository in a folder reached through a link', async () => {
    const target = tempDir('okr-demo-real-');
    const link = join(tempDir('okr-links-'), 'demo');
    symlinkSync(target, link);
    const demo = await okr(['demo', '--dir', join(link, 'acme'), '--weeks', '2', '--no-show', '--json']);
    expect(demo.code).toBe(0);
    const status = await okr(['status', '--json'], { cwd: join(link, 'acme') });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).teams.length).toBeGreaterThan(0);
  });
});
