// The fast reader of goal files: the subset of YAML they are written in (block mappings and
// sequences by indentation, plain and quoted one-line scalars, one-line flow lists of scalars,
// comments, one leading `---`), read in one pass over the text with scalars resolved exactly as the
// `yaml` package's core schema (YAML 1.2) resolves them. Anything outside the subset (anchors,
// aliases, tags, directives, block scalars, multi-line scalars, flow mappings, complex or quoted keys,
// duplicate keys, tabs, control characters, odd indentation) is declined: the caller then reads the
// file with `yaml` itself, which also words the findings. So a file means one thing whichever path
// reads it; test/workspace/yaml-subset.test.ts holds that against `yaml` with generated documents.
//
// It is about 3x faster than js-yaml on goal files, and can also say where each node starts
// (`locateYaml`), which is how findings get their line and column without `yaml`.

import { KEPT_TEXT_LENGTH, keptSlice } from '../model/kept-text.js';

/** Goal files nest about six levels deep; deeper input is declined (the slow path says why). */
const MAX_DEPTH = 100;

/** A mapping's first keys are compared one by one for duplicates; past these, its object is asked. */
const KEYS_COMPARED = 16;

/** yaml refuses implicit keys over 1024 characters; no goal file has them. */
const MAX_KEY_LENGTH = 1000;

/**
 * Characters the subset never reads: tabs (YAML forbids them in indentation and they are rare
 * elsewhere), control characters, DEL and C1, BOM and the Unicode line separators, a CR not
 * followed by LF.
 */
const OUTSIDE_SUBSET = /[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ufefe\uff00-\uffff]/;
const LONE_CR = /\r(?!\n)/;

function outsideSubset(text: string): boolean {
  return OUTSIDE_SUBSET.test(text) || (text.includes('\r') && LONE_CR.test(text));
}

/** Why reading stopped: the text is outside the subset. Thrown and caught inside this module only. */
class Declined {}
const DECLINED = new Declined();

/** Where a node starts: its offset, its key's offset (a mapping's value), its children. */
export interface YamlNodeSpot {
  readonly offset: number;
  readonly keyOffset?: number;
  /** Set for a sequence (children by index); a mapping's children are by key. */
  readonly list?: boolean;
  readonly children?: ReadonlyMap<string | number, YamlNodeSpot>;
}

interface MutableSpot {
  offset: number;
  keyOffset?: number;
  list?: boolean;
  children?: Map<string | number, MutableSpot>;
}

class SubsetReader {
  private readonly length: number;
  /** The current content line: offset of its first non-space character, its indentation, its end (before CR LF). */
  private pos = 0;
  private indent = -1;
  private end = 0;
  /** Offset where the line after the current one starts. */
  private next = 0;
  private eof = false;
  private depth = 0;
  /** The spot of the node just read, when it was wanted. */
  spot: MutableSpot | undefined;
  /** With `stopEarly`: how many wanted nodes are still to be read, and whether none is. */
  private wantedLeft = Infinity;
  private stopped = false;

  /**
   * `want`: whose spots to record, for the root node (nothing when undefined). Without `values`, only
   * spots are recorded (the text was read before): no mappings, lists or scalars are made.
   */
  constructor(
    private readonly text: string,
    private want: WantedSpots | undefined,
    private readonly values = true,
    /** Stop reading once the wanted nodes are passed: only for a text this reader read whole before. */
    private readonly stopEarly = false,
  ) {
    this.length = text.length;
    if (stopEarly && want !== undefined && want !== ALL_SPOTS) this.wantedLeft = wantedNodeCount(want);
  }

  /** A wanted node below the root was read; when it was the last one, the reading stops. */
  private passedWanted(): void {
    if (--this.wantedLeft === 0) this.stopped = true;
  }

