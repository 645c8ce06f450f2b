// `okr show` for people: a goal's heading, its fields as aligned "label  value" lines, its key
// results, and the goals aligned to it.
import type { AlignedScore, GoalDetail } from '../../model/goal-detail.js';
import type { KeyResult, Origin } from '../../model/types.js';
import type { Status } from '../../model/pacing.js';
import { printable as p } from '../../printable.js';
import { fold, pack } from './fit.js';
import { describeKeyResult } from './key-result-text.js';
import {
  cycleText,
  gradeCell,
  gradeText,
  largest,
  padEnd,
  percent,
  progressCell,
  scoreColour,
  STATUS_WIDTH,
  statusWord,
  truncate,
  visibleWidth,
  type TextStyle,
} from './progress-cells.js';

export interface ShowTextContext {
  readonly cycle: string;
  readonly asOf: string;
  readonly locate: (origin: Origin) => { file: string; line: number };
  readonly fedBy: (kr: KeyResult) => number;
  /** How many objectives are aligned to a rollup key result in any cycle (default: fedBy). */
  readonly alignedTo?: (kr: KeyResult) => number;
  /** The terminal's width; undefined when piped (titles whole, one line per goal). */
  readonly width?: number;
}

/** A goal in one of show's lists: its line as a whole, and its parts for a narrow terminal. */
interface ListRow {
  readonly whole: string;
  /** The reference or id, and the progress/status columns: the first line on a narrow terminal. */
  readonly head: string;
  /** The title, then the description or note: the lines under the head on a narrow terminal. */
  readonly under: readonly string[];
}

/**
 * A list of goals: each on one line when every line fits the terminal (or piped); else each goal's
 * reference and columns on one line and its title and note under them, so titles keep the room.
 */
function listLines(rows: readonly ListRow[], width: number | undefined): string[] {
  if (width === undefined || rows.every((r) => visibleWidth(r.whole) <= width)) return rows.map((r) => r.whole);
  return rows.flatMap((r) => [r.head.trimEnd(), ...r.under.flatMap((piece) => pack([piece], '      ', width))]);
}

