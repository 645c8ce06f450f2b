// `okr close`: the grades and the `closed:` day, written in place and committed through the goal-file
// transaction (the repository lock, refusing dirty files, validation, restoring the files on any
// failure), then the annotated tag `okr/<cycle>` on that commit.
import { DataError } from '../errors.js';
import { createAnnotatedTag, isValidTagName, tagCommit } from '../git/tags.js';
import { closeTagName } from '../model/grades.js';
import { makePaint } from '../render/paint.js';
import { closeMessage, closeTagMessage, type CloseMessageInput } from '../render/text/grade-table.js';
import { planClose, type ClosePlan, type CloseRequest } from './close-plan.js';
import { runGoalTransaction } from './goal-transaction.js';
import type { Session } from './session.js';

export const CLOSE_WORDS = { noun: 'close', again: 'close the cycle again' } as const;

export interface CloseOptions extends CloseRequest {
  readonly note: string | undefined;
  /** False with --no-tag. */
  readonly tag: boolean;
  readonly includeChanges: boolean;
}

export interface ClosedCycle {
  readonly plan: ClosePlan;
  readonly commit: string;
  /** The tag created, unless --no-tag. */
  readonly tag: string | undefined;
  readonly files: readonly string[];
}

export function messageInput(plan: ClosePlan): CloseMessageInput {
  return { cycle: plan.cycle, gradedOn: plan.gradedOn, early: plan.early, grades: plan.grades, mission: plan.mission };
}

export async function closeCycle(session: Session, options: CloseOptions): Promise<ClosedCycle> {
  const repository = await session.requireRepository('Closing a cycle makes a git commit and a tag');
  const plain = makePaint(false);
  const result = await runGoalTransaction(session, { words: CLOSE_WORDS, includeChanges: options.includeChanges, commit: true }, async ({ workspace }) => {
    const plan = planClose(workspace, options);
    // The tag is checked before anything is written: a close that could not be tagged is refused whole.
    if (options.tag) await refuseTag(session, plan.cycle.id);
    return { edits: plan.edits, message: closeMessage(messageInput(plan), options.note, plain), result: plan };
  });
  const plan = result.result;
  const commit = result.commit!;
  if (!options.tag) return { plan, commit, tag: undefined, files: result.files };
  const name = closeTagName(plan.cycle.id);
  try {
    await createAnnotatedTag(repository.git, repository.gitDir, name, commit, closeTagMessage(messageInput(plan), options.note, plain));
  } catch (error) {
    const said = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new DataError(
      `cycle ${plan.cycle.id} is closed in commit ${commit.slice(0, 7)}, but the tag ${name} could not be created: ${said}`,
      `Create it yourself: git tag -a ${name} ${commit.slice(0, 7)} -m "close(${plan.cycle.id})"`,
    );
  }
  return { plan, commit, tag: name, files: result.files };
}

async function refuseTag(session: Session, cycle: string): Promise<void> {
  const { git } = (await session.repository())!;
  const name = closeTagName(cycle);
  if (!(await isValidTagName(git, name)))
    throw new DataError(`"${name}" cannot be a git tag name`, 'Pass --no-tag to close the cycle without a tag (the commit alone carries the Okr-Close trailer).');
  const existing = await tagCommit(git, name);
  if (existing !== undefined)
    throw new DataError(
      `the tag ${name} already exists (on commit ${existing.slice(0, 7)})`,
      `Nothing was written. If it is left from an earlier close, delete it (git tag -d ${name}); or pass --no-tag to close without a tag.`,
    );
}
