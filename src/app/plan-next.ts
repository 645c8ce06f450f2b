// `okr plan NEXT --from CYCLE`: the next cycle's goal files drafted from the unfinished objectives of
// CYCLE, NEXT declared in okr.yaml when dates are given. Nothing is committed. Nothing is overwritten:
// an existing NEXT file refuses the whole plan, the new files are created exclusively, okr.yaml is
// spliced in place, the result is validated before anything is written, and a failure while writing
// removes what was created and puts okr.yaml back.
import { lstatSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, UsageError } from '../errors.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { withTransactionLock } from '../git/transaction-lock.js';
import { carryOver, type TeamDraft } from '../model/carry-over.js';
import { dayNumber } from '../model/calendar.js';
import type { Finding } from '../model/findings.js';
import { isValidId, ID_RULE_TEXT, explainInvalidId } from '../model/ids.js';
import { computeProgress } from '../model/rollup.js';
import type { Cycle, Day, Workspace } from '../model/types.js';
import { chooseCycle, makeScorer, viewOf } from '../model/view.js';
import { draftFileText } from '../workspace/draft-file.js';
import { appendCycle } from '../workspace/edit-yaml.js';
import { loadWorkspace, positionFindings } from '../workspace/load.js';
import { CONFIG_FILE, readWorkspaceFolder, TEAMS_DIR, type RawFile } from '../workspace/source.js';
import { unknownCycle } from './cycle-view.js';
import type { Session } from './session.js';

export interface PlanRequest {
  readonly next: string;
  readonly from: string;
  readonly start: Day | undefined;
  readonly end: Day | undefined;
  readonly today: Day;
}

export interface PlannedFile {
  readonly file: string;
  readonly team: string;
  readonly draft: TeamDraft;
}

export interface PlanResult {
  readonly next: Cycle | { readonly id: string; readonly start: Day; readonly end: Day };
  readonly from: Cycle;
  /** The day the objectives were scored on. */
  readonly scoredOn: Day;
  /** True when NEXT was added to okr.yaml. */
  readonly declared: boolean;
  readonly files: readonly PlannedFile[];
}

export async function planNextCycle(session: Session, request: PlanRequest): Promise<PlanResult> {
  if (!isValidId(request.next)) throw new UsageError(`"${request.next}" cannot be a cycle id: ${explainInvalidId(request.next)}`, `${ID_RULE_TEXT}.`);
  if ((request.start === undefined) !== (request.end === undefined)) throw new UsageError('give both --start and --end, or neither', 'Example: okr plan 2027-Q1 --from 2026-Q4 --start 2027-01-01 --end 2027-03-31.');
  if (request.start !== undefined && request.end !== undefined && request.end < request.start)
    throw new UsageError(`--end ${request.end} is before --start ${request.start}`, 'A cycle ends on or after the day it starts.');
  if (request.next === request.from) throw new UsageError(`the next cycle cannot be ${request.from} itself`, 'Name the cycle to plan, e.g. okr plan 2027-Q1 --from 2026-Q4.');
  const repository = await session.repository();
  const work = async () => plan(session, request);
  return repository ? withTransactionLock(repository.gitDir, work) : work();
}

function plan(session: Session, request: PlanRequest): PlanResult {
  const { root } = session;
  const raw = readWorkspaceFolder(root, session.maxFileBytes);
  const loaded = loadWorkspace(raw);
  const { workspace } = loaded;
  const from = fromCycle(workspace, request);
  const { next, declare } = nextCycle(workspace, request, from);

  const scoredOn = from.closed !== undefined && from.closed < from.end ? from.closed : request.today < from.end ? request.today : from.end;
  const view = viewOf(workspace, from, scoredOn);
  const scorer = makeScorer(workspace, computeProgress(workspace, view.objectives, view.feeding), scoredOn);
  const drafts = carryOver(workspace, from, next, view.objectives, scorer);

  const files = drafts.map((draft) => ({ file: `${TEAMS_DIR}/${draft.team}/${next.id}.yaml`, team: draft.team, draft }));
  for (const { file } of files)
    if (exists(join(root, ...file.split('/'))))
      throw new DataError(`${file} already exists`, `Nothing was written. okr plan never overwrites a goal file: move it away, or plan another cycle.`);

  const texts = new Map<string, string>();
  for (const { file, draft } of files) texts.set(file, draftFileText(header(request, from, next, scoredOn, draft), draft.objectives));
  let config: { original: RawFile; text: string } | undefined;
  if (declare) {
    const original = raw.find((r) => r.file === CONFIG_FILE);
    if (original?.text === undefined) throw new DataError(`${CONFIG_FILE} cannot be read, so ${next.id} cannot be declared in it`, 'Fix okr.yaml first (okr check), or declare the cycle by hand.');
    const edited = appendCycle(original.text, next);
    if (!edited.ok) throw new DataError(`cannot add cycle ${next.id} to ${CONFIG_FILE} in place: ${edited.problem}`, `Nothing was written. Add it by hand (id: ${next.id}, start: "${next.start}", end: "${next.end}"), then run okr plan without --start and --end.`);
    config = { original, text: edited.text };
  }

  refuseNewErrors(raw, loaded.findings, texts, config?.text);
  write(root, texts, config);
  return { next, from, scoredOn, declared: declare, files };
}

