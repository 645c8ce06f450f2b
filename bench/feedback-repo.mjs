// A goals repository with feedback among its check-ins (issue 13, item 6): the history repository
// of bench/history-repo.mjs with 15,000 check-in commits, and on top 5,000 feedback commits as
// `okr feedback` writes them (empty commits: subject, text, Okr-Feedback / Okr-Kind / Okr-Reply-To
// trailers), a third of them replies to a check-in: 20,000 check-in and feedback commits in all.
// Written with one `git fast-import`; deterministic (seeded); cached in .bench/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORY, historyRepo } from './history-repo.mjs';
import { cacheRoot, cached, git, GENERATION } from './workspaces.mjs';

export const FEEDBACK = { checkins: 15_000, feedback: 5_000, seed: 13 };

const KINDS = ['kudos', 'question', 'concern', 'suggestion'];
const TEXTS = [
  'Great progress this week.',
  'Is this the number for all regions, or only the EU?',
  'This has not moved in a month: what is blocking it?',
  'Could the platform team help with the migration?',
  'Thanks for the clear note.\n\nThe dashboard link would help too.',
];

function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function build(dir, params, base) {
  const next = random(params.seed);
  mkdirSync(dir, { recursive: true });
  git(dir, ['clone', '-q', '--no-local', base, '.']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  // The check-ins to answer, with the key results each changed.
  const checkins = git(dir, ['log', '--format=%H%x00%(trailers:key=Okr-Checkin,valueonly,separator=%x01)', '--grep=^Okr-Checkin:', 'HEAD'])
    .trim()
    .split('\n')
    .map((line) => {
      const [id, refs] = line.split('\0');
      return { id, refs: refs.split('\x01').filter(Boolean) };
    })
    .filter((c) => c.refs.length > 0);
  const head = git(dir, ['rev-parse', 'HEAD']).trim();
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const start = Date.UTC(2026, 0, 12, 9) / 1000;
  const end = Date.UTC(2026, 10, 25, 17) / 1000;
  const chunks = [];
  for (let n = 0; n < params.feedback; n++) {
    const checkin = checkins[Math.floor(next() * checkins.length)];
    const ref = checkin.refs[Math.floor(next() * checkin.refs.length)];
    const reply = next() < 1 / 3;
    const kind = next() < 0.8 ? KINDS[Math.floor(next() * KINDS.length)] : undefined;
    const text = TEXTS[Math.floor(next() * TEXTS.length)];
    const slash = ref.indexOf('/');
    const subject = `feedback(${ref.slice(0, slash)}): ${kind ? `${kind} on ` : ''}${ref.slice(slash + 1)}`;
    const trailers = [`Okr-Feedback: ${ref}`, ...(kind ? [`Okr-Kind: ${kind}`] : []), ...(reply ? [`Okr-Reply-To: ${checkin.id}`] : [])];
    const t = Math.floor(start + ((n + next()) / params.feedback) * (end - start));
    const p = Math.floor(next() * 700);
    const author = `Peer ${p} <peer-${p}@bench.example> ${t} +0000`;
    chunks.push(
      `commit refs/heads/main\nmark :${n + 1}\nauthor ${author}\ncommitter ${author}\n${data(`${subject}\n\n${text}\n\n${trailers.join('\n')}\n`)}` +
        `${n === 0 ? `from ${head}\n` : ''}\n`,
    );
  }
  git(dir, ['fast-import', '--quiet', '--force'], { input: chunks.join('') });
  git(dir, ['reset', '-q', '--hard', 'main']);
  const meta = {
    commits: Number(git(dir, ['rev-list', '--count', 'HEAD']).trim()),
    feedback: params.feedback,
    ref: checkins[0].refs[0],
  };
  writeFileSync(join(dir, '.git', 'okr-bench-feedback.json'), JSON.stringify(meta, null, 2));
}

/** The repository (built once, cached in .bench/) and what the benchmarks need to know about it. */
export function feedbackRepo(params = FEEDBACK, historyParams = { ...HISTORY, commits: params.checkins }) {
  const { dir: base } = historyRepo(historyParams);
  const dir = join(cacheRoot(), `feedback-c${params.checkins}-f${params.feedback}-g${GENERATION}`);
  cached(dir, { kind: 'feedback', ...params, history: historyParams }, (d) => build(d, params, base), `${params.checkins} check-in + ${params.feedback} feedback commits`);
  return { dir, meta: JSON.parse(readFileSync(join(dir, '.git', 'okr-bench-feedback.json'), 'utf8')) };
}
