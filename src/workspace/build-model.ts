// Builds model elements from parsed file data. Lenient on purpose: a file that failed its schema
// still contributes what is well-formed, so one typo does not turn into a cascade of dangling refs.
import type { Finding } from '../model/findings.js';
import { isValidId, parseRef } from '../model/ids.js';
import { DEFAULT_RULES, KNOWN_RULES } from '../model/rules.js';
import { checkRemoteRef, checkRemoteUrl, normaliseRemotePath, refNameProblem, UPSTREAM_ID } from '../model/remotes.js';
import { closest } from '../model/suggest.js';
import type {
  Alignment,
  Config,
  Cycle,
  KeyResult,
  NodePath,
  Objective,
  Origin,
  RemoteWorkspace,
  RuleSetting,
  Source,
  Team,
  Value,
} from '../model/types.js';
import { kindOf } from './key-result-kind.js';

type Data = Record<string, unknown>;

const isRecord = (x: unknown): x is Data => x !== null && typeof x === 'object' && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const idOf = (x: unknown): string | undefined =>
  typeof x === 'string' ? x : typeof x === 'number' && Number.isInteger(x) && x >= 0 ? String(x) : undefined;

export const DEFAULT_STALE_AFTER_DAYS = 14;

export function buildConfig(file: string, data: unknown): { config: Config; findings: Finding[] } {
  const doc = isRecord(data) ? data : {};
  const findings: Finding[] = [];
  const cycles: Cycle[] = [];
  list(doc.cycles).forEach((c, i) => {
    if (!isRecord(c)) return;
    const id = idOf(c.id);
    const start = str(c.start);
    const end = str(c.end);
    if (id === undefined || !start || !end) return;
    const closed = str(c.closed);
    cycles.push({ id, start, end, ...(closed !== undefined ? { closed } : {}), origin: { file, path: ['cycles', i] } });
  });
  const values: Value[] = [];
  list(doc.values).forEach((v, i) => {
    if (!isRecord(v) || str(v.id) === undefined) return;
    values.push({ id: str(v.id)!, title: str(v.title) ?? str(v.id)!, origin: { file, path: ['values', i] } });
  });
  const rules: Record<string, RuleSetting> = { ...DEFAULT_RULES };
  const rulesWritten: string[] = [];
  if (isRecord(doc.rules)) {
    for (const [name, raw] of Object.entries(doc.rules)) {
      if (!KNOWN_RULES.has(name)) {
        const hint = closest(name, KNOWN_RULES.keys());
        findings.push({
          rule: 'unknown-rule',
          severity: 'error',
          message: `unknown rule "${name}"${hint ? `: did you mean "${hint}"?` : ` (rules: ${[...KNOWN_RULES.keys()].join(', ')})`}`,
          target: { file, path: ['rules', name], on: 'key' },
        });
        continue;
      }
      const setting = parseRuleSetting(raw, DEFAULT_RULES[name]!);
      if (setting) {
        rules[name] = setting;
        rulesWritten.push(name);
      }
    }
  }
  const checkins = isRecord(doc.checkins) ? doc.checkins : {};
  const stale = num(checkins.stale_after_days);
  return {
    config: {
      version: num(doc.version) ?? 1,
      organization: str(doc.organization),
      mission: str(doc.mission) ?? '',
      values,
      cycles,
      staleAfterDays: stale !== undefined && stale >= 1 ? stale : DEFAULT_STALE_AFTER_DAYS,
      rules,
      ...(rulesWritten.length ? { rulesWritten } : {}),
      ...remoteWorkspaces(file, doc, findings),
      origin: { file, path: [] },
    },
    findings,
  };
}

/**
 * `upstream` and `members` (SPEC 13), each URL, ref and path checked as data before git may see
 * it: an entry that fails is a finding at its value and is left out (never fetched, never read).
 */
