// The JSON of okr tree, status and show on the bundled example, read as the contract (SPEC section 6):
// exact keys, null where a field does not apply, statuses that follow the pacing rule.
import { beforeAll, describe, expect, it } from 'vitest';
import { okr, okrProcess } from '../support/run-cli.js';
import { copyExample } from '../support/temp-repo.js';

// A copy outside git: with --as-of, a workspace in a repository is read as committed on that day.
const ACME = copyExample('acme');
const DAY = '2026-11-25';

interface KeyResultJson {
  ref: string;
  kind: string;
  progress: number;
  status: string | null;
  [field: string]: unknown;
}
interface NodeJson {
  ref: string;
  team: string;
  progress: number;
  expected: number;
  status: string;
  key_results: KeyResultJson[];
  children: NodeJson[];
}

const NODE_KEYS = ['ref', 'team', 'title', 'progress', 'expected', 'status', 'grade', 'key_results', 'children'];
const KR_KEYS = ['ref', 'title', 'kind', 'progress', 'status', 'start', 'target', 'current', 'unit', 'done', 'keep_below', 'keep_above', 'confidence', 'grade'];

function* nodes(list: NodeJson[]): Generator<NodeJson> {
  for (const n of list) {
    yield n;
    yield* nodes(n.children);
  }
}

const paced = (progress: number, expected: number) =>
  progress >= 1 ? 'done' : progress >= expected - 0.1 - 1e-9 ? 'on-track' : progress >= expected - 0.25 - 1e-9 ? 'at-risk' : 'off-track';

