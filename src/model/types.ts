// The domain: an organisation's goals as plain, validated data. No I/O lives in model/.
// Every element remembers where it came from (Origin) so findings can point at it.

/** A calendar day, `YYYY-MM-DD`. */
export type Day = string;

/** A metric's or guardrail's number, or a milestone's done. */
export type KeyResultValue = number | boolean;

/** Keys and indexes from a YAML document's root to one of its nodes. */
export type NodePath = readonly (string | number)[];

/** Where a model element was written: a workspace-relative file (posix separators) and a node in it. */
export interface Origin {
  readonly file: string;
  readonly path: NodePath;
}

export interface Cycle {
  readonly id: string;
  readonly start: Day;
  readonly end: Day;
  /** The day `okr close` closed the cycle: its numbers and grades are frozen from then on. */
  readonly closed?: Day;
  readonly origin: Origin;
}

export interface Value {
  readonly id: string;
  readonly title: string;
  readonly origin: Origin;
}

export type RuleSeverity = 'off' | 'warn' | 'error';

export interface RuleSetting {
  readonly severity: RuleSeverity;
  /** The numeric option of rules that take one (max-objectives-per-team: 5). */
  readonly option?: number;
}

export interface Config {
  readonly version: number;
  readonly organization?: string;
  readonly mission: string;
  readonly values: readonly Value[];
  readonly cycles: readonly Cycle[];
  readonly staleAfterDays: number;
  /** Effective settings of the known rules (defaults applied). */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** The rules okr.yaml writes (the others are defaults; a member's written rules override its upstream's). */
  readonly rulesWritten?: readonly string[];
  /** The organisation's workspace this one belongs to (SPEC 13): mission, values, cycles, rules come from there. */
  readonly upstream?: RemoteWorkspace;
  /** The repositories of the organisation's teams (SPEC 13), in the order written. */
  readonly members?: readonly RemoteWorkspace[];
  readonly origin: Origin;
}

/** Where another repository's goals are (SPEC 13): a git URL or local path, a ref in it, a folder in that. */
export interface RemoteWorkspace {
  /** `upstream`, or the member's id. */
  readonly id: string;
  readonly role: 'upstream' | 'member';
  /** As written (a local path stays relative to the workspace folder until fetched). */
  readonly url: string;
  /** The ref fetched (default HEAD). */
  readonly ref: string;
  /** The folder of the workspace in that repository: '' for its top (written `.`), else ending in "/". */
  readonly path: string;
  /** The entry in okr.yaml. */
  readonly origin: Origin;
}

export interface Team {
  /** The folder name under teams/. */
  readonly id: string;
  readonly name: string;
  readonly parent?: string;
  readonly owners: readonly string[];
  readonly purpose?: string;
  /** The repository the team's goals live in, when not this one (SPEC 13): a member's id, or `upstream`. */
  readonly repository?: string;
  /** The team.yaml file; path [] is the document. */
  readonly origin: Origin;
}

/** A parsed reference to a goal: what `aligns_to` and command arguments name. */
export type GoalRef =
  | { readonly kind: 'mission' }
  | { readonly kind: 'objective'; readonly team: string; readonly objective: string }
  | {
      readonly kind: 'key-result';
      readonly team: string;
      readonly objective: string;
      readonly keyResult: string;
    };

export interface Alignment {
  /** As written in the file. */
  readonly raw: string;
  /** Parsed and made absolute (a bare objective id gets the team); undefined when malformed. */
  readonly target: GoalRef | undefined;
  readonly origin: Origin;
}

export interface Source {
  /** Relative to the workspace folder (where okr.yaml is), inside the repository. */
  readonly file: string;
  /** RFC 6901 JSON Pointer. */
  readonly pointer: string;
}

interface KeyResultCommon {
  readonly id: string;
  /** `team/objective/kr` */
  readonly ref: string;
  readonly title: string;
  readonly weight: number;
  readonly confidence?: number;
  readonly owner?: string;
  readonly description?: string;
  /** The score (0..1) the cycle's close gave it: its progress then, or the owner's own. */
  readonly grade?: number;
  readonly origin: Origin;
}

export interface MetricKeyResult extends KeyResultCommon {
  readonly kind: 'metric';
  readonly start: number;
  readonly target: number;
  /** Defaults to start. */
  readonly current: number;
  readonly unit?: string;
  readonly source?: Source;
}

export interface MilestoneKeyResult extends KeyResultCommon {
  readonly kind: 'milestone';
  readonly done: boolean;
}

export interface RollupKeyResult extends KeyResultCommon {
  readonly kind: 'rollup';
}

export interface GuardrailKeyResult extends KeyResultCommon {
  readonly kind: 'guardrail';
  /** keep_below: current must stay <= value; keep_above: current must stay >= value. */
  readonly bound: { readonly direction: 'below' | 'above'; readonly value: number };
  readonly current: number;
  readonly unit?: string;
  readonly source?: Source;
}

export type KeyResult = MetricKeyResult | MilestoneKeyResult | RollupKeyResult | GuardrailKeyResult;
export type KeyResultKind = KeyResult['kind'];

export interface Objective {
  readonly id: string;
  readonly team: string;
  readonly cycle: string;
  /** `team/objective` */
  readonly ref: string;
  readonly title: string;
  readonly alignsTo: readonly Alignment[];
  readonly values: readonly string[];
  readonly owner?: string;
  readonly weight: number;
  readonly description?: string;
  /** The score (0..1) the cycle's close gave it. */
  readonly grade?: number;
  readonly keyResults: readonly KeyResult[];
  readonly origin: Origin;
}

/** One goal file that was read, with the cycle its name declares. */
export interface GoalFile {
  readonly file: string;
  readonly team: string;
  readonly cycle: string;
}

export interface Workspace {
  readonly config: Config;
  /** By team id, in id order. */
  readonly teams: ReadonlyMap<string, Team>;
  /** Every objective of every cycle, in file order. */
  readonly objectives: readonly Objective[];
  readonly goalFiles: readonly GoalFile[];
}
