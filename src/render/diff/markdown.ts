// `okr diff --format markdown`: one PR comment or job summary. A summary line first, then a table of
// changes per team, with the effect on progress folded into <details>. Everything from the goal files
// is escaped: a title cannot inject markup, and `@handles` do not notify anyone.
import { summarizeDiff, type GoalChange } from '../../model/diff-change.js';
import { byTeam, changeMarker, describeChange, endLabel, groupChanges, plural, printable, stepText, type ChangeGroup, type DiffEnds } from './words.js';

export interface DiffMarkdownInput {
  readonly ends: DiffEnds;
  readonly changes: readonly GoalChange[];
  readonly teamNames: ReadonlyMap<string, string>;
  /** Warnings to show above the changes (a side whose goals have errors). */
  readonly notes?: readonly string[];
}

/** Escapes text for GitHub-flavoured markdown, in a paragraph or a table cell. */
export function escapeMarkdown(s: string): string {
  return printable(s.replace(/\r?\n|\r/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]<>|~#!$]/g, (ch) => `\\${ch}`) // emphasis, code, links, HTML, table cells, math
    .replace(/@/g, '@&#8203;'); // a zero-width space: "@team" shows, and notifies nobody
}

/** Inline code for refs and ids (which are id characters and "/", so no backtick can appear). */
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

export function renderDiffMarkdown(input: DiffMarkdownInput): string {
  const { ends, changes } = input;
  const range = `${code(endLabel(ends.base))} → ${code(endLabel(ends.head))}`;
  const out: string[] = [`### Goal changes: ${range}`, ''];
  for (const note of input.notes ?? []) out.push(`> [!WARNING]`, `> ${escapeMarkdown(note)}`, '');
  if (changes.length === 0) {
    out.push('No goal changes.', '');
    return out.join('\n');
  }
  out.push(summary(changes), '');
  for (const { team, groups } of byTeam(groupChanges(changes))) {
    const name = team === null ? undefined : input.teamNames.get(team);
    out.push(team === null ? '#### okr.yaml' : `#### ${code(team)}${name && name !== team ? ` ${escapeMarkdown(name)}` : ''}`, '');
    out.push('| | Goal | Change | Before | After |', '|:-:|---|---|---|---|');
    for (const group of groups) for (const c of group.changes) out.push(row(group, c));
    out.push('');
    const effects = groups.filter((g) => g.effect.length > 0);
    if (effects.length) {
      out.push(`<details><summary>Effect on progress (${plural(effects.length, 'goal')})</summary>`, '');
      for (const g of effects) out.push(`- ${code(g.ref)}: ${g.effect.map((s) => `${code(s.ref)} ${escapeMarkdown(stepText(s))}`).join(' · ')}`);
      out.push('', '</details>', '');
    }
  }
  return out.join('\n');
}

function summary(changes: readonly GoalChange[]): string {
  const s = summarizeDiff(changes);
  const parts = [
    s.added && `${s.added} added`,
    s.removed && `${s.removed} removed`,
    s.renamed && `${s.renamed} renamed`,
    s.changed && `${s.changed} changed`,
  ].filter(Boolean);
  let line = `**${plural(s.changes, 'change')}**${s.teams.length ? ` in ${plural(s.teams.length, 'team')}` : ''}: ${parts.join(', ')}`;
  if (s.madeEasier) line += ` · ⚠️ **${s.madeEasier} made easier**`;
  if (s.mission) line += ` · mission ${escapeMarkdown(stepText(s.mission))}`;
  return line;
}

const MARKER_WORDS = { '+': '➕', '-': '➖', '~': '✏️' } as const;

function row(group: ChangeGroup, c: GoalChange): string {
  const w = describeChange(c);
  const marker = MARKER_WORDS[group.ref === '' ? changeMarker(c) : group.marker];
  const goal = group.ref === '' ? '' : code(group.ref);
  const what = escapeMarkdown(w.detail !== undefined ? `${w.what}: ${w.detail}` : w.what);
  const before = w.before !== undefined ? escapeMarkdown(w.before) : '';
  let after = w.after !== undefined ? escapeMarkdown(w.after) : '';
  if (c.madeEasier) after += ' ⚠️ **made easier**';
  return `| ${marker} | ${goal} | ${what} | ${before} | ${after} |`;
}
