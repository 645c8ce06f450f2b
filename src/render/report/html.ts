// `okr report --format html`: one self-contained page. Styles, charts (inline SVG) and the filter
// script are inline; a Content-Security-Policy allows exactly that style sheet and that script (by
// hash) and no request at all. Without script every section is still there, folded in <details>;
// in print everything is unfolded. Every string from goal files or git is escaped for the place it
// goes (text or attribute), so a title holding "<script>" or "</style>" shows as those characters.
import { createHash } from 'node:crypto';
import type { Feedback } from '../../model/feedback.js';
import { dayOf, type HistoryPoint } from '../../model/history.js';
import type { Status } from '../../model/pacing.js';
import type { KeyResultSection, ObjectiveSection, Report, TeamSection } from '../../model/report.js';
import { cycleDay } from '../../model/report.js';
import type { TreeNode } from '../../model/tree.js';
import { cycleText, gradeText, percent } from '../text/progress-cells.js';
import { escapeHtml, escapeLines } from './escape-html.js';
import { chartLegend, chartSvg } from './html-chart.js';
import { REPORT_CSS, REPORT_SCRIPT } from './html-assets.js';
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

export interface HtmlReportOptions {
  /** okr's version, for the footer. */
  readonly version: string;
}

/** Up to this many teams, their sections start open; beyond, folded (a page of 1,000 teams stays quick to lay out). */
const OPEN_TEAMS = 25;
/** Up to this many objectives, the whole tree starts open; beyond, only its first level. */
const OPEN_TREE = 300;
/** Reasons for attention shown per team in the summary table, and in its section (the rows below flag the rest). */
const WHY_SHOWN = 2;
const ATTENTION_SHOWN = 3;
/** Teams in the summary table: those needing attention most; every team has its section below, in the same order. */
const SUMMARY_TEAMS = 100;

const e = escapeHtml;

/** A CSP source for an inline element's exact text. */
function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export function renderReportHtml(report: Report, options: HtmlReportOptions): string {
  const policy = [
    "default-src 'none'",
    `style-src ${cspHash(REPORT_CSS)}`,
    `script-src ${cspHash(REPORT_SCRIPT)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const org = report.organization;
  const title = `${org ? `${org} goals` : 'Goals'}: ${report.cycle.id}${report.team ? `, team ${report.team}` : ''} as of ${report.asOf}`;
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<meta name="generator" content="okr ${e(options.version)}">`,
    `<title>${e(title)}</title>`,
    '<link rel="icon" href="data:,">',
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<a class="skip" href="#teams">Skip to the teams</a>',
    header(report),
    navigation(report),
    '<main>',
    summary(report),
    alignment(report),
    teams(report),
    stale(report),
    recent(report),
    grades(report),
    '</main>',
    `<footer><p>Made by okr ${e(options.version)} from ${e(sourceText(report.source))}, as of ${report.asOf}. ` +
      'Progress, pacing and status follow the arithmetic of okr (the same numbers as <code>okr tree</code> and <code>okr status</code>); ' +
      'every text comes from the goal files and their git history.</p></footer>',
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ];
  return out.join('\n');
}

function header(report: Report): string {
  const { day, of } = cycleDay(report.cycle, report.asOf);
  const expected = report.cycles.map(({ cycle, expected }) => `${percent(expected)} of ${e(cycle.id)}`).join(', ');
  const heading = `${report.organization ? `${e(report.organization)}: goals` : 'Goals'} of ${e(report.cycle.id)}${report.team ? `, team <span class="t">${e(report.team)}</span>` : ''}`;
  return [
    '<header>',
    `<h1>${heading}</h1>`,
    `<p class="mission"><span class="muted">Mission:</span> <q class="t">${e(report.mission.statement)}</q></p>`,
    `<p>${bar(report.mission.progress)}<span class="pct">${percent(report.mission.progress)}</span> of the mission, from the objectives aligned to it` +
      `${expected ? ` <span class="muted">· by today the cycles expect ${expected}</span>` : ''}</p>`,
    `<p class="meta muted">Cycle ${e(cycleText(report.cycle))}, day ${day} of ${of} · as of ${report.asOf} · read from ${e(sourceText(report.source))}</p>`,
    '</header>',
  ].join('\n');
}

