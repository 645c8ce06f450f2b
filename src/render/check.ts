// Renders `okr check` findings: text for people (eslint/rustc style, with the source line and a
// caret), JSON (the contract), GitHub workflow commands, and SARIF 2.1.0 for code scanning.
import type { PositionedFinding } from '../model/findings.js';
import { DEFAULT_RULES, RULE_CATALOG, ruleDoc } from '../model/rules.js';
import type { Paint } from './paint.js';
import { printable } from '../printable.js';
import { truncate, visibleWidth } from './text/progress-cells.js';

export interface CheckSummary {
  readonly findings: readonly PositionedFinding[];
  readonly errors: number;
  readonly warnings: number;
  readonly filesChecked: number;
}

export function summarize(findings: readonly PositionedFinding[], filesChecked: number): CheckSummary {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { findings, errors, warnings: findings.length - errors, filesChecked };
}

/**
 * The lines of a file's text by number (1-based), without their line ends (LF, or CR LF), as
 * splitting at /\r?\n/ gives them. Only where lines start is kept: 10,000 files with a finding each
 * were split whole for one line apiece.
 */
export function sourceLines(text: string): (line: number) => string | undefined {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (line) => {
    const start = starts[line - 1];
    if (start === undefined) return undefined;
    const next = starts[line];
    if (next === undefined) return text.slice(start);
    const end = next - 1; // the LF
    return text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
  };
}

/** A source line is shown up to this many columns. */
const SOURCE_COLUMNS = 160;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderCheckText(summary: CheckSummary, sourceLine: (file: string, line: number) => string | undefined, paint: Paint): string {
  const out: string[] = [];
  let previousFile: string | undefined;
  for (const f of summary.findings) {
    if (previousFile !== undefined && f.file !== previousFile) out.push('');
    previousFile = f.file;
    const severity = f.severity === 'error' ? paint.red('error') : paint.yellow('warning');
    out.push(`${paint.bold(`${printable(f.file)}:${f.line}:${f.column}`)} ${severity} ${paint.dim(printable(f.rule))} ${printable(f.message)}`);
    const text = sourceLine(f.file, f.line);
    if (text !== undefined) {
      const gutter = String(f.line).length;
      // Control characters in the line are shown escaped; the caret moves past their escapes. The
      // column counts UTF-16 code units (as eslint and SARIF do); the caret is placed by what the
      // terminal shows before it: wide characters (CJK, emoji) take two columns, combining marks none.
      const shown = printable(text);
      const clipped = truncate(shown, SOURCE_COLUMNS, '...');
      const caret = visibleWidth(printable(text.slice(0, f.column - 1)));
      out.push(`${paint.dim(`${' '.repeat(2)}${f.line} |`)} ${clipped}`);
      if (caret <= visibleWidth(clipped))
        out.push(`${paint.dim(`${' '.repeat(2 + gutter)} |`)} ${' '.repeat(caret)}${f.severity === 'error' ? paint.red('^') : paint.yellow('^')}`);
    }
  }
  if (summary.findings.length) out.push('');
  const files = plural(summary.filesChecked, 'file');
  if (summary.findings.length === 0) out.push(`${paint.green('✔')} no problems in ${files}`);
  else
    out.push(
      `${summary.errors ? paint.red('✖') : paint.yellow('!')} ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')} in ${files}`,
    );
  return out.join('\n') + '\n';
}

/** The JSON contract of `okr check --json` (SPEC section 6). */
export function checkJson(summary: CheckSummary, ok: boolean) {
  return {
    ok,
    errors: summary.errors,
    warnings: summary.warnings,
    findings: summary.findings.map(({ file, line, column, severity, rule, message }) => ({ file, line, column, severity, rule, message })),
  };
}

// GitHub's own escapes for %, CR and LF (it decodes them); any other control character is shown escaped.
const escapeData = (s: string) => printable(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands; `pathOf` maps a workspace path to a repository path. */
export function renderCheckGithub(summary: CheckSummary, pathOf: (file: string) => string): string {
  return summary.findings
    .map(
      (f) =>
        `::${f.severity === 'error' ? 'error' : 'warning'} file=${escapeProperty(pathOf(f.file))},line=${f.line},col=${f.column},title=${escapeProperty(f.rule)}::${escapeData(f.message)}\n`,
    )
    .join('');
}

/** Where the rules are documented, for a SARIF viewer's "more" link. */
const RULES_URI = 'https://github.com/okr-cli/okr#rules';

/**
 * A rule as SARIF describes it: GitHub code scanning requires a short and a full description and
 * help text for every rule (sarif-multitool GH2012), and shows help as the alert's guidance.
 */
function sarifRule(id: string) {
  const doc = ruleDoc(id);
  const configurable = Object.hasOwn(DEFAULT_RULES, id);
  const summary = doc.summary.charAt(0).toUpperCase() + doc.summary.slice(1);
  return {
    id,
    name: id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
    shortDescription: { text: `${summary}.` },
    fullDescription: { text: doc.description },
    help: { text: doc.help, markdown: `${doc.help}\n\nRule \`${id}\` of [okr check](${RULES_URI}).` },
    helpUri: RULES_URI,
    // The level without configuration: fixed rules are errors, configurable rules warn by default.
    defaultConfiguration: { level: configurable ? (DEFAULT_RULES[id]!.severity === 'error' ? 'error' : 'warning') : 'error' },
  };
}

export function renderCheckSarif(summary: CheckSummary, pathOf: (file: string) => string, version: string): string {
  const ruleIds = [...new Set([...RULE_CATALOG.keys(), ...summary.findings.map((f) => f.rule)])];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'okr',
            version,
            informationUri: 'https://github.com/okr-cli/okr',
            rules: ruleIds.map(sarifRule),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: summary.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: f.severity === 'error' ? 'error' : 'warning',
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: pathOf(f.file).split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
