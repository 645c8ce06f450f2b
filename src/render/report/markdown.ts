// `okr report --format markdown`: the report's content for wikis and CI job summaries
// ($GITHUB_STEP_SUMMARY): tables, sparklines as text, a <details> block per team. Text from goal files
// and git is escaped as `okr diff` escapes it: markdown where markdown is read, HTML inside the
// <details> lines (where markdown is not read), and "@handles" never notify anyone.
import type { Feedback } from '../../model/feedback.js';
import { dayOf, type HistoryPoint } from '../../model/history.js';
import type { KeyResultSection, ObjectiveSection, Report, TeamSection } from '../../model/report.js';
import { cycleDay } from '../../model/report.js';
import type { TreeNode } from '../../model/tree.js';
import { escapeMarkdown } from '../diff/markdown.js';
import { cycleText, gradeText, percent } from '../text/progress-cells.js';
import { sparkline } from '../text/sparkline.js';
import { escapeHtml } from './escape-html.js';
import {
  attentionText,
  changeText,
  countPhrases,
  currentText,
  forecastWords,
  lastCheckinText,
  LIST_LIMIT,
  pointRemarkText,
  shortCommit,
  sourceText,
  statusText,
  targetText,
  unitOfKeyResult,
} from './words.js';

const md = escapeMarkdown;
/** Text inside an HTML line of the markdown (a <summary>): HTML-escaped, and no @mention. */
const html = (s: string) => escapeHtml(s).replace(/@/g, '@&#8203;');
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
/** A progress bar in ten cells, for tables: the percentage beside it says the same. */
const cells = (x: number) => {
  const full = Math.max(0, Math.min(10, Math.floor(x * 10 + 1e-9)));
  return `${'█'.repeat(full)}${'░'.repeat(10 - full)}`;
};
/** Up to this many teams, their <details> start open. */
const OPEN_TEAMS = 10;

export function renderReportMarkdown(report: Report, options: { readonly version: string }): string {
  const out: string[] = [];
  const { day, of } = cycleDay(report.cycle, report.asOf);
  out.push(
    `# ${report.organization ? `${md(report.organization)}: goals` : 'Goals'} of ${md(report.cycle.id)}${report.team ? `, team ${code(report.team)}` : ''}`,
    '',
    `**Mission:** ${md(report.mission.statement)}`,
    '',
    `**${percent(report.mission.progress)}** of the mission, from the objectives aligned to it${
      report.cycles.length ? ` (by today the cycles expect ${report.cycles.map(({ cycle, expected }) => `${percent(expected)} of ${md(cycle.id)}`).join(', ')})` : ''
    }`,
    '',
    `Cycle ${md(cycleText(report.cycle))}, day ${day} of ${of} · as of ${report.asOf} · read from ${md(sourceText(report.source))}`,
    '',
  );
  summary(report, out);
  alignment(report, out);
  teams(report, out);
  stale(report, out);
  recent(report, out);
  grades(report, out);
  out.push('---', '', `Made by okr ${md(options.version)}. Progress, pacing and status follow the arithmetic of okr (the same numbers as \`okr tree\` and \`okr status\`).`, '');
  return out.join('\n');
}

function summary(report: Report, out: string[]): void {
  const c = countPhrases(report.counts);
  out.push('## Summary', '', `- ${plural(report.counts.objectives.total, 'objective')}${c.objectives ? `: ${c.objectives}` : ''}`, `- ${plural(report.counts.keyResults.total, 'key result')}${c.keyResults ? `: ${c.keyResults}` : ''}`);
  const k = report.counts;
  out.push(
    k.stale === null ? '- Stale key results and forecasts: unknown (not in git)' : `- ${plural(k.stale, 'key result')} stale (no check-in for over ${report.staleAfterDays} days); ${plural(k.forecastMisses ?? 0, 'metric')} forecast to miss the target`,
    '',
  );
  if (report.teams.length === 0) {
    out.push(`No team has objectives in ${md(report.cycle.id)}.`, '');
    return;
  }
  out.push('### Teams, those needing attention first', '', '| Team | Progress | Behind | Breached | Stale | Forecast misses | Last check-in | Why |', '|---|---|---|--:|--:|--:|---|---|');
  const unknown = report.hasHistory ? '0' : '?';
  for (const t of report.teams) {
    const s = t.status;
    const behind = [s.offTrack && `${s.offTrack} off track`, s.atRisk && `${s.atRisk} at risk`].filter(Boolean).join(', ') || 'none';
    const why = t.attention.slice(0, 2).map((a) => {
      const w = attentionText(a);
      return `${md(w.title)}: ${md(w.why)}`;
    });
    if (t.attention.length > 2) why.push(`${t.attention.length - 2} more`);
    const progress = s.progress === null ? '' : `${cells(s.progress)} ${percent(s.progress)}${s.grade === null ? '' : `, grade ${gradeText(s.grade)}`}`;
    out.push(
      `| ${md(s.name)} | ${progress} | ${behind} of ${s.objectives} | ${s.breached} | ${s.stale ?? unknown} | ${s.forecastBelowTarget ?? unknown} | ${s.lastCheckin ?? (report.hasHistory ? 'none' : 'unknown')} | ${why.join('; ') || 'nothing: on track'} |`,
    );
  }
  out.push('');
}