  read(): unknown {
    const text = this.text;
    this.advance(0);
    if (this.eof) return this.empty(0);
    // One document start marker, alone on the first line (a comment may follow), is part of the subset.
    if (this.indent === 0 && text.startsWith('---', this.pos)) {
      let p = this.pos + 3;
      if (p < this.end && text.charCodeAt(p) !== 32) throw DECLINED;
      while (p < this.end && text.charCodeAt(p) === 32) p++;
      if (p < this.end && text.charCodeAt(p) !== 35) throw DECLINED;
      this.advance(this.next);
      if (this.eof) return this.empty(p);
    }
    const value = this.block(this.indent);
    if (!this.eof && !this.stopped) throw DECLINED;
    return value;
  }

  /** Moves to the next line with content at or after `from`, skipping blank and comment lines. */
  private advance(from: number): void {
    const text = this.text;
    let p = from;
    while (p < this.length) {
      let q = p;
      while (text.charCodeAt(q) === 32) q++;
      let nl = text.indexOf('\n', q);
      if (nl < 0) nl = this.length;
      const c = text.charCodeAt(q);
      if (q === nl || c === 35 || (c === 13 && q + 1 === nl)) {
        p = nl + 1;
        continue;
      }
      this.pos = q;
      this.indent = q - p;
      this.end = text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.next = nl + 1;
      return;
    }
    this.eof = true;
    this.indent = -1;
  }

  /** A block node (mapping or sequence) whose first line is the current one, at `indent`. */
  private block(indent: number): unknown {
    if (++this.depth > MAX_DEPTH) throw DECLINED;
    const value = this.isEntry(this.pos) ? this.sequence(indent) : this.mapping(indent, this.pos);
    this.depth--;
    return value;
  }

  /** Moves past the current line and the lines below it indented deeper than `indent`. */
  private skipDeeperThan(indent: number): void {
    do this.advance(this.next);
    while (!this.eof && this.indent > indent);
  }

  /** "- " or a "-" that ends the line. */
  private isEntry(p: number): boolean {
    if (this.text.charCodeAt(p) !== 45) return false;
    const c = this.text.charCodeAt(p + 1);
    return c === 32 || p + 1 === this.end;
  }

  private sequence(indent: number): unknown[] {
    const text = this.text;
    const items: unknown[] = [];
    const want = this.want;
    const spot: MutableSpot | undefined = want ? { offset: this.pos, list: true, children: new Map() } : undefined;
    for (;;) {
      if (want) this.want = wantedUnder(want, items.length);
      let q = this.pos + 1;
      while (q < this.end && text.charCodeAt(q) === 32) q++;
      let item: unknown;
      if (this.stopEarly && !this.want) {
        // An item nothing is wanted from, in a text read before: its lines are the deeper ones.
        this.skipDeeperThan(indent);
        this.spot = undefined;
      } else if (q === this.end || text.charCodeAt(q) === 35) {
        // "-" alone: the item is on the lines below, more indented, or null.
        this.advance(this.next);
        if (!this.eof && this.indent > indent) item = this.block(this.indent);
        else item = this.empty(q);
      } else if (this.isEntry(q)) throw DECLINED; // "- - x": compact nested sequences
      else if (this.keyEnd(q) >= 0) {
        if (++this.depth > MAX_DEPTH) throw DECLINED;
        item = this.mapping(q - (this.pos - this.indent), q);
        this.depth--;
      } else {
        item = this.inline(q);
        this.advance(this.next);
        if (!this.eof && this.indent > indent) throw DECLINED; // a scalar continued on the next line
      }
      if (spot && this.spot) {
        spot.children!.set(items.length, this.spot);
        this.passedWanted();
      }
      items.push(item);
      if (this.stopped || this.eof || this.indent < indent) break;
      if (this.indent > indent) throw DECLINED;
      if (!this.isEntry(this.pos)) break; // the mapping holding this sequence goes on
    }
    this.want = want;
    this.spot = spot;
    return items;
  }

