import { describe, expect, it } from 'vitest';
import { okr, okrProcess } from '../support/run-cli.js';
import { copyExample } from '../support/temp-repo.js';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

describe('okr check', () => {
  it('passes on the bundled example as a real process', async () => {
    const result = await okrProcess(['check', '-C', 'examples/acme']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/no problems in \d+ files/);
    expect(result.code).toBe(0);
  });

  it('points an unknown key at the key, with a suggestion', async () => {
    const dir = copyExample('acme');
    appendFileSync(
      join(dir, 'teams/checkout/2026-Q4.yaml'),
      '  - id: extra\n    titel: Typo\n    aligns_to: mission\n    key_results:\n      - {id: k, title: K, done: false}\n',
    );
    const result = await okr(['check', '--json', '-C', dir]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const finding = report.findings.find((f: { message: string }) => f.message.includes('titel'));
    expect(finding).toMatchObject({ file: 'teams/checkout/2026-Q4.yaml', severity: 'error', rule: 'schema' });
    expect(finding.message).toContain('did you mean "title"');
  });
});
