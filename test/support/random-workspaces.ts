// Random pairs of small workspaces that share every file but a few, as okr diff's two sides share
// the analysis of every file with the same content. The generator makes the hostile cases a shortcut
// between the sides must see: ids repeated across files and cycles (carried-over copies), dangling
// and retargeted references, key results removed under objectives aligned to them, rollups losing
// their last feeder, alignment cycles made, broken or kept, team parents changed into loops, files
// added and removed, okr.yaml's rules changed, broken YAML.
import type { SideDifference } from '../../src/model/side-difference.js';
import type { Objective } from '../../src/model/types.js';
import { analyzeRawFile, assembleUnchecked, type FileAnalysis } from '../../src/workspace/load.js';

/** A small deterministic generator (mulberry32), so a failure names its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['t0', 't1', 't2', 't3', 't4'];
// 2025 and 2026 share no day (an objective may be carried over from one to the other); 2026-Q4 lies in 2026.
const CYCLES = ['2025', '2026', '2026-Q4'];

export class Generator {
  /** `ordered`: a team aligns only to teams before it (or to the mission), so alignment has no cycle. */
  constructor(
    private readonly next: () => number,
    private readonly ordered = false,
  ) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  config(): string {
    const severity = () => this.pick(['off', 'warn', 'error']);
    return [
      'version: 1',
      'organization: Test',
      'mission: Test the diff.',
      'values:',
      '  - id: v1',
      '    title: One',
      'cycles:',
      '  - id: "2025"',
      '    start: "2025-01-01"',
      // Now and then 2025 runs into 2026: its objectives' carried-over copies then clash.
      `    end: "${this.chance(0.85) ? '2025-12-31' : '2026-01-31'}"`,
      '  - id: "2026"',
      '    start: "2026-01-01"',
      '    end: "2026-12-31"',
      '  - id: 2026-Q4',
      `    start: "${this.chance(0.85) ? '2026-10-01' : '2026-11-01'}"`,
      '    end: "2026-12-31"',
      'rules:',
      `  max-objectives-per-team: [${severity()}, 2]`,
      `  max-key-results-per-objective: [${severity()}, 2]`,
      `  require-alignment: ${severity()}`,
      `  rollup-without-children: ${severity()}`,
      '',
    ].join('\n');
  }

  team(id: string): string {
    const lines = [`name: Team ${id}`];
    if (this.chance(0.6)) lines.push(`parent: ${this.pick([...TEAMS, 'nobody'])}`);
    return lines.join('\n') + '\n';
  }

  reference(team: string): string {
    const objective = this.pick(['o1', 'o2', 'o3']);
    const kr = this.pick(['k1', 'k2']);
    if (this.ordered) {
      const before = TEAMS.slice(0, TEAMS.indexOf(team));
      if (before.length === 0 || this.chance(0.2)) return this.pick(['mission', 'nowhere/o1/k1']);
      const other = this.pick(before);
      return this.pick([`${other}/${objective}`, `${other}/${objective}/${kr}`, `${other}/${objective}/${kr}`]);
    }
    const other = this.pick(TEAMS);
    return this.pick([
      'mission',
      `${other}/${objective}`,
      `${other}/${objective}/${kr}`,
      `${other}/${objective}/${kr}`,
      objective,
      `${team}/${objective}/${kr}`,
      'missoin',
      'nowhere/o1',
    ]);
  }

  cycleFile(team: string): string {
    if (this.chance(0.03)) return 'objectives: [broken\n';
    const lines = ['objectives:'];
    const count = 1 + Math.floor(this.next() * 3);
    for (let i = 0; i < count; i++) {
      lines.push(`  - id: ${this.pick(['o1', 'o2', 'o3'])}`, `    title: Objective ${i}`);
      if (this.chance(0.3)) lines.push(`    weight: ${this.pick([0.5, 2, 3])}`);
      if (this.chance(0.85)) {
        const first = this.reference(team);
        const targets = this.chance(0.2) ? [first, this.chance(0.3) ? first : this.reference(team)] : [first];
        lines.push(`    aligns_to: [${targets.join(', ')}]`);
      }
      if (this.chance(0.1)) lines.push('    values: [v1, v2]');
      lines.push('    key_results:');
      const krs = 1 + Math.floor(this.next() * 3);
      for (let k = 0; k < krs; k++) {
        lines.push(`      - id: ${this.pick(['k1', 'k2', 'k3'])}`, `        title: Key result ${k}`);
        const kind = this.pick(['metric', 'metric', 'rollup', 'rollup', 'milestone']);
        if (kind === 'metric') lines.push('        start: 0', `        target: ${this.pick([0, 10])}`, `        current: ${Math.floor(this.next() * 12)}`);
        else if (kind === 'rollup') lines.push('        rollup: true');
        else lines.push(`        done: ${this.chance(0.5)}`);
        if (this.chance(0.3)) lines.push(`        weight: ${this.pick([0.5, 2, 3])}`);
      }
    }
    return lines.join('\n') + '\n';
  }

  /** Every file of a workspace, by name. */
  files(): Map<string, string> {
    const files = new Map<string, string>([['okr.yaml', this.config()]]);
    for (const team of TEAMS) {
      if (this.chance(0.9)) files.set(`teams/${team}/team.yaml`, this.team(team));
      for (const cycle of CYCLES) if (this.chance(0.6)) files.set(`teams/${team}/${cycle}.yaml`, this.cycleFile(team));
    }
    return files;
  }

  /** A few files changed, added or removed (okr.yaml now and then). */
  changed(files: ReadonlyMap<string, string>): Map<string, string> {
    const out = new Map(files);
    const changes = 1 + Math.floor(this.next() * 3);
    for (let i = 0; i < changes; i++) {
      const roll = this.next();
      if (roll < 0.08) out.set('okr.yaml', this.config());
      else if (roll < 0.2) {
        const team = this.pick(TEAMS);
        out.set(`teams/${team}/team.yaml`, this.team(team));
      } else if (roll < 0.3) out.delete(this.pick([...out.keys()].filter((f) => f !== 'okr.yaml')));
      else if (roll < 0.6) {
        // A check-in: one number or flag of a file changed, its structure kept.
        const file = this.pick([...out.keys()].filter((f) => /\d\.yaml$/.test(f)));
        if (file === undefined) continue;
        out.set(file, out.get(file)!.replace(this.chance(0.5) ? /current: \d+/ : /done: \w+/, (m) => (m.startsWith('done') ? `done: ${this.chance(0.5)}` : `current: ${Math.floor(this.next() * 12)}`)));
      } else {
        const team = this.pick(TEAMS);
        out.set(`teams/${team}/${this.pick(CYCLES)}.yaml`, this.cycleFile(team));
      }
    }
    return out;
  }
}

