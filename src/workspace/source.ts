// Where goal files come from: the work tree (here) or a git revision (git/revision-source.ts).
// Both yield RawFiles; deciding which paths are goal files, and decoding bytes, is shared.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, type Dirent, type Stats } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Finding } from '../model/findings.js';

export const CONFIG_FILE = 'okr.yaml';
export const TEAMS_DIR = 'teams';
export const TEAM_FILE = 'team.yaml';
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** A file of the workspace as read: its text, or the finding that says why it could not be read. */
export interface RawFile {
  /** Relative to the workspace root, with "/" separators. */
  readonly file: string;
  readonly text?: string;
  readonly problem?: Finding;
  /** Set when every character of `text` is printable ASCII or LF (the reader thread looks at the bytes it copies): the subset reader need not look for characters it refuses. */
  readonly printableAscii?: true;
}

export type GoalFileRole = { kind: 'config' } | { kind: 'team'; team: string } | { kind: 'cycle'; team: string; cycle: string };

/** What a workspace-relative path is to okr, or undefined if okr does not read it. */
export function roleOf(file: string): GoalFileRole | undefined {
  if (file === CONFIG_FILE) return CONFIG_ROLE;
  // teams/<team>/<name>: without splitting (okr check --cache asks this of every path git lists).
  if (!file.startsWith(TEAMS_PREFIX)) return undefined;
  const slash = file.indexOf('/', TEAMS_PREFIX.length);
  if (slash < 0 || file.indexOf('/', slash + 1) >= 0) return undefined;
  const team = file.slice(TEAMS_PREFIX.length, slash);
  const name = file.slice(slash + 1);
  if (team.startsWith('.') || name.startsWith('.') || !name.endsWith('.yaml')) return undefined;
  if (name === TEAM_FILE) return { kind: 'team', team };
  return { kind: 'cycle', team, cycle: name.slice(0, -'.yaml'.length) };
}

const TEAMS_PREFIX = `${TEAMS_DIR}/`;
const CONFIG_ROLE: GoalFileRole = Object.freeze({ kind: 'config' });

/**
 * Other spellings of okr.yaml that okr looks for beside it, only to say that it does not read them.
 * A fixed list, not every mix of cases: git is asked for these paths by name (ls-tree, ls-files).
 */
export const MISNAMED_CONFIG_FILES: readonly string[] = ['okr.YAML', 'okr.YML', 'okr.Yaml', 'okr.Yml', 'okr.yml'];

/**
 * For a file okr lists but does not read because its extension is another spelling of .yaml
 * (teams/<team>/2026-Q4.yml, team.YAML, okr.yml beside okr.yaml): the name okr would read instead.
 * Undefined for any other path. Hidden files and folders stay silent, as they are for .yaml; a
 * folder named x.yml is never asked about (listers ask about files only).
 */
export function readableNameOf(file: string): string | undefined {
  if (MISNAMED_CONFIG_FILES.includes(file)) return CONFIG_FILE;
  if (!file.startsWith(TEAMS_PREFIX)) return undefined;
  const slash = file.indexOf('/', TEAMS_PREFIX.length);
  if (slash < 0 || file.indexOf('/', slash + 1) >= 0 || file.charCodeAt(TEAMS_PREFIX.length) === 46 || file.charCodeAt(slash + 1) === 46) return undefined;
  const extension = /\.ya?ml$/i.exec(file);
  if (!extension || extension[0] === '.yaml') return undefined;
  return `${file.slice(0, extension.index)}.yaml`;
}

/**
 * The warning for a file okr does not read (readableNameOf gave `readable`); `readableExists`: the
 * file okr reads is there too (then renaming would overwrite it).
 */
export function ignoredFile(file: string, readable: string, readableExists: boolean): RawFile {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const wanted = readable.slice(readable.lastIndexOf('/') + 1);
  const fix = readableExists ? `move what it holds into ${wanted} and delete it` : `rename it to ${wanted}`;
  const reads = readable === CONFIG_FILE ? `only ${CONFIG_FILE}` : 'only files named *.yaml';
  return { file, problem: { rule: 'ignored-file', severity: 'warning', message: `okr reads ${reads}, so it ignores ${name}: ${fix}`, target: { file, line: 1, column: 1 } } };
}

/**
 * The paths holding a workspace's goal files, relative to the repository's top (for git's
 * pathspecs): all of them, or okr.yaml and one team's folder.
 */
export function goalPaths(prefix: string, team?: string): string[] {
  return [`${prefix}${CONFIG_FILE}`, team === undefined ? `${prefix}${TEAMS_DIR}` : `${prefix}${TEAMS_DIR}/${team}/`];
}