describe('okr tree --json', () => {
  let tree: { mission: { statement: string; progress: number }; cycle: string; as_of: string; roots: NodeJson[]; unaligned: NodeJson[] };
  beforeAll(async () => {
    const result = await okr(['tree', '--json', '--as-of', DAY, '-C', ACME]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    tree = JSON.parse(result.stdout);
  });

  it('has exactly the documented keys', () => {
    expect(Object.keys(tree)).toEqual(['mission', 'cycle', 'closed', 'as_of', 'roots', 'unaligned']);
    expect(Object.keys(tree.mission)).toEqual(['statement', 'progress']);
    expect(tree).toMatchObject({ cycle: '2026-Q4', closed: null, as_of: DAY, mission: { statement: 'Make every payment instant and safe.' } });
    for (const node of nodes([...tree.roots, ...tree.unaligned])) {
      expect(Object.keys(node)).toEqual(NODE_KEYS);
      expect(node.ref.startsWith(`${node.team}/`)).toBe(true);
      for (const kr of node.key_results) {
        expect(Object.keys(kr)).toEqual(KR_KEYS);
        expect(kr.ref.startsWith(`${node.ref}/`)).toBe(true);
      }
    }
  });

  it('fills each key result field only where it applies to the kind, else null', () => {
    const applies: Record<string, string[]> = {
      metric: ['start', 'target', 'current'],
      milestone: ['done'],
      rollup: [],
      guardrail: ['current'],
    };
    const seen = new Set<string>();
    for (const node of nodes(tree.roots))
      for (const kr of node.key_results) {
        seen.add(kr.kind);
        for (const field of ['start', 'target', 'current', 'done']) {
          if (applies[kr.kind]!.includes(field)) expect(kr[field], `${kr.ref} ${field}`).not.toBeNull();
          else expect(kr[field], `${kr.ref} ${field}`).toBeNull();
        }
        if (kr.kind === 'guardrail') expect((kr.keep_below === null) !== (kr.keep_above === null)).toBe(true);
        else expect([kr.keep_below, kr.keep_above]).toEqual([null, null]);
        if (kr.kind === 'milestone' || kr.kind === 'rollup') expect(kr.unit).toBeNull();
      }
    expect([...seen].sort()).toEqual(['guardrail', 'metric', 'milestone', 'rollup']);
  });

  it('keeps numbers unrounded in [0, 1], and statuses follow the pacing rule', () => {
    for (const node of nodes([...tree.roots, ...tree.unaligned])) {
      expect(node.progress).toBeGreaterThanOrEqual(0);
      expect(node.progress).toBeLessThanOrEqual(1);
      expect(node.status).toBe(paced(node.progress, node.expected));
      for (const kr of node.key_results) {
        if (kr.kind === 'guardrail') expect(kr.status).toBe(kr.progress === 1 ? 'done' : 'breached');
        else expect(kr.status).toBe(paced(kr.progress, node.expected));
      }
    }
    const checkout = [...nodes(tree.roots)].find((n) => n.ref === 'payments/faster-checkout')!;
    expect(checkout.key_results[0]).toMatchObject({ ref: 'payments/faster-checkout/p95-latency', progress: 490 / 600 });
    expect(checkout.expected).toBe(55 / 91);
  });

  it('rolls children up into their key result, with objective weights', () => {
    const checkout = [...nodes(tree.roots)].find((n) => n.ref === 'payments/faster-checkout')!;
    const child = (ref: string) => checkout.children.find((c) => c.ref === ref)!.progress;
    const partner = checkout.key_results.find((k) => k.ref.endsWith('/partner-adoption'))!;
    // one-click-checkout has weight 2, partner-sdk 1; checkout-a11y aligns to the objective, not the key result.
    expect(partner.progress).toBeCloseTo((2 * child('checkout/one-click-checkout') + child('checkout/partner-sdk')) / 3, 12);
    // The mission: engineering/instant-payments has weight 2, the other six 1.
    const weight = (ref: string) => (ref === 'engineering/instant-payments' ? 2 : 1);
    const total = tree.roots.reduce((s, n) => s + weight(n.ref) * n.progress, 0) / tree.roots.reduce((s, n) => s + weight(n.ref), 0);
    expect(tree.mission.progress).toBeCloseTo(total, 12);
  });

  it('puts an objective aligned to two goals under both', () => {
    const parents = (ref: string) =>
      [...nodes([...tree.roots, ...tree.unaligned])].filter((n) => n.children.some((c) => c.ref === ref)).map((n) => n.ref);
    expect(parents('payments/payouts-on-demand')).toEqual(['engineering/instant-payments', 'product/merchants-love-onboarding']);
    expect(parents('mobile/app-rating')).toEqual(['mobile/native-checkout', 'product/one-checkout-everywhere']);
  });

  it('shows every objective of the view, and --no-krs leaves key_results empty', async () => {
    const refs = new Set([...nodes([...tree.roots, ...tree.unaligned])].map((n) => n.ref));
    expect(refs.size).toBe(37);
    expect(tree.unaligned).toEqual([]);
    const bare = JSON.parse((await okr(['tree', '--json', '--no-krs', '--as-of', DAY, '-C', ACME])).stdout);
    for (const node of nodes(bare.roots)) expect(node.key_results).toEqual([]);
  });

  it('is indented on a terminal and on one line when piped, the same document either way', async () => {
    const tty = await okr(['tree', '--json', '--as-of', DAY, '-C', ACME], { tty: true });
    expect(tty.stdout.split('\n').length).toBeGreaterThan(1000);
    expect(tty.stdout).toMatch(/^\{\n  "mission": \{\n    "statement"/);
    const piped = await okr(['status', '--json', '--as-of', DAY, '-C', ACME]);
    expect(piped.stdout.split('\n')).toHaveLength(2);
    expect(JSON.parse(tty.stdout)).toEqual(tree);
  });

  it('is the same from the built binary as a real process', async () => {
    const result = await okrProcess(['tree', '--json', '--as-of', DAY, '-C', ACME]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(tree);
  });
});

describe('okr status --json', () => {
  it('has one row per team with the documented keys, attention first', async () => {
    // Outside git there is no check-in history: last_checkin, stale and forecast_below_target are null
    // (test/checkins has them from git).
    const result = await okr(['status', '--json', '--as-of', DAY, '-C', ACME]);
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(Object.keys(status)).toEqual(['cycle', 'closed', 'as_of', 'teams']);
    expect(status.teams).toHaveLength(12);
    for (const row of status.teams) {
      expect(Object.keys(row)).toEqual(['team', 'objectives', 'progress', 'grade', 'at_risk', 'off_track', 'breached', 'last_checkin', 'stale', 'forecast_below_target']);
      expect(row.last_checkin).toBeNull();
      expect(row.stale).toBeNull();
      expect(row.forecast_below_target).toBeNull();
    }
    expect(status.teams.reduce((s: number, r: { objectives: number }) => s + r.objectives, 0)).toBe(37);
    const key = (r: { off_track: number; breached: number; at_risk: number; progress: number }) => [-r.off_track, -r.breached, -r.at_risk, r.progress];
    for (let i = 1; i < status.teams.length; i++) {
      const [a, b] = [key(status.teams[i - 1]), key(status.teams[i])];
      const order = a.findIndex((x, j) => x !== b[j]);
      if (order >= 0) expect(a[order]!).toBeLessThan(b[order]!);
    }
    expect(status.teams[0]).toMatchObject({ team: 'payments', breached: 1, off_track: 1 });
  });
});

describe('okr show --json', () => {
  it('tells the three kinds of goal apart by type', async () => {
    const types = await Promise.all(
      ['payments/faster-checkout', 'payments/faster-checkout/error-rate', 'mission'].map(async (ref) => {
        const result = await okr(['show', ref, '--json', '--as-of', DAY, '-C', ACME]);
        expect(result.code).toBe(0);
        return JSON.parse(result.stdout).type;
      }),
    );
    expect(types).toEqual(['objective', 'key_result', 'mission']);
  });

  it('lists what aligns to an objective, and where it is written', async () => {
    const shown = JSON.parse((await okr(['show', 'payments/faster-checkout', '--json', '--as-of', DAY, '-C', ACME])).stdout);
    expect(shown).toMatchObject({ file: 'teams/payments/2026-Q4.yaml', line: 2, weight: 2, values: ['customer-trust'] });
    expect(shown.aligned.map((a: { ref: string; via: string | null }) => [a.ref, a.via])).toEqual([
      ['checkout/one-click-checkout', 'payments/faster-checkout/partner-adoption'],
      ['checkout/partner-sdk', 'payments/faster-checkout/partner-adoption'],
      ['checkout/checkout-a11y', null],
    ]);
    expect(shown.key_results.map((k: { source: unknown }) => k.source)).toEqual([null, null, null, null]);
    const measured = JSON.parse((await okr(['show', 'checkout/one-click-checkout/conversion', '--json', '-C', ACME])).stdout);
    expect(measured.source).toEqual({ file: 'metrics/checkout.json', pointer: '/conversion_pct' });
  });

  it('lists aligned goals of every cycle, or with --cycle only those in its view', async () => {
    const show = async (...extra: string[]) =>
      JSON.parse((await okr(['show', 'engineering/instant-payments/payment-speed', '--json', '--as-of', DAY, ...extra, '-C', ACME])).stdout);
    expect((await show()).aligned.map((a: { ref: string; cycle: string }) => `${a.ref} ${a.cycle}`)).toEqual([
      'payments/faster-checkout 2026-Q4',
      'payments/settlement-in-seconds 2026',
    ]);
    expect((await show('--cycle', '2026')).aligned.map((a: { ref: string }) => a.ref)).toEqual(['payments/settlement-in-seconds']);
  });
});
