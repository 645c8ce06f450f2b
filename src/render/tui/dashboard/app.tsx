// The live dashboard: ink's keys go through the pure reducer (state.ts), the state is drawn by the
// pure view (view.tsx), and what needs the world is handed to the shell (src/app/dashboard.ts)
// through `perform`; events from outside (file changes, HEAD moving, a resized terminal, facts read
// from git) arrive through `subscribe`. Nothing here reads a file or runs git.
import type { Key } from 'ink';
import { useApp, useInput } from '../ink.js';
import { useEffect, useReducer } from 'react';
import { dashboardStep, type DashboardEvent, type DashboardKey, type DashboardState, type Request } from './state.js';
import { DashboardView, type Styling } from './view.js';

export type Dispatch = (event: DashboardEvent) => void;

export interface DashboardAppProps {
  readonly initial: DashboardState;
  readonly styling: Styling;
  /** Carries out a request; its events (loaded, facts, finished) come back through `dispatch`. */
  readonly perform: (request: Request, dispatch: Dispatch) => void;
  /** Starts delivering events from outside; returns what stops them. */
  readonly subscribe: (dispatch: Dispatch) => () => void;
  /** Called on every state drawn (the benchmarks time key presses with it). */
  readonly onState?: (state: DashboardState) => void;
}

export function DashboardApp({ initial, styling, perform, subscribe, onState }: DashboardAppProps) {
  const { exit } = useApp();
  const [state, dispatch] = useReducer(dashboardStep, initial);
  useInput((input, key) => {
    for (const k of keysOf(input, key)) dispatch({ type: 'key', key: k });
  });
  useEffect(() => subscribe(dispatch), [subscribe]);
  useEffect(() => {
    if (state.request) perform(state.request, dispatch);
  }, [state.request?.id]);
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit]);
  useEffect(() => onState?.(state), [state]);
  return <DashboardView state={state} styling={styling} />;
}

const key = (name: DashboardKey['name'], text = '', ctrl = false): DashboardKey => ({ name, text, ctrl });

/**
 * The dashboard's keys in what ink reports: named keys as they are, Ctrl+letter with `ctrl`, and
 * text one character at a time (keys typed faster than a frame, or pasted, arrive together; a
 * newline in them is Enter, DEL is Backspace, other control characters are dropped).
 */
export function keysOf(input: string, k: Pick<Key, 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'backspace' | 'delete' | 'tab' | 'ctrl' | 'meta'>): DashboardKey[] {
  if (k.escape) return [key('escape')];
  if (k.upArrow) return [key('up')];
  if (k.downArrow) return [key('down')];
  if (k.leftArrow) return [key('left')];
  if (k.rightArrow) return [key('right')];
  if (k.pageUp) return [key('pageup')];
  if (k.pageDown) return [key('pagedown')];
  if (k.home) return [key('home')];
  if (k.end) return [key('end')];
  if (k.return) return [key('enter')];
  if (k.backspace || k.delete) return [key('backspace')];
  if (k.tab) return [key('tab')];
  if (k.ctrl) return input.length === 1 ? [key('text', input.toLowerCase(), true)] : [];
  if (k.meta) return [];
  const keys: DashboardKey[] = [];
  for (const ch of input) {
    if (ch === '\r' || ch === '\n') keys.push(key('enter'));
    else if (ch === '\x7f' || ch === '\b') keys.push(key('backspace'));
    else if (ch === '\x03') keys.push(key('text', 'c', true));
    // eslint-disable-next-line no-control-regex
    else if (!/[\u0000-\u001f\u007f-\u009f]/.test(ch)) keys.push(key('text', ch));
  }
  return keys;
}
