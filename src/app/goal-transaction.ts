// The transaction every command that commits goal files runs (checkin and measure now; close next).
// Under the repository's okr lock: load the workspace, let the caller plan its edits against it,
// refuse goal files with uncommitted changes, splice the new values into the files (nothing else
// changes), validate the whole workspace with the edits, write atomically, and commit only those
// files. Any failure after writing restores the files byte for byte.
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, UsageError } from '../errors.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { CommitFailed, commitFiles, pathStatus } from '../git/commit-files.js';
import type { Repository } from '../git/repository.js';
import { withTransactionLock } from '../git/transaction-lock.js';
import type { Finding } from '../model/findings.js';
import type { Workspace } from '../model/types.js';
import { applyScalarEdits, type ScalarEdit } from '../workspace/edit-yaml.js';
import { loadWorkspace, positionFindings } from '../workspace/load.js';
import { readWorkspaceFolder, type RawFile } from '../workspace/source.js';
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
  const transaction = () => edit(session, repository, options, plan, waitMs);
  return repository ? withTransactionLock(repository.gitDir, transaction, { waitMs }) : transaction();
}

async function edit<R>(
  session: Session,
  repository: Repository | undefined,
  options: TransactionOptions,
  plan: (context: PlanContext) => TransactionPlan<R> | Promise<TransactionPlan<R>>,
  waitMs: number | undefined,
): Promise<TransactionResult<R>> {
  const { root } = session;
  const { words } = options;
  const raw = readWorkspaceFolder(root, session.maxFileBytes);
  const loaded = loadWorkspace(raw);
  const planned = await plan({ workspace: loaded.workspace, root, repository });
  const files = [...planned.edits.keys()];
  if (files.length === 0) return { result: planned.result, files, commit: undefined, repository };

  const repoPath = (file: string) => `${repository?.prefix ?? ''}${file}`;
  const untracked = options.commit && repository ? await refuseDirty(repository, files, repoPath, options) : [];

  const edited = new Map<string, { abs: string; original: Buffer; mode: number; text: string }>();
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
    edited.set(file, { abs, original, mode: stat.mode & 0o7777, text: bom + result.text });
  }

  refuseNewErrors(raw, loaded.findings, edited, words);

  const written: { abs: string; original: Buffer; mode: number }[] = [];
  try {
    for (const e of edited.values()) {
      writeFileAtomically(e.abs, e.text, { mode: e.mode });
      written.push(e);
    }
    let commit: string | undefined;
    if (options.commit && repository)
      commit = await commitFiles(repository, files.map(repoPath), planned.message, {
        untracked: untracked.map(repoPath),
        ...(waitMs !== undefined ? { waitMs } : {}),
      }).catch((error: unknown) => {
        throw error instanceof CommitFailed ? commitRefused(error, words) : error;
      });
    return { result: planned.result, files, commit, repository };
  } catch (error) {
    for (const w of written) writeFileAtomically(w.abs, w.original, { mode: w.mode });
    throw error;
  }
}

/** OKR_LOCK_WAIT_MS: how long to wait for another okr transaction or git process (default: 15 s for okr's lock, 5 s for git's). */
function lockWait(session: Session): number | undefined {
  const raw = session.env.vars.OKR_LOCK_WAIT_MS;
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`OKR_LOCK_WAIT_MS must be a whole number of milliseconds, not "${raw}"`);
  return Number(raw);
}

/** Refuses goal files with uncommitted changes (unless asked to include them); returns those git does not know yet. */
async function refuseDirty(repository: Repository, files: readonly string[], repoPath: (f: string) => string, options: TransactionOptions): Promise<string[]> {
  const status = await pathStatus(repository.git, files.map(repoPath));
  const untracked: string[] = [];
  for (const file of files) {
    const code = status.get(repoPath(file));
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

/** What to do about a commit git refused; the files have been restored by then. */
function commitRefused(failure: CommitFailed, words: TransactionWords): DataError {
  switch (failure.reason) {
    case 'no-identity':
      return new DataError(
        `git does not know who you are, and a ${words.noun} is a commit with an author`,
        'Run: git config --global user.name "Your Name" && git config --global user.email you@example.com (or set GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL, GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL).',
      );
    case 'locked':
      return new DataError(
        `another git process is using this repository: ${failure.said}`,
        'The goal files were restored. Retry when it is done; if no git process is running, delete the .lock file git names.',
      );
    case 'merge-in-progress':
      return new DataError(
        'a merge is in progress, and git cannot commit single files during a merge',
        `Finish the merge (git commit) or abort it (git merge --abort), then ${words.again}. The goal files were restored.`,
      );
    case 'refused':
      return new DataError(`git commit failed: ${failure.said}`, `The goal files were restored as they were. Fix what git says (a pre-commit hook?) and ${words.again}.`);
  }
}
