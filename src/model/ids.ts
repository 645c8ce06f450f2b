// Identifiers and goal references (SPEC section 2): parsed once, then passed around as types.
import type { GoalRef } from './types.js';

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}

export function explainInvalidId(id: string): string {
  if (id.startsWith('-')) return `"${id}" is not a valid id: it looks like a command-line flag`;
  if (id.includes('/') || id.includes('\\') || id.startsWith('.'))
    return `"${id}" is not a valid id: it looks like a path`;
  if (id.length > 64) return `"${id.slice(0, 20)}…" is not a valid id: ids are at most 64 characters`;
  return `"${id}" is not a valid id`;
}

export const ID_RULE_TEXT =
  'ids start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 64)';

/**
 * Parses a reference as written in `aligns_to` or on the command line.
 * `contextTeam` resolves a bare objective id (only `aligns_to` allows those).
 */
export function parseRef(raw: string, contextTeam?: string): GoalRef | undefined {
  if (raw === 'mission') return { kind: 'mission' };
  const parts = raw.split('/');
  if (!parts.every(isValidId)) return undefined;
  if (parts.length === 1 && contextTeam !== undefined)
    return { kind: 'objective', team: contextTeam, objective: parts[0]! };
  if (parts.length === 2) return { kind: 'objective', team: parts[0]!, objective: parts[1]! };
  if (parts.length === 3)
    return { kind: 'key-result', team: parts[0]!, objective: parts[1]!, keyResult: parts[2]! };
  return undefined;
}

export function formatRef(ref: GoalRef): string {
  switch (ref.kind) {
    case 'mission':
      return 'mission';
    case 'objective':
      return `${ref.team}/${ref.objective}`;
    case 'key-result':
      return `${ref.team}/${ref.objective}/${ref.keyResult}`;
  }
}
