// The check-in prompt's view, drawn by ink's renderToString for each state a person moves through:
// the first question, a milestone answered with a word it does not take, the note at the end. The
// layout is compared with golden files (colour and cursor codes removed); UPDATE_GOLDEN=1 rewrites them.
import { stripVTControlCharacters } from 'node:util';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { CheckinPromptView, FIRST_QUESTION, promptStep, type KeyPress, type PromptItem, type PromptState } from '../../../src/render/tui/checkin-prompt.js';
import { expectGolden } from '../../support/golden.js';

const ITEMS: readonly PromptItem[] = [
  { ref: 'payments/faster-checkout/p95-latency', title: 'Cut p95 checkout latency', kind: 'metric', now: '640 ms', scale: '900 → 300 ms', unit: 'ms' },
  { ref: 'payments/faster-checkout/edge-cache', title: 'Ship the edge cache', kind: 'milestone', now: 'not-done' },
  { ref: 'payments/faster-checkout/error-rate', title: 'Keep errors low', kind: 'guardrail', now: '0.08 %', scale: 'keep below 0.1 %', unit: '%' },
];

const NO_KEY = { return: false, escape: false, ctrl: false, meta: false, backspace: false, delete: false };
const typed = (input: string): KeyPress => ({ input, key: NO_KEY });
const enter: KeyPress = { input: '', key: { ...NO_KEY, return: true } };

function after(...presses: KeyPress[]): PromptState {
  return presses.reduce((state, press) => promptStep(ITEMS, state, press), FIRST_QUESTION);
}

function draw(state: PromptState, columns = 80): string {
  return stripVTControlCharacters(renderToString(<CheckinPromptView team="payments" items={ITEMS} state={state} />, { columns })) + '\n';
}

describe('the check-in prompt, drawn', () => {
  it('asks the first key result, with its scale and value now', () => {
    const screen = draw(FIRST_QUESTION);
    expect(screen).toContain('(1/3)');
    expectGolden(import.meta.dirname, 'prompt-first.txt', screen);
  });

  it('shows what was answered, and says why a milestone answer is refused', () => {
    const state = after(typed('4'), typed('2'), typed('0'), enter, typed('x'), enter);
    expect(state.error).toBeDefined();
    const screen = draw(state);
    expect(screen).toContain('payments/faster-checkout/p95-latency: 640 ms → 420 ms');
    expectGolden(import.meta.dirname, 'prompt-milestone-error.txt', screen);
  });

  it('asks for the note once every key result is answered or kept', () => {
    const screen = draw(after(typed('4'), typed('2'), typed('0'), enter, typed('d'), enter, enter, typed('Edge cache live')));
    expect(screen).toContain('(kept)');
    expectGolden(import.meta.dirname, 'prompt-note.txt', screen);
  });

  it('keeps the unit of every value in the summary, changed or kept (issue 10, item 12)', () => {
    const state = after(typed('4'), typed('1'), typed('0'), enter, typed('n'), enter, typed('0'), typed('.'), typed('0'), typed('7'), enter);
    const screen = draw(state);
    expect(screen).toContain('payments/faster-checkout/p95-latency: 640 ms → 410 ms\n');
    expect(screen).toContain('payments/faster-checkout/edge-cache: not-done → not-done\n');
    expect(screen).toContain('payments/faster-checkout/error-rate: 0.08 % → 0.07 %\n');
    expect(state.answers).toEqual([410, false, 0.07]);
  });

  it('takes a value typed with its own unit, and refuses another unit, saying which', () => {
    const withUnit = after(...[...'380ms'].map(typed), enter);
    expect(withUnit.answers).toEqual([380]);
    const percent = after(enter, enter, ...[...'0.07%'].map(typed), enter);
    expect(percent.answers).toEqual([undefined, undefined, 0.07]);
    const other = after(...[...'0.38 s'].map(typed), enter);
    expect(other.answers).toEqual([]);
    expect(other.error).toBe('the value is in ms: type the number alone (or followed by ms)');
    expect(draw(other)).toContain('the value is in ms');
    const milestone = after(enter, ...[...'true'].map(typed), enter);
    expect(milestone.answers).toEqual([undefined, true]);
  });

  it('fits a narrow terminal by wrapping, never by losing the question', () => {
    const screen = draw(FIRST_QUESTION, 40);
    expect(screen.split('\n').every((line) => line.length <= 40)).toBe(true);
    expectGolden(import.meta.dirname, 'prompt-first-40-columns.txt', screen);
  });
});

describe('the check-in prompt, with control characters in the goals', () => {
  it('shows them escaped (issue 9, item 12)', () => {
    const hostile = '\x1b[2J\x1b]0;pwned\x07\r';
    const items: PromptItem[] = [{ ref: `t/o/k${hostile}`, title: `Title ${hostile}`, kind: 'metric', now: `1 ms${hostile}`, scale: `0 → 2 ms${hostile}` }];
    const raw = renderToString(<CheckinPromptView team={`team${hostile}`} items={items} state={FIRST_QUESTION} />, { columns: 200 });
    // ink's own colour codes are SGR sequences; nothing else may be a control character.
    // eslint-disable-next-line no-control-regex
    expect(raw.replace(/\x1b\[[0-9;]*m/g, '').match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g)).toBeNull();
    expect(raw).toContain('Title \\u001b[2J');
  });
});