  /** A mapping whose keys sit at column `indent`, the first one at offset `first` of the current line. */
  private mapping(indent: number, first: number): Record<string, unknown> {
    const text = this.text;
    const map: Record<string, unknown> = {};
    const want = this.want;
    const spot: MutableSpot | undefined = want ? { offset: first, children: new Map() } : undefined;
    // Without values, the keys seen are kept apart: a duplicate is declined either way (a text read
    // before has none).
    const seen: Set<string> | undefined = this.values || this.stopEarly ? undefined : new Set<string>();
    const keysFrom = this.keysTop;
    let p = first;
    for (;;) {
      const colon = this.keyEnd(p);
      if (colon < 0) throw DECLINED;
      const key = this.key(p, colon);
      if (seen ? seen.has(key) : this.seenBefore(key, keysFrom, map)) throw DECLINED; // a duplicate key
      seen?.add(key);
      if (this.keysTop - keysFrom < KEYS_COMPARED) this.keys[this.keysTop++] = key;
      if (want) this.want = wantedUnder(want, key);
      let q = colon + 1;
      while (q < this.end && text.charCodeAt(q) === 32) q++;
      let value: unknown;
      if (this.stopEarly && !this.want) {
        // A value nothing is wanted from, in a text read before: the deeper lines, and a sequence at
        // the key's own column (after an inline value, none can follow).
        this.skipDeeperThan(indent);
        while (!this.eof && this.indent === indent && this.isEntry(this.pos)) this.skipDeeperThan(indent);
        this.spot = undefined;
      } else if (q === this.end || text.charCodeAt(q) === 35) {
        // "key:" alone: a block below (more indented, or a sequence at the key's own column), or null.
        this.advance(this.next);
        if (!this.eof && this.indent > indent) value = this.block(this.indent);
        else if (!this.eof && this.indent === indent && this.isEntry(this.pos)) {
          if (++this.depth > MAX_DEPTH) throw DECLINED;
          value = this.sequence(indent);
          this.depth--;
        } else value = this.empty(q);
      } else {
        value = this.inline(q);
        this.advance(this.next);
        if (!this.eof && this.indent > indent) throw DECLINED; // a scalar continued on the next line
      }
      if (this.values) map[key] = value;
      if (spot && this.spot) {
        this.spot.keyOffset = p;
        spot.children!.set(key, this.spot);
        this.passedWanted();
      }
      if (this.stopped || this.eof || this.indent < indent) break;
      if (this.indent > indent || this.isEntry(this.pos)) throw DECLINED;
      p = this.pos;
    }
    this.keysTop = keysFrom;
    this.want = want;
    this.spot = spot;
    return map;
  }

  /**
   * The keys of the mappings being read, innermost last; a mapping's own start at the `keysTop` it
   * found. Asking a fresh object for a key it lacks is a megamorphic lookup that also searches
   * Object.prototype; comparing a handful of strings (mostly the same instances, see `key`) is cheaper.
   */
  private readonly keys: string[] = [];
  private keysTop = 0;

  /** Whether the mapping whose keys start at `from` has `key` already (asked of `map` past KEYS_COMPARED keys). */
  private seenBefore(key: string, from: number, map: Record<string, unknown>): boolean {
    const to = this.keysTop;
    if (to - from >= KEYS_COMPARED) return map[key] !== undefined; // values are never undefined
    for (let i = from; i < to; i++) if (this.keys[i] === key) return true;
    return false;
  }

  /**
   * The key from `p` to `colon`, as the string first seen for it: the same few keys repeat across
   * thousands of files, and a string already used as a property name is stored without hashing it again.
   */
  private key(p: number, colon: number): string {
    const length = colon - p;
    const slot = this.keyHash & (KEYS_KEPT - 1);
    let key = KEYS[slot];
    if (key !== undefined && key.length === length && this.text.startsWith(key, p)) return key;
    if (length > MAX_KEY_LENGTH) throw DECLINED;
    key = this.text.slice(p, colon);
    if (RESERVED_KEYS.has(key)) throw DECLINED;
    if (KEYS[slot] === undefined) KEYS[slot] = key;
    return key;
  }

