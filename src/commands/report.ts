// okr report: the state of the goals as one page (SPEC section 14): self-contained HTML, or markdown
// for wikis and CI summaries; to stdout or, atomically, to a file (-o).
import { resolve } from 'node:path';
import { readReport } from '../app/report.js';
import { openSession } from '../app/session.js';
import type { ReportArguments, ReportOptions } from '../definitions/report.js';
import type { Environment } from '../env.js';
import { DataError, ExitCode, UsageError } from '../errors.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { VERSION } from '../version.js';

type Format = 'html' | 'markdown';

export default async function report(env: Environment, _args: ReportArguments, options: ReportOptions): Promise<number> {
  const output = options.output === undefined || options.output === '-' ? undefined : options.output;
  const format = chooseFormat(options.format, output);
  if (output === undefined && format === 'html' && env.stdout.isTTY)
    throw new UsageError(
      'okr report writes an HTML page, which is not for reading in a terminal',
      'Write it to a file (okr report -o report.html, or okr report > report.html), or read markdown here (okr report --format markdown).',
    );

  const content = await readReport(openSession(env, options.dir), options);
  // The renderers are loaded only here: no other command pays for them.
  const text =
    format === 'html'
      ? (await import('../render/report/html.js')).renderReportHtml(content, { version: VERSION })
      : (await import('../render/report/markdown.js')).renderReportMarkdown(content, { version: VERSION });

  if (output === undefined) {
    env.stdout.write(text);
    return ExitCode.ok;
  }
  const path = resolve(env.cwd, output);
  try {
    writeFileAtomically(path, text);
  } catch (error) {
    throw cannotWrite(output, error);
  }
  const objectives = content.counts.objectives.total;
  const keyResults = content.counts.keyResults.total;
  env.stderr.write(
    `okr: wrote ${output} (${format}, ${size(Buffer.byteLength(text, 'utf8'))}: ${content.teams.length} team${content.teams.length === 1 ? '' : 's'}, ` +
      `${objectives} objective${objectives === 1 ? '' : 's'}, ${keyResults} key result${keyResults === 1 ? '' : 's'})\n`,
  );
  return ExitCode.ok;
}

const HTML_FILE = /\.html?$/i;
const MARKDOWN_FILE = /\.(md|markdown)$/i;

/** --format, else what the file's name says (*.md and *.markdown: markdown), else html; a contradiction is refused. */
function chooseFormat(given: Format | undefined, output: string | undefined): Format {
  const named: Format | undefined = output === undefined ? undefined : HTML_FILE.test(output) ? 'html' : MARKDOWN_FILE.test(output) ? 'markdown' : undefined;
  if (given !== undefined && named !== undefined && given !== named)
    throw new UsageError(`--format ${given} does not go with -o ${output}, a ${named} file name`, `Drop --format, or name the file for ${given} (e.g. report.${given === 'html' ? 'html' : 'md'}).`);
  return given ?? named ?? 'html';
}

function cannotWrite(output: string, error: unknown): DataError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOENT'
      ? 'its folder does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'ENOTDIR'
            ? 'a part of its path is not a folder'
            : code === 'ENOSPC'
              ? 'the disk is full'
              : error instanceof Error
                ? error.message
                : String(error);
  return new DataError(`cannot write the report to ${output}: ${why}`, 'Name a file in a folder that exists and that you may write to, e.g. -o report.html.');
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