function navigation(report: Report): string {
  const links = [
    ['summary', 'Summary'],
    ['alignment', 'Alignment'],
    ['teams', `Teams (${report.teams.length})`],
    ['stale', `Stale key results${report.stale ? ` (${report.stale.length})` : ''}`],
    ['recent', `Recent check-ins${report.recent ? ` (${report.recent.checkins.length})` : ''}`],
  ];
  if (report.grades.length) links.push(['grades', 'Grades']);
  return `<nav aria-label="Sections"><ul>${links.map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`).join('')}</ul></nav>`;
}

/** A progress bar (a picture of the percentage printed beside it; empty, so nothing is announced), with a tick at the expected progress. */
function bar(progress: number, expected?: number | null): string {
  const width = Math.max(0, Math.min(100, Math.floor(progress * 100 + 1e-9)));
  const tick = expected === undefined || expected === null || Number.isNaN(expected) ? '' : `<b class="x${Math.max(0, Math.min(100, Math.round(expected * 100)))}"></b>`;
  return `<span class="bar"><i class="${progress >= 0.7 ? 'g' : progress >= 0.4 ? 'y' : 'r'} w${width}"></i>${tick}</span>`;
}

const STATUS_CODE: Record<Status | 'unpaced', string> = { done: 'dn', 'on-track': 'ot', 'at-risk': 'ar', 'off-track': 'of', breached: 'br', unpaced: 'up' };

function badge(status: Status | null): string {
  return `<span class="st ${STATUS_CODE[status ?? 'unpaced']}">${statusText(status)}</span>`;
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const goalLink = (ref: string, title: string) => `<a class="t" href="#g-${e(ref)}">${e(title)}</a>`;

function summary(report: Report): string {
  const counts = countPhrases(report.counts);
  const k = report.counts;
  const card = (n: number | string, what: string, detail: string) => `<li><b>${n}</b>${what}${detail ? `<br><small>${e(detail)}</small>` : ''}</li>`;
  const cards = [
    card(k.objectives.total, k.objectives.total === 1 ? 'objective' : 'objectives', counts.objectives),
    card(k.keyResults.total, k.keyResults.total === 1 ? 'key result' : 'key results', counts.keyResults),
    k.stale === null ? card('?', 'stale key results', 'unknown without git history') : card(k.stale, 'stale', `no check-in for over ${report.staleAfterDays} days`),
    k.forecastMisses === null ? card('?', 'forecasts', 'unknown without git history') : card(k.forecastMisses, k.forecastMisses === 1 ? 'metric forecast to miss' : 'metrics forecast to miss', 'the line of their values ends short of the target'),
  ];
  const rows = report.teams.slice(0, SUMMARY_TEAMS).map((t) => teamRow(t, report.hasHistory));
  const more = report.teams.length - SUMMARY_TEAMS;
  if (more > 0) rows.push(`<tr><td colspan="8"><a href="#teams">${plural(more, 'more team')}</a>, needing less attention: each has its section under Teams, in this order.</td></tr>`);
  return [
    '<section id="summary" aria-labelledby="h-summary">',
    '<h2 id="h-summary">Summary</h2>',
    `<ul class="cards">${cards.join('')}</ul>`,
    '<h3 id="h-attention">Teams, those needing attention first</h3>',
    report.teams.length === 0
      ? `<p>No team has objectives in ${e(report.cycle.id)}.</p>`
      : '<table aria-labelledby="h-attention"><thead><tr><th scope="col">Team</th><th scope="col">Progress</th><th scope="col">Objectives behind</th>' +
        '<th scope="col" class="n">Breached</th><th scope="col" class="n">Stale</th><th scope="col" class="n">Forecast misses</th><th scope="col">Last check-in</th><th scope="col">Why</th></tr></thead><tbody>' +
        rows.join('') +
        '</tbody></table>',
    '</section>',
  ].join('\n');
}

function teamRow(t: TeamSection, hasHistory: boolean): string {
  const s = t.status;
  const behind = [s.offTrack && `${s.offTrack} off track`, s.atRisk && `${s.atRisk} at risk`].filter(Boolean).join(', ') || 'none';
  const why = t.attention.slice(0, WHY_SHOWN).map((a) => {
    const w = attentionText(a);
    return `<li>${goalLink(w.ref, w.title)}: ${e(w.why)}</li>`;
  });
  if (t.attention.length > WHY_SHOWN) why.push(`<li><a href="#t-${e(t.id)}">${t.attention.length - WHY_SHOWN} more</a></li>`);
  const unknown = hasHistory ? '0' : '?';
  return (
    `<tr><th scope="row"><a href="#t-${e(t.id)}" class="t">${e(s.name)}</a></th>` +
    `<td>${s.progress === null ? '' : `${bar(s.progress)}<span class="pct">${percent(s.progress)}</span>`}${s.grade === null ? '' : ` <span class="grade">grade ${gradeText(s.grade)}</span>`}</td>` +
    `<td>${behind} <small>of ${s.objectives}</small></td>` +
    `<td class="n">${s.breached}</td><td class="n">${s.stale ?? unknown}</td><td class="n">${s.forecastBelowTarget ?? unknown}</td>` +
    `<td class="d">${s.lastCheckin ?? (hasHistory ? 'none' : 'unknown')}</td>` +
    `<td>${why.length ? `<ul class="why">${why.join('')}</ul>` : '<span class="muted">nothing: on track</span>'}</td></tr>`
  );
}

function alignment(report: Report): string {
  const tree = report.tree;
  const total = report.counts.objectives.total;
  const open = (depth: number) => total <= OPEN_TREE || depth <= 1;
  const teamOptions = report.teams.map((t) => `<option value="${e(t.id)}">${e(t.status.name)}${t.status.name !== t.id ? ` (${e(t.id)})` : ''}</option>`).join('');
  const statusOptions = [
    ['of', 'off track'],
    ['ar', 'at risk'],
    ['br', 'guardrail breached'],
    ['st', 'stale'],
    ['fc', 'forecast misses target'],
    ['ot', 'on track'],
    ['dn', 'done'],
  ]
    .map(([v, label]) => `<option value="${v}">${label}</option>`)
    .join('');
  const parts = [
    '<section id="alignment" aria-labelledby="h-alignment">',
    '<h2 id="h-alignment">Alignment: how the objectives roll up to the mission</h2>',
    '<form id="filter" role="search" aria-label="Filter the tree and the teams" hidden>' +
      '<label>Text<input name="q" type="search" placeholder="title, reference or team" autocomplete="off"></label>' +
      `<label>Team<select name="team"><option value="">every team</option>${teamOptions}</select></label>` +
      `<label>Status<select name="status"><option value="">any status</option>${statusOptions}</select></label>` +
      '<button type="reset">Clear</button></form>',
    '<p id="count" aria-live="polite"></p>',
    `<p class="muted">Each objective's bar shows its progress; the tick marks the progress expected by today. Under an objective are those aligned to it${
      tree.collapsed ? ` (${tree.collapsed} repeated branches are not drawn twice)` : ''
    }.</p>`,
  ];
  if (tree.roots.length === 0 && tree.unaligned.length === 0) parts.push(`<p>No objectives in ${e(report.cycle.id)}${report.team ? ` for team ${e(report.team)}` : ''}.</p>`);
  else {
    parts.push(`<ul class="tree">${tree.roots.map((n) => treeNode(n, 1, open)).join('')}</ul>`);
    if (tree.unaligned.length)
      parts.push('<h3>Unaligned: aligned to nothing in this view</h3>', `<ul class="tree">${tree.unaligned.map((n) => treeNode(n, 1, open)).join('')}</ul>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

