// The transaction every command that commits goal files runs (checkin, measure; feedback, whose
// commit changes no file; close next). Under the repository's okr lock: refuse while git is in the middle of a rebase, merge, bisect...,
// load the workspace, let the caller plan its edits against it, refuse a detached HEAD and goal
// files with uncommitted changes, splice the new values into the files (nothing else changes),
// validate the whole workspace with the edits, write atomically, and commit only those files. Any
// failure after writing (a refused commit, Ctrl-C or kill) restores the files byte for byte,
// except a file someone changed meanwhile: their version is kept, and the message says so.
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, OkrError, UsageError } from '../errors.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { CommitFailed, commitFiles, pathStatus } from '../git/commit-files.js';
import { operationInProgress, type GitOperation } from '../git/operation-in-progress.js';
import type { Repository } from '../git/repository.js';
import { headIsDetached } from '../git/revisions.js';
import { LockHeld, withTransactionLock } from '../git/transaction-lock.js';
import type { Finding } from '../model/findings.js';
import type { Workspace } from '../model/types.js';
import { applyScalarEdits, type ScalarEdit } from '../workspace/edit-yaml.js';
import { loadWorkspace, positionFindings } from '../workspace/load.js';
import type { RawFile } from '../workspace/source.js';
import { Interrupted, Interruption } from './interruption.js';
import type { Session } from './session.js';

/** How the transaction's messages name what it records: "check-in", "check in again". */
export interface TransactionWords {
  readonly noun: string;
  readonly again: string;
}

export interface TransactionOptions {
  readonly words: TransactionWords;
  readonly includeChanges: boolean;
  /** False with --no-commit: edit the files only. */
  readonly commit: boolean;
  /** Commit even when the plan edits no file (feedback: a commit that changes nothing). */
  readonly allowEmpty?: boolean;
}

/** What a plan is made against: the workspace as loaded under the lock, and where it lives. */
export interface PlanContext {
  readonly workspace: Workspace;
  readonly root: string;
  readonly repository: Repository | undefined;
}

/** The edits a caller plans, the message to commit them with, and what it wants back. */
export interface TransactionPlan<R> {
  /** In-place edits by workspace-relative goal file, in the order to write them. None: nothing is written. */
  readonly edits: ReadonlyMap<string, readonly ScalarEdit[]>;
  readonly message: string;
  readonly result: R;
}

export interface TransactionResult<R> {
  readonly result: R;
  /** Workspace-relative goal files written. */
  readonly files: readonly string[];
  /** The new commit, unless --no-commit or nothing was edited. */
  readonly commit: string | undefined;
  readonly repository: Repository | undefined;
}

export async function runGoalTransaction<R>(
  session: Session,
  options: TransactionOptions,
  plan: (context: PlanContext) => TransactionPlan<R> | Promise<TransactionPlan<R>>,
): Promise<TransactionResult<R>> {
  const repository = await session.repository();
  const { words } = options;
  if (options.commit && !repository)
    throw new DataError(
      `not a git repository: ${session.root}`,
      `A ${words.noun} is a git commit: run it inside a git work tree, or pass --no-commit to edit the files only.`,
    );
  const waitMs = lockWait(session);
  const interruption = new Interruption(session.env);
  try {
    const transaction = () => edit(session, repository, options, plan, waitMs, interruption);
    if (!repository) return await transaction();
    return await withTransactionLock(repository.gitDir, transaction, { waitMs, signal: interruption.signal }).catch((error: unknown) => {
      throw error instanceof LockHeld ? lockHeld(error) : error;
    });
  } catch (error) {
    const signal = error instanceof Interrupted ? undefined : await interruption.received();
    // Stopped before anything was written (waiting for the lock, reading, asking git's status).
    if (signal) throw new Interrupted(signal, `interrupted (${signal}): the ${words.noun} was not recorded`, 'Nothing was written.');
    throw error;
  } finally {
    interruption.end();
  }
}

interface EditedFile {
  readonly file: string;
  readonly abs: string;
  readonly original: Buffer;
  readonly mode: number;
  /** What okr writes. */
  readonly text: string;
}

