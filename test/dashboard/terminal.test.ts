// okr dashboard as people use it: the real process in a real pseudo-terminal (tmux), keys sent as they
// are typed, the screen read back. A team lead opens it in the demo repository, finds what is off
// track, checks in a new value and leaves feedback without leaving it (both land in git), the window
// is resized, and okr quits with the terminal given back. It reloads when goal files change and
// when HEAD moves; it refuses where nobody can use it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, okrProcess } from '../support/run-cli.js';
import { commitAll, git, tempDir, writeFiles } from '../support/temp-repo.js';
import { shellWord, Terminal, tmuxAvailable } from '../support/tmux.js';
import { FILES, fixtureDir } from './fixture.js';

const inCi = ['CI', 'CONTINUOUS_INTEGRATION'].some((k) => process.env[k] !== undefined && process.env[k] !== '' && process.env[k] !== '0' && process.env[k] !== 'false');
const haveTmux = tmuxAvailable();
if (!haveTmux && !inCi) console.warn('test/dashboard/terminal.test.ts: tmux is not installed, so the terminal tests are skipped (.ci/run installs it; apt-get install tmux)');

/** okr's own environment in the terminal: not under CI (ink would draw only the last frame), today fixed. */
const VARS = {
  CI: undefined,
  CONTINUOUS_INTEGRATION: undefined,
  NO_COLOR: undefined,
  FORCE_COLOR: undefined,
  OKR_TODAY: '2026-11-25',
  // Commits made in the test are dated on that day too (feedback after the day evaluated is not shown).
  GIT_AUTHOR_DATE: '2026-11-25T15:00:00+01:00',
  GIT_COMMITTER_DATE: '2026-11-25T15:00:00+01:00',
  GIT_AUTHOR_NAME: 'Lee Lead',
  GIT_AUTHOR_EMAIL: 'lee@acme.example',
  GIT_COMMITTER_NAME: 'Lee Lead',
  GIT_COMMITTER_EMAIL: 'lee@acme.example',
};

/** okr with arguments, then what the shell sees after it: its exit status and whether the terminal is back in line mode. */
function okrLine(args: string[], before = ''): string {
  return `sh -c ${shellWord(`${before}${[process.execPath, BIN, ...args].map(shellWord).join(' ')}; echo "okr exited $?"; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo`)}`;
}

const terminals: Terminal[] = [];
function open(args: string[], cwd: string, size = { columns: 100, rows: 30 }, vars: Record<string, string | undefined> = {}): Terminal {
  const t = Terminal.start(okrLine(args), { cwd, ...size, vars: { ...VARS, ...vars } });
  terminals.push(t);
  return t;
}
afterEach(() => {
  for (const t of terminals.splice(0)) t.close();
});

/**
 * What okr wrote took the terminal (alternate screen, cursor hidden, no autowrap) and gave every bit of
 * it back: the last of each pair of switches is the one that restores.
 */
function expectTerminalGivenBack(raw: string): void {
  for (const [taken, given] of [
    ['\x1b[?1049h', '\x1b[?1049l'],
    ['\x1b[?25l', '\x1b[?25h'],
    ['\x1b[?7l', '\x1b[?7h'],
  ]) {
    expect(raw.indexOf(taken!), JSON.stringify(taken)).toBeGreaterThanOrEqual(0);
    expect(raw.lastIndexOf(given!), JSON.stringify(given)).toBeGreaterThan(raw.lastIndexOf(taken!));
  }
}

/** Every line on screen fits the window, and the frame reaches its last row (the keys line). */
function fitsWindow(screen: string, columns: number, rows: number): boolean {
  const lines = screen.split('\n');
  return lines.length === rows && lines.every((l) => [...l].length <= columns) && /q quit\s*$/.test(lines[rows - 1]!);
}

