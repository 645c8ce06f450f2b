// Shell completion: `okr __complete` answers from the command definitions and the workspace, and
// the scripts of `okr completion bash|zsh|fish` turn that into candidates in the real shells.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientEnv, findClient, requireClient, runClient } from '../support/clients.js';
import { BIN, EXAMPLES, okr } from '../support/run-cli.js';

const ACME = join(EXAMPLES, 'acme');

/** The candidates and the mode line of `okr __complete -- WORDS...`. */
async function completeIn(cwd: string, ...words: string[]): Promise<{ candidates: string[]; mode: string }> {
  const run = await okr(['__complete', '--', ...words], { cwd });
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  const lines = run.stdout.split('\n');
  expect(lines.pop()).toBe('');
  const mode = lines.pop()!;
  return { candidates: lines, mode };
}

describe('okr __complete', () => {
  it('completes command names, and the options of a command not given yet', async () => {
    expect(await completeIn(ACME, '')).toEqual({
      candidates: expect.arrayContaining(['check', 'tree', 'status', 'show', 'checkin', 'completion']),
      mode: ':words',
    });
    expect(await completeIn(ACME, 'st')).toEqual({ candidates: ['status', 'stale'], mode: ':words' });
    expect((await completeIn(ACME, 'tree', '--c')).candidates).toEqual(['--cycle']);
    const used = await completeIn(ACME, 'tree', '--json', '--');
    expect(used.candidates).toContain('--cycle');
    expect(used.candidates).not.toContain('--json');
    expect((await completeIn(ACME, '-')).candidates).toEqual(['--help', '--version']);
  });

  it('completes option values: choices, teams, cycles, files', async () => {
    expect(await completeIn(ACME, 'check', '--format', '')).toEqual({ candidates: ['text', 'json', 'github', 'sarif'], mode: ':words' });
    expect((await completeIn(ACME, 'check', '--format=s')).candidates).toEqual(['--format=sarif']);
    expect((await completeIn(ACME, 'status', '-t', 'p')).candidates).toEqual(['payments', 'platform', 'product']);
    expect((await completeIn(ACME, 'tree', '--cycle', '')).candidates).toEqual(['2026', '2026-Q3', '2026-Q4']);
    expect((await completeIn(ACME, 'close', '2026-Q')).candidates).toEqual(['2026-Q3', '2026-Q4']);
    expect(await completeIn(ACME, 'report', '-o', '')).toEqual({ candidates: [], mode: ':files' });
    // An option's value is not taken for an argument: the REF after it is still completed.
    expect((await completeIn(ACME, 'show', '--cycle', '2026-Q4', 'pay')).candidates).toEqual(['payments/']);
  });

  it('completes goals a level at a time: teams, objectives, key results; check-ins name key results with "="', async () => {
    expect(await completeIn(ACME, 'show', 'pay')).toEqual({ candidates: ['payments/'], mode: ':nospace' });
    expect(await completeIn(ACME, 'show', 'mi')).toEqual({ candidates: ['mission'], mode: ':words' });
    const objectives = await completeIn(ACME, 'show', 'payments/');
    expect(objectives.candidates).toContain('payments/faster-checkout');
    expect(objectives.candidates.every((c) => /^payments\/[a-z0-9-]+$/.test(c))).toBe(true);
    expect((await completeIn(ACME, 'history', 'payments/faster-checkout/p')).candidates).toEqual(['payments/faster-checkout/p95-latency', 'payments/faster-checkout/partner-adoption']);
    expect(await completeIn(ACME, 'checkin', 'payments/faster-checkout/p9')).toEqual({ candidates: ['payments/faster-checkout/p95-latency='], mode: ':nospace' });
    expect(await completeIn(ACME, 'checkin', 'payments/faster')).toEqual({ candidates: ['payments/faster-checkout/'], mode: ':nospace' });
    // History names no mission; a third level has nothing below it.
    expect((await completeIn(ACME, 'history', 'mi')).candidates).toEqual([]);
    expect((await completeIn(ACME, 'show', 'payments/faster-checkout/p95-latency/')).candidates).toEqual([]);
  });

  it('reads the workspace -C names', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'okr-complete-'));
    expect((await completeIn(elsewhere, 'status', '-C', ACME, '--team', 'sa')).candidates).toEqual(['sales']);
    expect((await completeIn(elsewhere, 'status', '--dir=' + ACME, '--team', 'sr')).candidates).toEqual(['sre']);
  });

  it('answers quietly with nothing where there is nothing to read: no workspace, broken goal files, hostile words', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'okr-complete-'));
    expect(await completeIn(empty, 'show', '')).toEqual({ candidates: [], mode: ':words' });
    expect(await completeIn(empty, 'nosuchcommand', '')).toEqual({ candidates: [], mode: ':words' });
    // A workspace with a broken file still offers what can be read.
    const broken = mkdtempSync(join(tmpdir(), 'okr-complete-'));
    writeFileSync(join(broken, 'okr.yaml'), 'version: 1\nmission: m\ncycles: [{id: "2026", start: "2026-01-01", end: "2026-12-31"}]\n');
    mkdirSync(join(broken, 'teams', 'core'), { recursive: true });
    writeFileSync(join(broken, 'teams', 'core', 'team.yaml'), 'id: core\nname: Core\nowners: [a]\n');
    writeFileSync(join(broken, 'teams', 'core', '2026.yaml'), 'objectives: [\n  {{{\n');
    expect(await completeIn(broken, 'status', '--team', '')).toEqual({ candidates: ['core'], mode: ':words' });
    expect(await completeIn(broken, 'show', '')).toEqual({ candidates: ['mission'], mode: ':words' });
    for (const word of ['\u001b]0;x\u0007', 'a'.repeat(100_000), '../../../../etc/', '--format=\n', '=', '/']) {
      const answer = await completeIn(ACME, 'show', word);
      expect(answer.candidates).toEqual([]);
    }
  });

  it('is not listed in okr --help; okr completion is', async () => {
    const help = await okr(['--help']);
    expect(help.stdout).not.toContain('__complete');
    expect(help.stdout).toMatch(/\bcompletion\b/);
    const bad = await okr(['completion', 'powershell']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bash, zsh, fish/);
  });
});

