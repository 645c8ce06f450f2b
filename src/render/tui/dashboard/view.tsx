// The dashboard drawn with ink: each line of the frame as one Text holding its styled string (one
// node a terminal row keeps ink's layout and output cheap on every key press). Pure: props in, frame
// out (golden-tested with renderToString). Without colour (NO_COLOR, TERM=dumb) bold, dim and inverse
// remain; without them too (the golden frames), words and marks still say everything.
import { Chalk, type ChalkInstance } from 'chalk';
import { Box, Text } from '../ink.js';
import { memo } from 'react';
import { dashboardFrame } from './frame.js';
import type { Line, Segment } from './line.js';
import type { DashboardState } from './state.js';

/** How lines are styled: colours and attributes, attributes only (NO_COLOR), or plain text. */
export type Styling = 'colour' | 'attributes' | 'plain';

export interface DashboardViewProps {
  readonly state: DashboardState;
  readonly styling: Styling;
}

export function DashboardView({ state, styling }: DashboardViewProps) {
  return <FrameView lines={dashboardFrame(state)} styling={styling} />;
}

export function FrameView({ lines, styling }: { readonly lines: readonly Line[]; readonly styling: Styling }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <LineView key={i} text={styledLine(line, styling)} />
      ))}
    </Box>
  );
}

const LineView = memo(function LineView({ text }: { readonly text: string }) {
  return <Text wrap="truncate-end">{text}</Text>;
});

const chalk = new Chalk({ level: 1 });

/** A line as the terminal gets it: each piece with its escape codes (none when plain). */
export function styledLine(line: Line, styling: Styling): string {
  if (styling === 'plain') return line.map((s) => s.text).join('');
  return line.map((s) => style(s, styling === 'colour')).join('');
}

function style(s: Segment, colour: boolean): string {
  let paint: ChalkInstance = chalk;
  if (colour && s.color) paint = paint[s.color];
  if (s.bold) paint = paint.bold;
  if (s.dim) paint = paint.dim;
  if (s.inverse) paint = paint.inverse;
  return paint === chalk ? s.text : paint(s.text);
}
