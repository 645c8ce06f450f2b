// string-width.ts as okr's CommonJS bundle has it (scripts/bundle.mjs swaps the two): the bundler
// includes string-width, converted to CommonJS, and runs it on the first require, so no Node needs
// to load an ES module synchronously and no run pays for the Unicode tables it does not use.
import type { StringWidth } from './string-width.js';

let loaded: StringWidth | undefined;

export function loadStringWidth(): StringWidth {
  return (loaded ??= (require('string-width') as typeof import('string-width')).default);
}
