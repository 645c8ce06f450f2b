// The tree is laid out by widths known when its cells are made (a tree of 10,000 teams has 150,000
// lines; measuring every cell again was a third of drawing it): each must be what measuring gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makePaint } from '../../src/render/paint.js';
import {
  formatNumber,
  gradeCell,
  gradeCellWidth,
  percent,
  progressCell,
  progressCellWidth,
  statusWord,
  statusWordWidth,
  visibleWidth,
  visibleWidthAfter,
} from '../../src/render/text/progress-cells.js';

const STATUSES = ['done', 'on-track', 'at-risk', 'off-track', 'breached', null] as const;
// Progress is a number in [0, 1] from the model; the cells must still measure right outside it
// (never NaN: a bar of NaN is not a bar).
const progress = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ noNaN: true }), fc.constantFrom(0, 1, 0.999, 0.29, -0, 1e21));

describe('cell widths', () => {
  it('progressCellWidth is the measured width of progressCell, with and without bars and colour', () => {
    fc.assert(
      fc.property(progress, fc.boolean(), fc.boolean(), (x, bars, colour) => {
        const style = { paint: makePaint(colour), bars };
        expect(progressCellWidth(x, style)).toBe(visibleWidth(progressCell(x, style)));
      }),
      { numRuns: 2000 },
    );
  });

  it('statusWordWidth and gradeCellWidth are the measured widths of their cells', () => {
    for (const colour of [false, true])
      for (const status of STATUSES) expect(statusWordWidth(status)).toBe(visibleWidth(statusWord(status, makePaint(colour))));
    fc.assert(
      fc.property(fc.double({ noNaN: false }), fc.boolean(), (grade, colour) => {
        expect(gradeCellWidth(grade)).toBe(visibleWidth(gradeCell(grade, makePaint(colour))));
      }),
      { numRuns: 2000 },
    );
  });

  it('formatNumber writes what twelve significant digits give (short numbers as they are)', () => {
    const reference = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(12))));
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: false }), fc.integer().map((n) => n / 100), fc.double({ min: -1e6, max: 1e6 })), (x) => {
        expect(formatNumber(x)).toBe(reference(x));
      }),
      { numRuns: 20000 },
    );
    for (const x of [0.1 + 0.2, 1 / 3, 123456.789012345, 1e-7, 1.5e-7, -0, 1e21, 2 ** 53 + 0.5, Infinity, -Infinity, NaN])
      expect(formatNumber(x)).toBe(reference(x));
  });

  it('percent is the whole percentage rounded down, the same string whether made once or each time', () => {
    const reference = (x: number) => `${Math.floor(x * 100 + 1e-9)}%`;
    fc.assert(
      fc.property(progress, (x) => {
        expect(percent(x)).toBe(reference(x));
        expect(percent(x)).toBe(reference(x));
      }),
      { numRuns: 2000 },
    );
    for (let n = 0; n <= 1000; n++) expect(percent(n / 1000)).toBe(reference(n / 1000));
    for (const x of [0.29, 0.999999, 1, 1.004, 1.01, 2, -0.001, -0, NaN, Infinity, -Infinity]) expect(percent(x)).toBe(reference(x));
  });

  it('visibleWidthAfter(prefix, s) is the measured width of prefix + s, also where s changes how the prefix ends', () => {
    // A skin-tone modifier, a combining mark or a joiner after the prefix's space joins the space's
    // grapheme, so the two widths cannot simply be added.
    const hostile = ['plain title', '\u{1F3FB}x', '\u0301abc', '\uFE0Fx', '\u200Dx', '決済を速く', 'Ship 🚀 now', 'tab\there', '\u001b[2J', ''];
    for (const s of hostile) expect(visibleWidthAfter('· ', s)).toBe(visibleWidth(`· ${s}`));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(visibleWidthAfter('· ', a)).toBe(visibleWidth(`· ${a}`));
        expect(visibleWidthAfter('├─ ', b)).toBe(visibleWidth(`├─ ${b}`));
      }),
      { numRuns: 2000 },
    );
  });
});
