import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonText, jsonTextWithoutRecursion, nestingDepth } from '../../src/render/json/write.js';

describe('JSON text without recursion', () => {
  it('is exactly what JSON.stringify gives, indented or not', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jsonTextWithoutRecursion(value, Infinity)).toBe(JSON.stringify(value, null, 2));
        expect(jsonTextWithoutRecursion(value, 0)).toBe(JSON.stringify(value));
      }),
    );
  });

  it('leaves out undefined properties and writes undefined array items as null, like JSON.stringify', () => {
    const value = { a: undefined, b: [undefined, 1], c: { d: null } };
    expect(jsonTextWithoutRecursion(value, Infinity)).toBe(JSON.stringify(value, null, 2));
  });

  it('measures nesting', () => {
    expect(nestingDepth(1)).toBe(0);
    expect(nestingDepth({})).toBe(1);
    expect(nestingDepth({ a: [{ b: [] }] })).toBe(4);
  });

  it('writes a document 100,000 levels deep, indenting only the first 64 levels', () => {
    const depthOf = (x: { c: unknown[] }) => {
      let n = 0;
      for (let node: { c: unknown[] } | undefined = x; node; node = node.c[0] as { c: unknown[] } | undefined) n++;
      return n;
    };
    let deep: { c: unknown[] } = { c: [] };
    const root = deep;
    for (let i = 0; i < 50_000; i++) {
      const next = { c: [] };
      deep.c.push(next);
      deep = next;
    }
    expect(() => JSON.stringify(root)).toThrow(RangeError);
    const pretty = jsonText(root, { pretty: true });
    expect(depthOf(JSON.parse(pretty))).toBe(50_001);
    const widest = pretty.split('\n').reduce((max, l) => Math.max(max, l.length - l.trimStart().length), 0);
    expect(widest).toBe(2 * 64);
    const compact = jsonText(root, { pretty: false });
    expect(compact).toBe(pretty.replace(/\n\s*/g, '').replace(/": /g, '":') + '\n');
  });
});