function alignment(report: Report, out: string[]): void {
  out.push('## Alignment', '');
  const tree = report.tree;
  if (tree.roots.length === 0 && tree.unaligned.length === 0) {
    out.push(`No objectives in ${md(report.cycle.id)}.`, '');
    return;
  }
  out.push('Each objective: progress, status, title and reference; under it, the objectives aligned to it.', '');
  const lines: string[] = [];
  const walk = (node: TreeNode, depth: number) => {
    const { score } = node;
    const o = score.objective;
    const notes: string[] = [];
    if (score.expected !== null) notes.push(`expected ${percent(score.expected)}`);
    if (o.grade !== undefined) notes.push(`grade ${gradeText(o.grade)}`);
    if (node.via) notes.push(`via ${md(node.via.title)}`);
    if (node.alsoUnder.length) notes.push(`also under ${node.alsoUnder.map(code).join(', ')}`);
    if (node.hidden) notes.push(`${plural(node.hidden.count, 'objective')} below not shown (${node.hidden.reason})`);
    lines.push(`${'  '.repeat(depth)}- **${percent(score.progress)}** ${statusText(score.status)} · ${md(o.title)} ${code(o.ref)}${notes.length ? ` · ${notes.join(' · ')}` : ''}`);
    for (const child of node.children) walk(child, depth + 1);
  };
  for (const n of tree.roots) walk(n, 0);
  out.push(...lines, '');
  if (tree.unaligned.length) {
    lines.length = 0;
    for (const n of tree.unaligned) walk(n, 0);
    out.push('### Unaligned: aligned to nothing in this view', '', ...lines, '');
  }
}

function teams(report: Report, out: string[]): void {
  out.push('## Teams', '');
  if (!report.hasHistory) out.push('Not in git: history, staleness, forecasts and feedback are unknown.', '');
  const open = report.teams.length <= OPEN_TEAMS;
  for (const t of report.teams) team(t, report, open, out);
  if (report.idleTeams.length) out.push(`No objectives in ${md(report.cycle.id)}: ${report.idleTeams.map((t) => md(t.name)).join(', ')}.`, '');
}

function team(t: TeamSection, report: Report, open: boolean, out: string[]): void {
  const s = t.status;
  const facts = [
    s.offTrack && `${s.offTrack} off track`,
    s.atRisk && `${s.atRisk} at risk`,
    s.breached && `${s.breached} breached`,
    s.stale && `${s.stale} stale`,
    s.forecastBelowTarget && `${s.forecastBelowTarget} forecast to miss`,
  ].filter(Boolean);
  out.push(
    `<details${open ? ' open' : ''}><summary><b>${html(s.name)}</b> (${html(t.id)}): ${s.progress === null ? '' : `${percent(s.progress)}, `}${plural(s.objectives, 'objective')}${facts.length ? `, ${facts.join(', ')}` : ', none behind'}</summary>`,
    '',
  );
  if (t.team?.purpose) out.push(`_${md(t.team.purpose)}_`, '');
  if (t.attention.length) {
    out.push('**Needs attention:**', '');
    for (const a of t.attention) {
      const w = attentionText(a);
      out.push(`- ${md(w.title)} ${code(w.ref)}: ${md(w.why)}`);
    }
    out.push('');
  }
  for (const o of t.objectives) objective(o, report, out);
  out.push('</details>', '');
}

function objective(section: ObjectiveSection, report: Report, out: string[]): void {
  const { score } = section;
  const o = score.objective;
  const facts = [
    `**${percent(score.progress)}**`,
    statusText(score.status),
    score.expected === null ? 'no valid cycle to pace against' : `expected ${percent(score.expected)}`,
    code(o.ref),
    o.cycle !== report.cycle.id ? `cycle ${md(o.cycle)}` : '',
    section.alignsTo.length ? `aligns to ${section.alignsTo.map(md).join(', ')}` : 'aligned to nothing',
    o.grade !== undefined ? `grade ${gradeText(o.grade)}` : '',
  ].filter(Boolean);
  out.push(`#### ${md(o.title)}`, '', facts.join(' · '), '');
  if (section.keyResults.length) {
    out.push('| Key result | Now | Target | Status | Confidence | Last check-in | Trend | Forecast |', '|---|--:|---|---|--:|---|---|---|');
    for (const k of section.keyResults) out.push(keyResultRow(k, report));
    out.push('');
  }
  const feedback = [...section.feedback.map((f) => ({ f, on: o.ref })), ...section.keyResults.flatMap((k) => k.feedback.map((f) => ({ f, on: k.score.keyResult.ref })))];
  if (feedback.length) {
    out.push('Feedback:', '');
    for (const { f, on } of feedback) out.push(feedbackLine(f, on));
    out.push('');
  }
}