  /** A hash of the characters of the key keyEnd found last. */
  private keyHash = 0;

  /** The offset of the ":" ending a plain key that starts at `p` (`name: ` or `name:` at the line's end), else -1. */
  private keyEnd(p: number): number {
    const text = this.text;
    let c = text.charCodeAt(p);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) return -1;
    let hash = c;
    for (let i = p + 1; i < this.end; i++) {
      c = text.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45) {
        hash = (Math.imul(hash, 31) + c) | 0;
        continue;
      }
      if (c !== 58) return -1;
      this.keyHash = hash;
      return i + 1 === this.end || text.charCodeAt(i + 1) === 32 ? i : -1;
    }
    return -1;
  }

  private empty(offset: number): null {
    this.spot = this.want ? { offset } : undefined;
    return null;
  }

  /** A value that starts at `p` and ends on this line: a scalar or a flow collection. Only a comment may follow. */
  private inline(p: number): unknown {
    const spot: MutableSpot | undefined = this.want ? { offset: p } : undefined;
    this.spot = spot;
    const c = this.text.charCodeAt(p);
    let value: unknown;
    let after: number;
    if (c === 34 || c === 39) {
      const close = c === 34 ? this.doubleQuoted(p) : this.singleQuoted(p);
      value = this.quoted;
      after = close + 1;
    } else if (c === 91) {
      const list = this.flowList(p);
      value = list.items;
      after = list.after;
      this.spot = spot;
    } else if (c === 123) {
      const map = this.flowMap(p);
      value = map.value;
      after = map.after;
    } else return this.plain(p);
    const text = this.text;
    if (after < this.end) {
      if (text.charCodeAt(after) !== 32) throw DECLINED;
      while (after < this.end && text.charCodeAt(after) === 32) after++;
      if (after < this.end && text.charCodeAt(after) !== 35) throw DECLINED;
    }
    return value;
  }

  /** A plain scalar running to the end of the line (or a comment), resolved by the core schema. */
  private plain(p: number): unknown {
    const text = this.text;
    const end = this.end;
    if (!plainMayStartWith(text.charCodeAt(p), text.charCodeAt(p + 1))) throw DECLINED;
    // One pass over the line's characters: the value stops at " #"; a ": " before that would open
    // a mapping ("a: b: c"). Scanning here costs less than two native searches a value (indexOf
    // for " #" and ": " was 150 ms of 10,000 teams' 630 ms of reading, profiled).
    let stop = end;
    for (let i = p + 1; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 32) {
        if (text.charCodeAt(i + 1) === 35) {
          stop = i;
          break;
        }
      } else if (c === 58 && text.charCodeAt(i + 1) === 32) throw DECLINED;
    }
    let last = stop - 1;
    while (text.charCodeAt(last) === 32) last--;
    if (text.charCodeAt(last) === 58) throw DECLINED; // "a: b:" opens a mapping
    if (!this.values) return null;
    // Text that resolves to itself, short enough to repeat across files: one string kept for all copies.
    return last + 1 - p <= KEPT_TEXT_LENGTH && isTextStart(text.charCodeAt(p)) ? keptSlice(text, p, last + 1) : resolvePlain(text.slice(p, last + 1));
  }

  /** The value of the quoted scalar read last. */
  private quoted = '';

  /** Reads a double-quoted scalar opening at `p` into `quoted`; returns the offset of its closing quote. */
  private doubleQuoted(p: number): number {
    const text = this.text;
    let out = '';
    let from = p + 1;
    for (let i = p + 1; i < this.end; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        this.quoted = out + text.slice(from, i);
        return i;
      }
      if (c !== 92) continue;
      out += text.slice(from, i);
      const e = text.charCodeAt(i + 1);
      const simple = SIMPLE_ESCAPES.get(e);
      if (simple !== undefined) {
        out += simple;
        i++;
      } else if (e === 117 /* u */) {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw DECLINED;
        const code = parseInt(hex, 16);
        if (code >= 0xd800 && code <= 0xdfff) throw DECLINED; // surrogate halves: left to yaml
        out += String.fromCharCode(code);
        i += 5;
      } else throw DECLINED;
      from = i + 1;
    }
    throw DECLINED; // continues on the next line
  }

  /** Reads a single-quoted scalar opening at `p` into `quoted`; returns the offset of its closing quote. */
  private singleQuoted(p: number): number {
    const text = this.text;
    let out = '';
    let from = p + 1;
    for (;;) {
      const i = text.indexOf("'", from);
      if (i < 0 || i >= this.end) throw DECLINED; // continues on the next line
      if (text.charCodeAt(i + 1) === 39) {
        out += text.slice(from, i + 1);
        from = i + 2;
        continue;
      }
      this.quoted = out + text.slice(from, i);
      return i;
    }
  }

  /** `[a, "b", 3]` on one line: scalars, and one-line flow mappings of scalars. */
  private flowList(p: number): { items: unknown[]; after: number } {
    const text = this.text;
    const items: unknown[] = [];
    const spot = this.spot;
    const want = this.want;
    if (spot) {
      spot.list = true;
      spot.children = new Map();
    }
    let i = p + 1;
    for (;;) {
      while (i < this.end && text.charCodeAt(i) === 32) i++;
      if (i >= this.end) throw DECLINED;
      let c = text.charCodeAt(i);
      if (c === 93) return { items, after: i + 1 };
      const itemWant = want && wantedUnder(want, items.length);
      this.spot = itemWant ? { offset: i } : undefined;
      if (spot && this.spot) {
        spot.children!.set(items.length, this.spot);
        this.passedWanted();
      }
      if (c === 123) {
        this.want = itemWant;
        const map = this.flowMap(i);
        this.want = want;
        items.push(map.value);
        i = map.after;
      } else {
        items.push(this.flowScalar(i, 93));
        i = this.flowEnd;
      }
      while (i < this.end && text.charCodeAt(i) === 32) i++;
      c = text.charCodeAt(i);
      if (c === 93) return { items, after: i + 1 };
      if (c !== 44 || i >= this.end) throw DECLINED;
      i++;
    }
  }

  /** `{id: k2, done: true}` on one line: plain keys and scalar values. */
  private flowMap(p: number): { value: Record<string, unknown>; after: number } {
    const text = this.text;
    const map: Record<string, unknown> = {};
    const spot = this.spot;
    const want = this.want;
    if (spot) spot.children = new Map();
    let i = p + 1;
    for (;;) {
      while (i < this.end && text.charCodeAt(i) === 32) i++;
      if (i >= this.end) throw DECLINED;
      let c = text.charCodeAt(i);
      if (c === 125) {
        this.spot = spot;
        return { value: map, after: i + 1 };
      }
      const colon = this.keyEnd(i);
      if (colon < 0) throw DECLINED;
      const key = this.key(i, colon);
      if (map[key] !== undefined) throw DECLINED; // a duplicate key (values are never undefined)
      let q = colon + 1;
      while (q < this.end && text.charCodeAt(q) === 32) q++;
      c = text.charCodeAt(q);
      if (q >= this.end || c === 44 || c === 125 || c === 91 || c === 123) throw DECLINED; // no value, or a nested collection
      map[key] = this.flowScalar(q, 125);
      if (spot && want && wantedUnder(want, key)) {
        spot.children!.set(key, { offset: q, keyOffset: i });
        this.passedWanted();
      }
      i = this.flowEnd;
      while (i < this.end && text.charCodeAt(i) === 32) i++;
      c = text.charCodeAt(i);
      if (c === 125) {
        this.spot = spot;
        return { value: map, after: i + 1 };
      }
      if (c !== 44 || i >= this.end) throw DECLINED;
      i++;
    }
  }

  /** Where the flow scalar read last ends (the offset after it). */
  private flowEnd = 0;

  /** A quoted or plain scalar inside a flow collection closed by `closer` ("]" or "}"). */
  private flowScalar(i: number, closer: number): unknown {
    const text = this.text;
    let c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      this.flowEnd = (c === 34 ? this.doubleQuoted(i) : this.singleQuoted(i)) + 1;
      return this.quoted;
    }
    if (!plainMayStartWith(c, text.charCodeAt(i + 1)) || c === 45) throw DECLINED;
    const start = i;
    let last = i;
    for (; i < this.end; i++) {
      c = text.charCodeAt(i);
      if (c === 44 || c === closer) break;
      if (c === 32) continue;
      if (c === 91 || c === 93 || c === 123 || c === 125 || c === 58 || c === 35 || c === 34 || c === 39) throw DECLINED;
      last = i;
    }
    this.flowEnd = i;
    if (!this.values) return null;
    return last + 1 - start <= KEPT_TEXT_LENGTH && isTextStart(text.charCodeAt(start)) ? keptSlice(text, start, last + 1) : resolvePlain(text.slice(start, last + 1));
  }
}

