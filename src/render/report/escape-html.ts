// Text from goal files and git made safe for HTML, in element content and in quoted attributes alike.
import { printable } from '../../printable.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"'\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Text from goal files or git, safe in element content and in quoted attributes; control characters shown escaped, newlines as spaces. */
export function escapeHtml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return printable(s.replace(/\r\n|\r|\n/g, ' ')).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Multi-line text (a note): each line escaped, line breaks kept (the .note class keeps them). */
export function escapeLines(s: string): string {
  return s
    .split(/\r\n|\r|\n/)
    .map((line) => escapeHtml(line))
    .join('\n');
}

