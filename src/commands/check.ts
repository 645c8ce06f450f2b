// okr check: schema, reference and rule checks, in the format a terminal or a CI job wants.
import type { Environment } from '../env.js';
import { wantsColor } from '../env.js';
import { ExitCode } from '../errors.js';
import { makePaint } from '../render/paint.js';
import { checkJson, renderCheckGithub, renderCheckSarif, renderCheckText, summarize } from '../render/check.js';
import { jsonText } from '../render/json/write.js';
import { VERSION } from '../version.js';
import type { Finding } from '../model/findings.js';
import { openWorkspace, type OpenedWorkspace } from '../workspace/open.js';
import { roleOf } from '../workspace/source.js';
import { positionFindings } from '../workspace/load.js';
import { repositoryPathMapper } from '../workspace/repository-root.js';

export interface CheckOptions {
  dir?: string;
  cycle?: string;
  at?: string;
  asOf?: string;
  format?: 'text' | 'json' | 'github' | 'sarif';
  json?: boolean;
  maxWarnings?: number;
}

/**
 * --cycle: the findings a team working on one cycle cares about. References are still resolved
 * against every file; only what is reported narrows.
 */
async function inView(opened: OpenedWorkspace, cycle: string, day: string): Promise<(finding: Finding) => boolean> {
  const { chooseView } = await import('./open-view.js'); // only with --cycle: keeps check's start-up small
  const cycles = new Set(chooseView(opened.workspace, cycle, day).cycles.map((c) => c.id));
  return (finding) => {
    const role = roleOf(finding.target.file);
    return role?.kind !== 'cycle' || cycles.has(role.cycle);
  };
}

export default async function check(env: Environment, _args: unknown[], options: CheckOptions): Promise<number> {
  const opened = await openWorkspace(env, options);
  const { staleCheckinFindings } = await import('./stale-checkin-rule.js');
  const all = [...opened.findings, ...(await staleCheckinFindings(env, opened, options))];
  const findings = positionFindings(opened, options.cycle === undefined ? all : all.filter(await inView(opened, options.cycle, options.asOf ?? env.today)));
  // Files that could not be read (too large, not UTF-8, a link out) were checked too.
  const summary = summarize(findings, new Set([...opened.files, ...findings.map((f) => f.file)]).size);
  const tooManyWarnings = options.maxWarnings !== undefined && summary.warnings > options.maxWarnings;
  const ok = summary.errors === 0 && !tooManyWarnings;
  const format = options.json ? 'json' : (options.format ?? 'text');

  switch (format) {
    case 'json':
      env.stdout.write(jsonText(checkJson(summary, ok), { pretty: env.stdout.isTTY }));
      break;
    case 'github':
      env.stdout.write(renderCheckGithub(summary, repositoryPathMapper(opened.root)));
      break;
    case 'sarif':
      env.stdout.write(renderCheckSarif(summary, repositoryPathMapper(opened.root), VERSION));
      break;
    case 'text': {
      const lines = new Map<string, string[]>();
      const sourceLine = (file: string, line: number) => {
        const text = opened.texts.get(file);
        if (text === undefined) return undefined; // never read: no line to show
        let split = lines.get(file);
        if (!split) lines.set(file, (split = text.split(/\r?\n/)));
        return split[line - 1];
      };
      env.stdout.write(renderCheckText(summary, sourceLine, makePaint(wantsColor(env))));
      break;
    }
  }
  if (tooManyWarnings && summary.errors === 0)
    env.stderr.write(
      `okr: ${summary.warnings} warnings, more than --max-warnings ${options.maxWarnings} allows\nFix the warnings above, or raise the limit (--max-warnings ${summary.warnings}).\n`,
    );
  return ok ? ExitCode.ok : ExitCode.dataError;
}
