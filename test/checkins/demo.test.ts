// okr demo: a throwaway repository from the bundled example with months of generated check-ins,
// whose work tree is exactly the example and whose history the history commands can read.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, okr } from '../support/run-cli.js';
import { git, tempDir } from '../support/temp-repo.js';

describe('okr demo', () => {
  it('builds a repository whose history leads to the example, and shows status and tree', async () => {
    const dir = join(tempDir(), 'demo');
    const result = await okr(['demo', '--dir', dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\$ okr status\ncycle 2026-Q4/);
    expect(result.stdout).toContain('$ okr tree --no-krs');
    expect(result.stdout).toContain(`Demo repository: ${dir} (`);
    expect(git(dir, ['status', '--porcelain'])).toBe('');
    for (const file of ['teams/payments/2026-Q4.yaml', 'teams/sales/2026.yaml', 'metrics/checkout.json'])
      expect(readFileSync(join(dir, file), 'utf8')).toBe(readFileSync(join(EXAMPLES, 'acme', file), 'utf8'));
    // Its first quarter was closed the day after it ended: closed: on the cycle, grades in its files, a tag.
    const example = readFileSync(join(EXAMPLES, 'acme', 'okr.yaml'), 'utf8');
    expect(readFileSync(join(dir, 'okr.yaml'), 'utf8')).toBe(example.replace('    end: "2026-09-30"\n', '    end: "2026-09-30"\n    closed: "2026-10-01"\n'));
    expect(readFileSync(join(dir, 'teams/payments/2026-Q3.yaml'), 'utf8')).toContain('    owner: ana@acme.example\n');
    // The mission in the view of 2026-Q3 on its last day: the yearly rollups are fed by Q3's objectives, not Q4's (SPEC 9).
    expect(git(dir, ['tag', '-l', '--format=%(objecttype) %(refname:short) %(subject)'])).toBe('tag okr/2026-Q3 close(2026-Q3): mission 71%, 3 objectives graded\n');
    expect(git(dir, ['log', '-1', '--format=%ad', '--date=short', 'okr/2026-Q3'])).toBe('2026-10-01\n');
    const q3 = JSON.parse((await okr(['tree', '--json', '--cycle', '2026-Q3', '--no-krs'], { cwd: dir })).stdout);
    expect(q3.closed).toBe('2026-10-01');
    const graded: { ref: string; grade: number | null; children: unknown[] }[] = [];
    const walk = (nodes: { ref: string; grade: number | null; children: unknown[] }[]) => nodes.forEach((n) => (graded.push(n), walk(n.children as typeof nodes)));
    walk(q3.roots);
    expect(graded.filter((n) => n.grade !== null).map((n) => [n.ref, n.grade])).toEqual([
      ['platform/runtime-migration', 1],
      ['payments/settlement-pilot', 0.84],
      ['growth/live-in-a-day', 0.35], // ((6 - 2.5) / (6 - 1) + 0) / 2
    ]);
    // Its key results were checked in until the quarter's last day, and not after.
    const pilot = JSON.parse((await okr(['history', 'payments/settlement-pilot/pilot-merchants', '--json'], { cwd: dir })).stdout);
    expect(pilot.points.length).toBeGreaterThan(3);
    expect(pilot.points.at(-1).date.slice(0, 10) <= '2026-09-30').toBe(true);
    expect(pilot.points.at(-1).value).toBe(8);
    expect(Number(git(dir, ['rev-list', '--count', 'HEAD']).trim())).toBeGreaterThan(100);

    const history = JSON.parse((await okr(['history', 'payments/faster-checkout/p95-latency', '--json'], { cwd: dir })).stdout);
    expect(history.points.length).toBeGreaterThan(10);
    expect(history.points[0].date.slice(0, 10)).toBe('2026-08-05');
    expect(history.points.at(-1)).toMatchObject({ value: 410, author: 'Ana <ana@acme.example>' });
    expect(history.points.filter((p: { note: string | null }) => p.note).length).toBeGreaterThan(5);

    const stale = JSON.parse((await okr(['stale', '--json'], { cwd: dir })).stdout);
    const teams = new Set(stale.stale.map((s: { team: string }) => s.team));
    expect(teams.has('sales') && teams.has('support')).toBe(true);
    const check = JSON.parse((await okr(['check', '--format', 'json'], { cwd: dir })).stdout);
    expect(check.errors).toBe(0);
  });

  it('generates values each key result can have: no percentage over 100, nothing negative that never is', async () => {
    const dir = join(tempDir(), 'demo');
    expect((await okr(['demo', '--dir', dir, '--json'])).code).toBe(0);
    const values = async (ref: string) => JSON.parse((await okr(['history', ref, '--json'], { cwd: dir })).stdout).points.map((p: { value: number }) => p.value);
    const availability = await values('engineering/reliable-platform/availability');
    expect(availability.length).toBeGreaterThan(3);
    expect(availability.every((v: number) => v > 99 && v <= 100)).toBe(true);
    const crashFree = await values("mobile/native-checkout/crash-free");
    expect(crashFree.every((v: number) => v > 99 && v <= 100)).toBe(true);
    // Every metric and guardrail the example gives in % stays within 0..100, week after week.
    const tree = JSON.parse((await okr(['tree', '--json'], { cwd: dir })).stdout);
    const percent: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (node.unit === '%' && typeof node.ref === 'string') percent.push(node.ref);
      for (const value of Object.values(node)) if (value && typeof value === 'object') walk(value as Record<string, unknown>);
    };
    walk(tree);
    expect(percent.length).toBeGreaterThan(5);
    for (const ref of percent) for (const v of await values(ref)) expect([ref, v >= 0 && v <= 100]).toEqual([ref, true]);
  });

  it('refuses --weeks it cannot tell a story in (0, or more than ten years)', async () => {
    for (const weeks of ['0', '521', '1e9']) {
      const result = await okr(['demo', '--dir', join(tempDir(), 'demo'), '--weeks', weeks]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('expected a whole number of weeks from 1 to 520');
    }
    const short = JSON.parse((await okr(['demo', '--dir', join(tempDir(), 'demo'), '--weeks', '1', '--json'])).stdout);
    expect(short.weeks).toBe(1);
  });

  it('tells the same story every time', async () => {
    const [a, b] = [join(tempDir(), 'a'), join(tempDir(), 'b')];
    for (const dir of [a, b]) expect((await okr(['demo', '--dir', dir, '--json', '--weeks', '6'])).code).toBe(0);
    const log = (dir: string) => git(dir, ['log', '--format=%an %ad %s%n%b', '--date=iso']);
    expect(log(a)).toBe(log(b));
    expect(git(a, ['rev-parse', 'HEAD^{tree}'])).toBe(git(b, ['rev-parse', 'HEAD^{tree}']));
  });

  it('refuses a folder that is not empty', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'x'));
    writeFileSync(join(dir, 'x', 'keep.txt'), 'mine');
    const result = await okr(['demo', '--dir', join(dir, 'x')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not empty');
    expect(readFileSync(join(dir, 'x', 'keep.txt'), 'utf8')).toBe('mine');
  });
});
