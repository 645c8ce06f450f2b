// `okr checkin --team T` in a terminal: ink asks for each key result; keys are fed through a fake
// TTY, each after the prompt it answers has been drawn, and the answers land as one commit.
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { Environment } from '../../src/env.js';
import { promptStep, type PromptItem } from '../../src/render/tui/checkin-prompt.js';
import { git } from '../support/temp-repo.js';
import { EDGE, P95, PAYMENTS_Q4, paymentsRepo, read } from './workspace.js';

// Ink reads CI from the process environment when it is imported, and then draws only the last
// frame; the CI job that runs this suite sets CI=true. Hoisted: before anything imports ink.
const ciWas = vi.hoisted(() => {
  const was = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  return was;
});
afterAll(() => {
  for (const [key, value] of Object.entries(ciWas)) if (value !== undefined) process.env[key] = value;
});

/** A terminal: stdin that accepts raw mode, stdout that records what is drawn and can be waited on. */
function terminal(cwd: string) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
  let screen = '';
  let waiting: { test: (s: string) => boolean; resolve: () => void } | undefined;
  const env: Environment = {
    cwd,
    stdout: {
      write: (s) => {
        screen += s;
        if (waiting?.test(screen)) {
          const w = waiting;
          waiting = undefined;
          w.resolve();
        }
      },
      isTTY: true,
      columns: 100,
    },
    stderr: { write: (s) => void (screen += s), isTTY: true },
    stdin,
    vars: { NO_COLOR: '1' },
    today: '2026-11-25',
  };
  /** Resolves once the screen (since `from`) shows `text`. */
  const shows = (text: string, from: number) =>
    new Promise<void>((resolve) => {
      const test = (s: string) => s.slice(from).includes(text);
      if (test(screen)) resolve();
      else waiting = { test, resolve };
    });
  /** Types keys once `prompt` is on screen. */
  const answer = async (prompt: string, keys: string) => {
    await shows(prompt, 0);
    const mark = screen.length;
    stdin.write(keys);
    return mark;
  };
  return { env, answer, shows, screen: () => screen };
}

describe('okr checkin --team in a terminal', () => {
  it('asks for each key result and records the answers as one commit', async () => {
    const dir = paymentsRepo();
    const t = terminal(dir);
    const done = run(['checkin', '--team', 'payments'], t.env);
    await t.answer('(1/4)', '420\r');
    await t.answer('(2/4)', 'd\r');
    await t.answer('(3/4)', '\r'); // keep the guardrail's value
    const mark = await t.answer('(4/4)', 'abc\r');
    await t.shows('"abc" is not a number', mark);
    await t.answer('"abc" is not a number', '\x7f\x7f\x7f64.5\r');
    await t.answer('Note (what changed and why', 'Weekly review\r');
    expect(await done).toBe(0);
    // The summary above the note keeps each value's unit (issue 10, item 12).
    expect(t.screen()).toContain(`${P95}: 640 ms → 420 ms`);
    expect(read(dir)).toBe(
      PAYMENTS_Q4.replace('current: 640', 'current: 420').replace('done: false', 'done: true').replace('        target: 68\n', '        target: 68\n        current: 64.5\n'),
    );
    expect(git(dir, ['log', '-1', '--format=%B'])).toMatch(
      new RegExp(`^checkin\\(payments\\): 3 key results\\n\\nWeekly review\\n\\nOkr-Checkin: ${P95}\\nOkr-Value: 420\\n`),
    );
    expect(t.screen()).toContain(`checked in 3 key results in`);
    expect(git(dir, ['log', '-1', '--format=%B'])).toContain(`Okr-Checkin: ${EDGE}\nOkr-Value: done`);
  });

  it('writes nothing when cancelled with Esc', async () => {
    const dir = paymentsRepo();
    const t = terminal(dir);
    const done = run(['checkin', '--team', 'payments'], t.env);
    await t.answer('(1/4)', '420\r');
    await t.answer('(2/4)', '\x1b');
    expect(await done).toBe(1);
    expect(t.screen()).toContain('check-in cancelled; nothing was written');
    expect(read(dir)).toBe(PAYMENTS_Q4);
  });
});

describe('okr checkin --team with CI set', () => {
  it('refuses to prompt (ink would draw nothing) and says what to pass instead', async () => {
    const dir = paymentsRepo();
    const t = terminal(dir);
    const code = await run(['checkin', '--team', 'payments'], { ...t.env, vars: { ...t.env.vars, CI: 'true' } });
    expect(code).toBe(2);
    expect(t.screen()).toMatch(/okr: .*does not work with CI set\n.*okr checkin payments\/<objective>\/<key-result>=VALUE/);
    expect(read(dir)).toBe(PAYMENTS_Q4);
  });
});

describe('prompt key handling', () => {
  const items: PromptItem[] = [
    { ref: 'a/b/m', title: 'M', kind: 'metric', now: '1' },
    { ref: 'a/b/d', title: 'D', kind: 'milestone', now: 'not-done' },
  ];
  const press = (input: string, key: Partial<{ return: boolean; escape: boolean; backspace: boolean }> = {}) => ({
    input,
    key: { return: false, escape: false, ctrl: false, meta: false, backspace: false, delete: false, ...key },
  });
  it('applies keys in order, even before a render', () => {
    let state = { index: 0, text: '', error: undefined, answers: [] } as Parameters<typeof promptStep>[1];
    for (const k of [press('4'), press('2'), press('', { backspace: true }), press('', { return: true }), press('x'), press('', { return: true })])
      state = promptStep(items, state, k);
    expect(state).toMatchObject({ index: 1, text: 'x', error: 'type d (done) or n (not done), or press Enter to keep it', answers: [4] });
    for (const k of [press('', { backspace: true }), press('n'), press('', { return: true }), press('note'), press('', { return: true })])
      state = promptStep(items, state, k);
    expect(state.outcome).toEqual({ answers: [4, false], note: 'note' });
  });
  it('takes keys that arrive together one by one: text, Backspace, Enter', () => {
    const state = promptStep(items, { index: 0, text: '', error: undefined, answers: [] }, press('12\x7f3\rd\rdone\r'));
    expect(state.outcome).toEqual({ answers: [13, true], note: 'done' });
  });
});
