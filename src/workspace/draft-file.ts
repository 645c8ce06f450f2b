// The text of a goal file drafted by `okr plan`: a header comment saying where it came from, then the
// carried-over objectives as YAML (lists of ids in brackets, a blank line between objectives, a
// comment where an alignment had to change). Written by the yaml package, so any title is quoted as
// YAML needs it.
import { Document, isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import type { DraftFields, DraftObjective } from '../model/carry-over.js';

export function draftFileText(header: readonly string[], objectives: readonly DraftObjective[]): string {
  const data = { objectives: objectives.map((o) => ({ ...fieldsObject(o.fields), ...(o.keyResults.length ? { key_results: o.keyResults.map(fieldsObject) } : {}) })) };
  const doc = new Document(data);
  doc.commentBefore = header.map((line) => ` ${line}`).join('\n');
  const seq = doc.get('objectives', true) as YAMLSeq;
  seq.items.forEach((item, i) => {
    if (!isMap(item)) return;
    if (i > 0) item.spaceBefore = true;
    const draft = objectives[i]!;
    if (draft.realigned.length)
      item.commentBefore = draft.realigned.map((r) => ` aligns_to was ${r.was}, which does not carry over: now ${r.now.join(', ')}`).join('\n');
    compact(item);
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function fieldsObject(fields: DraftFields): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of fields) object[key] = value;
  return object;
}

/** Lists of ids and source mappings in brackets and braces, as people write them. */
function compact(objective: YAMLMap): void {
  for (const pair of objective.items) {
    const key = String((pair.key as { value?: unknown }).value);
    if ((key === 'values' || key === 'aligns_to') && isSeq(pair.value)) pair.value.flow = true;
    if (key === 'key_results' && isSeq(pair.value))
      for (const kr of pair.value.items) if (isMap(kr)) for (const p of kr.items) if (isMap(p.value)) p.value.flow = true;
  }
}
