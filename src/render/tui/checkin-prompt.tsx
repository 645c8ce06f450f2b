// The interactive check-in (`okr checkin --team T` in a terminal): asks for each key result's new
// value in turn, then for a note. A pure view of its props plus the text being typed; it hands the
// answers back through onDone and never writes anything itself.
import { Box, Text, useApp, useInput } from 'ink';
import { useState } from 'react';

export interface PromptItem {
  readonly ref: string;
  readonly title: string;
  readonly kind: 'metric' | 'milestone' | 'guardrail';
  /** The value now, as shown (with unit). */
  readonly now: string;
  /** What the numbers mean: "900 → 300 ms", "keep below 0.1 %". */
  readonly scale?: string;
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

export function CheckinPrompt({ team, items, onDone }: CheckinPromptProps) {
  const { exit } = useApp();
  const [index, setIndex] = useState(0);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [answers, setAnswers] = useState<PromptAnswer[]>([]);
  const asking = index < items.length ? items[index]! : undefined;

  const finish = (result: PromptResult | undefined) => {
    onDone(result);
    exit();
  };

  const accept = (answer: PromptAnswer) => {
    setAnswers([...answers, answer]);
    setIndex(index + 1);
    setText('');
    setError(undefined);
  };

  useInput((input, key) => {
    if (key.escape || (key.ctrl && input === 'c')) return finish(undefined);
    if (key.return) {
      if (!asking) return finish({ answers, note: text.trim() });
      const typed = text.trim();
      if (typed === '') return accept(undefined);
      if (asking.kind === 'milestone') {
        if (typed === 'done' || typed === 'd' || typed === 'y') return accept(true);
        if (typed === 'not-done' || typed === 'n') return accept(false);
        return setError('type d (done) or n (not done), or press Enter to keep it');
      }
      if (NUMBER.test(typed) && Number.isFinite(Number(typed))) return accept(Number(typed));
      return setError(`"${typed}" is not a number`);
    }
    if (key.backspace || key.delete) return setText(text.slice(0, -1));
    if (input && !key.ctrl && !key.meta) setText(text + input.replace(/[\r\n]/g, ''));
  });

  return (
    <Box flexDirection="column">
      <Text bold>
        Check-in for {team} <Text dimColor>(Enter keeps a value, Esc cancels; nothing is written until the end)</Text>
      </Text>
      {items.slice(0, index).map((item, i) => (
        <Text key={item.ref} dimColor>
          {'  '}
          {item.ref}: {answers[i] === undefined ? `${item.now} (kept)` : typeof answers[i] === 'boolean' ? (answers[i] ? 'done' : 'not-done') : String(answers[i])}
        </Text>
      ))}
      {asking ? (
        <Box flexDirection="column" marginTop={1}>
          <Text>
            <Text bold>{asking.title}</Text> <Text dimColor>{asking.ref}</Text> <Text dimColor>({index + 1}/{items.length})</Text>
          </Text>
          <Text dimColor>
            {asking.kind}
            {asking.scale ? `, ${asking.scale}` : ''} · now {asking.now}
          </Text>
          <Text>
            {asking.kind === 'milestone' ? 'done? (d/n) ' : 'new value: '}
            <Text color="cyan">{text}</Text>
            <Text inverse> </Text>
          </Text>
          {error ? <Text color="red">{error}</Text> : null}
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
