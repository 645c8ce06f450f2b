// The check-in transaction `okr checkin` and `okr measure` share. Under the repository's check-in
// lock: load the workspace, plan the new values, refuse dirty goal files, splice the values into the
// files (nothing else changes), validate the whole workspace with the edit, write atomically, and
// commit only those files. Any failure after writing restores the files byte for byte.
import { chmodSync, lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Environment } from '../env.js';
import { DataError, UsageError } from '../errors.js';
import { checkinMessage, type CheckinEntry } from '../model/checkin-message.js';
import type { Finding } from '../model/findings.js';
import type { KeyResultValue } from '../model/history.js';
import type { GuardrailKeyResult, MetricKeyResult, MilestoneKeyResult, Objective, Workspace } from '../model/types.js';
import { withCheckinLock } from '../git/checkin-lock.js';
import { commitFiles, pathStatus } from '../git/commit-files.js';
import { findRepository, type Repository } from '../git/repository.js';
import { applyScalarEdits, type ScalarEdit } from '../workspace/edit-yaml.js';
import { loadWorkspace, positionFindings } from '../workspace/load.js';
import { findWorkspaceRoot, maxFileBytes } from '../workspace/open.js';
import { readWorkspaceFolder, type RawFile } from '../workspace/source.js';

export type CheckableKeyResult = MetricKeyResult | MilestoneKeyResult | GuardrailKeyResult;

/** One key result's new value, as a command planned it against the freshly loaded workspace. */
export interface CheckinPlan {
  readonly objective: Objective;
  readonly keyResult: CheckableKeyResult;
  readonly value: KeyResultValue;
  readonly confidence?: number;
  /** `FILE#POINTER` when `okr measure` read the value. */
  readonly source?: string;
}

export interface RecordOptions {
  readonly dir?: string;
  readonly note?: string;
  readonly includeChanges: boolean;
  /** False with --no-commit: edit the files only. */
  readonly commit: boolean;
}

export interface RecordResult {
  /** The key results whose value or confidence changed, in the order planned. */
  readonly recorded: readonly CheckinEntry[];
  /** Key results planned with the value (and confidence) they already had. */
  readonly unchanged: readonly CheckinPlan[];
  /** Workspace-relative goal files written. */
  readonly files: readonly string[];
  /** The new commit, unless --no-commit or nothing changed. */
  readonly commit: string | undefined;
  readonly repository: Repository | undefined;
}

export function currentValue(kr: CheckableKeyResult): KeyResultValue {
  return kr.kind === 'milestone' ? kr.done : kr.current;
}

/** What a plan is made against: the workspace as loaded under the lock, and where it lives. */
export interface PlanContext {
  readonly workspace: Workspace;
  readonly root: string;
  readonly repository: Repository | undefined;
}

export type Planner = (context: PlanContext) => readonly CheckinPlan[] | Promise<readonly CheckinPlan[]>;

export async function recordCheckins(env: Environment, options: RecordOptions, plan: Planner): Promise<RecordResult> {
  const root = findWorkspaceRoot(env, options.dir);
  const repository = await findRepository(root);
  if (options.commit && !repository)
    throw new DataError(`not a git repository: ${root}`, 'A check-in is a git commit: run it inside a git work tree, or pass --no-commit to edit the files only.');
  const waitMs = lockWait(env);
  const transaction = () => record(env, root, repository, options, plan, waitMs);
  return repository ? withCheckinLock(repository.gitDir, transaction, { waitMs }) : transaction();
}

async function record(
  env: Environment,
  root: string,
  repository: Repository | undefined,
  options: RecordOptions,
  plan: Planner,
  waitMs: number | undefined,
): Promise<RecordResult> {
  const raw = readWorkspaceFolder(root, maxFileBytes(env));
  const loaded = loadWorkspace(raw);
  const plans = await plan({ workspace: loaded.workspace, root, repository });
  const changed = plans.filter(changes);
  const unchanged = plans.filter((p) => !changes(p));
  const base = { unchanged, repository };
  if (changed.length === 0) return { ...base, recorded: [], files: [], commit: undefined };

  const files = [...new Set(changed.map((p) => p.keyResult.origin.file))];
  const repoPath = (file: string) => `${repository?.prefix ?? ''}${file}`;
  const untracked = options.commit && repository ? await refuseDirty(repository, files, repoPath, options.includeChanges) : [];

  const edited = new Map<string, { abs: string; original: Buffer; mode: number; text: string }>();
  for (const file of files) {
    const abs = join(root, ...file.split('/'));
    const stat = lstatSync(abs);
    if (!stat.isFile()) throw new DataError(`${file} is not a regular file (a symbolic link?)`, 'okr edits goal files in place only when they are plain files; edit the value by hand.');
    const original = readFileSync(abs);
    const decoded = original.toString('utf8');
    const bom = decoded.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    if (decoded.slice(bom.length) !== raw.find((r) => r.file === file)?.text)
      throw new DataError(`${file} changed while okr was reading it`, 'Nothing was written. Run the check-in again.');
    const result = applyScalarEdits(decoded.slice(bom.length), changed.filter((p) => p.keyResult.origin.file === file).flatMap(editsOf));
    if (!result.ok) throw new DataError(`cannot edit ${file} in place: ${result.problem}`, 'Nothing was written. Edit the value by hand, or fix the file first.');
    edited.set(file, { abs, original, mode: stat.mode & 0o7777, text: bom + result.text });
  }

  refuseNewErrors(raw, loaded.findings, edited);

  const written: { abs: string; original: Buffer; mode: number }[] = [];
  try {
    for (const e of edited.values()) {
      writeAtomically(e.abs, Buffer.from(e.text, 'utf8'), e.mode);
      written.push(e);
    }
    const recorded = changed.map(entryOf);
    let commit: string | undefined;
    if (options.commit && repository)
      commit = await commitFiles(repository.top, files.map(repoPath), checkinMessage(recorded, options.note), {
        untracked: untracked.map(repoPath),
        ...(waitMs !== undefined ? { waitMs } : {}),
      });
    return { ...base, recorded, files, commit };
  } catch (error) {
    for (const w of written) writeAtomically(w.abs, w.original, w.mode);
    throw error;
  }
}

