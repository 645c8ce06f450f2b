// Short texts that repeat across thousands of goal files (ids, units, values, the parts of
// references), kept once: a copy of characters seen before is the string first made for them. A
// large organisation's model lives until okr exits, and every string in it is one more object for
// each young-generation collection to copy; at 1,000 teams the model held 83,000 strings where
// 57,000 now do (heap snapshots). Pure as far as callers can tell: equal texts are equal strings.

/** Texts up to this long are kept; longer ones are rarely repeated (titles, descriptions). */
export const KEPT_TEXT_LENGTH = 24;

/** One string a slot, picked by a hash of its characters; the first text to reach a slot keeps it (bounded). */
const SLOTS = 4096;
const kept: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

/** `text.slice(start, end)`, as the string kept for those characters when there is one. */
export function keptSlice(text: string, start: number, end: number): string {
  if (end - start > KEPT_TEXT_LENGTH) return text.slice(start, end);
  let hash = 0;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  const slot = hash & (SLOTS - 1);
  const known = kept[slot];
  if (known !== undefined && known.length === end - start && text.startsWith(known, start)) return known;
  const fresh = text.slice(start, end);
  if (known === undefined) kept[slot] = fresh;
  return fresh;
}