function remoteWorkspaces(file: string, doc: Data, findings: Finding[]): { upstream?: RemoteWorkspace; members: RemoteWorkspace[] } {
  const build = (raw: unknown, path: (string | number)[], id: string | undefined, role: RemoteWorkspace['role']): RemoteWorkspace | undefined => {
    if (!isRecord(raw) || id === undefined) return undefined;
    const url = str(raw.url);
    if (url === undefined) return undefined; // the schema says why
    const bad = (key: string, message: string) => {
      findings.push({ rule: 'unsafe-url', severity: 'error', message, target: { file, path: [...path, key] } });
      return undefined;
    };
    const verdict = checkRemoteUrl(url);
    if (!verdict.ok) return bad('url', `${role === 'upstream' ? 'upstream' : `member "${id}"`}: ${verdict.reason}; okr will not fetch it`);
    const ref = raw.ref === undefined ? 'HEAD' : str(raw.ref);
    if (ref === undefined) return undefined;
    const refProblem = checkRemoteRef(ref);
    if (refProblem) return bad('ref', `${role === 'upstream' ? 'upstream' : `member "${id}"`}: ${refProblem}; okr will not fetch it`);
    const folder = normaliseRemotePath(raw.path === undefined ? '.' : (str(raw.path) ?? '.'));
    if ('problem' in folder) return bad('path', `${role === 'upstream' ? 'upstream' : `member "${id}"`}: ${folder.problem}`);
    return { id, role, url, ref, path: folder.path, origin: { file, path } };
  };
  const upstream = build(doc.upstream, ['upstream'], UPSTREAM_ID, 'upstream');
  const members: RemoteWorkspace[] = [];
  const seen = new Set<string>();
  list(doc.members).forEach((raw, i) => {
    if (!isRecord(raw)) return;
    const id = str(raw.id);
    if (id === undefined || !isValidId(id)) return; // the schema says why
    if (id === UPSTREAM_ID) {
      findings.push({ rule: 'duplicate-id', severity: 'error', message: `a member may not be called "${UPSTREAM_ID}": okr fetches the upstream under that name`, target: { file, path: ['members', i, 'id'] } });
      return;
    }
    if (seen.has(id)) {
      findings.push({ rule: 'duplicate-id', severity: 'error', message: `member "${id}" is listed twice`, target: { file, path: ['members', i, 'id'] } });
      return;
    }
    seen.add(id);
    const refProblem = refNameProblem(id);
    if (refProblem) {
      findings.push({ rule: 'unsafe-url', severity: 'error', message: `member "${id}": ${refProblem}; rename it, okr will not fetch it`, target: { file, path: ['members', i, 'id'] } });
      return;
    }
    const member = build(raw, ['members', i], id, 'member');
    if (member) members.push(member);
  });
  return { ...(upstream ? { upstream } : {}), members };
}

function parseRuleSetting(raw: unknown, fallback: RuleSetting): RuleSetting | undefined {
  const [severity, option] = Array.isArray(raw) ? raw : [raw];
  if (severity !== 'off' && severity !== 'warn' && severity !== 'error') return undefined; // the schema says why
  const value = num(option);
  return value !== undefined && Number.isInteger(value) && value > 0
    ? { severity, option: value }
    : { severity, ...(fallback.option !== undefined ? { option: fallback.option } : {}) };
}

export function buildTeam(id: string, file: string, data: unknown): Team {
  const doc = isRecord(data) ? data : {};
  return {
    id,
    name: str(doc.name) ?? id,
    parent: str(doc.parent),
    owners: onlyStrings(list(doc.owners)),
    purpose: str(doc.purpose),
    origin: { file, path: [] },
  };
}

/**
 * The objectives of one cycle file. Reports objectives with no key results here, from what was
 * written: a key result too broken to build still counts as written.
 */
export function buildObjectives(team: string, cycle: string, file: string, data: unknown): { objectives: Objective[]; findings: Finding[] } {
  const doc = isRecord(data) ? data : {};
  const objectives: Objective[] = [];
  const findings: Finding[] = [];
  const written = list(doc.objectives);
  for (let i = 0; i < written.length; i++) {
    const o = written[i];
    if (!isRecord(o)) continue;
    const id = str(o.id);
    if (id === undefined || !isValidId(id)) continue;
    const krs = list(o.key_results);
    if (krs.length === 0)
      findings.push({
        rule: 'objective-without-key-results',
        severity: 'error',
        message: `objective "${id}" has no key results: add at least one to measure it`,
        target: { file, path: ['objectives', i, Object.hasOwn(o, 'key_results') ? 'key_results' : 'id'] },
      });
    // Joined, not a template: `team-00000/o1` is long enough to be a rope (a cons string) that the
    // goal index's first look-up flattens into a second string; 30,000 objects less at 10,000 teams.
    const ref = [team, id].join('/');
    // Made by map, sized to the list: an array grown by push keeps room for 17.
    const made = krs.map((kr, j) => buildKeyResult(ref, kr, new NodeOrigin(file, i, 'key_results', j)));
    const keyResults = made.includes(undefined) ? made.filter((kr): kr is KeyResult => kr !== undefined) : (made as KeyResult[]);
    objectives.push({
      id,
      team,
      cycle,
      ref,
      title: str(o.title) ?? id,
      alignsTo: buildAlignments(team, o.aligns_to, file, i),
      values: onlyStrings(list(o.values)),
      owner: str(o.owner),
      weight: positive(o.weight),
      description: str(o.description),
      grade: gradeOf(o.grade),
      keyResults,
      origin: new NodeOrigin(file, i),
    });
  }
  return { objectives, findings };
}

