// okr check: schema, reference and rule checks, in the format a terminal or a CI job wants.
import type { CheckArguments, CheckOptions } from '../definitions/check.js';
import type { Environment } from '../env.js';
import { ExitCode } from '../errors.js';
import { textStyle, writeJson } from '../app/output.js';
import type { CheckedWorkspace } from '../app/cached-check.js';
import { openSession } from '../app/session.js';
import type { Finding } from '../model/findings.js';
import { checkJson, renderCheckGithub, renderCheckSarif, renderCheckText, sourceLines, summarize } from '../render/check.js';
import { VERSION } from '../version.js';
import { positionFindings } from '../workspace/load.js';
import { remoteOfFile } from '../model/remotes.js';
import { roleOf } from '../workspace/source.js';

/**
 * --cycle: the findings a team working on one cycle cares about. References are still resolved
 * against every file; only what is reported narrows.
 */
async function inView(opened: CheckedWorkspace, cycle: string, day: string): Promise<(finding: Finding) => boolean> {
  const { chooseView } = await import('../app/cycle-view.js'); // only with --cycle: keeps check's start-up small
  const cycles = new Set(chooseView(opened.workspace, cycle, day).cycles.map((c) => c.id));
  return (finding) => {
    const role = roleOf(finding.target.file);
    return role?.kind !== 'cycle' || cycles.has(role.cycle);
  };
}

export default async function check(env: Environment, [paths]: CheckArguments, options: CheckOptions): Promise<number> {
  const session = openSession(env, options.dir);
  // Named files are looked at before anything is read: a mistyped path is a usage error at once.
  const named = paths.length ? (await import('../app/check-files.js')).selectFiles(env, session.root, paths) : undefined;
  // --cache: git is asked about the work tree while the checks load.
  const begun = options.cache ? import('../app/check-cache-start.js').then(({ beginCachedCheck }) => beginCachedCheck(session, options)) : undefined;
  const { checkEverything, checkWithCache } = await import('../app/cached-check.js');
  const cacheBegun = await begun;
  const opened = (cacheBegun && (await checkWithCache(session, options, cacheBegun))) ?? (await checkEverything(session, options));
  // Another repository's files (named <id>:<file>) are its own to fix: reported with --members only.
  const all = options.members ? opened.findings : opened.findings.filter((f) => remoteOfFile(f.target.file) === undefined);
  const viewed = options.cycle === undefined ? all : all.filter(await inView(opened, options.cycle, options.asOf ?? env.today));
  const reported = viewed.filter((f) => (named === undefined || named(f.target.file)) && (!options.quiet || f.severity === 'error'));
  const findings = positionFindings(opened, reported);
  // Files that could not be read (too large, not UTF-8, a link out) were checked too.
  const checked = new Set([...opened.files, ...all.map((f) => f.target.file)].filter((f) => options.members || remoteOfFile(f) === undefined));
  const summary = summarize(findings, named === undefined ? checked.size : [...checked].filter(named).length);
  const tooManyWarnings = options.maxWarnings !== undefined && summary.warnings > options.maxWarnings;
  const ok = summary.errors === 0 && !tooManyWarnings;
  const format = options.json ? 'json' : options.format;
  // CI annotations and SARIF name files relative to the repository's top.
  const repositoryPath = async () => {
    const prefix = (await session.repository())?.prefix ?? '';
    return (file: string) => `${prefix}${file}`;
  };

  switch (format) {
    case 'json':
      writeJson(env, checkJson(summary, ok));
      break;
    case 'github':
      env.stdout.write(renderCheckGithub(summary, await repositoryPath()));
      break;
    case 'sarif':
      env.stdout.write(renderCheckSarif(summary, await repositoryPath(), VERSION));
      break;
    case 'text': {
      const readers = new Map<string, (line: number) => string | undefined>();
      const sourceLine = (file: string, line: number) => {
        const text = opened.texts.get(file);
        if (text === undefined) return undefined; // never read: no line to show
        let lineOf = readers.get(file);
        if (!lineOf) readers.set(file, (lineOf = sourceLines(text)));
        return lineOf(line);
      };
      env.stdout.write(renderCheckText(summary, sourceLine, textStyle(env).paint));
      break;
    }
  }
  if (tooManyWarnings && summary.errors === 0)
    env.stderr.write(
      `okr: ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings} allows\nFix the warnings above, or raise the limit (--max-warnings ${summary.warnings}).\n`,
    );
  return ok ? ExitCode.ok : ExitCode.dataError;
}
