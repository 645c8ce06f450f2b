// printable() answers "no control character" with a test before replacing: every character must be
// treated as the replace alone treats it, alone and inside other text.
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/printable.js';

const escapeAll = (s: string) =>
  s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => (ch === '\t' ? ' ' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`));

describe('printable', () => {
  it('escapes exactly what the replace escapes, for every UTF-16 code unit', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const ch = String.fromCharCode(code);
      expect(printable(ch)).toBe(escapeAll(ch));
      expect(printable(`title ${ch} end`)).toBe(escapeAll(`title ${ch} end`));
    }
  });

  it('gives back the same string when there is nothing to escape', () => {
    const title = 'Faster checkout → 中文 🚀';
    expect(printable(title)).toBe(title);
    expect(printable('a\u001b[2Jb\tc\u2028')).toBe('a\\u001b[2Jb c\\u2028');
  });
});