function keyResultRow(k: KeyResultSection, report: Report): string {
  const kr = k.score.keyResult;
  const unit = unitOfKeyResult(kr);
  const status = `${statusText(k.score.status)} ${percent(k.score.progress)}${kr.grade !== undefined ? `, grade ${gradeText(kr.grade)}` : ''}`;
  const last = `${md(lastCheckinText(k, report.hasHistory))}${k.staleness?.stale ? ` ⚠️ stale ${k.staleness.days} days` : ''}`;
  const trend = k.trend.length ? sparkline(k.trend, 16) : '';
  const forecast = k.forecast ? md(forecastWords(k.forecast, unit)) : kr.kind === 'metric' && report.hasHistory ? 'too few values yet' : '';
  return `| ${md(kr.title)} ${code(kr.id)} | ${md(currentText(k))} | ${md(targetText(k))} | ${status} | ${kr.confidence ?? ''} | ${last} | ${trend} | ${forecast} |`;
}

function feedbackLine(f: Feedback, on: string): string {
  const reply = f.replyTo ? ` (reply to check-in ${code(shortCommit(f.replyTo))})` : '';
  return `- ${f.kind ? `**${md(f.kind)}** ` : ''}${md(f.authorName)}, ${dayOf(f.date)}, on ${code(on)}${reply}: ${md(f.text)}`;
}

function stale(report: Report, out: string[]): void {
  out.push('## Stale key results', '');
  if (report.stale === null) out.push('Unknown: staleness is read from git history, and these goals are not in git.', '');
  else if (report.stale.length === 0) out.push(`None: every key result due a check-in had one in the last ${report.staleAfterDays} days.`, '');
  else {
    const shown = report.stale.slice(0, LIST_LIMIT.stale);
    out.push(`${plural(report.stale.length, 'key result')} with no check-in for more than ${report.staleAfterDays} days, longest silent first.`, '');
    out.push('| Key result | Owners | Last check-in | Days |', '|---|---|---|--:|');
    for (const s of shown)
      out.push(`| ${md(s.keyResult.title)} ${code(s.keyResult.ref)} | ${s.owners.map(md).join(', ')} | ${s.staleness.last ? dayOf(s.staleness.last.date) : ''} | ${s.staleness.days ?? ''} |`);
    out.push('');
    if (report.stale.length > shown.length) out.push(`${report.stale.length - shown.length} more: \`okr stale\` lists them all.`, '');
  }
}

function recent(report: Report, out: string[]): void {
  out.push('## Recent check-ins', '');
  if (report.recent === null) {
    out.push('Unknown: check-ins are read from git history, and these goals are not in git.', '');
    return;
  }
  const all = report.recent.checkins;
  if (all.length === 0) {
    out.push(`None from ${report.recent.since} to ${report.asOf}.`, '');
    return;
  }
  const shown = all.slice(0, LIST_LIMIT.recent);
  out.push(`${plural(all.length, 'check-in')} from ${report.recent.since} to ${report.asOf}, newest first.`, '', '| Day | Key result | Change | By | Note |', '|---|---|---|---|---|');
  for (const p of shown) out.push(checkinRow(p));
  out.push('');
  if (all.length > shown.length) out.push(`${all.length - shown.length} more: \`okr log --since ${report.recent.since}\` lists them all.`, '');
}

function checkinRow(p: HistoryPoint): string {
  return `| ${dayOf(p.date)} | ${code(p.ref)} | ${md(changeText(p))} | ${md(p.authorName)} | ${md(pointRemarkText(p))} |`;
}

function grades(report: Report, out: string[]): void {
  for (const g of report.grades) {
    out.push(`## Grades of ${md(g.cycle.id)} (closed ${md(g.cycle.closed ?? '')})`, '', '| Goal | Grade | Progress |', '|---|--:|--:|');
    for (const o of g.objectives) {
      out.push(`| ${md(o.objective.title)} ${code(o.objective.ref)} | ${o.objective.grade === undefined ? '' : gradeText(o.objective.grade)} | ${percent(o.progress)} |`);
      for (const k of o.keyResults) out.push(`| ↳ ${md(k.keyResult.title)} | ${k.keyResult.grade === undefined ? '' : gradeText(k.keyResult.grade)} | ${percent(k.progress)} |`);
    }
    out.push('');
  }
}
