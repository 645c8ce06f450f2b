// Issue 9, item 6: numbers at the edge of what a double holds (weights of 1e308, a metric from
// -1.7e308 to 1.7e308) give the arithmetic of SPEC section 3, not an overflow to 0% or 50%.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metricProgress, weightedMean } from '../../src/model/progress.js';
import { okr } from '../support/run-cli.js';
import { tempDir, writeFiles } from '../support/temp-repo.js';

describe('the arithmetic at the edge of a double', () => {
  it('weights of 1e308: the mean of 1 and 0.5 is 0.75', () => {
    expect(weightedMean([{ value: 1, weight: 1e308 }, { value: 0.5, weight: 1e308 }])).toBe(0.75);
    expect(weightedMean([{ value: 1, weight: Number.MAX_VALUE }, { value: 0, weight: Number.MAX_VALUE }, { value: 0.5, weight: Number.MAX_VALUE }])).toBe(0.5);
    expect(weightedMean([{ value: 1, weight: 1e308 }, { value: 0, weight: 1 }])).toBe(1);
  });

  it('a metric from -1.7e308 to 1.7e308: at its target 100%, half way 50%, at its start 0%', () => {
    const kr = { start: -1.7e308, target: 1.7e308 };
    expect(metricProgress({ ...kr, current: 1.7e308 })).toBe(1);
    expect(metricProgress({ ...kr, current: 0 })).toBe(0.5);
    expect(metricProgress({ ...kr, current: -1.7e308 })).toBe(0);
    expect(metricProgress({ start: 1.7e308, target: -1.7e308, current: -1.7e308 })).toBe(1);
  });

  it('ordinary numbers give exactly the plain formula', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.double({ min: -1e12, max: 1e12, noNaN: true }), (start, target, current) => {
        fc.pre(start !== target);
        const plain = Math.min(1, Math.max(0, (current - start) / (target - start)));
        // (+ 0: -0 and 0 are the same progress)
        expect(metricProgress({ start, target, current }) + 0).toBe((Number.isNaN(plain) ? 0 : plain) + 0);
      }),
    );
  });

  it('any finite numbers give a progress in [0, 1] and a mean within its values', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(finite, finite, finite, (start, target, current) => {
        const p = metricProgress({ start, target, current });
        expect(p >= 0 && p <= 1).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ value: fc.double({ min: 0, max: 1, noNaN: true }), weight: fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }) }), { minLength: 1 }), (items) => {
        const mean = weightedMean(items)!;
        expect(mean).toBeGreaterThanOrEqual(Math.min(...items.map((i) => i.value)));
        expect(mean).toBeLessThanOrEqual(Math.max(...items.map((i) => i.value)));
      }),
    );
  });
});

describe('okr tree with extreme numbers', () => {
  it('shows what the arithmetic says, up to the mission', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'okr.yaml': 'version: 1\nmission: Go big.\ncycles:\n  - {id: 2026-Q4, start: 2026-10-01, end: 2026-12-31}\n',
      'teams/big/team.yaml': 'name: Big\n',
      'teams/big/2026-Q4.yaml': `objectives:
  - id: heavy
    title: Heavy
    aligns_to: mission
    weight: 1e308
    key_results:
      - {id: done, title: Done, done: true, weight: 1e308}
      - {id: wide, title: Wide, start: -1.7e308, target: 1.7e308, current: 0, weight: 1e308}
  - id: also-heavy
    title: Also heavy
    aligns_to: mission
    weight: 1e308
    key_results:
      - {id: at-target, title: At target, start: -1.7e308, target: 1.7e308, current: 1.7e308}
`,
    });
    const result = await okr(['tree', '--json', '-C', dir]);
    expect(result.stderr).toBe('');
    const tree = JSON.parse(result.stdout);
    const heavy = tree.roots.find((r: { ref: string }) => r.ref === 'big/heavy');
    expect(heavy.key_results.map((k: { progress: number }) => k.progress)).toEqual([1, 0.5]);
    expect(heavy.progress).toBe(0.75);
    expect(tree.roots.find((r: { ref: string }) => r.ref === 'big/also-heavy').progress).toBe(1);
    expect(tree.mission.progress).toBe(0.875);
    const text = await okr(['tree', '-C', dir]);
    expect(text.stdout).toMatch(/Mission {2}Go big\. {2}87%/); // percentages round down: 100% only when done
  });
});