async function edit<R>(
  session: Session,
  repository: Repository | undefined,
  options: TransactionOptions,
  plan: (context: PlanContext) => TransactionPlan<R> | Promise<TransactionPlan<R>>,
  waitMs: number | undefined,
  interruption: Interruption,
): Promise<TransactionResult<R>> {
  const { root } = session;
  const { words } = options;
  const committing = options.commit && repository !== undefined;
  if (committing) refuseOperation(repository!, words);
  const { files: raw, skipped } = await session.readWorkTree();
  const loaded = loadWorkspace(raw);
  const planned = await plan({ workspace: loaded.workspace, root, repository });
  const files = [...planned.edits.keys()];
  if (files.length === 0) {
    const commit = options.allowEmpty && committing ? await commitNothing(repository!, planned.message, words, waitMs, interruption) : undefined;
    return { result: planned.result, files, commit, repository };
  }
  for (const file of files)
    if (skipped.has(file))
      throw new DataError(
        `${file} is not in the work tree: this sparse checkout leaves it out`,
        `Add its folder to the checkout (git sparse-checkout add ${file.slice(0, file.lastIndexOf('/'))}), then ${words.again}. Nothing was written.`,
      );

  const repoPath = (file: string) => `${repository?.prefix ?? ''}${file}`;
  const untracked = committing ? await checkWorkTree(repository!, files, repoPath, options, interruption.signal) : [];

  const edited: EditedFile[] = [];
  for (const [file, edits] of planned.edits) {
    const abs = join(root, ...file.split('/'));
    const stat = lstatSync(abs);
    if (!stat.isFile()) throw new DataError(`${file} is not a regular file (a symbolic link?)`, 'okr edits goal files in place only when they are plain files; edit the value by hand.');
    const original = readFileSync(abs);
    const decoded = original.toString('utf8');
    const bom = decoded.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    if (decoded.slice(bom.length) !== raw.find((r) => r.file === file)?.text)
      throw new DataError(`${file} changed while okr was reading it`, `Nothing was written. Run the ${words.noun} again.`);
    const result = applyScalarEdits(decoded.slice(bom.length), edits);
    if (!result.ok) throw new DataError(`cannot edit ${file} in place: ${result.problem}`, 'Nothing was written. Edit the value by hand, or fix the file first.');
    edited.push({ file, abs, original, mode: stat.mode & 0o7777, text: bom + result.text });
  }

  refuseNewErrors(raw, loaded.findings, new Map(edited.map((e) => [e.file, e])), words);

  const written: EditedFile[] = [];
  try {
    for (const e of edited) {
      writeFileAtomically(e.abs, e.text, { mode: e.mode });
      written.push(e);
    }
    let commit: string | undefined;
    if (committing)
      commit = await commitFiles(repository!, files.map(repoPath), planned.message, {
        untracked: untracked.map(repoPath),
        signal: interruption.signal,
        ...(waitMs !== undefined ? { waitMs } : {}),
      });
    return { result: planned.result, files, commit, repository };
  } catch (error) {
    const kept = restore(written);
    throw await failure(error, kept, words, interruption);
  }
}

/** A commit that changes no file (feedback): nothing to write, nothing to put back. */
async function commitNothing(repository: Repository, message: string, words: TransactionWords, waitMs: number | undefined, interruption: Interruption): Promise<string> {
  if (await headIsDetached(repository.git)) throw detachedHead(words);
  try {
    return await commitFiles(repository, [], message, { allowEmpty: true, signal: interruption.signal, ...(waitMs !== undefined ? { waitMs } : {}) });
  } catch (error) {
    throw error instanceof CommitFailed ? commitRefused(error, words, 'Nothing was recorded.') : error;
  }
}

/**
 * Puts back each file okr wrote, unless it no longer holds okr's bytes: then someone edited it
 * meanwhile (in an editor, or a hook did), and their version stays. Returns the files kept so.
 */
function restore(written: readonly EditedFile[]): string[] {
  const kept: string[] = [];
  for (const w of written) {
    let now: Buffer | undefined;
    try {
      now = readFileSync(w.abs);
    } catch {
      now = undefined; // deleted meanwhile: that was someone's decision too
    }
    if (now !== undefined && now.equals(Buffer.from(w.text, 'utf8'))) writeFileAtomically(w.abs, w.original, { mode: w.mode });
    else kept.push(w.file);
  }
  return kept;
}

/** The error to report once the files are put back: what went wrong, and what became of the files. */
async function failure(error: unknown, kept: readonly string[], words: TransactionWords, interruption: Interruption): Promise<unknown> {
  const files = restoredWords(kept, words);
  const signal = await interruption.received();
  if (signal) return new Interrupted(signal, `interrupted (${signal}): the ${words.noun} was not recorded`, files);
  if (error instanceof CommitFailed) return commitRefused(error, words, files);
  if (error instanceof OkrError) return new OkrError(error.message, [error.hint, files].filter(Boolean).join(' '), error.exitCode);
  return error;
}

function restoredWords(kept: readonly string[], words: TransactionWords): string {
  if (kept.length === 0) return 'The goal files were restored as they were.';
  const list = kept.join(', ');
  return `${list} changed while okr was committing: okr kept ${kept.length === 1 ? 'that version' : 'those versions'} as ${kept.length === 1 ? 'it is' : 'they are'} (the ${words.noun} is not in ${kept.length === 1 ? 'it' : 'them'}); other goal files were restored.`;
}