/** Escapes of one character after "\" in double quotes, as YAML 1.2 defines them. */
const SIMPLE_ESCAPES = new Map<number, string>([
  [48, '\0'],
  [97, '\x07'],
  [98, '\b'],
  [116, '\t'],
  [110, '\n'],
  [118, '\v'],
  [102, '\f'],
  [114, '\r'],
  [101, '\x1b'],
  [32, ' '],
  [34, '"'],
  [47, '/'],
  [92, '\\'],
]);

/**
 * Whether a plain scalar may start with character `c` followed by `d` here: not with an indicator
 * (`- ? :` only when followed by a non-space; the subset declines `?` and `:` anyway).
 */
function plainMayStartWith(c: number, d: number): boolean {
  switch (c) {
    case 45: // -
      return d === d && d !== 32 && d !== 10 && d !== 13; // not "- " nor "-" alone (NaN: the text ends)
    case 63: // ?
    case 58: // :
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
      return false;
    default:
      return true;
  }
}

/**
 * Keys seen, in the slot their hash picks; the first key to reach a slot keeps it (bounded: hostile
 * files may hold many). An array slot is cheaper to reach than a Map entry: this is asked for each of
 * a large organisation's ~800,000 keys.
 */
const KEYS_KEPT = 4096;
const KEYS: (string | undefined)[] = new Array<string | undefined>(KEYS_KEPT).fill(undefined);

