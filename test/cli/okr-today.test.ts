// OKR_TODAY (README, Environment: "the day okr takes as today (YYYY-MM-DD)") is a value a person
// types, like --as-of: one that is no day is a usage error (SPEC 7: exit 2), not "expected NaN%".
import { describe, expect, it } from 'vitest';
import { EXAMPLES, okrProcess } from '../support/run-cli.js';

const ACME = `${EXAMPLES}acme`;

describe('OKR_TODAY', () => {
  it.each(['garbage', '2026-02-29', '2026-11-31', '26-11-30', ' 2026-11-30'])('%j is refused with exit 2 and nothing on stdout', async (today) => {
    for (const argv of [['tree', '-C', ACME], ['status', '--json', '-C', ACME]]) {
      const result = await okrProcess(argv, { today });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`okr: OKR_TODAY must be a day as YYYY-MM-DD, not ${JSON.stringify(today)}\nSet it to a day such as 2026-11-30, or unset it to take today's date.\n`);
    }
  });

  it('a day is taken as today; --help and --version do not need one', async () => {
    const tree = await okrProcess(['tree', '--json', '-C', ACME], { today: '2028-02-29' });
    expect(tree.code).toBe(0);
    expect(JSON.parse(tree.stdout).as_of).toBe('2028-02-29');
    // Set but empty is unset, as for OKR_MAX_FILE_BYTES: the calendar's today.
    const empty = await okrProcess(['tree', '--json', '-C', ACME], { today: '' });
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.stdout).as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await okrProcess(['--version'], { today: 'garbage' })).code).toBe(0);
    expect((await okrProcess(['tree', '--help'], { today: 'garbage' })).code).toBe(0);
  });
});
