// ink's parts, for the terminal views. ink is an ES module that awaits at its top level (yoga-layout
// compiles its WebAssembly), so it can only ever be loaded with import(), never required.
//
// Here, in the ES module build, ink comes with this module. okr runs from its CommonJS bundle
// (scripts/bundle.mjs), which swaps this module for ink.bundle.ts: there these parts are filled in
// by loadInk(). So whoever draws with ink calls loadInk() first, in either build.
import * as ink from 'ink';

export const { Box, Text, useApp, useInput } = ink;

/** ink, loaded: its render() and everything the views take from here. */
export async function loadInk(): Promise<typeof ink> {
  return ink;
}