/**
 * Keys the subset does not read: those whose core-schema value is not that very string (null,
 * true, false), and those Object.prototype has (they would need defining rather than assigning).
 */
const RESERVED_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', ...Object.getOwnPropertyNames(Object.prototype)]);

/** Whether a plain scalar starting with `c` is text, whatever follows: a letter that begins no null or bool. */
function isTextStart(c: number): boolean {
  return (c >= 97 && c <= 122 && c !== 110 && c !== 116 && c !== 102) || (c >= 65 && c <= 90 && c !== 78 && c !== 84 && c !== 70);
}

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/**
 * A plain scalar's value under the core schema, exactly as `yaml` resolves it (its tests, in its
 * order: null, bool, octal, decimal and hex integers, nan/inf, exponent floats, floats; else a string).
 */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Most values start with a letter that begins no null or bool: a string, without a regex.
  if (isTextStart(c)) return s;
  if (c === 126 || c === 110 || c === 78) return NULL.test(s) ? null : s;
  if (c === 116 || c === 84 || c === 102 || c === 70) return BOOL.test(s) ? c === 116 || c === 84 : s;
  if (c >= 48 && c <= 57) {
    // Digits, or digits "." digits: what INT and FLOAT would match (none of the tests before them
    // can), without running six regexes on each of a large organisation's 500,000 numbers.
    const dot = decimalShape(s);
    if (dot === 0) return parseInt(s, 10);
    if (dot === 1) return parseFloat(s);
  }
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

/**
 * For a text starting with a digit: 0 when it is all digits, 1 when it is digits, one ".", and
 * digits or nothing (`12.`, `0.25`), else -1.
 */