/** goalPaths and the other spellings of okr.yaml: what a listing that warns of ignored files (ignoredFile) asks git for. */
export function listedPaths(prefix: string, team?: string): string[] {
  return [...goalPaths(prefix, team), ...MISNAMED_CONFIG_FILES.map((name) => `${prefix}${name}`)];
}

/**
 * The ignored-file warnings of a listing's files that are no goal files (readableNameOf), in okr's
 * order; `listed`: every goal file listed beside them (to know whether the readable name is taken).
 */
export function ignoredFilesOf(others: readonly string[], listed: (file: string) => boolean): RawFile[] {
  const ignored: RawFile[] = [];
  for (const file of others) {
    const readable = readableNameOf(file);
    if (readable !== undefined) ignored.push(ignoredFile(file, readable, listed(readable)));
  }
  return ignored.sort((a, b) => compareListed(a.file, b.file));
}

/** okr's listing order of files that are not okr.yaml: top-level names first, then teams/<team>/<file> by team, then by name. */
function compareListed(a: string, b: string): number {
  const [x, y] = [a.lastIndexOf('/'), b.lastIndexOf('/')];
  const [p, q] = [a.slice(0, Math.max(x, 0)), b.slice(0, Math.max(y, 0))];
  if ((x < 0) !== (y < 0)) return x < 0 ? -1 : 1;
  return p < q ? -1 : p > q ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function problem(file: string, rule: string, message: string, line = 1, column = 1): RawFile {
  return { file, problem: { rule, severity: 'error', message, target: { file, line, column } } };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a file's bytes as UTF-8, refusing oversized files and invalid bytes with a position. */
export function decodeFile(file: string, bytes: Uint8Array, maxBytes: number, printableAscii = false): RawFile {
  if (bytes.length > maxBytes) return tooLarge(file, bytes.length, maxBytes);
  try {
    let text = UTF8.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return printableAscii ? { file, text, printableAscii } : { file, text };
  } catch {
    const { line, column } = firstInvalidByte(bytes);
    return problem(file, 'invalid-encoding', `the file is not valid UTF-8 (a byte at line ${line}, column ${column} cannot be decoded); save it as UTF-8`, line, column);
  }
}

export function tooLarge(file: string, size: number, maxBytes: number): RawFile {
  return problem(
    file,
    'file-too-large',
    `the file is ${size} bytes, over the limit of ${maxBytes} bytes for a goal file (set OKR_MAX_FILE_BYTES to change it)`,
  );
}

/** Whether every byte is LF or printable ASCII (0x20-0x7E): no tab, CR, control character or anything beyond ASCII. */
export function isPrintableAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if ((b < 0x20 && b !== 0x0a) || b > 0x7e) return false;
  }
  return true;
}

/** Line and column (1-based, in characters) of the first byte that is not valid UTF-8. */
function firstInvalidByte(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) break;
    let ok = true;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) ok = false;
    // Overlong forms, UTF-16 surrogates (ED A0..BF) and code points past U+10FFFF: the second byte says.
    const second = bytes[i + 1]!;
    if (b === 0xe0 && second < 0xa0) ok = false;
    if (b === 0xed && second > 0x9f) ok = false;
    if (b === 0xf0 && second < 0x90) ok = false;
    if (b === 0xf4 && second > 0x8f) ok = false;
    if (!ok) break;
    if (b === 0x0a) {
      line++;
      column = 1;
    } else column++;
    i += length;
  }
  return { line, column };
}

/** A goal file found in a workspace folder, not read yet. */
export interface FolderEntry {
  /** Relative to the workspace root, with "/" separators. */
  readonly file: string;
  readonly abs: string;
  /** Only links cost a realpath (to refuse those that lead outside the workspace). */
  readonly isLink: boolean;
}

export interface FolderListing {
  readonly realRoot: string;
  readonly entries: readonly FolderEntry[];
  /** Things that could not be listed (a teams/ link out of the workspace, a team folder link), and files okr ignores (ignoredFile). */
  readonly problems: readonly RawFile[];
}

/** A folder below teams/, not listed yet. */
export interface TeamFolder {
  readonly name: string;
  /** Absolute. */
  readonly dir: string;
  readonly isLink: boolean;
}

/** The top of a workspace folder: okr.yaml and the team folders, in name order. */
export interface WorkspaceTop {
  readonly realRoot: string;
  readonly config: FolderEntry;
  readonly teams: readonly TeamFolder[];
  /** A teams/ link out of the workspace (then `teams` is empty). */
  readonly problems: readonly RawFile[];
  /** Other spellings of okr.yaml beside it, which okr does not read (ignoredFile). */
  readonly ignored: readonly RawFile[];
}

