// okr measure: values read from JSON or YAML files inside the repository at a JSON Pointer, committed
// like a check-in with an Okr-Source trailer; each problem reported per key result, the rest land.
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { commitAll, git, makeRepo, tempDir, writeFiles } from '../support/temp-repo.js';
import { at, CONVERSION, ERRORS, FILE, OKR_YAML, P95, PAYMENTS_Q4, PAYMENTS_TEAM, paymentsRepo, read } from './workspace.js';

/** The workspace with every metric and guardrail measured from `sources` (key result id → file#pointer). */
function measuredRepo(sources: Record<string, string>, files: Record<string, string>): string {
  let text = PAYMENTS_Q4.replace('        source: {file: metrics/checkout.json, pointer: /conversion_pct}\n', '');
  text = text.replace('{id: error-rate, title: Keep errors low, keep_below: 0.1, current: 0.08}', '{id: error-rate, title: Keep errors low, keep_below: 0.1, current: 0.08, source: {file: ERRFILE, pointer: ERRPTR}}');
  const [errFile, errPointer] = (sources['error-rate'] ?? 'metrics/errors.json#/rate').split('#') as [string, string];
  text = text.replace('ERRFILE', JSON.stringify(errFile)).replace('ERRPTR', JSON.stringify(errPointer));
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    lines.push(line);
    for (const [id, where] of Object.entries(sources)) {
      if (id === 'error-rate') continue;
      if (line === `      - id: ${id}`) {
        const [file, pointer] = where.split('#') as [string, string];
        lines.push(`        source: {file: ${JSON.stringify(file)}, pointer: ${JSON.stringify(pointer)}}`);
      }
    }
  }
  return paymentsRepo('2026-10-01', { [FILE]: lines.join('\n'), ...files });
}

