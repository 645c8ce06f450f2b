// History takes the states of versions okr has just loaded from the model instead of parsing them
// again: the history must be exactly what reading every version gives.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistory } from '../../src/app/goal-history.js';
import { requireRepository } from '../../src/git/repository.js';
import { knownStatesOf } from '../../src/workspace/known-versions.js';
import { loadWorkspace } from '../../src/workspace/load.js';
import { readWorkspaceFolder } from '../../src/workspace/source.js';
import { okr, quietEnvironment } from '../support/run-cli.js';
import { commitAll, copyExample } from '../support/temp-repo.js';

async function bothWays(dir: string) {
  const repository = await requireRepository(quietEnvironment(dir), dir);
  const loaded = loadWorkspace(readWorkspaceFolder(dir));
  let asked = 0;
  const known = knownStatesOf(loaded);
  const counting = (blob: string) => {
    const states = known(blob);
    if (states) asked++;
    return states;
  };
  const withKnown = await readHistory({ repository, maxBytes: 1 << 20, knownStates: () => counting, index: false });
  const parsed = await readHistory({ repository, maxBytes: 1 << 20, index: false });
  return { withKnown, parsed, asked };
}

describe('known versions', () => {
  it('give the same history as parsing every version, and are used', async () => {
    const dir = copyExample('acme', { repo: true });
    const checkin = await okr(['checkin', 'payments/faster-checkout/p95-latency=420', 'checkout/one-click-checkout/saved-cards=done', '-m', 'note'], { cwd: dir });
    expect(checkin.stderr).toBe('');
    // A hand edit committed, then an uncommitted change and a file with a finding in the work tree.
    const file = join(dir, 'teams/payments/2026-Q4.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('current: 420', 'current: 410'));
    commitAll(dir, 'hand edit');
    writeFileSync(file, readFileSync(file, 'utf8').replace('current: 410', 'current: 400'));
    appendFileSync(join(dir, 'teams/sre/2026-Q4.yaml'), '  - id: broken\n    titel: x\n');

    const { withKnown, parsed, asked } = await bothWays(dir);
    expect(asked).toBeGreaterThan(5); // most files were never changed: their one version is known
    expect(withKnown.commitCount).toBe(parsed.commitCount);
    expect([...withKnown.points.entries()]).toEqual([...parsed.points.entries()]);
  });
});