/** Lists the goal files of a workspace folder: okr.yaml, then teams/<team>/*.yaml in name order. */
export function listWorkspaceFolder(root: string): FolderListing {
  const { realRoot, config, teams, problems, ignored } = listWorkspaceTop(root);
  const entries: FolderEntry[] = [config];
  const more = [...ignored, ...problems];
  for (const team of teams) {
    const listed = listTeamFolder(team, realRoot);
    if (listed.problem) more.push(listed.problem);
    for (const entry of listed.entries) entries.push(entry);
    for (const ignored of listed.ignored) more.push(ignored);
  }
  return { realRoot, entries, problems: more };
}

function sortedListing(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

/** Lists okr.yaml and the folders below teams/ (whose own listing `listTeamFolder` makes). */
export function listWorkspaceTop(root: string): WorkspaceTop {
  const realRoot = realpathSync(root);
  const configLink = (() => {
    try {
      return lstatSync(join(root, CONFIG_FILE)).isSymbolicLink();
    } catch {
      return false;
    }
  })();
  const config = { file: CONFIG_FILE, abs: join(root, CONFIG_FILE), isLink: configLink };
  const ignored = misnamedConfigFiles(root);
  const teamsDir = join(root, TEAMS_DIR);
  const teamsOutside = escapesRoot(teamsDir, realRoot);
  if (teamsOutside) return { realRoot, config, teams: [], problems: [problem(TEAMS_DIR, 'unsafe-path', `teams/: ${teamsOutside}; okr does not follow it`)], ignored };
  const teams: TeamFolder[] = [];
  // Paths below teams/ by concatenation: join() would normalise each of 30,000 paths again, and a
  // name read from a folder holds no separator and is never "." or "..".
  for (const team of sortedListing(teamsDir)) {
    if (team.name.startsWith('.')) continue;
    const isLink = team.isSymbolicLink();
    if (isLink || team.isDirectory()) teams.push({ name: team.name, dir: `${teamsDir}${sep}${team.name}`, isLink });
  }
  return { realRoot, config, teams, problems: [], ignored };
}

/**
 * okr.yml and the like beside okr.yaml, as files okr ignores. The folder is listed rather than each
 * name looked up: on a file system that ignores case, okr.YAML would find okr.yaml itself.
 */
function misnamedConfigFiles(root: string): RawFile[] {
  const found: RawFile[] = [];
  for (const entry of sortedListing(root))
    if (MISNAMED_CONFIG_FILES.includes(entry.name) && (entry.isFile() || entry.isSymbolicLink())) found.push(ignoredFile(entry.name, CONFIG_FILE, true));
  return found;
}

/**
 * The goal files of one team folder in name order, and the files okr ignores there (2026-Q4.yml:
 * ignoredFile); or the problem of a team folder linked out of the workspace.
 */
export function listTeamFolder(team: TeamFolder, realRoot: string): { entries: FolderEntry[]; ignored: RawFile[]; problem?: RawFile } {
  if (team.isLink) {
    const outside = escapesRoot(team.dir, realRoot);
    if (outside) return { entries: [], ignored: [], problem: problem(`${TEAMS_DIR}/${team.name}/${TEAM_FILE}`, 'unsafe-path', `teams/${team.name}: ${outside}; okr does not follow it`) };
  }
  const entries: FolderEntry[] = [];
  const ignored: RawFile[] = [];
  const listing = sortedListing(team.dir);
  for (const entry of listing) {
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    const file = `${TEAMS_DIR}/${team.name}/${entry.name}`;
    if (roleOf(file)) entries.push({ file, abs: `${team.dir}${sep}${entry.name}`, isLink: entry.isSymbolicLink() });
    else {
      const readable = readableNameOf(file);
      if (readable !== undefined) ignored.push(ignoredFile(file, readable, listing.some((e) => `${TEAMS_DIR}/${team.name}/${e.name}` === readable)));
    }
  }
  return { entries, ignored };
}

/** Reads one listed file: its text, or why it cannot be read (a link out, too large, not UTF-8). */
export function readFolderEntry(entry: FolderEntry, realRoot: string, maxBytes: number): RawFile {
  const read = readFolderEntryBytes(entry, realRoot, maxBytes);
  return read instanceof Uint8Array ? decodeFile(entry.file, read, maxBytes) : read;
}

/**
 * Reads one listed file's bytes, not decoded (what the reader thread sends: workspace/folder-reader.ts),
 * or why they cannot be read. The bytes may be a view of a buffer the next read reuses.
 */
export function readFolderEntryBytes(entry: FolderEntry, realRoot: string, maxBytes: number): Uint8Array | RawFile {
  const outside = entry.isLink ? escapesRoot(entry.abs, realRoot) : undefined;
  if (outside) return problem(entry.file, 'unsafe-path', `${outside}: okr does not follow links out of the workspace`);
  try {
    // A link, and okr.yaml (listed whatever it is), may lead to something that is not a file.
    return readBounded(entry.file, entry.abs, maxBytes, entry.isLink || entry.file === CONFIG_FILE);
  } catch (error) {
    return problem(entry.file, 'unreadable-file', `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Reads the goal files of a workspace folder. Symlinks that lead outside the workspace are not followed. */
export function readWorkspaceFolder(root: string, maxBytes = DEFAULT_MAX_FILE_BYTES): RawFile[] {
  const { realRoot, entries, problems } = listWorkspaceFolder(root);
  return [...entries.map((entry) => readFolderEntry(entry, realRoot, maxBytes)), ...problems];
}

/**
 * okr.yaml and the goal files of one team's folder, read as readWorkspaceFolder reads them; undefined
 * where the workspace has no such team folder (or one that cannot be listed).
 */
export function readWorkspaceTeam(root: string, team: string, maxBytes = DEFAULT_MAX_FILE_BYTES): RawFile[] | undefined {
  const top = listWorkspaceTop(root);
  const folder = top.teams.find((t) => t.name === team);
  if (!folder || top.problems.length > 0) return undefined;
  const { entries, ignored, problem } = listTeamFolder(folder, top.realRoot);
  if (problem || entries.length === 0) return undefined;
  return [...[top.config, ...entries].map((entry) => readFolderEntry(entry, top.realRoot, maxBytes)), ...top.ignored, ...ignored];
}

/**
 * The work tree's files with files read elsewhere (a sparse checkout's, from the index) put in the
 * order a complete work tree would list them: okr.yaml, then teams/<team>/<file> by team and name.
 */
export function mergeGoalFiles<F extends { readonly file: string }>(files: readonly F[], more: readonly F[]): F[] {
  const rank = (file: string): [number, string, string] => {
    if (file === CONFIG_FILE) return [0, '', ''];
    const role = roleOf(file);
    return role && role.kind !== 'config' ? [1, role.team, file.slice(file.lastIndexOf('/') + 1)] : [2, '', ''];
  };
  const order = (a: F, b: F) => {
    const [x, y] = [rank(a.file), rank(b.file)];
    return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
  };
  const known = new Set(files.map((f) => f.file));
  return [...files, ...more.filter((f) => !known.has(f.file))].sort(order);
}

/**
 * Reads a file unless it is over the limit. With the usual limits, into one buffer shared by all
 * reads, asking for one byte more than the limit: a file over it is known without reading it all,
 * and without a stat per file. With a limit of many megabytes, the size is asked first.
 * Opening never waits (a named pipe would block an ordinary open until a writer came); what may not
 * be a regular file (`checkKind`, or what reads as empty) is refused unless it is one.
 */
function readBounded(file: string, abs: string, maxBytes: number, checkKind: boolean): Uint8Array | RawFile {
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const notFile = () => {
      const stat = fstatSync(fd);
      return stat.isFile() ? undefined : problem(file, 'unreadable-file', `it is ${kindOf(stat)}, not a regular file; okr reads goal files only from regular files`);
    };
    const refused = checkKind ? notFile() : undefined;
    if (refused) return refused;
    let bytes: Buffer;
    if (maxBytes < SHARED_BUFFER_LIMIT) {
      if (shared.length <= maxBytes) shared = Buffer.allocUnsafe(maxBytes + 1);
      bytes = shared;
    } else {
      const size = fstatSync(fd).size;
      if (size > maxBytes) return tooLarge(file, size, maxBytes);
      bytes = Buffer.allocUnsafe(size + 1);
    }
    const room = Math.min(bytes.length, maxBytes + 1);
    let read = 0;
    for (let n; read < room && (n = readSync(fd, bytes, read, room - read, null)) > 0; ) read += n;
    if (read > maxBytes) return tooLarge(file, fstatSync(fd).size, maxBytes);
    if (read === 0 && !checkKind) {
      const empty = notFile();
      if (empty) return empty;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

const SHARED_BUFFER_LIMIT = 16 * 1024 * 1024;
let shared = Buffer.allocUnsafe(0);

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a file';
}

/** Says why `abs` is outside `realRoot` once links are resolved, or undefined when it is inside. */
function escapesRoot(abs: string, realRoot: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return undefined; // missing: reported when read
  }
  const rel = relative(realRoot, real);
  if (rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))) return undefined;
  return `it is a link to ${real}, outside the workspace`;
}