function decimalShape(s: string): number {
  let dots = 0;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c !== 46 || dots > 0) return -1;
    dots = 1;
  }
  return dots;
}

/** The document as plain data (null when empty), or undefined when the text is outside the subset. */
/**
 * `printableAscii`: the caller knows every character is printable ASCII or LF, so the text holds
 * none the subset refuses and is not searched for them: at 10,000 teams, 20,000 texts read 277 -> 249 ms
 * warm (best of 7), and the search was 66-73 ms of the main thread in a cold run (profiled, load 8).
 */
export function readYamlSubset(text: string, printableAscii = false): { readonly value: unknown } | undefined {
  return read(text, undefined, true, printableAscii);
}

/**
 * The document as plain data, and where its nodes start: every node (`ALL_SPOTS`), or those on
 * the paths of a `wantedSpots` trie (cheaper: nothing is recorded for the rest). Undefined when the
 * text is outside the subset.
 */
export function readLocatedYamlSubset(text: string, want: WantedSpots = ALL_SPOTS): { readonly value: unknown; readonly spot: YamlNodeSpot } | undefined {
  return read(text, want) as { value: unknown; spot: YamlNodeSpot } | undefined;
}

/**
 * Where the nodes on `paths` (and every node above them) start, or undefined when the text is
 * outside the subset. `readBefore`: the caller knows this reader read the whole text before (it is
 * in the subset), so reading stops once the nodes on `paths` are passed: locating the findings of
 * 10,000 files, each in its first objective or its last, reads about half of each file.
 */
export function locateYamlSubset(text: string, paths?: readonly (readonly (string | number)[])[], readBefore = false): YamlNodeSpot | undefined {
  const want = paths ? wantedSpots(paths) : ALL_SPOTS;
  if (readBefore && want !== ALL_SPOTS) {
    try {
      const reader = new SubsetReader(text, want, false, true);
      reader.read();
      return reader.spot ?? { offset: 0 };
    } catch (error) {
      if (error === DECLINED || error instanceof RangeError) return undefined; // not read before after all
      throw error;
    }
  }
  return read(text, want, false)?.spot;
}

function read(text: string, want: WantedSpots | undefined, values = true, printableAscii = false): { value: unknown; spot?: YamlNodeSpot } | undefined {
  if (!printableAscii && outsideSubset(text)) return undefined;
  try {
    const reader = new SubsetReader(text, want, values);
    const value = reader.read();
    return want ? { value, spot: reader.spot ?? { offset: 0 } } : { value };
  } catch (error) {
    if (error === DECLINED || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Whose spots a read records: every node, or the nodes on some paths (a trie by key or index). */
export type WantedSpots = typeof ALL_SPOTS | ReadonlyMap<string | number, WantedSpots>;
export const ALL_SPOTS = 'all';

function wantedUnder(want: WantedSpots, key: string | number): WantedSpots | undefined {
  return want === ALL_SPOTS ? ALL_SPOTS : want.get(key);
}

/** How many nodes below the root `want` asks for (an index entered twice, as number and text, counts once). */
function wantedNodeCount(want: ReadonlyMap<string | number, WantedSpots>, seen = new Set<WantedSpots>()): number {
  let count = 0;
  for (const child of want.values()) {
    if (seen.has(child)) continue;
    seen.add(child);
    count += 1 + (child === ALL_SPOTS ? 0 : wantedNodeCount(child, seen));
  }
  return count;
}

/** The trie of `paths`. An index is also entered as text: a mapping may have a key "0". */
export function wantedSpots(paths: readonly (readonly (string | number)[])[]): WantedSpots {
  const root = new Map<string | number, WantedSpots>();
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      let child = node.get(segment) as Map<string | number, WantedSpots> | undefined;
      if (!child) {
        child = new Map();
        node.set(segment, child);
        if (typeof segment === 'number') node.set(String(segment), child);
      }
      node = child;
    }
  }
  return root;
}
