// Identifiers and goal references (SPEC section 2): parsed once, then passed around as types.
import { keptSlice } from './kept-text.js';
import type { GoalRef } from './types.js';

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Whether `id` matches ID_PATTERN, tested character by character: a large organisation's load asks
 * this ~200,000 times (every objective and key result id, every part of every reference), and the
 * regex was ~30 ms of it (profiled at 10,000 teams). test/model/ids.test.ts holds the two equal.
 */
export function isValidId(id: string): boolean {
  const length = id.length;
  if (length === 0 || length > 64 || !isAlphanumeric(id.charCodeAt(0))) return false;
  for (let i = 1; i < length; i++) {
    const c = id.charCodeAt(i);
    if (!isAlphanumeric(c) && c !== 46 /* . */ && c !== 95 /* _ */ && c !== 45 /* - */) return false;
  }
  return true;
}

function isAlphanumeric(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
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
  // Cut at the slashes found, without the array a split makes: every aligns_to of a large
  // organisation is parsed here while loading.
  const first = raw.indexOf('/');
  if (first < 0) return contextTeam !== undefined && isValidId(raw) ? { kind: 'objective', team: contextTeam, objective: raw } : undefined;
  // The parts are kept strings: each team and objective is named by many references.
  const team = keptSlice(raw, 0, first);
  if (!isValidId(team)) return undefined;
  const second = raw.indexOf('/', first + 1);
  if (second < 0) {
    const objective = keptSlice(raw, first + 1, raw.length);
    return isValidId(objective) ? { kind: 'objective', team, objective } : undefined;
  }
  const objective = keptSlice(raw, first + 1, second);
  const keyResult = keptSlice(raw, second + 1, raw.length);
  if (!isValidId(objective) || !isValidId(keyResult)) return undefined; // a fourth part leaves a "/" in keyResult
  return { kind: 'key-result', team, objective, keyResult };
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
