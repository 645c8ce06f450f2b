// The interactive check-in (`okr checkin --team T` in a terminal): asks for each key result's new
// value in turn, then for a note. Keys change a PromptState (promptStep, pure); CheckinPromptView
// draws a state (pure); CheckinPrompt joins them to ink's input. It hands the answers back through
// onDone and never writes anything itself.
import type { Key } from 'ink';
import { Box, Text, useApp, useInput } from './ink.js';
import { useEffect, useReducer } from 'react';
import { formatValue } from '../../model/checkin-message.js';
import { readTypedNumber, sameUnit } from '../../model/typed-number.js';
import { printable } from '../../printable.js';
import { valueText } from '../text/history.js';

export interface PromptItem {
  readonly ref: string;
  readonly title: string;
  readonly kind: 'metric' | 'milestone' | 'guardrail';
  /** The value now, as shown (with unit). */
  readonly now: string;
  /** What the numbers mean: "900 → 300 ms", "keep below 0.1 %". */
  readonly scale?: string;
  /** The unit of a metric's or guardrail's values ("ms", "%"): answers are shown with it, and may be typed with it. */
  readonly unit?: string;
}

/** One answer: a number, done / not-done, or undefined to keep the value. */
export type PromptAnswer = number | boolean | undefined;

export interface PromptResult {
  readonly answers: readonly PromptAnswer[];
  readonly note: string;
}

