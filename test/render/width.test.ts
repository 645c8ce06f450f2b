// Width (issue 10, item 7): on a terminal, tree, stale, log, status and show lay out for its width
// (titles get the room, references and notes move under them, nothing runs off the edge); piped,
// every title is whole on its line, so `okr tree | grep` finds it. Real CJK and emoji titles.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, okr } from '../support/run-cli.js';
import { git, GIT_IDENTITY, tempDir } from '../support/temp-repo.js';

const LONG = 'Make checkout feel instant for every buyer in every region, on every device, even on the slowest mobile networks';
const WIDE = 'チェックアウトの p95 遅延を半分に 🚀 for every buyer';
const GOAL_FILE = 'teams/payments/2026-Q4.yaml';

let dir: string;
beforeAll(async () => {
  dir = join(tempDir(), 'demo');
  expect((await okr(['demo', '-C', dir, '--no-show', '--weeks', '6'])).code).toBe(0);
  const path = join(dir, GOAL_FILE);
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, text.replace('title: Make checkout feel instant\n', `title: "${LONG}"\n`).replace('title: Cut p95 checkout latency\n', `title: "${WIDE}"\n`));
  git(dir, ['commit', '-qam', 'Longer titles'], GIT_IDENTITY);
}, 120_000);

const COMMANDS: string[][] = [
  ['tree'],
  ['tree', '--no-krs'],
  ['stale'],
  ['log', '--since', '30d'],
  ['status'],
  ['show', 'payments/faster-checkout'],
  ['show', 'payments/faster-checkout/p95-latency'],
];

const tooWide = (stdout: string, columns: number) => stdout.split('\n').filter((line) => stringWidth(line) > columns);

describe('on a terminal: every line fits its width', () => {
  for (const columns of [60, 80, 120])
    for (const argv of COMMANDS)
      it(`okr ${argv.join(' ')} at ${columns} columns`, async () => {
        const result = await okr(argv, { cwd: dir, tty: true, columns });
        expect(result.code).toBe(0);
        expect(tooWide(result.stdout, columns)).toEqual([]);
      });

  it('titles get the room: at 120 columns the tree shows the wide title whole, its reference on the line below', async () => {
    const { stdout } = await okr(['tree'], { cwd: dir, tty: true, columns: 120 });
    const lines = stdout.split('\n');
    const at = lines.findIndex((l) => l.includes(WIDE));
    expect(at).toBeGreaterThan(0);
    expect(stringWidth(lines[at]!)).toBeLessThanOrEqual(120);
    const objective = lines.findIndex((l) => l.includes('Make checkout feel instant for every buyer'));
    expect(lines[objective + 1]).toMatch(/payments\/faster-checkout$/);
  });

  it('show at 60 columns: each key result\'s title whole on a line of its own', async () => {
    const { stdout } = await okr(['show', 'payments/faster-checkout'], { cwd: dir, tty: true, columns: 60 });
    expect(stdout.split('\n').map((l) => l.trim())).toContain(WIDE);
  });

  it('a narrow table moves columns under each row, labelled, and keeps the reference in the table', async () => {
    const { stdout } = await okr(['stale'], { cwd: dir, tty: true, columns: 60 });
    expect(stdout).toMatch(/^KEY RESULT +DAYS$/m);
    expect(stdout).toMatch(/^ {4}owner: /m);
    const wide = await okr(['stale'], { cwd: dir, tty: true, columns: 200 });
    expect(wide.stdout).toMatch(/^KEY RESULT +DAYS +LAST CHECK-IN +OWNER$/m);
  });
});

describe('piped: whole titles, one line per goal', () => {
  it('okr tree keeps the long and the wide title whole, each on its goal\'s line', async () => {
    const { stdout } = await okr(['tree'], { cwd: dir });
    expect(stdout.split('\n').find((l) => l.includes(LONG))).toMatch(/\d+%.*payments\/faster-checkout$/);
    expect(stdout.split('\n').find((l) => l.includes(WIDE))).toMatch(/\d+%/);
  });

  it('okr tree | grep finds a long title (a real pipe)', () => {
    const out = execFileSync('sh', ['-c', `"${process.execPath}" "${BIN}" tree | grep -F "${LONG}"`], { cwd: dir, encoding: 'utf8', env: { ...process.env, OKR_TODAY: '2026-11-25' } });
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toContain('payments/faster-checkout');
  });

  it('okr show keeps titles whole', async () => {
    const { stdout } = await okr(['show', 'payments/faster-checkout/p95-latency'], { cwd: dir });
    expect(stdout).toContain(WIDE);
    const objective = await okr(['show', 'payments/faster-checkout'], { cwd: dir });
    expect(objective.stdout).toContain(LONG);
  });
});
