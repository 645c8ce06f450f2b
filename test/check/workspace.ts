// A small valid workspace to break on purpose, and a way to run `okr check --format json` on it.
import { okr, type CliOptions } from '../support/run-cli.js';
import { makeRepo, tempDir, writeFiles } from '../support/temp-repo.js';

export const OKR_YAML = `version: 1
organization: Testco
mission: Ship what matters.
values:
  - id: customer-trust
    title: Earn customer trust
cycles:
  - id: "2026"
    start: 2026-01-01
    end: 2026-12-31
  - id: 2026-Q4
    start: 2026-10-01
    end: 2026-12-31
`;

export const BASE_FILES: Readonly<Record<string, string>> = {
  'okr.yaml': OKR_YAML,
  'teams/platform/team.yaml': 'name: Platform\nowners: [ana@testco.example]\n',
  'teams/platform/2026.yaml': `objectives:
  - id: reliable
    title: Be reliable
    aligns_to: mission
    key_results:
      - id: uptime
        title: Raise uptime
        start: 99
        target: 99.9
`,
};

/** A workspace folder holding BASE_FILES with `files` laid over them (null removes a file). */
export function workspace(files: Record<string, string | Buffer | null> = {}, { repo = false } = {}): string {
  const merged: Record<string, string | Buffer> = { ...BASE_FILES };
  for (const [path, content] of Object.entries(files)) {
    if (content === null) delete merged[path];
    else merged[path] = content;
  }
  if (repo) return makeRepo(merged);
  const dir = tempDir('okr-check-');
  writeFiles(dir, merged);
  return dir;
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  rule: string;
  message: string;
}

export interface JsonReport {
  ok: boolean;
  errors: number;
  warnings: number;
  findings: JsonFinding[];
}

/** Runs `okr check --format json -C dir` in-process; returns the exit code and the parsed report. */
export async function checkJson(dir: string, args: readonly string[] = [], options: CliOptions = {}): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const result = await okr(['check', '--format', 'json', '-C', dir, ...args], options);
  if (result.code === 2) throw new Error(`okr check failed with a usage error: ${result.stderr}`);
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

/** "file:line:column severity rule", the part of a finding tests pin exactly. */
export const where = (f: JsonFinding) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}`;
