// The two sides of `okr diff`, named the way git names them (`BASE`, `BASE HEAD`, `A..B`, `A...B`),
// resolved to commits: a side is a commit, or the work tree.
import { DataError, UsageError } from '../errors.js';
import type { Git } from './git.js';
import { hasHead, resolveCommit } from './revisions.js';
import { UNSHALLOW_HINT } from './shallow.js';

/** One side as the user named it: a revision (commit, branch, tag...), or the work tree. */
export type SideSpec = { readonly kind: 'worktree' } | { readonly kind: 'revision'; readonly rev: string };

/** What the arguments ask for, before anything is resolved. */
export interface DiffSpec {
  readonly base: SideSpec;
  readonly head: SideSpec;
  /** `A...B`: the base is the merge base of `base` and `head`. */
  readonly mergeBase: boolean;
}

/**
 * Reads `okr diff` arguments as git does: none = HEAD against the work tree; `BASE` = BASE against
 * the work tree; `BASE HEAD`; `A..B` = A against B; `A...B` = the merge base of A and B against B.
 * An empty side of a range is HEAD. `reverse` swaps the sides (git diff -R).
 */
export function parseDiffArgs(args: readonly string[], reverse = false): DiffSpec {
  for (const arg of args) refuseHostile(arg);
  let spec: DiffSpec;
  if (args.length === 0) spec = { base: revision('HEAD'), head: { kind: 'worktree' }, mergeBase: false };
  else if (args.length === 1) spec = parseSingle(args[0]!);
  else if (args.length === 2) {
    for (const arg of args)
      if (arg.includes('..'))
        throw new UsageError(`a range (${arg}) cannot be combined with a second revision`, 'Give one range (okr diff main...HEAD) or two revisions (okr diff main HEAD).');
    spec = { base: revision(args[0]!), head: revision(args[1]!), mergeBase: false };
  } else throw new UsageError(`too many revisions: ${args.join(' ')}`, 'Give at most two: okr diff [BASE [HEAD]].');
  if (!reverse) return spec;
  if (spec.mergeBase)
    throw new UsageError('--reverse cannot be used with a merge-base range (A...B)', 'Use okr diff B A, or drop --reverse.');
  return { base: spec.head, head: spec.base, mergeBase: false };
}

function parseSingle(arg: string): DiffSpec {
  const three = arg.indexOf('...');
  if (three >= 0) {
    const [a, b] = [arg.slice(0, three), arg.slice(three + 3)];
    return { base: revision(a || 'HEAD'), head: revision(b || 'HEAD'), mergeBase: true };
  }
  const two = arg.indexOf('..');
  if (two >= 0) {
    const [a, b] = [arg.slice(0, two), arg.slice(two + 2)];
    return { base: revision(a || 'HEAD'), head: revision(b || 'HEAD'), mergeBase: false };
  }
  return { base: revision(arg), head: { kind: 'worktree' }, mergeBase: false };
}

function revision(rev: string): SideSpec {
  refuseHostile(rev);
  return { kind: 'revision', rev };
}

/** Revisions that git could read as options, or that no revision can contain, are refused up front. */
function refuseHostile(rev: string): void {
  // eslint-disable-next-line no-control-regex
  if (rev === '' || rev.startsWith('-') || /[\u0000-\u001f\u007f]/.test(rev))
    throw new UsageError(
      `not a valid revision: ${JSON.stringify(rev)}`,
      'Name a commit, branch or tag (okr diff main, okr diff main...HEAD); revisions cannot start with "-".',
    );
}

/** A side resolved: the commit it names, or the work tree. `rev` is the revision as given. */
export type ResolvedSide =
  | { readonly kind: 'worktree' }
  | { readonly kind: 'revision'; readonly rev: string; readonly commit: string };

export interface ResolvedDiff {
  readonly base: ResolvedSide;
  readonly head: ResolvedSide;
}

/** Resolves both sides in the repository; `A...B` resolves the base to the merge base. */
export async function resolveDiffSpec(git: Git, spec: DiffSpec, options: { shallow?: boolean } = {}): Promise<ResolvedDiff> {
  const resolve = async (side: SideSpec): Promise<ResolvedSide> =>
    side.kind === 'worktree' ? side : { kind: 'revision', rev: side.rev, commit: await resolveSide(git, side.rev) };
  const [base, head] = await Promise.all([resolve(spec.base), resolve(spec.head)]);
  if (!spec.mergeBase || base.kind !== 'revision' || head.kind !== 'revision') return { base, head };
  const commit = await mergeBase(git, base.commit, head.commit, options);
  return { base: { kind: 'revision', rev: `${base.rev}...${head.rev}`, commit }, head };
}

async function resolveSide(git: Git, rev: string): Promise<string> {
  try {
    return await resolveCommit(git, rev);
  } catch (error) {
    if (rev === 'HEAD' && !(await hasHead(git))) throw new NoCommitsYet();
    throw error;
  }
}

/** HEAD was asked for, and the repository has no commit yet. */
export class NoCommitsYet extends Error {
  constructor() {
    super('the repository has no commits yet: there is no HEAD to compare with');
  }
}

/** The best common ancestor of two commits (git merge-base), or a DataError when they share none. */
export async function mergeBase(git: Git, a: string, b: string, options: { shallow?: boolean } = {}): Promise<string> {
  const result = await git.run(['merge-base', '--end-of-options', a, b]);
  if (result.code === 1 && options.shallow)
    throw new DataError(`${a.slice(0, 12)} and ${b.slice(0, 12)} have no common ancestor in this shallow clone: it may be in the history not fetched`, UNSHALLOW_HINT);
  if (result.code === 1)
    throw new DataError(
      `${a.slice(0, 12)} and ${b.slice(0, 12)} have no common ancestor`,
      'Compare them directly with okr diff A B (two revisions) or A..B instead of A...B.',
    );
  if (result.code !== 0) throw new DataError(`git merge-base failed: ${result.stderr.trim().split('\n')[0]}`);
  return result.stdout.toString('utf8').trim();
}
