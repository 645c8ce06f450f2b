// okr history TEAM/OBJECTIVE[/KR] reads okr.yaml and that team's files alone (the rest of a large
// workspace is neither read nor checked): the answer is the one the whole workspace gives, and the
// line on stderr counts the errors of the files read.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { commitAll, copyExample } from '../support/temp-repo.js';

const P95 = 'payments/faster-checkout/p95-latency';

function change(dir: string, file: string, edit: (text: string) => string): void {
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
}

describe('okr history TEAM/...: one team read', () => {
  it("errors elsewhere are not the history's business: another team's broken file, a reference to a team that does not exist", async () => {
    const dir = copyExample('acme', { repo: true });
    const before = await okr(['history', 'payments/faster-checkout', '--json'], { cwd: dir });
    change(dir, 'teams/sre/2026-Q4.yaml', (text) => `${text}\n  - {id: [unclosed\n`);
    change(dir, 'teams/payments/2026-Q4.yaml', (text) => text.replace('aligns_to: engineering/instant-payments/payment-speed', 'aligns_to: nowhere/at-all'));
    commitAll(dir, 'two errors');
    const check = JSON.parse((await okr(['check', '--json'], { cwd: dir })).stdout);
    expect(check.errors).toBeGreaterThanOrEqual(2);
    const after = await okr(['history', 'payments/faster-checkout', '--json'], { cwd: dir });
    expect(after.code).toBe(0);
    expect(after.stderr).toBe('');
    // The same key results, values and forecasts as read with the whole workspace before.
    expect(JSON.parse(after.stdout)).toEqual(JSON.parse(before.stdout));
    // A short reference (a bare id) names no team: the whole workspace is read, and its errors counted.
    const short = await okr(['history', 'faster-checkout', '--json'], { cwd: dir });
    expect(short.code).toBe(0);
    expect(short.stderr).toBe(`okr: the goals have ${check.errors} errors; run "okr check" for details\n`);
    expect(JSON.parse(short.stdout)).toEqual(JSON.parse(after.stdout));
  });

  it("the team's own files' errors are counted, from the work tree and from a revision (--at)", async () => {
    const dir = copyExample('acme', { repo: true });
    change(dir, 'teams/payments/team.yaml', (text) => `${text}colour: blue\n`);
    change(dir, 'okr.yaml', (text) => `${text}surprise: true\n`);
    commitAll(dir, 'unknown keys');
    for (const extra of [[], ['--at', 'HEAD'], ['--as-of', '2026-11-25']]) {
      const result = await okr(['history', P95, ...extra], { cwd: dir });
      expect(result.code, extra.join(' ')).toBe(0);
      expect(result.stderr, extra.join(' ')).toMatch(/^(okr: as of .*\n)?okr: the files of team payments have 2 errors; run "okr check" for details\n$/);
      expect(result.stdout).toContain('p95-latency');
    }
  });

  it('a team with no folder is looked for in the whole workspace: a misspelt one gets its suggestion', async () => {
    const dir = copyExample('acme', { repo: true });
    const result = await okr(['history', 'paymnts/faster-checkout/p95-latency'], { cwd: dir });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('payments');
    // A folder with no goal files is no team either.
    const empty = await okr(['history', 'nothing/x'], { cwd: dir });
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toMatch(/^okr: /);
  });

  it('a broken okr.yaml: the whole workspace is read, and the goal still found', async () => {
    const dir = copyExample('acme', { repo: true });
    change(dir, 'okr.yaml', (text) => `${text}\n: [\n`);
    commitAll(dir, 'broken okr.yaml');
    const result = await okr(['history', P95], { cwd: dir });
    expect(result.stderr).toMatch(/^okr: the goals have \d+ errors?; run "okr check" for details\n/);
  });
});
