// What the dashboard shows, as the app layer hands it over: one load of the goals (the tree flattened
// once, the view and scorer for the details) and, a moment later, what git knows about them (history,
// staleness, forecasts, feedback). Plain data and lookups: the views and the key handling only read it.
import type { Feedback } from '../../../model/feedback.js';
import type { Forecast } from '../../../model/forecast.js';
import type { HistoryPoint } from '../../../model/history.js';
import type { CheckableKeyResult } from '../../../model/key-results.js';
import type { Staleness } from '../../../model/staleness.js';
import type { AlignmentTree } from '../../../model/tree.js';
import type { KeyResult, Objective } from '../../../model/types.js';
import type { Scorer, View } from '../../../model/view.js';
import type { Outline } from './outline.js';

export interface DashboardData {
  /** Counts loads: facts and results belong to the load they were read for. */
  readonly generation: number;
  readonly organization: string | undefined;
  readonly view: View;
  readonly scorer: Scorer;
  readonly tree: AlignmentTree;
  readonly outline: Outline;
  /** Team ids, sorted. */
  readonly teams: readonly string[];
  /** Errors in the goal files (`okr check` tells them). */
  readonly errors: number;
  /** Why nothing can be written from this view (--at, --as-of), or undefined when check-ins are possible. */
  readonly readOnly: string | undefined;
}

/** What git says about the goals of one load. */
export interface DashboardFacts {
  readonly generation: number;
  /** A key result's values over history, oldest first. */
  points(ref: string): readonly HistoryPoint[] | undefined;
  staleness(objective: Objective, keyResult: CheckableKeyResult): Staleness;
  forecast(objective: Objective, keyResult: KeyResult): Forecast | undefined;
  /** Feedback on the goal (an objective's includes its key results'), newest first. */
  feedback(ref: string): readonly Feedback[];
  /** References of the key results that are stale on the day. */
  readonly stale: ReadonlySet<string>;
}

/** Where the facts are: read, being read, or not there to read (outside git). */
export type FactsState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly facts: DashboardFacts }
  | { readonly kind: 'none'; readonly why: string };
