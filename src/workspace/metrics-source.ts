// Reads the value of a measured key result (`source: {file, pointer}`) for `okr measure`: a JSON or
// YAML file named relative to the workspace folder, never outside the repository (no "..", no absolute path, no link leading
// out), within a size limit, parsed without executing anything, and the number at the pointer.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { describe, resolvePointer } from '../model/json-pointer.js';
import type { Source } from '../model/types.js';
import { parseYaml } from './parse-yaml.js';

export const DEFAULT_MAX_SOURCE_BYTES = 16 * 1024 * 1024;

export type SourceValue = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly problem: string };

type Parsed = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly problem: string };

/** Reads source files once each, however many key results point into them. */
export class MetricsReader {
  private readonly files = new Map<string, Parsed>();

  /**
   * `base`: the folder source paths are relative to (the workspace folder, where okr.yaml is: SPEC 9);
   * `top`: the folder no source may lead out of (the repository's top; the workspace outside git).
   */
  constructor(
    private readonly base: string,
    private readonly top: string,
    private readonly maxBytes = DEFAULT_MAX_SOURCE_BYTES,
  ) {}

  value(source: Source): SourceValue {
    let parsed = this.files.get(source.file);
    if (!parsed) this.files.set(source.file, (parsed = this.read(source.file)));
    if (!parsed.ok) return parsed;
    const found = resolvePointer(parsed.data, source.pointer);
    if (!found.found) return { ok: false, problem: `${source.file}: ${found.problem}` };
    if (typeof found.value !== 'number' || !Number.isFinite(found.value))
      return { ok: false, problem: `${source.file}#${source.pointer} is ${describe(found.value)}, not a number` };
    return { ok: true, value: found.value };
  }

  private read(file: string): Parsed {
    const unsafe = unsafePath(file);
    if (unsafe) return { ok: false, problem: `source file "${file}" ${unsafe}` };
    const abs = join(this.base, ...file.split('/'));
    let real: string;
    try {
      real = realpathSync(abs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, problem: code === 'ENOENT' ? `source file ${file} does not exist` : `cannot read source file ${file}: ${code}` };
    }
    const inside = relative(realpathSync(this.top), real);
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
      return { ok: false, problem: `source file ${file} leads outside the repository (to ${real}); okr does not read it` };
    const stat = statSync(real);
    if (!stat.isFile()) return { ok: false, problem: `source file ${file} is not a regular file` };
    if (stat.size > this.maxBytes)
      return { ok: false, problem: `source file ${file} is ${stat.size} bytes, over the limit of ${this.maxBytes} (set OKR_MAX_SOURCE_BYTES to change it)` };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(real));
    } catch {
      return { ok: false, problem: `source file ${file} is not UTF-8 text` };
    }
    if (file.toLowerCase().endsWith('.json')) {
      try {
        return { ok: true, data: JSON.parse(text) };
      } catch (error) {
        return { ok: false, problem: `source file ${file} is not valid JSON: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}` };
      }
    }
    // YAML as goal files are read (one meaning: YAML 1.2 core; no tags, no directives).
    const parsed = parseYaml(file, text);
    const problem = parsed.findings[0];
    if (parsed.data === undefined || problem) {
      const where = problem && 'line' in problem.target ? ` (line ${problem.target.line}, column ${problem.target.column})` : '';
      return { ok: false, problem: `source file ${file} is not valid JSON or YAML: ${problem?.message ?? 'it cannot be read'}${where}` };
    }
    return { ok: true, data: parsed.data };
  }
}

/** Why a source path may not be read, or undefined when it is a plain relative path. */
export function unsafePath(file: string): string | undefined {
  if (file === '' || file.includes('\0')) return 'is not a file name';
  if (file.startsWith('/') || file.startsWith('\\') || /^[A-Za-z]:/.test(file) || isAbsolute(file)) return 'is an absolute path; write it relative to the workspace folder (where okr.yaml is)';
  if (file.split(/[\\/]/).includes('..')) return 'leads out of the repository ("..")';
  return undefined;
}