describe.runIf(haveTmux)('okr dashboard in a terminal', () => {
  it('a team lead finds what is off track, checks in a value and leaves feedback (both commits in git), resizes, and quits with the terminal restored', { timeout: 180_000 }, async () => {
    const demo = join(tempDir('okr-dash-demo-'), 'acme');
    const made = await okrProcess(['demo', '--dir', demo, '--json']);
    expect(made.code).toBe(0);
    const t = open(['dashboard'], demo);
    await t.waitFor('all goals');
    expect(t.info('#{alternate_on}')).toBe('1');
    // History is read after the first frame: the stale count appears when it is.
    await t.waitFor(/~ \d+ stale/);

    // Off track only: the status filter.
    t.type('s');
    let screen = await t.waitFor('status off-track');
    expect(screen).toMatch(/\d+ match/);
    expect(screen).toContain('off-track');

    // Find the key result by text, and check in a new value with a note.
    t.type('x/p95-latency');
    t.send('Enter');
    screen = await t.waitFor('payments/faster-checkout/p95-latency');
    t.type('c');
    await t.waitFor('new value (Enter keeps)');
    t.type('395');
    t.send('Enter');
    t.type('0.75');
    t.send('Enter');
    t.type('Edge cache live in APAC');
    t.send('Enter');
    screen = await t.waitFor('checked in p95-latency');
    expect(screen).toMatch(/checked in p95-latency: \d+(\.\d+)? → 395 ms, confidence 0\.75 \(commit [0-9a-f]{7}\)/);
    const checkin = git(demo, ['log', '-1', '--format=%an%n%B']);
    expect(checkin).toMatch(/^Lee Lead\ncheckin\(payments\): p95-latency \S+ → 395 ms\n\nEdge cache live in APAC\n\nOkr-Checkin: payments\/faster-checkout\/p95-latency\nOkr-Value: 395\nOkr-Previous: \S+\nOkr-Confidence: 0\.75\n/);
    expect(readFileSync(join(demo, 'teams/payments/2026-Q4.yaml'), 'utf8')).toMatch(/current: 395\b/);
    expect(git(demo, ['status', '--porcelain'])).toBe('');
    // Read again after the commit: the details show the new value.
    await t.waitFor('metric 395 ms');

    // Feedback on the same goal: a commit that changes no file.
    t.type('f');
    await t.waitFor('kind: k kudos');
    t.type('k');
    t.type('Great work on the cache');
    t.send('Enter');
    screen = await t.waitFor('kudos recorded on payments/faster-checkout/p95-latency');
    expect(git(demo, ['log', '-1', '--format=%B'])).toBe('feedback(payments): kudos on faster-checkout/p95-latency\n\nGreat work on the cache\n\nOkr-Feedback: payments/faster-checkout/p95-latency\nOkr-Kind: kudos\n\n');
    expect(git(demo, ['diff', '--stat', 'HEAD~1', 'HEAD'])).toBe('');
    await t.waitFor('Feedback (1)');

    // A smaller window: the frame is drawn again to fit it exactly.
    t.resize(80, 24);
    screen = await t.waitFor((s) => fitsWindow(s, 80, 24));
    expect(screen).toContain('│');
    t.resize(120, 40);
    await t.waitFor((s) => fitsWindow(s, 120, 40));

    t.type('q');
    expect(await t.exitStatus()).toBe(0);
    expect(t.info('#{alternate_on}')).toBe('0');
    expectTerminalGivenBack(t.raw());
    screen = t.transcript();
    expect(screen).toMatch(/okr exited 0\n.*\bicanon echo\b/);
  });

  it('reads the goals again when a goal file changes on disk and when HEAD moves, keeping the selection', { timeout: 120_000 }, async () => {
    const dir = fixtureDir({ repo: true });
    const t = open(['dashboard', '--team', 'payments'], dir);
    await t.waitFor('team payments');
    t.type('j');
    let screen = await t.waitFor('metric 640 ms');
    // An editor saves the file: the value changes on screen, the selection stays on p95.
    writeFiles(dir, { 'teams/payments/2026-Q4.yaml': FILES['teams/payments/2026-Q4.yaml']!.replace('current: 640', 'current: 500') });
    screen = await t.waitFor('metric 500 ms');
    expect(screen).toContain('payments/checkout/p95');
    commitAll(dir, 'hand edit');
    // Feedback by someone else, from another process: it changes no file, only HEAD moves.
    const given = await okrProcess(['feedback', 'payments/checkout/p95', '-m', 'Nice drop', '--kind', 'kudos'], { cwd: dir, vars: VARS });
    expect(given.code).toBe(0);
    screen = await t.waitFor('Feedback (1)');
    expect(screen).toContain('Nice drop');
    t.send('C-c');
    expect(await t.exitStatus()).toBe(0);
    expect(t.transcript()).toMatch(/okr exited 0\n.*\bicanon echo\b/);
  });

  it('gives the terminal back when it is killed (SIGTERM) and on Esc', { timeout: 120_000 }, async () => {
    const dir = fixtureDir({ repo: true });
    const pidFile = join(tempDir('okr-pid-'), 'pid');
    const line = okrLine(['dashboard'], `echo $$ > ${shellWord(pidFile)}; `);
    const t = Terminal.start(line, { cwd: dir, vars: VARS });
    terminals.push(t);
    await t.waitFor('all goals');
    expect(t.info('#{alternate_on}')).toBe('1');
    // The shell's child is okr (Linux lists a process's children in /proc).
    const shell = readFileSync(pidFile, 'utf8').trim();
    const okrPid = Number(readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/)[0]);
    process.kill(okrPid, 'SIGTERM');
    await t.exitStatus(); // the shell's
    const screen = t.transcript();
    // Ended by the signal, as a shell expects (128 + 15), with the terminal as it was.
    expect(screen).toMatch(/okr exited 143\n.*\bicanon echo\b/);
    expect(t.info('#{alternate_on}')).toBe('0');
    expectTerminalGivenBack(t.raw());

    const esc = open(['dashboard'], dir);
    await esc.waitFor('all goals');
    esc.send('Escape');
    expect(await esc.exitStatus()).toBe(0);
    expect(esc.transcript()).toMatch(/okr exited 0\n.*\bicanon echo\b/);
    expectTerminalGivenBack(esc.raw());
  });

  it('says what is wrong before taking the screen: an unknown cycle (exit 2), CI set (exit 2)', { timeout: 120_000 }, async () => {
    const dir = fixtureDir();
    const cycle = open(['dashboard', '--cycle', '2026-Q5'], dir);
    expect(await cycle.exitStatus()).toBe(0); // the shell's; okr's own is printed
    let screen = cycle.transcript();
    expect(screen).toContain('okr: unknown cycle "2026-Q5": did you mean "2026-Q4"?');
    expect(screen).toContain('okr exited 2');
    expect(screen).toMatch(/\bicanon echo\b/);

    const ci = open(['dashboard'], dir, undefined, { CI: 'true' });
    await ci.exitStatus();
    screen = ci.transcript();
    expect(screen).toContain('okr: okr dashboard is interactive and does not run with CI set');
    expect(screen).toContain('okr tree');
    expect(screen).toContain('okr exited 2');
  });

  it('okr demo offers the dashboard at the end, in a terminal', { timeout: 180_000 }, async () => {
    const parent = tempDir('okr-demo-offer-');
    const t = open(['demo', '--dir', 'acme', '--no-show'], parent);
    await t.waitFor('Open it in okr dashboard now? [Y/n]');
    t.send('Enter');
    await t.waitFor('all goals');
    t.type('q');
    expect(await t.exitStatus()).toBe(0);
    expect(t.transcript()).toContain('okr exited 0');
  });
});

describe.runIf(!haveTmux && inCi)('okr dashboard in a terminal (CI)', () => {
  it('needs tmux, which .ci/run installs', () => {
    expect.fail('tmux is not installed: the terminal tests of okr dashboard cannot run (apt-get install tmux)');
  });
});

describe('okr dashboard without a terminal', () => {
  it('refuses with exit 2 and points to okr tree and okr report', async () => {
    const dir = fixtureDir();
    const piped = await okrProcess(['dashboard'], { cwd: dir, vars: { CI: undefined, CONTINUOUS_INTEGRATION: undefined } });
    expect(piped.code).toBe(2);
    expect(piped.stdout).toBe('');
    expect(piped.stderr).toBe(
      'okr: okr dashboard draws a full-screen view and needs an interactive terminal, which this is not\nFor output that prints and pipes, use okr tree (or okr tree --json), okr status, or okr report.\n',
    );
  });
});
