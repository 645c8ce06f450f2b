// "Did you mean": the closest known name to a mistyped one, as git and eslint suggest them. Bounded
// work (issue 9 item 13, issue 16 item 2): a name is compared only within an edit budget (a band of
// the table, not the whole table), names too long to be a typo of an id get no suggestion, and
// against many candidates an index of one-character deletions finds the near ones without comparing
// with every candidate. So 10,000 dangling references among 10,000 teams cost milliseconds.

/** Longer than any reference (three ids of 64 characters): such a name gets no suggestion. */
const MAX_NAME_LENGTH = 200;

/** Up to this many candidates are compared one by one; more are searched through an index. */
const SCAN_LIMIT = 500;

/** The edit budget for a name: a third of its length, at least 1, at most 3. */
export function editBudget(name: string): number {
  return Math.max(1, Math.min(3, Math.floor(name.length / 3)));
}

/**
 * Edit distance counting a swap of neighbours as one edit (optimal string alignment: "titel" is one
 * edit from "title"). With `max`, only the band of the table within `max` of the diagonal is
 * computed, and any distance over `max` is returned as `max + 1`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  const over = Number.isFinite(max) ? max + 1 : n + m + 1;
  const band = Number.isFinite(max) ? max : n + m;
  // Three rows of the table, in scratch arrays shared by every call: 10,000 dangling references
  // compare tens of thousands of pairs, and three new arrays each were most of the work.
  if (rows[0]!.length <= m) for (let r = 0; r < 3; r++) rows[r] = new Int32Array(2 * (m + 1));
  let before = rows[0]!.fill(over, 0, m + 1);
  let previous = rows[1]!.fill(over, 0, m + 1);
  let current = rows[2]!.fill(over, 0, m + 1);
  for (let j = 0; j <= Math.min(m, band); j++) previous[j] = j;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - band);
    const to = Math.min(m, i + band);
    // Cells just outside the band are read by this row and the next two: they must say "too far".
    for (let j = Math.max(0, from - 2); j <= Math.min(m, to + 2); j++) current[j] = over;
    if (i <= band) current[0] = i;
    let best = current[0]!;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) value = Math.min(value, before[j - 2]! + 1);
      current[j] = Math.min(value, over);
      if (current[j]! < best) best = current[j]!;
    }
    if (best >= over) return over;
    const oldest = before;
    before = previous;
    previous = current;
    current = oldest;
  }
  return Math.min(previous[m]!, over);
}

const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** The candidate nearest to `name`, if it is near enough to be a likely typo (the first one on a tie). */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > MAX_NAME_LENGTH) return undefined;
  return nearest(name, candidates, editBudget(name))?.candidate;
}

/** The nearest candidate within `max` edits and its distance (the first one on a tie). */
export function nearest(name: string, candidates: Iterable<string>, max: number): { candidate: string; distance: number } | undefined {
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const d = editDistance(name, candidate, bestDistance - 1);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      if (d === 1) break; // nothing nearer than one edit but the name itself
    }
  }
  return best === undefined ? undefined : { candidate: best, distance: bestDistance };
}

/**
 * Suggestions among a fixed list of names, asked many times (every dangling reference of a large
 * workspace). A few hundred names are compared one by one, exactly as `closest` does. More are looked
 * up in an index of each name and its one-character deletions, which finds every name one edit away
 * (a typo, a missing or extra character, two swapped neighbours) and many two edits away; the rest
 * of the budget is not searched: a bound, so the check stays linear.
 */
export class Suggestions {
  private index: Map<string, number | number[]> | undefined;

  constructor(private readonly names: readonly string[]) {}

  /** The nearest name within `max` edits (default: the name's budget), with its distance. */
  nearest(name: string, max = editBudget(name)): { candidate: string; distance: number } | undefined {
    if (name.length > MAX_NAME_LENGTH) return undefined;
    if (this.names.length <= SCAN_LIMIT) return nearest(name, this.names, max);
    const positions = new Set<number>();
    const index = (this.index ??= deletionIndex(this.names));
    for (const variant of withDeletions(name)) {
      const found = index.get(variant);
      if (typeof found === 'number') positions.add(found);
      else if (found) for (const position of found) positions.add(position);
    }
    // In list order, so a tie goes to the first name, as a scan would.
    return nearest(name, [...positions].sort((a, b) => a - b).map((p) => this.names[p]!), max);
  }

  closest(name: string): string | undefined {
    return this.nearest(name)?.candidate;
  }
}

function withDeletions(name: string): string[] {
  const variants = [name];
  for (let i = 0; i < name.length; i++) variants.push(name.slice(0, i) + name.slice(i + 1));
  return variants;
}

/**
 * Each name and its one-character deletions, to the positions of the names that give them (in
 * order, once each). A variant most names do not share maps to its one position, not to a list:
 * 10,000 team names have 110,000 variants.
 */
function deletionIndex(names: readonly string[]): Map<string, number | number[]> {
  const index = new Map<string, number | number[]>();
  for (let position = 0; position < names.length; position++) {
    const name = names[position]!;
    if (name.length > MAX_NAME_LENGTH) continue;
    for (const variant of withDeletions(name)) {
      const known = index.get(variant);
      if (known === undefined) index.set(variant, position);
      else if (typeof known === 'number') {
        if (known !== position) index.set(variant, [known, position]);
      } else if (known[known.length - 1] !== position) known.push(position);
    }
  }
  return index;
}