/** Both sides, analysing a file once when it has the same text on both (as okr diff shares analyses). */
export function sides(baseFiles: ReadonlyMap<string, string>, headFiles: ReadonlyMap<string, string>) {
  const analysed = (file: string, text: string): FileAnalysis | undefined => analyzeRawFile({ file, text });
  const order = (files: ReadonlyMap<string, string>) => [...files.keys()].sort();
  const headAnalyses = new Map<string, FileAnalysis | undefined>();
  for (const file of order(headFiles)) headAnalyses.set(file, analysed(file, headFiles.get(file)!));
  const files = new Set<string>();
  const baseObjectives: Objective[] = [];
  const headObjectives: Objective[] = [];
  const baseAnalyses: (FileAnalysis | undefined)[] = [];
  for (const file of order(baseFiles)) {
    const text = baseFiles.get(file)!;
    if (headFiles.get(file) === text) baseAnalyses.push(headAnalyses.get(file));
    else {
      files.add(file);
      const analysis = analysed(file, text);
      baseAnalyses.push(analysis);
      baseObjectives.push(...(analysis?.objectives ?? []));
    }
  }
  for (const [file, analysis] of headAnalyses)
    if (baseFiles.get(file) !== headFiles.get(file)) {
      files.add(file);
      headObjectives.push(...(analysis?.objectives ?? []));
    }
  const assemble = (analyses: Iterable<FileAnalysis | undefined>) => assembleUnchecked([...analyses].filter((a) => a !== undefined)).workspace;
  const difference: SideDifference = { files, baseObjectives, headObjectives };
  return { base: assemble(baseAnalyses), head: assemble(headAnalyses.values()), difference };
}