/** OKR_LOCK_WAIT_MS: how long to wait for another check-in or git process (default: 15 s for okr's lock, 5 s for git's). */
function lockWait(env: Environment): number | undefined {
  const raw = env.vars.OKR_LOCK_WAIT_MS;
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`OKR_LOCK_WAIT_MS must be a whole number of milliseconds, not "${raw}"`);
  return Number(raw);
}

function changes(p: CheckinPlan): boolean {
  return p.value !== currentValue(p.keyResult) || (p.confidence !== undefined && p.confidence !== p.keyResult.confidence);
}

function editsOf(p: CheckinPlan): ScalarEdit[] {
  const mapPath = p.keyResult.origin.path;
  const edits: ScalarEdit[] = [];
  if (p.value !== currentValue(p.keyResult)) {
    if (p.keyResult.kind === 'milestone') edits.push({ mapPath, key: 'done', value: p.value, after: [] });
    else edits.push({ mapPath, key: 'current', value: p.value, after: ['target', 'start', 'keep_below', 'keep_above'] });
  }
  if (p.confidence !== undefined && p.confidence !== p.keyResult.confidence)
    edits.push({ mapPath, key: 'confidence', value: p.confidence, after: ['unit', 'current', 'done', 'target', 'start', 'keep_below', 'keep_above'] });
  return edits;
}

function entryOf(p: CheckinPlan): CheckinEntry {
  const kr = p.keyResult;
  return {
    ref: kr.ref,
    team: p.objective.team,
    keyResultId: kr.id,
    previous: currentValue(kr),
    value: p.value,
    ...(kr.kind !== 'milestone' && kr.unit ? { unit: kr.unit } : {}),
    ...(p.confidence !== undefined ? { confidence: p.confidence } : {}),
    ...(p.source !== undefined ? { source: p.source } : {}),
  };
}

/** Refuses goal files with uncommitted changes (unless asked to include them); returns those git does not know yet. */
async function refuseDirty(repository: Repository, files: readonly string[], repoPath: (f: string) => string, include: boolean): Promise<string[]> {
  const status = await pathStatus(repository.top, files.map(repoPath));
  const untracked: string[] = [];
  for (const file of files) {
    const code = status.get(repoPath(file));
    if (code === undefined) continue;
    if (code === '??') {
      if (include) untracked.push(file);
      else throw new DataError(`${file} is not committed yet`, 'Commit it first, or pass --include-changes to commit it with the check-in.');
    } else if (!include)
      throw new DataError(
        `${file} has uncommitted changes (git status: ${code.replace(/ /g, '.')})`,
        'Commit or stash them first, or pass --include-changes to commit them with the check-in.',
      );
  }
  return untracked;
}

/** Validates the workspace with the edits; errors it did not have before refuse the check-in. */
function refuseNewErrors(raw: readonly RawFile[], before: readonly Finding[], edited: ReadonlyMap<string, { text: string }>): void {
  const files = raw.map((r) => {
    const e = edited.get(r.file);
    return e ? { file: r.file, text: e.text.replace(/^\ufeff/, '') } : r;
  });
  const after = loadWorkspace(files);
  const key = (f: Finding) => `${f.rule}\0${f.target.file}\0${f.message}`;
  const known = new Map<string, number>();
  for (const f of before) if (f.severity === 'error') known.set(key(f), (known.get(key(f)) ?? 0) + 1);
  const fresh = after.findings.filter((f) => {
    if (f.severity !== 'error') return false;
    const n = known.get(key(f)) ?? 0;
    if (n > 0) known.set(key(f), n - 1);
    return n === 0;
  });
  if (fresh.length === 0) return;
  const [first] = positionFindings(after, fresh);
  throw new DataError(
    `the check-in would make the goals invalid: ${first!.file}:${first!.line}:${first!.column} ${first!.message}`,
    'Nothing was written. Check the value you gave, or run "okr check".',
  );
}

/** Writes through a temporary file in the same folder and a rename, keeping the file's mode. */
function writeAtomically(abs: string, bytes: Buffer, mode: number): void {
  const temp = join(dirname(abs), `.${basename(abs)}.okr-${process.pid}-${Date.now().toString(36)}.tmp`);
  try {
    writeFileSync(temp, bytes, { mode, flag: 'wx' });
    chmodSync(temp, mode); // the mode given at creation is filtered by the umask
    renameSync(temp, abs);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