describe('okr measure', () => {
  it('reads JSON and YAML sources and commits them with Okr-Source trailers', async () => {
    const dir = measuredRepo(
      { conversion: 'metrics/checkout.json#/conversion_pct', 'p95-latency': 'metrics/web.yaml#/latency/p95', 'error-rate': 'metrics/errors.json#/rates/0' },
      { 'metrics/checkout.json': '{"conversion_pct": 64.5, "other": "x"}', 'metrics/web.yaml': 'latency:\n  p95: 480  # from the APM\n', 'metrics/errors.json': '{"rates": [0.06, 0.07]}' },
    );
    const result = await okr(['measure', '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.checkins.map((c: { ref: string; value: number; source: string }) => [c.ref, c.value, c.source])).toEqual([
      [P95, 480, 'metrics/web.yaml#/latency/p95'],
      [ERRORS, 0.06, 'metrics/errors.json#/rates/0'],
      [CONVERSION, 64.5, 'metrics/checkout.json#/conversion_pct'],
    ]);
    expect(json.failures).toEqual([]);
    const message = git(dir, ['log', '-1', '--format=%B']);
    expect(message).toContain(`Okr-Checkin: ${P95}\nOkr-Value: 480\nOkr-Previous: 640\nOkr-Source: metrics/web.yaml#/latency/p95\n`);
    expect(git(dir, ['show', '--name-only', '--format=', 'HEAD']).trim()).toBe(FILE);
    // The second run finds nothing new and commits nothing.
    const again = await okr(['measure'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to check in');
    expect(git(dir, ['rev-list', '--count', 'HEAD']).trim()).toBe('2');
  });

  it('reports each unreadable source and still records the others (exit 1)', async () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.json'), '{"x": 1}');
    const dir = measuredRepo(
      { conversion: 'metrics/checkout.json#/conversion_pct', 'p95-latency': 'metrics/missing.json#/p95', 'error-rate': 'metrics/errors.json#/rate' },
      { 'metrics/checkout.json': '{"conversion_pct": "64.5"}', 'metrics/errors.json': '{"rate": 0.05}' },
    );
    const result = await okr(['measure'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`okr: ${P95}: source file metrics/missing.json does not exist`);
    expect(result.stderr).toContain(`okr: ${CONVERSION}: metrics/checkout.json#/conversion_pct is a string ("64.5"), not a number`);
    expect(result.stderr).toContain('2 of 3 key results could not be measured');
    expect(result.stdout).toContain(`${ERRORS}  0.08 → 0.05`);
    expect(read(dir)).toContain('current: 0.05');
    expect(read(dir)).toContain('current: 640');
  });

  const hostile: [string, Record<string, string>, (dir: string) => void, RegExp][] = [
    ['a link leading out of the repository', { 'p95-latency': 'metrics/link.json#/x' }, (dir) => {
      const outside = tempDir();
      writeFileSync(join(outside, 'secret.json'), '{"x": 1}');
      symlinkSync(join(outside, 'secret.json'), join(dir, 'metrics', 'link.json'));
    }, /metrics\/link.json leads outside the repository/],
    ['a path with ..', { 'p95-latency': '../etc/passwd#/x' }, () => undefined, /leads out of the repository \(".."\)/],
    ['an absolute path', { 'p95-latency': '/etc/passwd#/x' }, () => undefined, /is an absolute path/],
    ['a pointer into nothing', { 'p95-latency': 'metrics/errors.json#/nope/deeper' }, () => undefined, /has no key "nope"/],
    ['a pointer at a __proto__ key (an object, no pollution)', { 'p95-latency': 'metrics/errors.json#/__proto__' }, () => undefined, /#\/__proto__ is an object, not a number/],
    ['a pointer at an inherited property', { 'p95-latency': 'metrics/errors.json#/constructor' }, () => undefined, /has no key "constructor"/],
    ['a pointer past a list', { 'p95-latency': 'metrics/list.json#/5' }, () => undefined, /is a list of 2; it has no item "5"/],
    ['a pointer that is not one', { 'p95-latency': 'metrics/errors.json#rate' }, () => undefined, /is not a JSON Pointer/],
    ['a file that is not JSON', { 'p95-latency': 'metrics/bad.json#/x' }, () => undefined, /is not valid JSON/],
    ['a YAML file with a tag that would run code elsewhere', { 'p95-latency': 'metrics/evil.yaml#/x' }, () => undefined, /is not valid JSON or YAML/],
    ['a huge file', { 'p95-latency': 'metrics/huge.json#/x' }, () => undefined, /over the limit of 1000/],
    // Issue 9, item 10: one value out of range used to make the whole run record nothing.
    ['a number too large to write as a plain number', { 'p95-latency': 'metrics/big.json#/x' }, () => undefined, /metrics\/big.json#\/x is 1e\+300, too large to write in a goal file as a plain number/],
  ];
  it.each(hostile)('refuses %s, and records the rest', async (_name, sources, prepare, message) => {
    const dir = measuredRepo(
      { 'error-rate': 'metrics/errors.json#/rate', ...sources },
      {
        'metrics/errors.json': '{"rate": 0.05, "__proto__": {"polluted": 1}}',
        'metrics/list.json': '[1, 2]',
        'metrics/bad.json': '{"x": ',
        'metrics/evil.yaml': 'x: !!js/function "function () { return 1 }"\n',
        'metrics/huge.json': `{"x": 1, "pad": "${'a'.repeat(2000)}"}`,
        'metrics/big.json': '{"x": 1e300}',
      },
    );
    prepare(dir);
    const result = await okr(['measure'], { cwd: dir, vars: { OKR_MAX_SOURCE_BYTES: '1000' } });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(1);
    expect(read(dir)).toContain('current: 0.05');
    expect(read(dir)).toContain('current: 640');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // SPEC 9: source.file is relative to the workspace folder (where okr.yaml is), and stays inside the repository.
  it('reads source.file relative to the workspace folder when the workspace is a subfolder of the repository', async () => {
    const dir = makeRepo();
    writeFiles(dir, {
      'goals/okr.yaml': OKR_YAML,
      'goals/teams/payments/team.yaml': PAYMENTS_TEAM,
      [`goals/${FILE}`]: PAYMENTS_Q4,
      'goals/metrics/checkout.json': '{"conversion_pct": 64.5}',
      'metrics/checkout.json': '{"conversion_pct": 99}',
    });
    commitAll(dir, 'import the goals', at('2026-10-01'));
    const result = await okr(['measure', '--json', '-C', join(dir, 'goals', 'teams')], { vars: at('2026-10-05') });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).checkins.map((c: { ref: string; value: number; source: string }) => [c.ref, c.value, c.source])).toEqual([
      [CONVERSION, 64.5, 'metrics/checkout.json#/conversion_pct'],
    ]);
    expect(read(join(dir, 'goals'))).toContain('current: 64.5');
    expect(git(dir, ['log', '-1', '--format=%(trailers:key=Okr-Source,valueonly)'])).toBe('metrics/checkout.json#/conversion_pct\n\n');
  });

  it('--team narrows, --no-commit only edits, and a workspace with no sources is told how to add one', async () => {
    const dir = measuredRepo({ 'error-rate': 'metrics/errors.json#/rate' }, { 'metrics/errors.json': '{"rate": 0.04}' });
    const other = await okr(['measure', '--team', 'growth'], { cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('no team "growth"');
    const edited = await okr(['measure', '--team', 'payments', '--no-commit'], { cwd: dir });
    expect(edited.code).toBe(0);
    expect(read(dir)).toContain('current: 0.04');
    expect(git(dir, ['rev-list', '--count', 'HEAD']).trim()).toBe('1');

    const plain = tempDir();
    writeFiles(plain, { 'okr.yaml': OKR_YAML, 'teams/payments/team.yaml': PAYMENTS_TEAM, [FILE]: PAYMENTS_Q4.replace(/ {8}source: .*\n/, '') });
    git(plain, ['init', '-q', '-b', 'main']);
    commitAll(plain, 'import', at('2026-10-01'));
    const none = await okr(['measure'], { cwd: plain });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no key result has a source to measure');
  });
});