export interface CheckinPromptProps {
  readonly team: string;
  readonly items: readonly PromptItem[];
  /** Called once: the answers, or undefined when the user cancelled (Esc). */
  readonly onDone: (result: PromptResult | undefined) => void;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export interface PromptState {
  readonly index: number;
  readonly text: string;
  readonly error: string | undefined;
  readonly answers: readonly PromptAnswer[];
  /** Set once: the result, or null when cancelled. */
  readonly outcome?: PromptResult | null;
}

export type KeyPress = { readonly input: string; readonly key: Pick<Key, 'return' | 'escape' | 'ctrl' | 'meta' | 'backspace' | 'delete'> };

/**
 * What a key press does (pure, so keys arriving faster than renders are applied in order): Enter
 * accepts the typed value (empty keeps the value), Esc or Ctrl+C cancels, Backspace deletes.
 */
export function promptStep(items: readonly PromptItem[], state: PromptState, press: KeyPress): PromptState {
  const { input, key } = press;
  // Keys that arrive together (a fast typist, a paste) come as one string: take them one by one.
  if (!key.return && !key.escape && input.length > 1 && /[\r\n\x7f\b]/.test(input)) {
    const none = { return: false, escape: false, ctrl: false, meta: false, backspace: false, delete: false };
    return [...input].reduce(
      (s, ch) =>
        promptStep(items, s, ch === '\r' || ch === '\n' ? { input: '', key: { ...none, return: true } } : ch === '\x7f' || ch === '\b' ? { input: '', key: { ...none, backspace: true } } : { input: ch, key: none }),
      state,
    );
  }
  if (state.outcome !== undefined) return state;
  if (key.escape || (key.ctrl && input === 'c')) return { ...state, outcome: null };
  const asking = items[state.index];
  if (key.return) {
    if (!asking) return { ...state, outcome: { answers: state.answers, note: state.text.trim() } };
    const typed = state.text.trim();
    const accept = (answer: PromptAnswer): PromptState => ({ index: state.index + 1, text: '', error: undefined, answers: [...state.answers, answer] });
    if (typed === '') return accept(undefined);
    if (asking.kind === 'milestone') {
      const word = typed.toLowerCase();
      if (['done', 'd', 'y', 'yes', 'true'].includes(word)) return accept(true);
      if (['not-done', 'n', 'no', 'false'].includes(word)) return accept(false);
      return { ...state, error: 'type d (done) or n (not done), or press Enter to keep it' };
    }
    if (NUMBER.test(typed) && Number.isFinite(Number(typed))) return accept(Number(typed));
    // A value typed with the key result's own unit ("380 ms", "0.07%") is that number.
    const withUnit = readTypedNumber(typed);
    if (withUnit && !withUnit.grouped && withUnit.unit !== undefined && sameUnit(withUnit.unit, asking.unit)) return accept(withUnit.value);
    if (withUnit?.unit !== undefined)
      return { ...state, error: asking.unit ? `the value is in ${asking.unit}: type the number alone (or followed by ${asking.unit})` : `"${typed}": type the number alone` };
    return { ...state, error: `"${typed}" is not a number${withUnit?.grouped ? `: type ${withUnit.plain} (no commas)` : ''}` };
  }
  if (key.backspace || key.delete) return { ...state, text: state.text.slice(0, -1) };
  if (input && !key.ctrl && !key.meta) return { ...state, text: state.text + input.replace(/[\r\n]/g, '') };
  return state;
}

/** Nothing asked yet. */
export const FIRST_QUESTION: PromptState = { index: 0, text: '', error: undefined, answers: [] };

/** The prompt in a terminal: keys go through promptStep, the view draws the state. */
export function CheckinPrompt({ team, items, onDone }: CheckinPromptProps) {
  const { exit } = useApp();
  const [state, dispatch] = useReducer((s: PromptState, k: KeyPress) => promptStep(items, s, k), FIRST_QUESTION);
  useInput((input, key) => dispatch({ input, key }));
  useEffect(() => {
    if (state.outcome === undefined) return;
    onDone(state.outcome ?? undefined);
    exit();
  }, [state.outcome]);
  return <CheckinPromptView team={team} items={items} state={state} />;
}

export interface CheckinPromptViewProps {
  readonly team: string;
  readonly items: readonly PromptItem[];
  readonly state: PromptState;
}

/** An answered key result in the summary: the value it had, and the new one with its unit. */
function answerText(item: PromptItem, answer: PromptAnswer): string {
  if (answer === undefined) return `${item.now} (kept)`;
  return `${item.now} → ${typeof answer === 'boolean' ? formatValue(answer) : valueText(answer, item.unit)}`;
}

/** What the prompt shows in a state: a pure function of its props (golden-tested with renderToString). */
export function CheckinPromptView({ team, items, state }: CheckinPromptViewProps) {
  const { index, text, error, answers } = state;
  const asking = index < items.length ? items[index]! : undefined;

  return (
    <Box flexDirection="column">
      <Text bold>
        Check-in for {printable(team)} <Text dimColor>(Enter keeps a value, Esc cancels; nothing is written until the end)</Text>
      </Text>
      {items.slice(0, index).map((item, i) => (
        <Text key={item.ref} dimColor>
          {'  '}
          {printable(item.ref)}: {printable(answerText(item, answers[i]))}
        </Text>
      ))}
      {asking ? (
        <Box flexDirection="column" marginTop={1}>
          <Text>
            <Text bold>{printable(asking.title)}</Text> <Text dimColor>{printable(asking.ref)}</Text> <Text dimColor>({index + 1}/{items.length})</Text>
          </Text>
          <Text dimColor>
            {asking.kind}
            {asking.scale ? `, ${printable(asking.scale)}` : ''} · now {printable(asking.now)}
          </Text>
          <Text>
            {asking.kind === 'milestone' ? 'done? (d/n) ' : 'new value: '}
            <Text color="cyan">{text}</Text>
            <Text inverse> </Text>
          </Text>
          {error ? <Text color="red">{printable(error)}</Text> : null}
        </Box>
      ) : (
        <Box flexDirection="column" marginTop={1}>
          <Text>
            Note (what changed and why; Enter to {answers.some((a) => a !== undefined) ? 'check in' : 'finish'}): <Text color="cyan">{text}</Text>
            <Text inverse> </Text>
          </Text>
        </Box>
      )}
    </Box>
  );
}
