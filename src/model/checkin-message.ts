// The commit message of a check-in (SPEC section 4): a subject, the note, and one block of `Okr-*`
// trailers per key result; and the reverse, reading those trailers back from a commit.
import type { KeyResultValue } from './types.js';

export interface CheckinEntry {
  /** `team/objective/kr` */
  readonly ref: string;
  readonly team: string;
  readonly keyResultId: string;
  readonly previous: KeyResultValue;
  readonly value: KeyResultValue;
  readonly unit?: string;
  /** Set when this check-in also sets the confidence. */
  readonly confidence?: number;
  /** `FILE#POINTER`, for values read by `okr measure`. */
  readonly source?: string;
}

export const TRAILER = {
  checkin: 'Okr-Checkin',
  value: 'Okr-Value',
  previous: 'Okr-Previous',
  confidence: 'Okr-Confidence',
  source: 'Okr-Source',
} as const;

/** How a value is written in messages, trailers and tables: numbers as JavaScript prints them, milestones as done / not-done. */
export function formatValue(value: KeyResultValue): string {
  if (typeof value === 'boolean') return value ? 'done' : 'not-done';
  return String(value);
}

const SUBJECT_LIMIT = 72;

/** `checkin(payments): p95-latency 640 → 420 ms`, shortened to a count when it would not fit a line. */
export function checkinSubject(entries: readonly CheckinEntry[]): string {
  const teams = [...new Set(entries.map((e) => e.team))];
  const scope = `checkin(${teams.join(', ')}): `;
  const change = (e: CheckinEntry) => {
    const unit = e.unit && typeof e.value === 'number' ? ` ${e.unit}` : '';
    const moved = e.previous === e.value ? `${formatValue(e.value)}${unit}` : `${formatValue(e.previous)} → ${formatValue(e.value)}${unit}`;
    return `${e.keyResultId} ${moved}${e.confidence !== undefined && e.previous === e.value ? ` (confidence ${e.confidence})` : ''}`;
  };
  const full = scope + entries.map(change).join(', ');
  return full.length <= SUBJECT_LIMIT || entries.length === 1 ? full : `${scope}${entries.length} key results`;
}

/** The whole message: the subject, the note (see sanitizeNote), and the trailer blocks. */
export function checkinMessage(entries: readonly CheckinEntry[], note?: string): string {
  const parts = [checkinSubject(entries)];
  const text = note === undefined ? '' : sanitizeNote(note);
  if (text) parts.push(text);
  parts.push(entries.map(trailerBlock).join('\n'));
  return `${parts.join('\n\n')}\n`;
}

function trailerBlock(entry: CheckinEntry): string {
  const lines = [
    `${TRAILER.checkin}: ${entry.ref}`,
    `${TRAILER.value}: ${formatValue(entry.value)}`,
    `${TRAILER.previous}: ${formatValue(entry.previous)}`,
  ];
  if (entry.confidence !== undefined) lines.push(`${TRAILER.confidence}: ${entry.confidence}`);
  if (entry.source !== undefined) lines.push(`${TRAILER.source}: ${entry.source}`);
  return lines.join('\n');
}

/**
 * The user's text as it goes into a message: kept as written, except that a line git could take for
 * the end of the message gets a leading space, so that text above it cannot pass for the trailers:
 * `---` (git's trailer parser stops at a patch divider) and a scissors line
 * (`# ------------------------ >8 ------------------------`: everything below it is ignored, our
 * trailers included). Line endings become \n, trailing spaces and runs of blank lines go.
 */
export function sanitizeNote(note: string): string {
  // Trimmed first, guarded after: trimming must not take the guarding space off a first line.
  return note
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .split('\n')
    .map((line) => (line.startsWith('---') || isScissorsLike(line) ? ` ${line}` : line))
    .join('\n');
}

/**
 * A line git could read as a scissors line, whatever the comment character (core.commentChar may be
 * any character, or a string): one that does not start with a space and holds the cut mark.
 */
function isScissorsLike(line: string): boolean {
  return /^\S/.test(line) && / >8 /.test(line);
}

/** What a commit's trailers say about one key result's check-in. */
export interface CheckinTrailers {
  readonly value?: string;
  readonly previous?: string;
  readonly confidence?: number;
  readonly source?: string;
}

/**
 * Groups a commit's trailers (as git parsed them from the final trailer block) by `Okr-Checkin`:
 * each following `Okr-*` trailer belongs to the key result named last. Keys compare case-insensitively,
 * as git's do. Anything before the first `Okr-Checkin` is ignored.
 */
export function checkinTrailers(trailers: readonly { key: string; value: string }[]): Map<string, CheckinTrailers> {
  const byRef = new Map<string, CheckinTrailers>();
  let current: { ref: string; fields: { -readonly [K in keyof CheckinTrailers]: CheckinTrailers[K] } } | undefined;
  for (const { key, value } of trailers) {
    const k = key.toLowerCase();
    if (k === TRAILER.checkin.toLowerCase()) {
      current = { ref: value.trim(), fields: {} };
      byRef.set(current.ref, current.fields);
      continue;
    }
    if (!current) continue;
    if (k === TRAILER.value.toLowerCase()) current.fields.value = value.trim();
    else if (k === TRAILER.previous.toLowerCase()) current.fields.previous = value.trim();
    else if (k === TRAILER.source.toLowerCase()) current.fields.source = value.trim();
    else if (k === TRAILER.confidence.toLowerCase()) {
      const c = Number(value.trim());
      if (value.trim() !== '' && Number.isFinite(c) && c >= 0 && c <= 1) current.fields.confidence = c;
    }
  }
  return byRef;
}

/**
 * The note of a check-in commit: the body without its final paragraph, which is the trailer block
 * git found (git takes the last paragraph of the message as the trailer block).
 */
export function commitNote(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n');
  let lastBlank = -1;
  for (let i = lines.length - 1; i >= 0; i--)
    if (lines[i]!.trim() === '') {
      lastBlank = i;
      break;
    }
  return lastBlank < 0 ? '' : lines.slice(0, lastBlank).join('\n').trim();
}