/** A folder with `okr` on it (the built bin/okr.js), for the scripts, which run "okr". */
function pathWithOkr(): string {
  const bin = mkdtempSync(join(tmpdir(), 'okr-bin-'));
  symlinkSync(BIN, join(bin, 'okr'));
  return `${bin}:${process.env.PATH}`;
}

async function script(shell: string): Promise<string> {
  const run = await okr(['completion', shell]);
  expect(run.code).toBe(0);
  const file = join(mkdtempSync(join(tmpdir(), 'okr-completion-')), `okr.${shell}`);
  writeFileSync(file, run.stdout);
  return file;
}

describe('okr completion in the real shells', () => {
  it('bash: completes goals, keeps "--format=" words whole, and falls back to file names', async (ctx) => {
    const bash = requireClient(ctx, findClient(['bash'], ['--version']), 'bash', 'apt-get install -y bash');
    const file = await script('bash');
    // What bash does on TAB: split the line at its word breaks, call the function, read COMPREPLY.
    const complete = async (line: string) => {
      const probe = `source "$1"; COMP_LINE="$2"; COMP_POINT=\${#COMP_LINE}; read -r -a COMP_WORDS <<< "\${COMP_LINE//=/ = }"; [[ $COMP_LINE =~ [[:space:]]$ ]] && COMP_WORDS+=(""); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _okr 2>/dev/null; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const run = await runClient(bash, ['--norc', '-c', probe, 'bash', file, line], { cwd: ACME, env: clientEnv({ PATH: pathWithOkr() }), timeout: 30_000 });
      expect(run.code).toBe(0);
      return run.stdout.split('\n').filter(Boolean);
    };
    expect(await complete('okr show pay')).toEqual(['payments/']);
    expect(await complete('okr checkin payments/faster-checkout/p9')).toEqual(['payments/faster-checkout/p95-latency=']);
    expect(await complete('okr check --format=sa')).toEqual(['sarif']);
    expect(await complete('okr st')).toEqual(['status', 'stale']);
    expect(await complete('okr report -o ')).toEqual([]);
  });

  it('zsh: the script parses and offers the candidates with compadd', async (ctx) => {
    const zsh = requireClient(ctx, findClient(['zsh'], ['--version']), 'zsh', 'apt-get install -y zsh');
    const file = await script('zsh');
    // compadd and _files only exist inside a completion widget: stand-ins print what they were given.
    const probe = `compdef() { :; }; source "$1"; compadd() { print -r -- "compadd $*"; }; _files() { print files; }; words=(okr \${=2}); [[ $2 == *' ' ]] && words+=(''); CURRENT=\${#words}; _okr`;
    const complete = async (line: string) => {
      const run = await runClient(zsh, ['-f', '-c', probe, 'zsh', file, line], { cwd: ACME, env: clientEnv({ PATH: pathWithOkr() }), timeout: 30_000 });
      expect(run.stderr).toBe('');
      return run.stdout.trim();
    };
    expect(await complete('show pay')).toBe("compadd -Q -S  -- payments/");
    expect(await complete('tree --cycle 2026-Q')).toBe('compadd -Q -- 2026-Q3 2026-Q4');
    expect(await complete('report -o ')).toBe('files');
  });

  it('fish: complete -C gives the candidates', async (ctx) => {
    const fish = requireClient(ctx, findClient(['fish'], ['--version']), 'fish', 'apt-get install -y fish');
    const file = await script('fish');
    const complete = async (line: string) => {
      const run = await runClient(fish, ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', file, line], { cwd: ACME, env: clientEnv({ PATH: pathWithOkr() }), timeout: 30_000 });
      expect(run.stderr).toBe('');
      return run.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
    };
    expect(await complete('okr show pay')).toEqual(['payments/']);
    expect(await complete('okr status --team sa')).toEqual(['sales']);
    expect(await complete('okr checkin payments/faster-checkout/p9')).toEqual(['payments/faster-checkout/p95-latency=']);
    // -o takes a file: fish's own path completion.
    expect(await complete('okr report -o README.m')).toEqual(['README.md']);
  });
});
