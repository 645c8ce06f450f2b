// okr check --cache: the same findings as okr check, whatever happened to the files since the last
// run (edited without committing, untracked, deleted, renamed, okr.yaml changed, committed, another
// day), and a cache that is damaged, truncated, written by another okr or for another workspace
// is never trusted. A forged cache (valid checksum, a finding no file has) proves that the cache is
// read for the files git vouches for, and never for the others.
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okr, okrProcess, type CliOptions } from '../support/run-cli.js';
import { commitAll, copyExample, git, makeRepo, tempDir } from '../support/temp-repo.js';
import { forgeCacheFile } from '../support/cache-file.js';

const Q4 = 'teams/payments/2026-Q4.yaml';
const AT = { GIT_AUTHOR_DATE: '2026-10-01T10:00:00Z', GIT_COMMITTER_DATE: '2026-10-01T10:00:00Z' };

/** acme in a repository committed on 2026-10-01: on 2026-11-25 many key results are stale. */
function acmeRepo(): string {
  const dir = makeRepo();
  cpSync(join(copyExample('acme'), '.'), dir, { recursive: true });
  commitAll(dir, 'import acme', AT);
  return dir;
}

const cacheFiles = (dir: string) => (existsSync(join(dir, '.git', 'okr')) ? readdirSync(join(dir, '.git', 'okr')).filter((f) => f.startsWith('check-cache-')) : []);
const cacheOf = (dir: string) => join(dir, '.git', 'okr', cacheFiles(dir)[0]!);

/** okr check --cache gives exactly what okr check gives (exit code, JSON, text with source lines). */
async function expectSame(dir: string, options: CliOptions = {}): Promise<string> {
  for (const format of ['json', 'text']) {
    const plain = await okr(['check', '--format', format], { cwd: dir, ...options });
    const cached = await okr(['check', '--cache', '--format', format], { cwd: dir, ...options });
    expect(cached).toEqual(plain);
  }
  return (await okr(['check', '--cache', '--format', 'json'], { cwd: dir, ...options })).stdout;
}

/** Rewrites the cache's body and gives it a matching checksum: a cache that is valid, but says something else. */
function forge(dir: string, change: (body: string) => string): void {
  forgeCacheFile(cacheOf(dir), change);
}

/** A finding only the cache has, on `file`'s line of the cache. */
function forgeFinding(dir: string, file: string): void {
  const finding = JSON.stringify([['forged', 'error', 'only the cache says this', file, null, 1, 1, null]]);
  forge(dir, (body) => body.split('\n').map((line) => (line.startsWith(`${file}\t`) ? line.split('\t').map((f, i) => (i === 3 ? finding : f)).join('\t') : line)).join('\n'));
}

const forged = async (dir: string) => (await okr(['check', '--cache', '--format', 'json'], { cwd: dir })).stdout.includes('only the cache says this');