function fromCycle(workspace: Workspace, request: PlanRequest): Cycle {
  const choice = chooseCycle(workspace, request.from, request.today);
  if (choice.kind === 'unknown') throw unknownCycle(choice);
  if (choice.kind !== 'chosen') throw new DataError(`cycle "${request.from}" has no valid dates`, 'Fix its start and end in okr.yaml first; run "okr check" for details.');
  return choice.cycle;
}

/** NEXT as declared, or as it will be declared from --start and --end; it must not overlap FROM. */
function nextCycle(workspace: Workspace, request: PlanRequest, from: Cycle): { next: Cycle; declare: boolean } {
  const declared = workspace.config.cycles.find((c) => c.id === request.next);
  let next: Cycle;
  if (declared) {
    if (request.start !== undefined && (request.start !== declared.start || request.end !== declared.end))
      throw new DataError(
        `cycle ${request.next} is already declared in okr.yaml, from ${declared.start} to ${declared.end}`,
        'Leave out --start and --end to plan it as declared, or change its dates in okr.yaml first.',
      );
    if (Number.isNaN(dayNumber(declared.start)) || Number.isNaN(dayNumber(declared.end)) || declared.end < declared.start)
      throw new DataError(`cycle "${request.next}" has no valid dates in okr.yaml`, 'Fix its start and end first; run "okr check" for details.');
    next = declared;
  } else {
    if (request.start === undefined || request.end === undefined)
      throw new DataError(`cycle ${request.next} is not declared in okr.yaml`, `Give its dates to declare it: okr plan ${request.next} --from ${request.from} --start YYYY-MM-DD --end YYYY-MM-DD.`);
    next = { id: request.next, start: request.start, end: request.end, origin: { file: CONFIG_FILE, path: [] } };
  }
  if (!(next.end < from.start || from.end < next.start))
    throw new DataError(
      `${next.id} (${next.start} – ${next.end}) overlaps ${from.id} (${from.start} – ${from.end})`,
      'A carried-over objective keeps its id, so the next cycle must not share a day with the one it comes from.',
    );
  return { next, declare: declared === undefined };
}

function header(request: PlanRequest, from: Cycle, next: Cycle, scoredOn: Day, draft: TeamDraft): string[] {
  const n = draft.objectives.length;
  return [
    `Drafted by okr plan ${next.id} --from ${from.id} on ${request.today}: ${n === 0 ? 'no objective' : n === 1 ? '1 objective' : `${n} objectives`} carried over`,
    `(progress below 100% on ${scoredOn}); ${draft.done === 1 ? '1 objective was' : `${draft.done} objectives were`} done. Edit the draft, then run okr check.`,
  ];
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The drafts and okr.yaml must not bring errors the workspace did not have: the plan is refused whole. */
function refuseNewErrors(raw: readonly RawFile[], before: readonly Finding[], texts: ReadonlyMap<string, string>, config: string | undefined): void {
  const files: RawFile[] = raw.map((r) => (r.file === CONFIG_FILE && config !== undefined ? { file: r.file, text: config } : r));
  for (const [file, text] of texts) files.push({ file, text });
  const after = loadWorkspace(files);
  const key = (f: Finding) => `${f.rule}\0${f.target.file}\0${f.message}`;
  const known = new Set(before.filter((f) => f.severity === 'error').map(key));
  const fresh = after.findings.filter((f) => f.severity === 'error' && !known.has(key(f)));
  if (fresh.length === 0) return;
  const [first] = positionFindings(after, fresh);
  throw new DataError(`the draft would not pass okr check: ${first!.file}:${first!.line}:${first!.column} ${first!.message}`, 'Nothing was written. Fix what it says (okr check), then plan again.');
}

/** Creates the drafts (never over an existing file) and rewrites okr.yaml; undoes all of it on a failure. */
function write(root: string, texts: ReadonlyMap<string, string>, config: { original: RawFile; text: string } | undefined): void {
  const created: string[] = [];
  const configPath = join(root, CONFIG_FILE);
  let replaced: { bytes: Buffer; mode: number } | undefined;
  try {
    for (const [file, text] of texts) {
      const abs = join(root, ...file.split('/'));
      writeFileSync(abs, text, { flag: 'wx' });
      created.push(abs);
    }
    if (config) {
      const bytes = readFileSync(configPath);
      const mode = statSync(configPath).mode & 0o7777;
      const decoded = bytes.toString('utf8');
      const bom = decoded.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
      if (decoded.slice(bom.length) !== config.original.text) throw new DataError(`${CONFIG_FILE} changed while okr was reading it`, 'Nothing was kept. Run okr plan again.');
      writeFileAtomically(configPath, bom + config.text, { mode });
      replaced = { bytes, mode };
    }
  } catch (error) {
    for (const abs of created) rmSync(abs, { force: true });
    if (replaced) writeFileAtomically(configPath, replaced.bytes, { mode: replaced.mode });
    throw error;
  }
}
