// string-width, loaded the first time a string holds more than narrow characters: importing it
// builds its Unicode tables (20-40 ms of start-up), which nearly every run never needs. It is an ES
// module: Node 20.19 and later load it synchronously with require; older ones get it at start-up.
//
// okr runs from its CommonJS bundle (scripts/bundle.mjs), which swaps this module for
// string-width.bundle.ts: there string-width is bundled and required on first use on any Node.
import { createRequire } from 'node:module';

export type StringWidth = (typeof import('string-width'))['default'];

let loaded: StringWidth | undefined = process.features.require_module ? undefined : (await import('string-width')).default;

export function loadStringWidth(): StringWidth {
  return (loaded ??= (createRequire(import.meta.url)('string-width') as typeof import('string-width')).default);
}