/**
 * The strings of a list (the schema reports the rest), in an array of their number: a filtered or
 * pushed array keeps room for 17 elements, and values and owners are one or two, 90,000 times over.
 */
function onlyStrings(items: readonly unknown[]): string[] {
  const strings = items.filter((v): v is string => typeof v === 'string');
  return strings.slice();
}

/** A grade is a score from 0 to 1; anything else is left out (the schema says why). */
function gradeOf(x: unknown): number | undefined {
  const n = num(x);
  return n !== undefined && n >= 0 && n <= 1 ? n : undefined;
}

/**
 * Where an objective, one of its key results or one of its alignments was written; the node path
 * is made when a finding or an edit asks for it. One small object instead of an object and an array
 * for each of the 120,000 key results of a large organisation.
 */
class NodeOrigin implements Origin {
  constructor(
    readonly file: string,
    private readonly objectiveIndex: number,
    private readonly under?: 'key_results' | 'aligns_to',
    private readonly index?: number,
  ) {}

  get path(): NodePath {
    const path: (string | number)[] = ['objectives', this.objectiveIndex];
    if (this.under !== undefined) path.push(this.under);
    if (this.index !== undefined) path.push(this.index);
    return path;
  }
}

function positive(x: unknown): number {
  const n = num(x);
  return n !== undefined && n > 0 ? n : 1;
}

function buildAlignments(team: string, raw: unknown, file: string, objectiveIndex: number): Alignment[] {
  if (typeof raw === 'string') return [{ raw, target: parseRef(raw, team), origin: new NodeOrigin(file, objectiveIndex, 'aligns_to') }];
  const alignments: Alignment[] = [];
  const written = list(raw);
  for (let i = 0; i < written.length; i++) {
    const r = written[i];
    if (typeof r === 'string') alignments.push({ raw: r, target: parseRef(r, team), origin: new NodeOrigin(file, objectiveIndex, 'aligns_to', i) });
  }
  return alignments;
}

function buildKeyResult(objectiveRef: string, raw: unknown, origin: Origin): KeyResult | undefined {
  if (!isRecord(raw)) return undefined;
  const id = str(raw.id);
  if (id === undefined || !isValidId(id)) return undefined;
  const kind = kindOf(raw);
  if (kind === undefined) return undefined; // reported by the schema check
  // One object literal per kind, every property always present: objects from one literal share a
  // hidden class, which keeps 120,000 key results small and fast (a spread gave each its own).
  // One flat string: a template literal of a template literal is a chain of string pieces (64
  // bytes a key result, against 32 for the joined text).
  const ref = [objectiveRef, id].join('/');
  const title = str(raw.title) ?? id;
  const weight = positive(raw.weight);
  const confidence = num(raw.confidence);
  const owner = str(raw.owner);
  const description = str(raw.description);
  const grade = gradeOf(raw.grade);
  switch (kind) {
    case 'metric': {
      const start = num(raw.start);
      const target = num(raw.target);
      if (start === undefined || target === undefined) return undefined;
      const current = num(raw.current) ?? start;
      const unit = str(raw.unit);
      const source = buildSource(raw.source);
      return { kind: 'metric', id, ref, title, weight, confidence, owner, description, grade, origin, start, target, current, unit, source };
    }
    case 'milestone': {
      if (typeof raw.done !== 'boolean') return undefined;
      const done = raw.done;
      return { kind: 'milestone', id, ref, title, weight, confidence, owner, description, grade, origin, done };
    }
    case 'rollup':
      return raw.rollup === true ? { kind: 'rollup', id, ref, title, weight, confidence, owner, description, grade, origin } : undefined;
    case 'guardrail': {
      const current = num(raw.current);
      const below = num(raw.keep_below);
      const above = num(raw.keep_above);
      if (current === undefined || (below === undefined) === (above === undefined)) return undefined;
      const bound = below !== undefined ? { direction: 'below' as const, value: below } : { direction: 'above' as const, value: above! };
      const unit = str(raw.unit);
      const source = buildSource(raw.source);
      return { kind: 'guardrail', id, ref, title, weight, confidence, owner, description, grade, origin, bound, current, unit, source };
    }
  }
}

function buildSource(raw: unknown): Source | undefined {
  if (!isRecord(raw)) return undefined;
  const file = str(raw.file);
  const pointer = str(raw.pointer);
  return file !== undefined && pointer !== undefined ? { file, pointer } : undefined;
}
