// Files okr does not read because their extension is another spelling of .yaml (2026-Q4.yml,
// team.YAML, okr.yml beside okr.yaml) are not read, but said: an ignored-file warning in every
// format, counted as a warning, the same from the work tree, a revision (--at), the check cache and
// a named file. Hidden files, folders and files outside a team folder stay silent.
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okr, okrProcess } from '../support/run-cli.js';
import { commitAll, git, tempDir, writeFiles } from '../support/temp-repo.js';
import { forgeCacheFile } from '../support/cache-file.js';
import { checkJson, where, workspace } from './workspace.js';
import { makeOrganisation } from '../federation/organisation.js';

const CYCLE = 'objectives:\n  - id: fix\n    title: Fix it\n    aligns_to: mission\n    key_results:\n      - {id: done-it, title: Do it, done: false}\n';

/** Every kind of name: those okr warns of, and those it passes over without a word. */
const NAMES: Record<string, string> = {
  'okr.yml': 'mission: Elsewhere\n',
  'okr.YAML': 'mission: Shouting\n',
  'teams/platform/2026-Q4.yml': CYCLE,
  'teams/platform/2026.YML': CYCLE, // beside 2026.yaml: merge, not rename
  'teams/platform/目標 2026.Yaml': CYCLE,
  'teams/platform/a b.yml': CYCLE,
  'teams/platform/x.yaml.yml': CYCLE,
  // Silent: hidden files and folders, no team folder, too deep, not a YAML extension.
  'teams/platform/..yml': CYCLE,
  'teams/platform/.draft.yml': CYCLE,
  'teams/.archive/2026-Q4.yml': CYCLE,
  'teams/2026-Q4.yml': CYCLE,
  'teams/platform/old/2026-Q4.yml': CYCLE,
  'teams/platform/2026-Q4.yml.bak': CYCLE,
  'teams/platform/2026-Q4.json': '{}\n',
  'teams/platform/yml': CYCLE,
  'okr.yml.orig': 'x: 1\n',
  'OKR.yml': 'x: 1\n',
};

const EXPECTED = [
  'okr.YAML:1:1 warning ignored-file',
  'okr.yml:1:1 warning ignored-file',
  'teams/platform/2026-Q4.yml:1:1 warning ignored-file',
  'teams/platform/2026.YML:1:1 warning ignored-file',
  'teams/platform/a b.yml:1:1 warning ignored-file',
  'teams/platform/x.yaml.yml:1:1 warning ignored-file',
  'teams/platform/目標 2026.Yaml:1:1 warning ignored-file',
];

const MESSAGES: Record<string, string> = {
  'okr.yml': 'okr reads only okr.yaml, so it ignores okr.yml: move what it holds into okr.yaml and delete it',
  'teams/platform/2026-Q4.yml': 'okr reads only files named *.yaml, so it ignores 2026-Q4.yml: rename it to 2026-Q4.yaml',
  'teams/platform/2026.YML': 'okr reads only files named *.yaml, so it ignores 2026.YML: move what it holds into 2026.yaml and delete it',
  'teams/platform/目標 2026.Yaml': 'okr reads only files named *.yaml, so it ignores 目標 2026.Yaml: rename it to 目標 2026.yaml',
  'teams/platform/x.yaml.yml': 'okr reads only files named *.yaml, so it ignores x.yaml.yml: rename it to x.yaml.yaml',
};

function withNames(): string {
  const dir = workspace(NAMES);
  mkdirSync(join(dir, 'teams/platform/folder.yml')); // a folder: not a file okr could read
  writeFileSync(join(dir, 'teams/platform/folder.yml/2026-Q4.yaml'), CYCLE);
  return dir;
}

const cacheFiles = (dir: string) => readdirSync(join(dir, '.git', 'okr')).filter((f) => f.startsWith('check-cache-'));

