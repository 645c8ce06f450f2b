// The `closed-cycle-changed` rule of `okr check`: every cycle marked closed in okr.yaml is compared
// with its close commit. That commit is the newest one carrying `Okr-Close: <cycle>` that closed it
// (its parent's okr.yaml did not mark the cycle closed: a later commit with a copied trailer cannot
// pass for the close), else the commit the tag okr/<cycle> points at. It needs history, so it runs
// only inside a git work tree; elsewhere it is skipped without a word, like stale-checkin.
import { BlobReader } from '../git/blob-reader.js';
import type { Repository } from '../git/repository.js';
import { hasHead, resolveCommit } from '../git/revisions.js';
import { tagCommit } from '../git/tags.js';
import { commitsWithTrailer, fileAt, type TrailerCommit } from '../git/trailer-commits.js';
import { closedCycleChanges } from '../model/closed-cycle.js';
import type { Finding } from '../model/findings.js';
import { CLOSE_TRAILER, closeTagName } from '../model/grades.js';
import type { Cycle, Objective } from '../model/types.js';
import { datedCycles } from '../model/view.js';
import { analyzeFile } from '../workspace/load.js';
import { listGoalFilesAt, readEntry } from '../workspace/revision-files.js';
import { CONFIG_FILE, decodeFile, roleOf } from '../workspace/source.js';
import type { OpenedWorkspace, ReadOptions, Session } from './session.js';

export async function closedCycleFindings(session: Session, opened: OpenedWorkspace, options: ReadOptions): Promise<Finding[]> {
  const { workspace } = opened;
  const setting = workspace.config.rules['closed-cycle-changed'];
  if (!setting || setting.severity === 'off') return [];
  const closed = [...datedCycles(workspace).values()].filter((c) => c.closed !== undefined);
  if (closed.length === 0) return [];
  const repository = await session.repository();
  if (!repository || !(await hasHead(repository.git))) return [];
  const rev = options.at === undefined ? 'HEAD' : await resolveCommit(repository.git, options.at);
  const severity = setting.severity === 'error' ? 'error' : 'warning';
  const candidates = await commitsWithTrailer(repository.git, { rev, key: CLOSE_TRAILER, paths: [`${repository.prefix}${CONFIG_FILE}`] });
  const findings: Finding[] = [];
  for (const cycle of closed) {
    const close = await findClose(repository, session.maxFileBytes, cycle, candidates);
    if (!close) {
      findings.push({
        rule: 'closed-cycle-changed',
        severity: 'warning',
        message: `cycle ${cycle.id} is marked closed, but no close commit was found (no commit with "${CLOSE_TRAILER}: ${cycle.id}" in the history of okr.yaml, no tag ${closeTagName(cycle.id)}): its numbers cannot be checked; close it with okr close, or fetch the full history (git fetch --unshallow --tags)`,
        target: { file: cycle.origin.file, path: [...cycle.origin.path, 'closed'] },
      });
      continue;
    }
    const objectives = await cycleAt(repository, close.commit, cycle.id, session.maxFileBytes);
    findings.push(...closedCycleChanges(workspace.objectives, { cycle: cycle.id, label: close.label, objectives }, severity));
  }
  return findings;
}

/** The close commit of `cycle`: by trailer (a commit that closed it), else by tag. */
async function findClose(repository: Repository, maxBytes: number, cycle: Cycle, candidates: readonly TrailerCommit[]): Promise<{ commit: string; label: string } | undefined> {
  for (const c of candidates) {
    if (!c.values.includes(cycle.id)) continue;
    const parent = c.parents[0];
    if (parent === undefined || !(await closedAt(repository, parent, cycle.id, maxBytes))) return { commit: c.id, label: c.id.slice(0, 7) };
  }
  const tagged = await tagCommit(repository.git, closeTagName(cycle.id));
  return tagged === undefined ? undefined : { commit: tagged, label: `${closeTagName(cycle.id)}, ${tagged.slice(0, 7)}` };
}

/** Whether okr.yaml at `rev` marks the cycle closed already. */
async function closedAt(repository: Repository, rev: string, cycle: string, maxBytes: number): Promise<boolean> {
  const bytes = await fileAt(repository.git, rev, `${repository.prefix}${CONFIG_FILE}`);
  if (!bytes) return false;
  const config = analyzeFile(decodeFile(CONFIG_FILE, bytes, maxBytes))?.config;
  return config?.cycles.find((c) => c.id === cycle)?.closed !== undefined;
}

/** The objectives of the cycle's goal files in a commit. */
async function cycleAt(repository: Repository, commit: string, cycle: string, maxBytes: number): Promise<Objective[]> {
  const entries = (await listGoalFilesAt(repository, commit)).filter((e) => {
    const role = roleOf(e.file);
    return role?.kind === 'cycle' && role.cycle === cycle;
  });
  if (entries.length === 0) return [];
  const reader = new BlobReader(repository.git, maxBytes);
  try {
    const files = await Promise.all(entries.map((entry) => readEntry(reader, entry, maxBytes)));
    return files.flatMap((raw) => analyzeFile(raw)?.objectives ?? []);
  } finally {
    reader.close();
  }
}