describe('okr check --cache', () => {
  it('writes the cache in the git folder and reads it back, with the same findings', async () => {
    const dir = acmeRepo();
    expect(cacheFiles(dir)).toEqual([]);
    const first = await expectSame(dir);
    expect(JSON.parse(first).warnings).toBeGreaterThan(10); // stale key results: the cache holds findings
    expect(cacheFiles(dir)).toHaveLength(1);
    forgeFinding(dir, Q4);
    expect(await forged(dir)).toBe(true); // the clean file's findings came from the cache
    expect(git(dir, ['status', '--porcelain'])).toBe(''); // nothing in the work tree
  });

  it('is used where a team id starts another one (git lists teams/a-b/ and teams/a.b/ before teams/a/; okr lists a first)', async () => {
    const dir = acmeRepo();
    for (const id of ['payments-ops', 'payments.eu']) cpSync(join(dir, 'teams/payments'), join(dir, 'teams', id), { recursive: true });
    commitAll(dir, 'two more teams', AT);
    const files = git(dir, ['ls-files', 'teams']).split('\n');
    expect(files.findIndex((f) => f.startsWith('teams/payments.eu/'))).toBeLessThan(files.findIndex((f) => f.startsWith('teams/payments/')));
    await expectSame(dir);
    forgeFinding(dir, Q4);
    expect(await forged(dir)).toBe(true);
  });

  it('reads a file edited without committing from disk: values, a settled key result, a broken file', async () => {
    const dir = acmeRepo();
    await expectSame(dir);
    forgeFinding(dir, Q4);
    const original = readFileSync(join(dir, Q4), 'utf8');
    writeFileSync(join(dir, Q4), original.replace('current: 410', 'current: 395'));
    expect(await forged(dir)).toBe(false);
    const edited = staleOn(await expectSame(dir));
    expect(edited).toBeGreaterThan(0);
    // A metric at its target has nothing left to report: its stale finding goes.
    writeFileSync(join(dir, Q4), original.replace('current: 410', 'current: 300'));
    expect(staleOn(await expectSame(dir))).toBe(edited - 1);
    // New shapes: a dangling reference, a duplicate objective, a file that does not parse.
    writeFileSync(join(dir, Q4), original.replace('aligns_to: engineering/instant-payments/payment-speed', 'aligns_to: engineering/instant-paymens'));
    expect(JSON.parse(await expectSame(dir)).errors).toBe(1);
    writeFileSync(join(dir, Q4), `${original}  - id: faster-checkout\n    title: again\n    aligns_to: mission\n    key_results: []\n`);
    await expectSame(dir);
    writeFileSync(join(dir, Q4), 'objectives: [\n');
    await expectSame(dir);
    writeFileSync(join(dir, Q4), original);
    await expectSame(dir);
    expect(await forged(dir)).toBe(false); // checked everything again since: the forged cache is gone
  });

  it("takes a file git no longer vouches for (its stat cache out of date: files touched) from the cache while it is the cached blob", async () => {
    const dir = acmeRepo();
    await expectSame(dir);
    forgeFinding(dir, Q4);
    const later = new Date('2030-01-01T00:00:00Z');
    for (const file of git(dir, ['ls-files', 'teams']).split('\n').filter(Boolean)) utimesSync(join(dir, file), later, later);
    expect(git(dir, ['diff-files', '--name-only']).split('\n')).toContain(Q4); // git no longer vouches for it
    expect(await forged(dir)).toBe(true); // the same bytes: the cached blob's findings
    writeFileSync(join(dir, Q4), readFileSync(join(dir, Q4), 'utf8').replace('current: 410', 'current: 395'));
    expect(await forged(dir)).toBe(false); // touched and changed: read from disk
    writeFileSync(join(dir, Q4), readFileSync(join(dir, Q4), 'utf8').replace('current: 395', 'current: 410'));
    expect(await forged(dir)).toBe(true); // written back: the cached blob again
  });

  it('follows untracked, deleted and renamed files, and staged changes', async () => {
    const dir = acmeRepo();
    await expectSame(dir);
    // An untracked team (and an ignored one: okr reads the folder, whatever git ignores).
    cpSync(join(dir, 'teams', 'sre'), join(dir, 'teams', 'sre-two'), { recursive: true });
    await expectSame(dir);
    writeFileSync(join(dir, '.gitignore'), 'teams/sre-two/\n');
    await expectSame(dir);
    rmSync(join(dir, '.gitignore'));
    rmSync(join(dir, 'teams', 'sre-two'), { recursive: true });
    await expectSame(dir);
    // A deleted file, not committed; then committed.
    rmSync(join(dir, 'teams', 'growth', '2026-Q4.yaml'));
    await expectSame(dir);
    commitAll(dir, 'drop growth Q4', AT);
    await expectSame(dir);
    // A renamed team folder: moved in the work tree, then staged, then committed.
    renameSync(join(dir, 'teams', 'mobile'), join(dir, 'teams', 'apps'));
    await expectSame(dir);
    git(dir, ['add', '-A']);
    await expectSame(dir);
    git(dir, ['commit', '-q', '-m', 'rename mobile'], AT);
    await expectSame(dir);
    // A staged edit with a different work tree on top.
    const file = join(dir, Q4);
    writeFileSync(file, readFileSync(file, 'utf8').replace('current: 410', 'current: 400'));
    git(dir, ['add', Q4]);
    writeFileSync(file, readFileSync(file, 'utf8').replace('current: 400', 'current: 390'));
    await expectSame(dir);
  });

  it('checks again when okr.yaml, HEAD or the day change', async () => {
    const dir = acmeRepo();
    await expectSame(dir);
    forgeFinding(dir, Q4);
    // okr.yaml: a rule turned off, then another stale_after_days.
    const config = readFileSync(join(dir, 'okr.yaml'), 'utf8');
    writeFileSync(join(dir, 'okr.yaml'), config.replace('stale-checkin: warn', 'stale-checkin: off'));
    expect(await forged(dir)).toBe(false);
    expect(JSON.parse(await expectSame(dir)).warnings).toBe(0);
    writeFileSync(join(dir, 'okr.yaml'), config.replace('stale_after_days: 14', 'stale_after_days: 60'));
    await expectSame(dir);
    writeFileSync(join(dir, 'okr.yaml'), config);
    await expectSame(dir);
    // Another day: other stale findings.
    forgeFinding(dir, Q4);
    expect((await okr(['check', '--cache', '--format', 'json'], { cwd: dir, today: '2026-10-10' })).stdout).not.toContain('only the cache says this');
    await expectSame(dir, { today: '2026-10-10' });
    // A check-in committed: HEAD moved, the key result is fresh.
    forgeFinding(dir, Q4);
    expect((await okr(['checkin', 'payments/faster-checkout/p95-latency=380'], { cwd: dir })).code).toBe(0);
    expect(await forged(dir)).toBe(false);
    await expectSame(dir);
  });

  it('never trusts a damaged cache, one written by another okr, or one of another workspace', async () => {
    const dir = acmeRepo();
    const expected = await expectSame(dir);
    const path = cacheOf(dir);
    const good = readFileSync(path);
    const damaged: Buffer[] = [
      Buffer.concat([good.subarray(0, good.length - 40), Buffer.from('x'), good.subarray(good.length - 39)]), // a flipped byte
      good.subarray(0, Math.floor(good.length / 2)), // cut short
      good.subarray(0, good.indexOf(10) + 1), // header only
      Buffer.from('garbage\n\u0000\u0001'),
      Buffer.alloc(0),
    ];
    for (const bytes of damaged) {
      writeFileSync(path, bytes);
      expect((await okr(['check', '--cache', '--format', 'json'], { cwd: dir })).stdout).toBe(expected);
      expect(readFileSync(path)).toEqual(good); // rebuilt
    }
    truncateSync(path, 10);
    expect((await okr(['check', '--cache', '--format', 'json'], { cwd: dir })).stdout).toBe(expected);
    expect(readFileSync(path)).toEqual(good);
    // Valid checksums over bodies that do not decode: a bad severity, a line too short, a bad count.
    for (const change of [
      (body: string) => body.replace('"warning"', '"fatal"'),
      (body: string) => body.replace(/\nokr\.yaml\t[^\n]*/, '\nokr.yaml\tabc'),
      (body: string) => body.replace('"files":35', '"files":3500'),
      (body: string) => body.replace(/"commits":\[\[[^\]]*\]/, '"commits":[[1,2,3]'),
    ]) {
      forge(dir, change);
      expect(readFileSync(path)).not.toEqual(good);
      expect((await okr(['check', '--cache', '--format', 'json'], { cwd: dir })).stdout).toBe(expected);
      expect(readFileSync(path)).toEqual(good);
    }
    // A team's record of latest changes is read only when one of its files changed: broken, it is then rebuilt.
    forge(dir, (body) => body.replace(/\npayments\t[^\n]*/, '\npayments\tfaster-checkout/p95-latency\t99'));
    const file = join(dir, Q4);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('current: 410', 'current: 405'));
    expect((await okr(['check', '--cache', '--format', 'json'], { cwd: dir })).stdout).toBe((await okr(['check', '--format', 'json'], { cwd: dir })).stdout);
    writeFileSync(file, original);
    expect((await okr(['check', '--cache', '--format', 'json'], { cwd: dir })).stdout).toBe(expected);
    expect(readFileSync(path)).toEqual(good); // the file's findings learnt again once it is a blob git has
    // Another okr: the header's key names its version.
    forgeFinding(dir, Q4);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace(/"key":"\[\\"[^\\]*\\"/, '"key":"[\\"0.0.0-other\\"'));
    expect(await forged(dir)).toBe(false);
    // Another workspace: the repository copied elsewhere, its cache moved to the name this one's would have.
    forgeFinding(dir, Q4);
    const copy = join(tempDir(), 'copy');
    cpSync(dir, copy, { recursive: true });
    expect((await okr(['check', '--cache', '--format', 'json'], { cwd: copy })).stdout).toBe(expected);
    const [own, theirs] = [cacheFiles(copy).find((f) => f !== cacheFiles(dir)[0]), cacheFiles(dir)[0]];
    writeFileSync(join(copy, '.git', 'okr', own!), readFileSync(join(dir, '.git', 'okr', theirs!)));
    expect(await forged(copy)).toBe(false);
  });

  it('outside git, and with --at or --as-of, is okr check (nothing written)', async () => {
    const plain = copyExample('acme');
    await expectSame(plain);
    expect(existsSync(join(plain, '.git'))).toBe(false);
    const dir = acmeRepo();
    for (const extra of [['--at', 'HEAD'], ['--as-of', '2026-11-01']]) {
      const without = await okr(['check', '--format', 'json', ...extra], { cwd: dir });
      expect(await okr(['check', '--cache', '--format', 'json', ...extra], { cwd: dir })).toEqual(without);
    }
    expect(cacheFiles(dir)).toEqual([]);
  });

  it('as a process: the same output cold, warm and with one file changed, and --help says where the cache lives', async () => {
    const dir = acmeRepo();
    const plain = await okrProcess(['check'], { cwd: dir });
    expect(await okrProcess(['check', '--cache'], { cwd: dir })).toEqual(plain);
    expect(await okrProcess(['check', '--cache'], { cwd: dir })).toEqual(plain);
    writeFileSync(join(dir, Q4), readFileSync(join(dir, Q4), 'utf8').replace('current: 410', 'current: 420'));
    expect(await okrProcess(['check', '--cache'], { cwd: dir })).toEqual(await okrProcess(['check'], { cwd: dir }));
    const help = await okrProcess(['check', '--help']);
    expect(help.stdout).toContain('--cache');
    expect(help.stdout).toContain('.git/okr/');
  });
});

/** How many stale-checkin findings okr check's JSON has on the payments Q4 file. */
function staleOn(json: string): number {
  return (JSON.parse(json) as { findings: { file: string; rule: string }[] }).findings.filter((f) => f.file === Q4 && f.rule === 'stale-checkin').length;
}