describe('okr check: files okr ignores (ignored-file)', () => {
  it('warns of each, with a message that says what to do, and reads none of them', async () => {
    const dir = withNames();
    const { code, report } = await checkJson(dir);
    expect(report.findings.map(where)).toEqual(EXPECTED);
    for (const [file, message] of Object.entries(MESSAGES)) expect(report.findings.find((f) => f.file === file)?.message).toBe(message);
    expect(code).toBe(0); // warnings only
    expect(report).toMatchObject({ ok: true, errors: 0, warnings: EXPECTED.length });
    // None was read: the tree has only the base workspace's objective.
    const tree = await okr(['tree', '--json', '-C', dir]);
    expect(tree.stdout).not.toContain('"fix"');
    expect((await okr(['check', '--max-warnings', '0', '-C', dir])).code).toBe(1);
    expect((await okr(['check', '--quiet', '--format', 'json', '-C', dir])).stdout).not.toContain('ignored-file');
  });

  it('in text, GitHub annotations and SARIF, from the built okr', async () => {
    const dir = workspace({ 'teams/platform/2026-Q4.yml': CYCLE });
    const text = await okrProcess(['check', '-C', dir]);
    expect(text.stdout).toBe(
      'teams/platform/2026-Q4.yml:1:1 warning ignored-file okr reads only files named *.yaml, so it ignores 2026-Q4.yml: rename it to 2026-Q4.yaml\n\n! 0 errors, 1 warning in 4 files\n',
    );
    expect(text.code).toBe(0);
    const github = await okrProcess(['check', '--format', 'github', '-C', dir]);
    expect(github.stdout).toContain('::warning file=teams/platform/2026-Q4.yml,line=1,col=1,title=ignored-file::okr reads only files named *.yaml');
    const sarif = JSON.parse((await okrProcess(['check', '--format', 'sarif', '-C', dir])).stdout);
    const [run] = sarif.runs;
    expect(run.results).toEqual([
      expect.objectContaining({ ruleId: 'ignored-file', level: 'warning', locations: [expect.objectContaining({ physicalLocation: expect.objectContaining({ artifactLocation: expect.objectContaining({ uri: 'teams/platform/2026-Q4.yml' }) }) })] }),
    ]);
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'ignored-file');
    expect(rule.shortDescription.text).toBe('Goal files are named *.yaml.');
    expect(rule.help.text).toMatch(/Rename the file/);
  });

  it('team.yml: a warning, and the missing team.yaml error says to rename it', async () => {
    const dir = workspace({ 'teams/payments/team.yml': 'name: Payments\n', 'teams/payments/2026-Q4.yaml': CYCLE });
    const { report } = await checkJson(dir);
    expect(report.findings.map(where)).toEqual(['teams/payments/2026-Q4.yaml:1:1 error missing-team-file', 'teams/payments/team.yml:1:1 warning ignored-file']);
    expect(report.findings[0]!.message).toBe('team folder teams/payments/ has no team.yaml: okr does not read team.yml; rename it to team.yaml');
    expect(report.findings[1]!.message).toBe('okr reads only files named *.yaml, so it ignores team.yml: rename it to team.yaml');
    // Without one, the error is as before.
    rmSync(join(dir, 'teams/payments/team.yml'));
    expect((await checkJson(dir)).report.findings.map((f) => f.message)).toEqual(['team folder teams/payments/ has no team.yaml: add one with at least a name']);
  });

  it('a link named .yml is said like a file; okr check names an ignored file without a usage error', async () => {
    const dir = workspace();
    writeFiles(dir, { 'shared/2026-Q4.yaml': CYCLE });
    symlinkSync(join(dir, 'shared/2026-Q4.yaml'), join(dir, 'teams/platform/2026-Q4.yml'));
    expect((await checkJson(dir)).report.findings.map(where)).toEqual(['teams/platform/2026-Q4.yml:1:1 warning ignored-file']);
    writeFiles(dir, { 'teams/platform/2027.yml': CYCLE });
    const named = await okr(['check', '--format', 'json', 'teams/platform/2027.yml'], { cwd: dir });
    expect(named.code).toBe(0);
    expect(JSON.parse(named.stdout).findings.map(where)).toEqual(['teams/platform/2027.yml:1:1 warning ignored-file']);
    const notGoal = await okr(['check', 'shared/2026-Q4.yaml'], { cwd: dir });
    expect(notGoal.code).toBe(2);
  });

  it('the same from a revision (--at), in git', async () => {
    const dir = withNames();
    git(dir, ['init', '-q', '-b', 'main']);
    commitAll(dir, 'goals');
    const now = await checkJson(dir);
    expect(now.report.findings.map(where)).toEqual(EXPECTED);
    const at = await checkJson(dir, ['--at', 'HEAD']);
    expect(at.report).toEqual(now.report);
    // Renamed and committed: the warning goes, the goals are read.
    git(dir, ['mv', 'teams/platform/2026-Q4.yml', 'teams/platform/2026-Q4.yaml']);
    commitAll(dir, 'rename');
    const renamed = await checkJson(dir, ['--at', 'HEAD']);
    expect(renamed.report.findings.map(where)).toEqual(EXPECTED.filter((e) => !e.startsWith('teams/platform/2026-Q4.yml')));
    expect((await checkJson(dir, ['--at', 'HEAD~1'])).report).toEqual(now.report);
  });

  it('okr check --cache: the same warnings, the cache still used, and ignored files added or removed are seen', async () => {
    const dir = withNames();
    git(dir, ['init', '-q', '-b', 'main']);
    commitAll(dir, 'goals');
    const same = async () => {
      for (const format of ['json', 'text']) {
        const plain = await okr(['check', '--format', format, '-C', dir]);
        expect(await okr(['check', '--cache', '--format', format, '-C', dir])).toEqual(plain);
      }
      return JSON.parse((await okr(['check', '--cache', '--format', 'json', '-C', dir])).stdout) as { findings: { file: string; rule: string }[] };
    };
    expect((await same()).findings.filter((f) => f.rule === 'ignored-file')).toHaveLength(EXPECTED.length);
    // A forged finding on a clean goal file is reported: the cache was read, not rebuilt.
    const Q4 = 'teams/platform/2026.yaml';
    const cache = join(dir, '.git', 'okr', cacheFiles(dir)[0]!);
    const finding = JSON.stringify([['forged', 'error', 'only the cache says this', Q4, null, 1, 1, null]]);
    forgeCacheFile(cache, (body) => body.split('\n').map((line) => (line.startsWith(`${Q4}\t`) ? line.split('\t').map((f, i) => (i === 3 ? finding : f)).join('\t') : line)).join('\n'));
    expect((await okr(['check', '--cache', '--format', 'json', '-C', dir])).stdout).toContain('only the cache says this');
    // Untracked, deleted, team.yml beside a team without team.yaml: the same as okr check.
    writeFileSync(join(dir, 'teams/platform/new.yml'), CYCLE);
    expect((await same()).findings.map((f) => f.file)).toContain('teams/platform/new.yml');
    rmSync(join(dir, 'okr.yml'));
    expect((await same()).findings.map((f) => f.file)).not.toContain('okr.yml');
    writeFiles(dir, { 'teams/ops/team.yml': 'name: Ops\n', 'teams/ops/2026.yaml': CYCLE });
    const withOps = await same();
    expect(withOps.findings.filter((f) => f.file.startsWith('teams/ops/')).map((f) => f.rule)).toEqual(['missing-team-file', 'ignored-file']);
    commitAll(dir, 'ops');
    await same();
    rmSync(join(dir, 'teams/ops/team.yml'));
    await same();
  });

  it("a member repository's ignored files: named as its own, reported with --members", async () => {
    const { org } = makeOrganisation({ memberFiles: { mobile: { 'teams/ios/2027.yml': CYCLE, 'okr.yml': 'x: 1\n' } } });
    expect((await okr(['fetch'], { cwd: org })).code).toBe(0);
    const members = await okr(['check', '--members', '--format', 'json'], { cwd: org });
    expect(JSON.parse(members.stdout).findings.map(where)).toEqual(['mobile:okr.yml:1:1 warning ignored-file', 'mobile:teams/ios/2027.yml:1:1 warning ignored-file']);
    expect(JSON.parse((await okr(['check', '--format', 'json'], { cwd: org })).stdout).findings).toEqual([]);
  });

  it('a folder with okr.yml and no okr.yaml: the hint says to rename it', async () => {
    const dir = tempDir('okr-ignored-');
    writeFiles(dir, { 'okr.yml': 'mission: Elsewhere\n' });
    const result = await okrProcess(['check'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no workspace found: no okr.yaml in');
    expect(result.stderr).toContain(`okr reads only okr.yaml, not okr.yml: rename ${join(dir, 'okr.yml')} to okr.yaml.`);
  });
});
