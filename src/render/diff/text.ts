// `okr diff` for a terminal: a summary line, then each team's goals with +/-/~ markers, one line a
// change, and the effect on progress up to the mission. Colour repeats what markers and words say.
import { categoryOf, summarizeDiff, type GoalChange } from '../../model/diff-change.js';
import type { Paint } from '../paint.js';
import { byTeam, changeMarker, describeChange, endLabel, groupChanges, plural, printable, stepText, type ChangeGroup, type DiffEnds } from './words.js';

export interface DiffTextInput {
  readonly ends: DiffEnds;
  readonly changes: readonly GoalChange[];
  /** Team names by id (head's, then base's), for the team headings. */
  readonly teamNames: ReadonlyMap<string, string>;
}

export function renderDiffText(input: DiffTextInput, paint: Paint): string {
  const { ends, changes } = input;
  const range = `${endLabel(ends.base)} → ${endLabel(ends.head)}`;
  if (changes.length === 0) return `No goal changes: ${range}\n`;
  const out: string[] = [`${paint.bold('Goal changes:')} ${range}`, summaryLine(changes, paint)];
  for (const { team, groups } of byTeam(groupChanges(changes))) {
    out.push('');
    const name = team === null ? undefined : input.teamNames.get(team);
    out.push(team === null ? paint.bold('okr.yaml') : `${paint.bold(team)}${name && name !== team ? paint.dim(` (${printable(name)})`) : ''}`);
    for (const group of groups) out.push(...groupLines(group, paint));
  }
  return out.join('\n') + '\n';
}

export function summaryLine(changes: readonly GoalChange[], paint: Paint): string {
  const s = summarizeDiff(changes);
  const parts = [
    s.added && paint.green(`${s.added} added`),
    s.removed && paint.red(`${s.removed} removed`),
    s.renamed && `${s.renamed} renamed`,
    s.changed && paint.yellow(`${s.changed} changed`),
  ].filter(Boolean);
  let line = `${plural(s.changes, 'change')}${s.teams.length ? ` in ${plural(s.teams.length, 'team')}` : ''}: ${parts.join(', ')}`;
  if (s.madeEasier) line += ` · ${paint.bold(paint.yellow(`! ${s.madeEasier} made easier`))}`;
  if (s.mission) line += ` · mission ${stepText(s.mission)}`;
  return line;
}

function markerOf(marker: ChangeGroup['marker'], paint: Paint): string {
  return marker === '+' ? paint.green('+') : marker === '-' ? paint.red('-') : paint.yellow('~');
}

function changeText(c: GoalChange, paint: Paint): string {
  const w = describeChange(c);
  if (categoryOf(c.kind) === 'renamed') return `renamed from ${paint.dim(w.before ?? '')}`;
  let line =
    w.before !== undefined || w.after !== undefined
      ? `${w.what}: ${paint.dim(w.before ?? '')} → ${w.after ?? ''}`
      : `${w.what}${w.detail ? `: ${w.detail}` : ''}`;
  if (c.madeEasier) line += `  ${paint.bold(paint.yellow('! made easier'))}`;
  return line;
}

function groupLines(group: ChangeGroup, paint: Paint): string[] {
  const marker = markerOf(group.marker, paint);
  const lines: string[] = [];
  if (group.ref === '') for (const c of group.changes) lines.push(`  ${markerOf(changeMarker(c), paint)} ${changeText(c, paint)}`);
  else if (group.changes.length === 1) lines.push(`  ${marker} ${paint.bold(group.ref)}  ${changeText(group.changes[0]!, paint)}`);
  else {
    lines.push(`  ${marker} ${paint.bold(group.ref)}`);
    for (const c of group.changes) lines.push(`      ${changeText(c, paint)}`);
  }
  if (group.effect.length)
    lines.push(`      ${paint.dim('progress:')} ${group.effect.map((s) => `${s.ref} ${stepText(s)}`).join(paint.dim(' · '))}`);
  return lines;
}
