// SPEC 9 (issue 9, item 12): human output never passes control characters from goal files, git
// authors or notes to the terminal. A workspace with a terminal escape in every text field (the
// organisation, mission, value and team names, owners, titles, descriptions, units, an author, a
// note, even a file name), run through every human command: no C0 or C1 character reaches stdout or
// stderr but the newline (and, with colour on, okr's own colour codes).
import { describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { commitAll, makeRepo, writeFiles } from '../support/temp-repo.js';

// Clear the screen, set the window title, plant a hyperlink, move the cursor, a C1 CSI, a bell,
// a carriage return, backspaces, NEL, a line separator.
const E = '\\e[2J\\e]0;pwned\\a\\e]8;;http://evil.example\\e\\\\link\\e]8;;\\e\\\\\\e[1A\\x9b31m\\a\\r\\b\\x85\\u2028';

const OKR_YAML = `version: 1
organization: "Acme ${E}"
mission: "Mission ${E}"
values:
  - id: trust
    title: "Trust ${E}"
cycles:
  - id: 2026-Q4
    start: 2026-10-01
    end: 2026-12-31
`;

const TEAM = `name: "Core ${E}"
owners: ["ana${E}@x.example", "@team${E}"]
purpose: "Purpose ${E}"
`;

const GOALS = `objectives:
  - id: obj
    title: "Objective ${E}"
    description: "Description ${E}"
    aligns_to: mission
    values: [trust]
    owner: "bo${E}@x.example"
    key_results:
      - id: kr
        title: "Key result ${E}"
        description: "KR description ${E}"
        owner: "kim${E}@x.example"
        start: 0
        target: 10
        current: 3
        unit: "ms${E}"
      - id: ms
        title: "Milestone ${E}"
        done: false
      - id: guard
        title: "Guardrail ${E}"
        keep_below: 5
        current: 7
        unit: "%${E}"
      - id: roll
        title: "Rollup ${E}"
        rollup: true
  - id: child
    title: "Child ${E}"
    aligns_to: core/obj/roll
    key_results:
      - {id: k, title: "Child KR ${E}", start: 0, target: 1, current: 1}
  - id: broken
    title: "Broken ${E}"
    aligns_to: "core/missing${E}"
    key_results:
      - {id: k2, title: "x ${E}", start: 1, target: 2, current: 1, "unknown${E}": "value ${E}"}
`;

const AUTHOR = { GIT_AUTHOR_NAME: 'Eve \x1b[2J\x1b]0;pwned\x07\r', GIT_AUTHOR_EMAIL: 'eve@x.example' };

async function hostileRepo(): Promise<string> {
  const dir = makeRepo();
  writeFiles(dir, {
    'okr.yaml': OKR_YAML,
    'teams/core/team.yaml': TEAM,
    'teams/core/2026-Q4.yaml': GOALS,
    // A file name with an escape in it: okr reports it (a bad cycle id), and prints its name.
    'teams/core/x\x1b[2J.yaml': 'objectives: []\n',
  });
  commitAll(dir, 'goals', { ...AUTHOR, GIT_AUTHOR_DATE: '2026-10-01T10:00:00+00:00', GIT_COMMITTER_DATE: '2026-10-01T10:00:00+00:00' });
  const checkin = await okr(['checkin', 'core/obj/kr=5', '-m', 'Note \x1b[2J\x1b]0;pwned\x07 \x9b31m\r\b', '--include-changes'], {
    cwd: dir,
    vars: { ...AUTHOR, GIT_COMMITTER_NAME: 'c', GIT_COMMITTER_EMAIL: 'c@x.example', GIT_AUTHOR_DATE: '2026-10-15T10:00:00+00:00', GIT_COMMITTER_DATE: '2026-10-15T10:00:00+00:00' },
  });
  expect(checkin.stderr).not.toMatch(/internal error/);
  const feedback = await okr(['feedback', 'core/obj/kr', '-m', 'Feedback \x1b[2J\x1b]0;pwned\x07 \x9b31m\r\b', '--kind', 'question'], {
    cwd: dir,
    vars: { ...AUTHOR, GIT_COMMITTER_NAME: 'c', GIT_COMMITTER_EMAIL: 'c@x.example', GIT_AUTHOR_DATE: '2026-10-16T10:00:00+00:00', GIT_COMMITTER_DATE: '2026-10-16T10:00:00+00:00' },
  });
  expect(feedback.code, feedback.stderr).toBe(0);
  // A change in the work tree, so that okr diff has something to say.
  writeFiles(dir, { 'teams/core/2026-Q4.yaml': GOALS.replace(`title: "Objective ${E}"`, `title: "Renamed ${E}"`).replace('target: 10', 'target: 8') });
  return dir;
}

const COMMANDS: readonly (readonly string[])[] = [
  ['tree'],
  ['tree', 'core/obj'],
  ['tree', '--team', 'core'],
  ['show', 'core/obj'],
  ['show', 'core/obj/kr'],
  ['show', 'core/obj/guard'],
  ['show', 'mission'],
  ['check'],
  ['check', '--format', 'github'],
  ['status'],
  ['stale'],
  ['stale', '--by-owner'],
  ['log', '--since', '90d'],
  ['log', '--since', '90d', '--feedback'],
  ['feedback', '--since', '90d'],
  ['feedback', 'core/obj/kr'],
  ['history', 'core/obj/kr'],
  ['history', 'core/obj'],
  ['diff'],
  ['diff', '--format', 'markdown'],
  ['codeowners'],
  ['checkin', 'core/obj/ms=done', '--no-commit'],
  ['show', 'core/\x1b[2J'],
  ['tree', '--team', 'c\x1b[2Jore'],
];

/** Control characters other than the newline; with colour on, okr's own SGR colour codes are allowed. */
function leaks(text: string, colour: boolean): string[] {
  const stripped = colour ? text.replace(/\x1b\[[0-9;]*m/g, '') : text;
  // eslint-disable-next-line no-control-regex
  return [...stripped.matchAll(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g)].map((m) => JSON.stringify(stripped.slice(Math.max(0, m.index! - 30), m.index! + 10)));
}

describe('control characters from goal files and git never reach the terminal', () => {
  let repo: Promise<string> | undefined;
  for (const colour of [false, true])
    it.each(COMMANDS)(`${colour ? 'with colour' : 'without colour'}: okr %s`, { timeout: 30_000 }, async (...argv) => {
      const dir = await (repo ??= hostileRepo());
      const vars = colour ? { FORCE_COLOR: '1', NO_COLOR: undefined } : {};
      const result = await okr(argv, { cwd: dir, vars });
      expect(result.stderr).not.toMatch(/internal error/);
      expect(result.stdout.length + result.stderr.length).toBeGreaterThan(0);
      expect(leaks(result.stdout, colour), 'stdout').toEqual([]);
      expect(leaks(result.stderr, colour), 'stderr').toEqual([]);
    });

  it('shows them escaped, so the text is still there to read', async () => {
    const dir = await (repo ??= hostileRepo());
    const tree = await okr(['tree'], { cwd: dir });
    expect(tree.stdout).toContain('Mission \\u001b[2J\\u001b]0;pwned\\u0007');
    const log = await okr(['log', '--since', '90d'], { cwd: dir });
    expect(log.stdout).toContain('Eve \\u001b[2J');
    expect(log.stdout).toContain('Note \\u001b[2J');
  });
});

