// A user's git configuration cannot change what okr records or reads: okr runs git with the
// settings it relies on pinned (git/git.ts). For each configuration below, set both in the
// repository's config and in a global config file (GIT_CONFIG_GLOBAL), okr checks in, and history,
// log, status, stale, show and diff must say exactly what they say without it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { commitAll, git, tempDir, writeFiles } from '../support/temp-repo.js';
import { at, EDGE, FILE, P95, paymentsRepo, read } from '../checkins/workspace.js';

/** Settings a user may well have (or a hostile repository may carry), each able to change git's output. */
const HOSTILE: readonly (readonly [string, string])[] = [
  ['log.showRoot', 'false'],
  ['trailer.separators', '#'],
  ['core.commentChar', 'O'],
  ['i18n.commitEncoding', 'ISO-8859-1'],
  ['i18n.logOutputEncoding', 'ISO-8859-1'],
  ['log.follow', 'true'],
  ['log.abbrevCommit', 'true'],
  ['log.decorate', 'full'],
  ['log.showSignature', 'true'],
  ['log.date', 'relative'],
  ['format.pretty', 'oneline'],
  ['core.abbrev', '7'],
  ['core.quotePath', 'true'],
  ['color.ui', 'always'],
  ['color.status', 'always'],
  ['diff.noprefix', 'true'],
  ['diff.relative', 'true'],
  ['diff.renames', 'false'],
  ['diff.renameLimit', '1'],
  ['diff.external', 'false'],
  ['status.showUntrackedFiles', 'no'],
  ['status.renames', 'false'],
  ['status.relativePaths', 'true'],
  ['status.branch', 'false'],
  ['status.short', 'true'],
  ['commit.cleanup', 'scissors'],
  ['commit.verbose', 'true'],
  ['commit.status', 'false'],
  ['core.precomposeUnicode', 'false'],
];

const NOTE = 'Première région: ünïcödé';

/** A scripted history: an import, an okr check-in, a hand edit, a team folder renamed; then okr's answers. */
async function scenario(config: readonly (readonly [string, string])[]): Promise<unknown> {
  const dir = paymentsRepo('2026-10-01');
  const home = tempDir();
  const global = join(home, 'gitconfig');
  writeFileSync(global, config.map(([key, value]) => `[${key.slice(0, key.lastIndexOf('.'))}]\n\t${key.slice(key.lastIndexOf('.') + 1)} = ${value}\n`).join(''));
  for (const [key, value] of config) git(dir, ['config', key, value]);
  const vars = { GIT_CONFIG_GLOBAL: global, ...at('2026-10-15') };
  const checkin = await okr(['checkin', `${P95}=600`, `${EDGE}=done`, '-m', NOTE, '--confidence', '0.6'], { cwd: dir, vars });
  expect(checkin.stderr).toBe('');
  expect(checkin.code).toBe(0);
  writeFiles(dir, { [FILE]: read(dir).replace('current: 600', 'current: 550') });
  commitAll(dir, 'Hand edit', at('2026-10-20'));
  // Renamed and edited at once (two inexact renames: a small diff.renameLimit would lose them).
  git(dir, ['mv', 'teams/payments', 'teams/checkout']);
  writeFiles(dir, {
    [FILE.replace('payments', 'checkout')]: read(dir, FILE.replace('payments', 'checkout')).replace('current: 550', 'current: 540'),
    'teams/checkout/team.yaml': 'name: Checkout\nowners: [ana@acme.example]\n',
  });
  commitAll(dir, 'Rename the team', at('2026-10-21'));
  const ref = P95.replace('payments/', 'checkout/');
  const answers: Record<string, unknown> = {};
  for (const argv of [
    ['history', ref, '--json'],
    ['log', '--json', '--since', '90d'],
    ['status', '--json'],
    ['stale', '--json'],
    ['show', ref, '--json'],
    ['diff', 'HEAD~2', '--format', 'json'],
    ['diff', '--format', 'json'],
  ]) {
    const result = await okr(argv, { cwd: dir, vars: { GIT_CONFIG_GLOBAL: global } });
    expect(result.stderr, argv.join(' ')).toBe('');
    answers[argv.join(' ')] = JSON.parse(normaliseCommits(result.stdout));
  }
  return answers;
}

/** Commit ids differ with the commit's encoding header: number them in order of appearance. */
function normaliseCommits(text: string): string {
  const seen = new Map<string, string>();
  return text.replace(/\b[0-9a-f]{40}\b/g, (id) => {
    if (!seen.has(id)) seen.set(id, `commit-${seen.size}`);
    return seen.get(id)!;
  });
}

describe('a hostile git configuration', () => {
  it('the scenario itself: values, trailers, notes and the rename are all read', async () => {
    const answers = (await scenario([])) as Record<string, { points?: { value: unknown; note: unknown }[] }>;
    const history = answers[`history ${P95.replace('payments/', 'checkout/')} --json`]!;
    expect(history.points!.map((p) => [p.value, p.note])).toEqual([
      [640, null],
      [600, NOTE],
      [550, null],
      [540, null],
    ]);
  });

  let baseline: Promise<unknown> | undefined;
  it.each(HOSTILE)('%s = %s changes nothing okr records or reads', { timeout: 60_000 }, async (key, value) => {
    baseline ??= scenario([]);
    expect(await scenario([[key, value]])).toEqual(await baseline);
  });
});