export function renderShowText(detail: GoalDetail, context: ShowTextContext, style: TextStyle): string {
  const { paint } = style;
  const out: string[] = [];
  const fields = (rows: [string, string | undefined][]) => {
    const shown = rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '');
    const width = largest(shown.map(([k]) => k.length));
    for (const [k, v] of shown) out.push(...fold(`  ${paint.dim(k.padEnd(width))}  ${v}`, context.width, ' '.repeat(width + 4)));
  };
  const paced = (progress: number, status: Status | null, expected: number | null) =>
    `${progressCell(progress, style).trim()}  ${statusWord(status, paint)}${expected === null ? '' : paint.dim(`  (expected ${percent(expected)} on ${context.asOf})`)}`;
  const grade = (value: number | undefined) => (value === undefined ? undefined : scoreColour(value, paint)(gradeText(value)));
  const where = (origin: Origin) => {
    const { file, line } = context.locate(origin);
    return `${file}:${line}`;
  };

  switch (detail.kind) {
    case 'mission': {
      out.push(paint.bold('mission'), p(detail.statement), '');
      fields([['progress', `${progressCell(detail.progress, style).trim()}${paint.dim(`  (cycle ${context.cycle}, as of ${context.asOf})`)}`]]);
      alignedSection(out, detail.aligned, style, 'Aligned to the mission', undefined, context.width);
      break;
    }
    case 'objective': {
      const { score, team } = detail;
      const o = score.objective;
      out.push(paint.bold(p(o.ref)), p(o.title), '');
      const cycle = score.cycle ? cycleText(score.cycle) : `${p(o.cycle)} ${paint.red('(not a declared cycle)')}`;
      fields([
        ['progress', paced(score.progress, score.status, score.expected)],
        ['grade', grade(o.grade)],
        ['team', team ? `${p(team.name)} (${p(o.team)})` : p(o.team)],
        ['cycle', cycle],
        ['owner', o.owner !== undefined ? p(o.owner) : team?.owners.length ? `${p(team.owners.join(', '))} ${paint.dim("(the team's owners)")}` : undefined],
        ['weight', String(o.weight)],
        ['values', p(o.values.join(', '))],
        ['description', o.description === undefined ? undefined : p(o.description)],
        ['defined in', where(o.origin)],
      ]);
      out.push('', paint.bold('Aligned to'));
      if (detail.alignsTo.length === 0) out.push(`  ${paint.yellow('nothing: add aligns_to (a goal above it, or mission)')}`);
      const links = detail.alignsTo.map((link) => {
        const t = link.target;
        if (!t) return { ref: p(link.raw), title: paint.red('names no goal (run "okr check")'), cells: '' };
        if (t.kind === 'mission') return { ref: 'mission', title: '', cells: '' };
        const krScore = t.keyResult ? t.objective.keyResults.find((k) => k.keyResult === t.keyResult) : undefined;
        const progress = krScore ? krScore.progress : t.objective.progress;
        const status = krScore ? krScore.status : t.objective.status;
        return {
          ref: p(link.ref ?? link.raw),
          title: p(t.keyResult ? t.keyResult.title : t.objective.objective.title),
          cells: `${progressCell(progress, style)}  ${statusWord(status, paint)}`,
        };
      });
      const refWidth = largest(links.map((l) => visibleWidth(l.ref)));
      const linkTitleWidth = largest(links.filter((l) => l.cells).map((l) => visibleWidth(l.title)));
      out.push(
        ...listLines(
          links.map((l) => ({
            whole: `  ${padEnd(l.ref, refWidth)}  ${l.cells ? padEnd(l.title, linkTitleWidth) : l.title}  ${l.cells}`.trimEnd(),
            head: `  ${padEnd(l.ref, refWidth)}  ${l.cells}`,
            under: [l.title],
          })),
          context.width,
        ),
      );
      out.push('', paint.bold('Key results'));
      if (score.keyResults.length === 0) out.push(`  ${paint.red('none: an objective needs at least one key result (run "okr check")')}`);
      const idWidth = largest(score.keyResults.map((k) => visibleWidth(p(k.keyResult.id))));
      const titleWidth = largest(score.keyResults.map((k) => visibleWidth(p(k.keyResult.title))));
      const graded = score.keyResults.some((k) => k.keyResult.grade !== undefined);
      const krRows = score.keyResults.map((kr): ListRow => {
        const weight = kr.keyResult.weight !== 1 ? `, weight ${kr.keyResult.weight}` : '';
        const gradeColumn = graded ? `${padEnd(kr.keyResult.grade !== undefined ? gradeCell(kr.keyResult.grade, paint) : '', 'grade 0.00'.length)}  ` : '';
        const head = `  ${padEnd(p(kr.keyResult.id), idWidth)}  ${progressCell(kr.progress, style)}  ${padEnd(statusWord(kr.status, paint), STATUS_WIDTH)}  ${gradeColumn}`;
        const note = paint.dim(describeKeyResult(kr.keyResult, context.fedBy(kr.keyResult), context.alignedTo?.(kr.keyResult)) + weight);
        return { whole: `${head}${padEnd(p(kr.keyResult.title), titleWidth)}  ${note}`, head, under: [p(kr.keyResult.title), note] };
      });
      out.push(...listLines(krRows, context.width));
      alignedSection(out, detail.aligned, style, 'Aligned to it', undefined, context.width);
      break;
    }
    case 'key-result': {
      const { objective, keyResult, team } = detail;
      const kr = keyResult.keyResult;
      const o = objective.objective;
      out.push(paint.bold(p(kr.ref)), p(kr.title), '');
      const owner = kr.owner !== undefined ? p(kr.owner) : o.owner !== undefined ? `${p(o.owner)} ${paint.dim("(the objective's owner)")}` : undefined;
      fields([
        ['progress', paced(keyResult.progress, keyResult.status, objective.expected)],
        ['grade', grade(kr.grade)],
        ['kind', kindLine(kr)],
        ['now', describeKeyResult(kr, context.fedBy(kr), context.alignedTo?.(kr))],
        ['confidence', kr.confidence !== undefined ? String(kr.confidence) : undefined],
        ['weight', String(kr.weight)],
        ['owner', owner ?? (team?.owners.length ? `${p(team.owners.join(', '))} ${paint.dim("(the team's owners)")}` : undefined)],
        ['source', (kr.kind === 'metric' || kr.kind === 'guardrail') && kr.source ? p(`${kr.source.file}#${kr.source.pointer}`) : undefined],
        ['description', kr.description === undefined ? undefined : p(kr.description)],
        ['objective', `${p(o.ref)}  ${p(o.title)}  ${progressCell(objective.progress, style).trim()}  ${statusWord(objective.status, paint)}`],
        ['cycle', objective.cycle ? cycleText(objective.cycle) : p(o.cycle)],
        ['defined in', where(kr.origin)],
      ]);
      alignedSection(out, detail.aligned, style, 'Aligned to it', kr.kind === 'rollup' ? 'nothing yet: its progress is 0 until an objective aligns to it' : undefined, context.width);
      break;
    }
  }
  return out.join('\n') + '\n';
}

function kindLine(kr: KeyResult): string {
  switch (kr.kind) {
    case 'metric':
      return `metric, ${kr.target < kr.start ? 'lower is better' : 'higher is better'}`;
    case 'milestone':
      return 'milestone (done or not)';
    case 'guardrail':
      return `guardrail: a bound to hold (keep ${kr.bound.direction} ${kr.bound.value})`;
    case 'rollup':
      return 'rollup: the weighted mean of the objectives aligned to it';
  }
}

function alignedSection(out: string[], list: readonly AlignedScore[], style: TextStyle, title: string, empty: string | undefined, width: number | undefined): void {
  const { paint } = style;
  out.push('', paint.bold(title));
  if (list.length === 0) {
    out.push(`  ${paint.dim(empty ?? 'nothing')}`);
    return;
  }
  const rows = list.map((a) => ({
    ref: p(a.score.objective.ref),
    title: p(a.score.objective.title),
    progress: progressCell(a.score.progress, style),
    status: statusWord(a.score.status, paint),
    note: p([a.via ? `via ${a.via.id}` : '', a.score.objective.cycle].filter(Boolean).join(', ')),
  }));
  const refWidth = largest(rows.map((r) => visibleWidth(r.ref)));
  const titleWidth = largest(rows.map((r) => visibleWidth(r.title)));
  out.push(
    ...listLines(
      rows.map((r) => ({
        whole: `  ${padEnd(r.ref, refWidth)}  ${padEnd(r.title, titleWidth)}  ${r.progress}  ${padEnd(r.status, STATUS_WIDTH)}  ${paint.dim(r.note)}`.trimEnd(),
        head: `  ${padEnd(r.ref, refWidth)}  ${r.progress}  ${padEnd(r.status, STATUS_WIDTH)}`,
        under: [r.title, paint.dim(r.note)],
      })),
      width,
    ),
  );
}