/** OKR_LOCK_WAIT_MS: how long to wait for another okr transaction or git process (default: 15 s for okr's lock, 5 s for git's). */
function lockWait(session: Session): number | undefined {
  const raw = session.env.vars.OKR_LOCK_WAIT_MS;
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`OKR_LOCK_WAIT_MS must be a whole number of milliseconds, not "${raw}"`);
  return Number(raw);
}

/** Refuses to commit while git is in the middle of an operation that would rewrite or drop the commit. */
function refuseOperation(repository: Repository, words: TransactionWords): void {
  const operation = operationInProgress(repository.gitDir);
  if (operation === undefined) return;
  const [what, finish] = OPERATIONS[operation];
  throw new DataError(`${what} is in progress: a ${words.noun} committed now would ${operation === 'merge' ? 'become part of the merge' : 'be lost or rewritten with it'}`, `${finish}, then ${words.again}. Nothing was written.`);
}

const OPERATIONS: Readonly<Record<GitOperation, readonly [string, string]>> = {
  rebase: ['a rebase', 'Finish the rebase (git rebase --continue) or abort it (git rebase --abort)'],
  am: ['git am', 'Finish applying the patches (git am --continue) or abort (git am --abort)'],
  merge: ['a merge', 'Finish the merge (git commit) or abort it (git merge --abort)'],
  'cherry-pick': ['a cherry-pick', 'Finish it (git cherry-pick --continue) or abort it (git cherry-pick --abort)'],
  revert: ['a revert', 'Finish it (git revert --continue) or abort it (git revert --abort)'],
  bisect: ['git bisect', 'End the bisection (git bisect reset)'],
};

/**
 * Refuses a detached HEAD, and goal files with uncommitted changes (unless asked to include them);
 * returns the files git does not know yet.
 */
async function checkWorkTree(
  repository: Repository,
  files: readonly string[],
  repoPath: (f: string) => string,
  options: TransactionOptions,
  signal: AbortSignal,
): Promise<string[]> {
  const status = await pathStatus(repository.git, files.map(repoPath), { signal });
  if (status.detached) throw detachedHead(options.words);
  const untracked: string[] = [];
  for (const file of files) {
    const code = status.codes.get(repoPath(file));
    if (code === undefined) continue;
    if (code === '??') {
      if (options.includeChanges) untracked.push(file);
      else throw new DataError(`${file} is not committed yet`, `Commit it first, or pass --include-changes to commit it with the ${options.words.noun}.`);
    } else if (!options.includeChanges)
      throw new DataError(
        `${file} has uncommitted changes (git status: ${code.replace(/ /g, '.')})`,
        `Commit or stash them first, or pass --include-changes to commit them with the ${options.words.noun}.`,
      );
  }
  return untracked;
}

function detachedHead(words: TransactionWords): DataError {
  return new DataError(
    `HEAD is detached (no branch is checked out): a ${words.noun} committed now would be on no branch, and easily lost`,
    `Switch to a branch (git switch main, or git switch -c <name> to keep this commit's line), then ${words.again}. Nothing was written.`,
  );
}

/** Validates the workspace with the edits; errors it did not have before refuse the transaction. */
function refuseNewErrors(raw: readonly RawFile[], before: readonly Finding[], edited: ReadonlyMap<string, { text: string }>, words: TransactionWords): void {
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
    `the ${words.noun} would make the goals invalid: ${first!.file}:${first!.line}:${first!.column} ${first!.message}`,
    'Nothing was written. Check the value you gave, or run "okr check".',
  );
}

/** What to do about a commit git refused; `files` says what became of the goal files. */
function commitRefused(failure: CommitFailed, words: TransactionWords, files: string): DataError {
  switch (failure.reason) {
    case 'no-identity':
      return new DataError(
        `git does not know who you are, and a ${words.noun} is a commit with an author`,
        'Run: git config --global user.name "Your Name" && git config --global user.email you@example.com (or set GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL, GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL).',
      );
    case 'locked':
      return new DataError(
        `another git process is using this repository: ${failure.said}`,
        `${files} Retry when it is done; if no git process is running, delete the .lock file git names.`,
      );
    case 'merge-in-progress':
      return new DataError(
        'a merge is in progress, and git cannot commit single files during a merge',
        `Finish the merge (git commit) or abort it (git merge --abort), then ${words.again}. ${files}`,
      );
    case 'refused':
      return new DataError(`git commit failed: ${failure.said}`, `${files} Fix what git says (a pre-commit hook?) and ${words.again}.`);
  }
}

/** okr's own lock stayed taken: another okr command is recording in this repository. */
function lockHeld(held: LockHeld): DataError {
  return new DataError(
    `another okr command is recording in this repository${held.holder ? ` (${held.holder})` : ''}`,
    `Retry in a moment. If no okr is running, delete ${held.path}.`,
  );
}
