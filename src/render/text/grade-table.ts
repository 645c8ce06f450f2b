// The grade table of a closed cycle: one line per objective and, indented under it, one per key
// result, with the grade first. The same table is the body of the close commit, the message of the
// `okr/<cycle>` tag and what `okr close` prints; the commit's gets no colour. Titles from goal files
// are shown with control characters escaped (a title must not pass for a trailer or move the cursor).
import { sanitizeNote } from '../../model/checkin-message.js';
import { CLOSE_TRAILER, type GradeSource, type ObjectiveGrade } from '../../model/grades.js';
import { printable } from '../diff/words.js';
import type { Paint } from '../paint.js';
import { gradeText, largest, padEnd, percent, scoreColour, visibleWidth } from './progress-cells.js';

export interface GradeTableInput {
  readonly cycle: { readonly id: string; readonly start: string; readonly end: string };
  /** The day whose progress the grades are: the cycle's last day, or the day of an early close. */
  readonly gradedOn: string;
  readonly early: boolean;
  readonly grades: readonly ObjectiveGrade[];
}

const sourceNote = (source: GradeSource, progress: number) =>
  source === 'given' ? `owner's score; progress ${percent(progress)}` : source === 'kept' ? `as written before the close; progress ${percent(progress)}` : '';

/** The table's lines (no trailing newline), coloured by score when `paint` is on. */
export function renderGradeTable(input: GradeTableInput, paint: Paint): string[] {
  const { cycle } = input;
  const heading = `Grades of ${cycle.id} (${cycle.start} – ${cycle.end}), from the progress on ${input.gradedOn}${input.early ? ' (closed early)' : ''}:`;
  if (input.grades.length === 0) return [heading, '', '  (the cycle has no objectives)'];
  const rows: { grade: number; goal: string; title: string; note: string }[] = [];
  for (const o of input.grades) {
    rows.push({ grade: o.grade, goal: o.objective.ref, title: printable(o.objective.title), note: sourceNote(o.source, o.progress) });
    for (const k of o.keyResults) rows.push({ grade: k.grade, goal: `  ${k.keyResult.id}`, title: printable(k.keyResult.title), note: sourceNote(k.source, k.progress) });
  }
  const goalWidth = largest(rows.map((r) => visibleWidth(r.goal)));
  const titleWidth = largest(rows.map((r) => (r.note ? visibleWidth(r.title) : 0)));
  const lines = [heading, '', `  ${paint.bold('GRADE')}  ${paint.bold(padEnd('GOAL', goalWidth))}  ${paint.bold('TITLE')}`];
  for (const r of rows) {
    const note = r.note ? `${' '.repeat(Math.max(0, titleWidth - visibleWidth(r.title)))}  ${paint.dim(`(${r.note})`)}` : '';
    lines.push(`   ${scoreColour(r.grade, paint)(gradeText(r.grade))}  ${padEnd(r.goal, goalWidth)}  ${r.title}${note}`.trimEnd());
  }
  return lines;
}

export interface CloseMessageInput extends GradeTableInput {
  readonly mission: number;
}

/** `close(2026-Q4): mission 72%, 37 objectives graded` */
export function closeSubject(input: CloseMessageInput): string {
  const n = input.grades.length;
  return `close(${input.cycle.id}): mission ${percent(input.mission)}, ${n} objective${n === 1 ? '' : 's'} graded`;
}

/** The close commit's message: subject, the note, the grade table, and the Okr-Close trailer. */
export function closeMessage(input: CloseMessageInput, note: string | undefined, paint: Paint): string {
  const parts = [closeSubject(input)];
  const text = note === undefined ? '' : sanitizeNote(note);
  if (text) parts.push(text);
  parts.push(renderGradeTable(input, paint).join('\n'));
  parts.push(`${CLOSE_TRAILER}: ${input.cycle.id}`);
  return `${parts.join('\n\n')}\n`;
}

/** The message of the `okr/<cycle>` tag: the subject and the table (and the note). */
export function closeTagMessage(input: CloseMessageInput, note: string | undefined, paint: Paint): string {
  const parts = [closeSubject(input)];
  const text = note === undefined ? '' : sanitizeNote(note);
  if (text) parts.push(text);
  parts.push(renderGradeTable(input, paint).join('\n'));
  return `${parts.join('\n\n')}\n`;
}
