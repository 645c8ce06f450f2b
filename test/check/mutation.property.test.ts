// Property: whatever a person (or a bad merge) does to the example's files, okr check answers with
// findings that point inside the file, exit code 0 or 1, and never an exception.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { copyExample } from '../support/temp-repo.js';
import type { JsonReport } from './workspace.js';

const dir = copyExample('acme');
const files = (function list(d: string): string[] {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? list(p) : p.endsWith('.yaml') ? [relative(dir, p).split(sep).join('/')] : [];
  });
})(dir).sort();
const originals = new Map(files.map((f) => [f, readFileSync(join(dir, f))]));

type Mutation =
  | { kind: 'byte'; at: number; value: number }
  | { kind: 'delete-line'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom(': ', '- ', '[', ']', '{', '}', '"', "'", '&a ', '*a', '\t', '\r\n', '\n  ', '#', '? ', '---\n', '\ufeff', '\u0000'),
    ),
  }),
);

function apply(bytes: Buffer, m: Mutation): Buffer {
  const lines = () => {
    const out: Buffer[] = [];
    let start = 0;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) (out.push(bytes.subarray(start, i + 1)), (start = i + 1));
    if (start < bytes.length) out.push(bytes.subarray(start));
    return out;
  };
  const pos = bytes.length ? m.at % (bytes.length + 1) : 0;
  switch (m.kind) {
    case 'byte': {
      if (!bytes.length) return bytes;
      const copy = Buffer.from(bytes);
      copy[m.at % bytes.length] = m.value;
      return copy;
    }
    case 'delete-line': {
      const ls = lines();
      if (!ls.length) return bytes;
      ls.splice(m.at % ls.length, 1);
      return Buffer.concat(ls);
    }
    case 'duplicate-line': {
      const ls = lines();
      if (!ls.length) return bytes;
      const i = m.at % ls.length;
      ls.splice(i, 0, ls[i]!);
      return Buffer.concat(ls);
    }
    case 'truncate':
      return bytes.subarray(0, pos);
    case 'insert':
      return Buffer.concat([bytes.subarray(0, pos), Buffer.from(m.text, 'utf8'), bytes.subarray(pos)]);
  }
}

/** Lines as okr numbers them: split at "\n" (a "\r" before it belongs to no line), a BOM removed. */
function linesOf(bytes: Buffer): string[] {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes).split(/\r?\n/);
}

describe('okr check on randomly damaged copies of examples/acme', () => {
  it('never throws, exits 0 or 1, and every finding points at a line and column that exist', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...files), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (file, mutations) => {
        const damaged = mutations.reduce(apply, originals.get(file)!);
        writeFileSync(join(dir, file), damaged);
        try {
          const result = await okr(['check', '--format', 'json', '-C', dir]);
          expect(result.stderr).not.toMatch(/internal error/);
          expect([0, 1]).toContain(result.code);
          const report = JSON.parse(result.stdout) as JsonReport;
          expect(report.ok).toBe(result.code === 0);
          for (const f of report.findings) {
            const bytes = f.file === file ? damaged : originals.get(f.file);
            expect(bytes, `finding in a file okr does not read: ${f.file}`).toBeDefined();
            const lines = linesOf(bytes!);
            expect(f.line, `${f.file}:${f.line}:${f.column} ${f.rule}`).toBeGreaterThanOrEqual(1);
            expect(f.line, `${f.file}:${f.line}:${f.column} ${f.rule}`).toBeLessThanOrEqual(lines.length);
            expect(f.column, `${f.file}:${f.line}:${f.column} ${f.rule}`).toBeGreaterThanOrEqual(1);
            expect(f.column, `${f.file}:${f.line}:${f.column} ${f.rule} on ${JSON.stringify(lines[f.line - 1])}`).toBeLessThanOrEqual(
              lines[f.line - 1]!.length + 1,
            );
          }
          // The text renderer copes with the same findings.
          const text = await okr(['check', '-C', dir]);
          expect(text.code).toBe(result.code);
        } finally {
          writeFileSync(join(dir, file), originals.get(file)!);
        }
      }),
      { numRuns: Number(process.env.OKR_PROPERTY_RUNS ?? 250), seed: Number(process.env.OKR_PROPERTY_SEED ?? Date.now() % 2 ** 31) },
    );
  });

  it('the undamaged example is clean (so the property above starts from a valid workspace)', async () => {
    const result = await okr(['check', '--format', 'json', '-C', dir]);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, errors: 0, warnings: 0 });
  });
});