function treeNode(node: TreeNode, depth: number, open: (depth: number) => boolean): string {
  const { score } = node;
  const o = score.objective;
  const flags = new Set<string>([STATUS_CODE[score.status ?? 'unpaced']]);
  for (const k of score.keyResults) if (k.status === 'breached') flags.add('br');
  const notes: string[] = [e(o.team)];
  if (node.via) notes.push(`via <span class="t">${e(node.via.title)}</span>`);
  if (node.alsoUnder.length) notes.push(`also under ${node.alsoUnder.map(e).join(', ')}`);
  if (node.hidden)
    notes.push(
      node.hidden.reason === 'cycle'
        ? `${plural(node.hidden.count, 'objective')} in an alignment cycle (okr check reports it)`
        : node.hidden.reason === 'depth'
          ? `${plural(node.hidden.count, 'objective')} below`
          : `${plural(node.hidden.count, 'objective')} shown elsewhere`,
    );
  const grade = o.grade === undefined ? '' : ` <span class="grade">grade ${gradeText(o.grade)}</span>`;
  const row = `<span class="node">${bar(score.progress, score.expected)}<span class="pct">${percent(score.progress)}</span> ${badge(score.status)} ${goalLink(o.ref, o.title)}${grade} <small>${notes.join(' · ')}</small></span>`;
  const attrs = `data-s="${[...flags].join(' ')}"`;
  if (node.children.length === 0) return `<li ${attrs}>${row}</li>`;
  // The row holds a link, so it stays out of <summary> (no control inside another): the summary only folds.
  const aligned = `${plural(node.children.length, 'objective')} aligned to it`;
  return `<li ${attrs}>${row}<details${open(depth) ? ' open' : ''}><summary>${aligned}</summary><ul>${node.children.map((c) => treeNode(c, depth + 1, open)).join('')}</ul></details></li>`;
}

