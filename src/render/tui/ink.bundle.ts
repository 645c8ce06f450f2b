// ink.ts as okr's CommonJS bundle has it (scripts/bundle.mjs swaps the two): ink stays outside the
// bundle (its top-level await rules out require) and is imported when a view is about to be drawn,
// with the import() bin/okr.js lends the bundle. The views read these bindings when they render,
// after loadInk() has filled them in.
import type * as Ink from 'ink';
import { importEsm } from '../../esm-import.js';

export let Box: typeof Ink.Box;
export let Text: typeof Ink.Text;
export let useApp: typeof Ink.useApp;
export let useInput: typeof Ink.useInput;

/** ink, loaded: its render() and everything the views take from here. */
export async function loadInk(): Promise<typeof Ink> {
  const ink = await importEsm<typeof Ink>('ink');
  ({ Box, Text, useApp, useInput } = ink);
  return ink;
}
