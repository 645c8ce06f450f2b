// The key-result states of file versions okr has already loaded, by git blob id. History reads
// every committed version of the goal files; the newest of them is usually the very text just
// loaded, and often the only one (a file never checked in). Taking its states from the loaded
// model instead of parsing it again halves the cost of `okr check` in a large repository.
import type { FileStates, KeyResultState } from '../model/history.js';
import { currentValue, isCheckable, unitOf } from '../model/key-results.js';
import type { Objective } from '../model/types.js';
import { blobId, hashOf, type BlobHash } from './blob-id.js';
import type { LoadedWorkspace } from './load.js';
import { roleOf } from './source.js';

export type KnownStates = (blob: string) => FileStates | undefined;

/**
 * A lookup from blob id to the states of that version, for the cycle files of `loaded` that have no
 * findings (a file with findings may hold key results the model left out: those are parsed).
 */
export function knownStatesOf(loaded: LoadedWorkspace): KnownStates {
  const troubled = new Set(loaded.findings.map((f) => f.target.file));
  const byFile = new Map<string, Objective[]>();
  for (const objective of loaded.workspace.objectives) {
    const file = objective.origin.file;
    if (troubled.has(file)) continue;
    let list = byFile.get(file);
    if (!list) byFile.set(file, (list = []));
    list.push(objective);
  }
  const byBlob = new Map<string, string>(); // blob id -> file, built on first use for the hash git uses
  let algorithm: BlobHash | undefined;
  return (blob) => {
    const wanted = hashOf(blob);
    if (algorithm !== wanted) {
      algorithm = wanted;
      byBlob.clear();
      for (const file of loaded.files) {
        if (troubled.has(file) || roleOf(file)?.kind !== 'cycle') continue;
        const text = loaded.texts.get(file);
        if (text !== undefined) byBlob.set(blobId(text, wanted), file);
      }
    }
    const file = byBlob.get(blob);
    return file === undefined ? undefined : statesOfObjectives(byFile.get(file) ?? []);
  };
}

/** What history would read from the file: each non-rollup key result's value, confidence and unit. */
function statesOfObjectives(objectives: readonly Objective[]): FileStates {
  const states = new Map<string, KeyResultState>();
  for (const objective of objectives)
    for (const kr of objective.keyResults) {
      if (!isCheckable(kr)) continue;
      const unit = unitOf(kr);
      const state: KeyResultState = {
        kind: kr.kind,
        value: currentValue(kr),
        ...(kr.confidence !== undefined ? { confidence: kr.confidence } : {}),
        ...(unit !== undefined ? { unit } : {}),
      };
      const key = `${objective.id}/${kr.id}`;
      if (!states.has(key)) states.set(key, state);
    }
  return states;
}