function teams(report: Report): string {
  const open = report.teams.length <= OPEN_TEAMS;
  const parts = [
    '<section id="teams" aria-labelledby="h-teams">',
    '<h2 id="h-teams">Teams</h2>',
    `<p class="muted">Teams needing attention first. Each key result: its value now, its target, status, the owner's confidence, the last check-in, its history in ${e(report.cycle.id)} and where it is heading.</p>`,
  ];
  if (report.hasHistory) parts.push(chartLegend());
  else parts.push('<p class="muted">Not in git: history, staleness, forecasts and feedback are unknown.</p>');
  for (const t of report.teams) parts.push(teamSection(t, report, open));
  if (report.idleTeams.length)
    parts.push(`<p class="muted">No objectives in ${e(report.cycle.id)}: ${report.idleTeams.map((t) => `<span class="t">${e(t.name)}</span>`).join(', ')}.</p>`);
  parts.push('</section>');
  return parts.join('\n');
}

function teamSection(t: TeamSection, report: Report, open: boolean): string {
  const s = t.status;
  const facts = [
    s.offTrack && `${s.offTrack} off track`,
    s.atRisk && `${s.atRisk} at risk`,
    s.breached && `${s.breached} breached`,
    s.stale && `${s.stale} stale`,
    s.forecastBelowTarget && `${s.forecastBelowTarget} forecast to miss`,
  ].filter(Boolean);
  const summaryLine =
    `<h3 class="t">${e(s.name)}</h3> <small>${e(t.id)}</small> ${s.progress === null ? '' : `${bar(s.progress)}<span class="pct">${percent(s.progress)}</span>`}` +
    ` <small>${plural(s.objectives, 'objective')}${facts.length ? ` · ${facts.join(' · ')}` : ' · none behind'}${s.lastCheckin ? ` · last check-in ${s.lastCheckin}` : ''}</small>`;
  const about: string[] = [];
  if (t.team?.purpose) about.push(`<span class="t">${e(t.team.purpose)}</span>`);
  if (t.team?.parent) about.push(`part of <a href="#t-${e(t.team.parent)}">${e(t.team.parent)}</a>`);
  if (t.team && t.team.owners.length) about.push(`owners ${t.team.owners.map(e).join(', ')}`);
  const body = [about.length ? `<p class="muted">${about.join(' · ')}</p>` : ''];
  if (t.attention.length) {
    const more = t.attention.length - ATTENTION_SHOWN;
    body.push(
      `<p><b>Needs attention:</b></p><ul class="why">${t.attention
        .slice(0, ATTENTION_SHOWN)
        .map((a) => {
          const w = attentionText(a);
          return `<li>${goalLink(w.ref, w.title)}: ${e(w.why)}</li>`;
        })
        .join('')}${more > 0 ? `<li>${plural(more, 'more reason')}: the key results below are flagged</li>` : ''}</ul>`,
    );
  }
  for (const o of t.objectives) body.push(objectiveArticle(o, report, t.team?.owners ?? []));
  return `<details class="team" id="t-${e(t.id)}" data-team="${e(t.id)}" data-team-name="${e(s.name)}"${open ? ' open' : ''}><summary>${summaryLine}</summary><div class="team-body">${body.join('')}</div></details>`;
}

function objectiveArticle(section: ObjectiveSection, report: Report, teamOwners: readonly string[]): string {
  const { score } = section;
  const o = score.objective;
  const details = [
    score.expected === null ? 'no valid cycle to pace against' : `expected ${percent(score.expected)}`,
    e(o.ref),
    o.cycle !== report.cycle.id ? `cycle ${e(o.cycle)}` : '',
    section.alignsTo.length ? `aligns to ${section.alignsTo.map(e).join(', ')}` : 'aligned to nothing',
    o.owner ? `owner ${e(o.owner)}` : '',
    o.weight !== 1 ? `weight ${o.weight}` : '',
  ].filter(Boolean);
  const grade = o.grade === undefined ? '' : ` <span class="grade">grade ${gradeText(o.grade)}</span>`;
  const rows = section.keyResults.map((k) => keyResultRows(k, report, o.owner ? [o.owner] : teamOwners));
  return (
    `<article id="g-${e(o.ref)}" data-s="${STATUS_CODE[score.status ?? 'unpaced']}">` +
    `<div class="obj-head"><h4 class="t">${e(o.title)}</h4><span>${bar(score.progress, score.expected)}<span class="pct">${percent(score.progress)}</span> ${badge(score.status)}${grade}</span><small>${details.join(' · ')}</small></div>` +
    (o.description ? `<p class="muted note">${escapeLines(o.description)}</p>` : '') +
    feedbackList(section.feedback) +
    (rows.length
      ? '<table class="krs"><thead><tr><th>Key result<th>Now<th>Target<th>Status<th>Confidence<th>Last check-in<th>History<th>Forecast</thead>' +
        rows.join('') +
        '</table>'
      : '<p class="muted">No key results.</p>') +
    '</article>'
  );
}

