// The check-in prompt's view, drawn by ink's renderToString for each state a person moves through:
// the first question, a milestone answered with a word it does not take, the note at the end. The
// layout is compared with golden files (colour and cursor codes removed); UPDATE_GOLDEN=1 rewrites them.
import { stripVTControlCharacters } from 'node:util';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { CheckinPromptView, FIRST_QUESTION, promptStep, type KeyPress, type PromptItem, type PromptState } from '../../../src/render/tui/checkin-prompt.js';
import { expectGolden } from '../../support/golden.js';

const ITEMS: readonly PromptItem[] = [
  { ref: 'payments/faster-checkout/p95-latency', title: 'Cut p95 checkout latency', kind: 'metric', now: '640 ms', scale: '900 → 300 ms' },
  { ref: 'payments/faster-checkout/edge-cache', title: 'Ship the edge cache', kind: 'milestone', now: 'not-done' },
  { ref: 'payments/faster-checkout/error-rate', title: 'Keep errors low', kind: 'guardrail', now: '0.08', scale: 'keep below 0.1' },
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
    expect(screen).toContain('payments/faster-checkout/p95-latency: 420');
    expectGolden(import.meta.dirname, 'prompt-milestone-error.txt', screen);
  });

  it('asks for the note once every key result is answered or kept', () => {
    const screen = draw(after(typed('4'), typed('2'), typed('0'), enter, typed('d'), enter, enter, typed('Edge cache live')));
    expect(screen).toContain('(kept)');
    expectGolden(import.meta.dirname, 'prompt-note.txt', screen);
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
