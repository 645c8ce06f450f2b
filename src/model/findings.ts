// Findings: what `okr check` reports. They stay values (with a node to point at) until the edge,
// where the workspace layer turns node paths into line and column.
import type { NodePath } from './types.js';

export type FindingSeverity = 'error' | 'warning';

/** Where a finding points: a node of a YAML file (its value, or its key), or a known position. */
export type FindingTarget =
  | { readonly file: string; readonly path: NodePath; readonly on?: 'key' | 'value' }
  | { readonly file: string; readonly line: number; readonly column: number };

export interface Finding {
  readonly rule: string;
  readonly severity: FindingSeverity;
  readonly message: string;
  readonly target: FindingTarget;
}

/** A finding whose position has been resolved against its file's text (1-based). */
export interface PositionedFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: FindingSeverity;
  readonly rule: string;
  readonly message: string;
}

export function compareFindings(a: PositionedFinding, b: PositionedFinding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}