/** A key result's rows; its owners are named when they are not those its objective or team names above it. */
function keyResultRows(k: KeyResultSection, report: Report, ownersAbove: readonly string[]): string {
  const kr = k.score.keyResult;
  const flags = [STATUS_CODE[k.score.status ?? 'unpaced']];
  if (k.staleness?.stale) flags.push('st');
  const misses = k.forecast !== undefined && k.forecast.progress < 1 - 1e-9;
  if (misses) flags.push('fc');
  const unit = unitOfKeyResult(kr);
  const sameOwners = k.owners.length === ownersAbove.length && k.owners.every((owner, i) => owner === ownersAbove[i]);
  const about = [e(kr.id), ...(sameOwners ? [] : k.owners.map(e))];
  if (kr.weight !== 1) about.push(`weight ${kr.weight}`);
  const grade = kr.grade === undefined ? '' : `<br><span class="grade">grade ${gradeText(kr.grade)}</span>`;
  const stale = k.staleness?.stale ? ` <span class="flag">stale: ${k.staleness.days} days</span>` : '';
  let history: string;
  if (k.chart) history = chartSvg(k.chart, unit, k.forecast?.day, e);
  else if (kr.kind === 'milestone' && k.trend.length) history = milestoneHistory(k);
  else history = '—';
  const forecast = k.forecast ? `<span${misses ? ' class="flag"' : ''}>${e(forecastWords(k.forecast, unit))}</span>` : kr.kind === 'metric' && report.hasHistory ? 'too few values yet' : '—';
  // A row per key result, thousands of them in a large organisation: cells and rows are left
  // unclosed (HTML closes them), and the table's CSS aligns the columns instead of a class per cell.
  const main =
    `<tr><td><span class="t">${e(kr.title)}</span><br><small>${about.join(' · ')}</small>` +
    `<td>${e(currentText(k))}<td>${e(targetText(k))}` +
    `<td>${badge(k.score.status)} <span class="pct">${percent(k.score.progress)}</span>${grade}` +
    `<td>${kr.confidence === undefined ? '—' : String(kr.confidence)}` +
    `<td>${e(lastCheckinText(k, report.hasHistory))}${stale}<td>${history}<td>${forecast}`;
  const feedback = k.feedback.length ? `<tr class="fb"><td colspan="8">${feedbackList(k.feedback)}` : '';
  return `<tbody id="g-${e(kr.ref)}" data-s="${flags.join(' ')}">${main}${feedback}</tbody>`;
}

/** A milestone's history in words: when it was done, or that it is not yet. */
function milestoneHistory(k: KeyResultSection): string {
  const last = k.last;
  if (!last || last.value !== true) return `<span class="muted">not done yet</span>`;
  return `done since ${dayOf(last.date)}`;
}

function feedbackList(list: readonly Feedback[]): string {
  if (list.length === 0) return '';
  const items = list.map((f) => {
    const kind = f.kind ? `<b>${e(f.kind)}</b> ` : '';
    const reply = f.replyTo ? ` <small>reply to check-in ${e(shortCommit(f.replyTo))}</small>` : '';
    return `<li>${kind}<span class="t">${e(f.authorName)}</span> <small>${dayOf(f.date)}</small>${reply}: <span class="note t">${escapeLines(f.text)}</span></li>`;
  });
  return `<details class="fb"><summary>${plural(list.length, 'piece')} of feedback</summary><ul>${items.join('')}</ul></details>`;
}

function stale(report: Report): string {
  const parts = ['<section id="stale" aria-labelledby="h-stale">', `<h2 id="h-stale">Stale key results</h2>`];
  if (report.stale === null) parts.push('<p>Unknown: staleness is read from git history, and these goals are not in git.</p>');
  else if (report.stale.length === 0) parts.push(`<p>None: every key result of ${e(report.cycle.id)} that is due one had a check-in in the last ${report.staleAfterDays} days.</p>`);
  else {
    const shown = report.stale.slice(0, LIST_LIMIT.stale);
    parts.push(
      `<p>${plural(report.stale.length, 'key result')} with no check-in for more than ${report.staleAfterDays} days, longest silent first.</p>`,
      '<table><thead><tr><th scope="col">Key result</th><th scope="col">Team</th><th scope="col">Owners</th><th scope="col">Last check-in</th><th scope="col" class="n">Days</th></tr></thead><tbody>' +
        shown
          .map(
            (s) =>
              `<tr><td>${goalLink(s.keyResult.ref, s.keyResult.title)}<br><small>${e(s.keyResult.ref)}</small></td><td>${e(s.objective.team)}</td><td>${s.owners.map(e).join(', ') || '<span class="muted">none</span>'}</td>` +
              `<td class="d">${s.staleness.last ? dayOf(s.staleness.last.date) : ''}</td><td class="n">${s.staleness.days ?? ''}</td></tr>`,
          )
          .join('') +
        '</tbody></table>',
    );
    if (report.stale.length > shown.length) parts.push(`<p class="muted">${report.stale.length - shown.length} more: <code>okr stale</code> lists them all.</p>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

function recent(report: Report): string {
  const parts = ['<section id="recent" aria-labelledby="h-recent">', '<h2 id="h-recent">Recent check-ins</h2>'];
  if (report.recent === null) parts.push('<p>Unknown: check-ins are read from git history, and these goals are not in git.</p>');
  else if (report.recent.checkins.length === 0) parts.push(`<p>None from ${report.recent.since} to ${report.asOf}.</p>`);
  else {
    const all = report.recent.checkins;
    const shown = all.slice(0, LIST_LIMIT.recent);
    parts.push(
      `<p>${plural(all.length, 'check-in')} from ${report.recent.since} to ${report.asOf}, newest first.</p>`,
      '<table><thead><tr><th scope="col">Day</th><th scope="col">Key result</th><th scope="col">Change</th><th scope="col">By</th><th scope="col">Note</th></tr></thead><tbody>' +
        shown.map(checkinRow).join('') +
        '</tbody></table>',
    );
    if (all.length > shown.length) parts.push(`<p class="muted">${all.length - shown.length} more: <code>okr log --since ${report.recent.since}</code> lists them all.</p>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

function checkinRow(p: HistoryPoint): string {
  return (
    `<tr><td class="d">${dayOf(p.date)}</td><td><a href="#g-${e(p.ref)}">${e(p.ref)}</a></td><td>${e(changeText(p))}</td>` +
    `<td class="t">${e(p.authorName)}</td><td class="note t">${escapeLines(pointRemarkText(p))}</td></tr>`
  );
}

function grades(report: Report): string {
  if (report.grades.length === 0) return '';
  const parts = ['<section id="grades" aria-labelledby="h-grades">', '<h2 id="h-grades">Grades</h2>'];
  for (const g of report.grades) {
    parts.push(
      `<h3>${e(g.cycle.id)}, closed ${e(g.cycle.closed ?? '')}</h3>`,
      '<table><thead><tr><th scope="col">Goal</th><th scope="col">Team</th><th scope="col" class="n">Grade</th><th scope="col" class="n">Progress</th></tr></thead><tbody>' +
        g.objectives
          .map(
            (o) =>
              `<tr><td>${goalLink(o.objective.ref, o.objective.title)}</td><td>${e(o.objective.team)}</td><td class="n grade">${o.objective.grade === undefined ? '—' : gradeText(o.objective.grade)}</td><td class="n">${percent(o.progress)}</td></tr>` +
              o.keyResults
                .map(
                  (k) =>
                    `<tr><td>&nbsp;&nbsp;↳ <span class="t">${e(k.keyResult.title)}</span></td><td></td><td class="n">${k.keyResult.grade === undefined ? '—' : gradeText(k.keyResult.grade)}</td><td class="n">${percent(k.progress)}</td></tr>`,
                )
                .join(''),
          )
          .join('') +
        '</tbody></table>',
    );
  }
  parts.push('<p class="muted">A grade is the score the cycle closed with (okr close): the progress on its last day, or the owner\'s own score.</p>', '</section>');
  return parts.join('\n');
}
