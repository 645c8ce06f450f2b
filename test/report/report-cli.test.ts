// okr report through the CLI, on real git repositories: the page's content against what okr tree and
// okr status say, the format and destination rules, atomic writes, hostile and broken input, and the
// read flags (--team, --cycle, --as-of, --at). The page in a real browser: browser.test.ts.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { okr, okrProcess, PROJECT_ROOT } from '../support/run-cli.js';
import { git, makeRepo, tempDir, writeFiles } from '../support/temp-repo.js';
import { CONTROL_TITLE, demoRepo, FILE, HOSTILE, hostileFolder, hostileRepo } from './workspace.js';
// @ts-expect-error: a plain .mjs module of the benchmarks, without types
import { generateWorkspace } from '../../bench/generate-workspace.mjs';

interface TreeNodeJson {
  ref: string;
  title: string;
  key_results: { ref: string }[];
  children: TreeNodeJson[];
}

/** The objectives and key results `okr tree --json` shows, each once (an objective under two goals appears twice there). */
async function treeCounts(dir: string, args: string[] = []): Promise<{ objectives: Set<string>; keyResults: Set<string> }> {
  const tree = JSON.parse((await okr(['tree', '--json', ...args], { cwd: dir })).stdout) as { roots: TreeNodeJson[]; unaligned: TreeNodeJson[] };
  const objectives = new Set<string>();
  const keyResults = new Set<string>();
  const walk = (n: TreeNodeJson) => {
    objectives.add(n.ref);
    for (const k of n.key_results) keyResults.add(k.ref);
    n.children.forEach(walk);
  };
  [...tree.roots, ...tree.unaligned].forEach(walk);
  return { objectives, keyResults };
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
const between = (s: string, open: string, close: string) => s.slice(s.indexOf(open) + open.length, s.indexOf(close, s.indexOf(open)));

describe('okr report on the bundled example with months of history (okr demo)', () => {
  let demo: string;
  beforeAll(async () => {
    demo = await demoRepo();
  }, 60_000);

  it('writes one self-contained HTML file holding every objective and key result of the cycle, as okr tree counts them', async () => {
    const result = await okr(['report', '-o', 'report.html'], { cwd: demo });
    expect(result.code).toBe(0);
    const { objectives, keyResults } = await treeCounts(demo);
    expect(objectives.size).toBe(37);
    expect(result.stderr).toBe(`okr: wrote report.html (html, ${Math.round(statSync(join(demo, 'report.html')).size / 1024)} KB: 12 teams, ${objectives.size} objectives, ${keyResults.size} key results)\n`);
    const html = readFileSync(join(demo, 'report.html'), 'utf8');
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    const articles = [...html.matchAll(/<article id="g-([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(articles)).toEqual(objectives);
    expect(articles.length).toBe(objectives.size);
    const rows = [...html.matchAll(/<tbody id="g-([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(rows)).toEqual(keyResults);
    expect(rows.length).toBe(keyResults.size);
    // One style sheet and one script, each allowed by its hash and nothing else; no request can leave the page.
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html.match(/<script>/g)).toHaveLength(1);
    const policy = between(html, '<meta http-equiv="Content-Security-Policy" content="', '">');
    expect(policy).toBe(
      `default-src 'none'; style-src 'sha256-${sha256(between(html, '<style>', '</style>'))}'; script-src 'sha256-${sha256(between(html, '<script>', '</script>'))}'; img-src data:; base-uri 'none'; form-action 'none'`,
    );
    expect(html.match(/\s(?:src|href|action|srcset)="(?!#|data:)[^"]*"/g)).toBeNull();
    // The header: organisation, mission, cycle, day and what it was read from.
    const commit = git(demo, ['rev-parse', '--short=7', 'HEAD']).trim();
    expect(html).toContain('<h1>Acme: goals of 2026-Q4</h1>');
    expect(html).toContain(`Cycle 2026-Q4 (2026-10-01 – 2026-12-31), day 56 of 92 · as of 2026-11-25 · read from the work tree at commit ${commit}</p>`);
    // Every team has its section; history charts, stale key results and recent check-ins are there.
    expect(html.match(/<details class="team"/g)).toHaveLength(12);
    expect(html.match(/<svg viewBox="0 0 240 64" role="img" aria-label="/g)!.length).toBeGreaterThan(30);
    expect(html).toContain('<h2 id="h-stale">Stale key results</h2>');
    expect(html).toMatch(/<p>\d+ check-ins from 2026-11-11 to 2026-11-25, newest first\.<\/p>/);
  });

  it('markdown carries the same content: counts, the tree, a <details> per team with tables and sparklines, stale and recent check-ins', async () => {
    const result = await okr(['report', '--format', 'markdown'], { cwd: demo });
    expect(result.code).toBe(0);
    const md = result.stdout;
    const { objectives, keyResults } = await treeCounts(demo);
    expect(md.startsWith('# Acme: goals of 2026-Q4\n\n**Mission:** Make every payment instant and safe.\n')).toBe(true);
    expect(md).toContain(`- ${objectives.size} objectives: `);
    expect(md).toContain(`- ${keyResults.size} key results: `);
    expect(md.match(/^<details( open)?><summary><b>/gm)).toHaveLength(12);
    expect(md.match(/^#### /gm)).toHaveLength(objectives.size);
    // One table row per key result: its reference's id in code, and 8 cells.
    const rows = md.split('\n').filter((l) => /^\| .* `[\w.-]+` \| /.test(l) && l.split(/(?<!\\)\|/).length === 10);
    expect(rows.length).toBe(keyResults.size);
    expect(md).toMatch(/[▁▂▃▄▅▆▇█]{3,}/);
    for (const heading of ['## Summary', '### Teams, those needing attention first', '## Alignment', '## Teams', '## Stale key results', '## Recent check-ins']) expect(md).toContain(`\n${heading}\n`);
  });

  it('a closed cycle shows its grades (okr close), as okr tree --json has them', async () => {
    const result = await okr(['report', '--cycle', '2026-Q3', '--format', 'markdown'], { cwd: demo });
    expect(result.code).toBe(0);
    const tree = JSON.parse((await okr(['tree', '--cycle', '2026-Q3', '--json'], { cwd: demo })).stdout) as { roots: (TreeNodeJson & { grade: number | null })[]; closed: string };
    const graded: { ref: string; grade: number }[] = [];
    const walk = (n: TreeNodeJson & { grade: number | null }) => {
      if (n.grade !== null) graded.push({ ref: n.ref, grade: n.grade });
      (n.children as (TreeNodeJson & { grade: number | null })[]).forEach(walk);
    };
    tree.roots.forEach(walk);
    expect(graded.length).toBeGreaterThan(0);
    const section = result.stdout.slice(result.stdout.indexOf(`## Grades of 2026-Q3 (closed ${tree.closed})`));
    expect(section.length).toBeLessThan(result.stdout.length);
    for (const { ref, grade } of graded) expect(section).toMatch(new RegExp(`\`${ref}\` \\| ${grade.toFixed(2)} \\|`));
    const html = await okr(['report', '--cycle', '2026-Q3', '-o', '-'], { cwd: demo });
    expect(html.stdout).toContain('<h2 id="h-grades">Grades</h2>');
  });

  it('--team narrows to one team: its section, its line of sight in the tree', async () => {
    const result = await okr(['report', '--team', 'checkout', '--format', 'markdown'], { cwd: demo });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('# Acme: goals of 2026-Q4, team `checkout`');
    expect(result.stdout.match(/^<details( open)?><summary>/gm)).toHaveLength(1);
    const { objectives } = await treeCounts(demo, ['--team', 'checkout']);
    // The tree shows what checkout serves up to the mission: more objectives than checkout's own.
    const treeLines = result.stdout.slice(result.stdout.indexOf('\n## Alignment\n'), result.stdout.indexOf('\n## Teams\n')).split('\n').filter((l) => /^\s*- \*\*/.test(l));
    expect(new Set(treeLines.map((l) => /`([^`]+)`/.exec(l)![1]))).toEqual(objectives);
  });
});

describe('format and destination', () => {
  let dir: string;
  beforeAll(() => {
    dir = hostileFolder();
  });
  const run = (args: string[], tty = false) => okr(['report', ...args], { cwd: dir, tty });
  const kind = (text: string) => (text.startsWith('<!doctype html>') ? 'html' : text.startsWith('# ') ? 'markdown' : 'other');

  it.each([
    [['-o', 'a.md'], 'a.md', 'markdown'],
    [['-o', 'a.markdown'], 'a.markdown', 'markdown'],
    [['-o', 'A.HTML'], 'A.HTML', 'html'],
    [['-o', 'a.htm'], 'a.htm', 'html'],
    [['-o', 'a.txt'], 'a.txt', 'html'],
    [['-o', 'a.txt', '--format', 'markdown'], 'a.txt', 'markdown'],
    [['--output', 'b.md', '-f', 'markdown'], 'b.md', 'markdown'],
  ])('okr report %j writes %s as %s', async (args, file, format) => {
    const result = await run(args);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(kind(readFileSync(join(dir, file), 'utf8'))).toBe(format);
  });

  it('stdout without -o (or with -o -); HTML is not written to a terminal, markdown is', async () => {
    expect(kind((await run([])).stdout)).toBe('html');
    expect(kind((await run(['-o', '-'])).stdout)).toBe('html');
    expect(kind((await run(['--format', 'markdown'], true)).stdout)).toBe('markdown');
    const refused = await run([], true);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'okr: okr report writes an HTML page, which is not for reading in a terminal\n' +
        'Write it to a file (okr report -o report.html, or okr report > report.html), or read markdown here (okr report --format markdown).\n',
    );
  });

  it('refuses a --format that contradicts the file name, and an unknown format, writing nothing', async () => {
    const contradiction = await run(['--format', 'markdown', '-o', 'c.html']);
    expect(contradiction.code).toBe(2);
    expect(contradiction.stderr).toBe('okr: --format markdown does not go with -o c.html, a html file name\nDrop --format, or name the file for markdown (e.g. report.md).\n');
    expect((await run(['--format', 'html', '-o', 'c.md'])).code).toBe(2);
    const unknown = await run(['--format', 'pdf', '-o', 'c.pdf']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("argument 'pdf' is invalid. Allowed choices are html, markdown.");
    expect(readdirSync(dir).filter((f) => f.startsWith('c.'))).toEqual([]);
  });

  it('replaces a file atomically: its mode kept, no temporary file left; a folder that does not exist or a folder as file is an error (exit 1)', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'r.html'), 'old');
    chmodSync(join(out, 'r.html'), 0o640);
    expect((await run(['-o', 'out/r.html'])).code).toBe(0);
    expect(readFileSync(join(out, 'r.html'), 'utf8').startsWith('<!doctype html>')).toBe(true);
    expect(statSync(join(out, 'r.html')).mode & 0o777).toBe(0o640);
    expect(readdirSync(out)).toEqual(['r.html']);

    const missing = await run(['-o', 'nowhere/r.html']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('okr: cannot write the report to nowhere/r.html: its folder does not exist\nName a file in a folder that exists and that you may write to, e.g. -o report.html.\n');
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    const folder = await run(['-o', 'out']);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('okr: cannot write the report to out: it is a folder\n');
    expect(readdirSync(out)).toEqual(['r.html']);
  });

  it('-o is relative to the folder okr runs in, not the workspace (-C)', async () => {
    const elsewhere = tempDir('okr-report-cwd-');
    const result = await okr(['report', '-C', dir, '-o', 'from-elsewhere.md'], { cwd: elsewhere });
    expect(result.code).toBe(0);
    expect(existsSync(join(elsewhere, 'from-elsewhere.md'))).toBe(true);
    expect(existsSync(join(dir, 'from-elsewhere.md'))).toBe(false);
  });
});

describe('hostile text from goal files and git shows as text', () => {
  let dir: string;
  beforeAll(() => {
    dir = hostileRepo();
  });

  it('HTML: every string escaped in text and attributes; control characters shown as escapes', async () => {
    const result = await okr(['report', '-o', '-'], { cwd: dir });
    expect(result.code).toBe(0);
    const html = result.stdout;
    // The page's own script and style only; no tag or attribute smuggled in.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html.match(/<img/g)).toBeNull();
    expect(html).not.toMatch(/<[^>]*\sonerror=/);
    expect(html).not.toMatch(/href="javascript:/);
    expect(html).toContain('&lt;script&gt;alert(4)&lt;/script&gt; &lt;/style&gt; &quot;quoted&quot; &#39;single&#39; &amp; more');
    expect(html).toContain('Acme &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Pay&lt;/summary&gt;&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(html).toContain('<td class="t">Eve &amp; &quot;Mallory&quot; | **@ops**</td>'); // the check-in's author
    expect(html).toContain('edited: errors up &lt;script&gt;alert(8)&lt;/script&gt;'); // a hand edit's subject
    expect(html).toContain('&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;alert(7)&lt;/script&gt;\nsecond line | with pipe'); // the note, its line break kept
    expect(html).not.toContain('\u001b');
    expect(html).not.toContain('\u0007');
    expect(html).toContain('Clear\\u001b[2J screen');
    // In attributes too: the team's name in data-team-name, the chart's label.
    expect(html).toContain('data-team-name="Pay&lt;/summary&gt;&lt;script&gt;alert(3)&lt;/script&gt;"');
  });

  it('markdown: escaped as okr diff escapes it, HTML-escaped inside <summary>, no @mention, tables keep their columns', async () => {
    const result = await okr(['report', '--format', 'markdown'], { cwd: dir });
    expect(result.code).toBe(0);
    const md = result.stdout;
    expect(md).not.toMatch(/(?<!\\)<(script|img|\/style>|\/td>)/);
    expect(md).not.toMatch(/@payments-oncall|@acme\/security/);
    expect(md).toContain('@&#8203;payments-oncall');
    expect(md).toContain('<summary><b>Pay&lt;/summary&gt;&lt;script&gt;alert(3)&lt;/script&gt;</b>');
    expect(md).toContain('\\[latency\\](javascript:alert(5)) \\| \\*\\*bold\\*\\* \\`code\\`');
    expect(md).not.toContain('\u001b');
    for (const line of md.split('\n').filter((l) => l.startsWith('| ') && l.includes('`p95-latency`'))) expect(line.split(/(?<!\\)\|/).length).toBe(10);
    const recent = md.slice(md.indexOf('## Recent check-ins'));
    expect(recent).toContain('| Eve &amp; "Mallory" \\| \\*\\*@&#8203;ops\\*\\* |');
    expect(recent).toContain('edited: errors up \\<script\\>alert(8)\\</script\\>');
    expect(recent).toContain('\\</td\\>\\</tr\\>\\<script\\>alert(7)\\</script\\> second line \\| with pipe');
  });

  it('what a key result says is what the goal files and history say: values, forecast, breach, last check-in', async () => {
    const md = (await okr(['report', '--format', 'markdown'], { cwd: dir })).stdout;
    // p95: 900 (10-01), 800 (10-15), 700 (11-01), 640 (11-20): a forecast from 4 values.
    const p95 = md.split('\n').find((l) => l.includes('`p95-latency`'))!;
    expect(p95).toContain('| 640 ms | 300 ms (from 900) | ');
    expect(p95).toContain('| 0.6 | 2026-11-20 |');
    expect(p95).toMatch(/on pace for \d+% by 2026-12-31/);
    expect(md).toContain(`- ${CONTROL_TITLE.replace('\u001b', '\\\\u001b').replace('[', '\\[')} \`payments/faster-checkout/errors\`: guardrail breached: 0.2, must stay below 0.1`);
  });
});

describe('peer feedback (okr feedback) under the goal it is about', () => {
  const on = (day: string) => ({ GIT_AUTHOR_DATE: `${day}T12:00:00+00:00`, GIT_COMMITTER_DATE: `${day}T12:00:00+00:00` });
  const P95 = 'payments/faster-checkout/p95-latency';

  it('newest first, escaped, with its kind and author; feedback after the day evaluated is left out', async () => {
    const dir = hostileRepo();
    const give = async (day: string, argv: string[]) => expect((await okr(['feedback', ...argv], { cwd: dir, vars: on(day) })).code).toBe(0);
    await give('2026-11-21', [P95, '--kind', 'kudos', '-m', 'Great drop <b>bold</b> @ana']);
    await give('2026-11-22', [P95, '--kind', 'question', '-m', 'Will it hold over the holidays?']);
    await give('2026-11-23', ['payments/faster-checkout', '--kind', 'concern', '-m', 'Scope | looks large']);
    await give('2026-12-01', [P95, '-m', 'From the future']);

    const html = (await okr(['report', '-o', '-'], { cwd: dir })).stdout;
    const p95 = between(html, `<tbody id="g-${P95}"`, '</tbody>');
    expect(p95).toContain('<details class="fb"><summary>2 pieces of feedback</summary>');
    expect(p95.indexOf('Will it hold')).toBeLessThan(p95.indexOf('Great drop'));
    expect(p95).toContain('<li><b>kudos</b> <span class="t">Test Author</span> <small>2026-11-21</small>: <span class="note t">Great drop &lt;b&gt;bold&lt;/b&gt; @ana</span></li>');
    expect(html).not.toContain('From the future');
    const objective = between(html, '<article id="g-payments/faster-checkout"', '<table>');
    expect(objective).toContain('<b>concern</b>');

    const md = (await okr(['report', '--format', 'markdown'], { cwd: dir })).stdout;
    expect(md).toContain('- **question** Test Author, 2026-11-22, on `payments/faster-checkout/p95-latency`: Will it hold over the holidays?');
    expect(md).toContain('- **kudos** Test Author, 2026-11-21, on `payments/faster-checkout/p95-latency`: Great drop \\<b\\>bold\\</b\\> @&#8203;ana');
    expect(md).toContain('- **concern** Test Author, 2026-11-23, on `payments/faster-checkout`: Scope \\| looks large');
    // As of an earlier day, only what was given by then.
    const earlier = (await okr(['report', '--format', 'markdown', '--as-of', '2026-11-21'], { cwd: dir })).stdout;
    expect(earlier).toContain('Great drop');
    expect(earlier).not.toContain('Will it hold');
  });
});

describe('read flags and where the goals come from', () => {
  it('--at reads a revision, --as-of the goals as committed on that day; the page says which', async () => {
    const dir = hostileRepo();
    const at = await okr(['report', '--at', 'HEAD~1', '--format', 'markdown'], { cwd: dir });
    expect(at.code).toBe(0);
    const commit = git(dir, ['rev-parse', '--short=7', 'HEAD~1']).trim();
    expect(at.stdout).toContain(`read from HEAD\\~1 (commit ${commit})`);
    expect(at.stdout).not.toContain('guardrail breached');
    const asOf = await okr(['report', '--as-of', '2026-10-20', '--format', 'markdown'], { cwd: dir });
    expect(asOf.code).toBe(0);
    const then = git(dir, ['rev-list', '-1', '--before=2026-10-20 23:59:59', 'HEAD']).trim();
    expect(asOf.stderr).toContain(`reading the goals as committed on 2026-10-15 (${then.slice(0, 7)})`);
    expect(asOf.stdout).toContain(`as of 2026-10-20 · read from commit ${then.slice(0, 7)}`);
    expect(asOf.stdout.split('\n').find((l) => l.includes('`p95-latency`'))).toContain('| 800 ms |');
  });

  it('the work tree with uncommitted changes to the goals says so', async () => {
    const dir = hostileRepo();
    writeFileSync(join(dir, FILE), readFileSync(join(dir, FILE), 'utf8').replace('current: 640', 'current: 600'));
    const md = (await okr(['report', '--format', 'markdown'], { cwd: dir })).stdout;
    expect(md).toContain(`read from the work tree at commit ${git(dir, ['rev-parse', '--short=7', 'HEAD']).trim()}, with uncommitted changes to the goals`);
    expect(md).toContain('| 600 ms |');
  });

  it('outside git the report is written, and says that history, staleness, forecasts and feedback are unknown', async () => {
    const dir = hostileFolder();
    const md = await okr(['report', '--format', 'markdown'], { cwd: dir });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('read from the goal files (not in git: no history, staleness, forecasts or feedback)');
    expect(md.stdout).toContain('- Stale key results and forecasts: unknown (not in git)');
    expect(md.stdout).toContain('Unknown: check-ins are read from git history, and these goals are not in git.');
    const html = await okr(['report'], { cwd: dir });
    expect(html.stdout).toContain('<b>?</b>stale key results<br><small>unknown without git history</small>');
  });

  it('a repository with no commit yet: the work tree, no history', async () => {
    const dir = makeRepo();
    writeFiles(dir, { 'okr.yaml': 'version: 1\nmission: M\ncycles:\n  - {id: Q, start: "2026-10-01", end: "2026-12-31"}\n', 'teams/a/team.yaml': 'name: A\n', 'teams/a/Q.yaml': 'objectives:\n  - id: o\n    title: O\n    aligns_to: mission\n    key_results:\n      - {id: k, title: K, done: false}\n' });
    const md = await okr(['report', '--format', 'markdown'], { cwd: dir });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('read from the work tree (no commit yet: no history)');
    expect(md.stdout).toContain('- Stale key results and forecasts: unknown (not in git)');
  });

  it('unknown --cycle and --team (exit 2, did you mean), no workspace (exit 2)', async () => {
    const dir = hostileFolder();
    const cycle = await okr(['report', '--cycle', '2026-Q5', '-o', 'x.html'], { cwd: dir });
    expect(cycle.code).toBe(2);
    expect(cycle.stderr).toContain('okr: unknown cycle "2026-Q5": did you mean "2026-Q4"?');
    const team = await okr(['report', '--team', 'paymnts', '-o', 'x.html'], { cwd: dir });
    expect(team.code).toBe(2);
    expect(team.stderr).toContain('no team "paymnts": did you mean "payments"?');
    expect(existsSync(join(dir, 'x.html'))).toBe(false);
    const none = await okr(['report', '-o', 'x.html'], { cwd: tempDir() });
    expect(none.code).toBe(2);
  });

  it('goals with errors: the report is still written, and stderr says how many errors there are', async () => {
    const dir = hostileFolder();
    writeFileSync(join(dir, 'teams/growth/2026-Q4.yaml'), 'objectives: [\n');
    writeFiles(dir, { 'teams/empty/team.yaml': 'name: Empty\n' });
    const result = await okr(['report', '--format', 'markdown'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('okr: the goals have 1 error; run "okr check" for details\n');
    expect(result.stdout).toContain('No objectives in 2026-Q4: Empty, Growth.');
  });

  it('a workspace with no objectives at all still makes a page that says so', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'okr.yaml': 'version: 1\nmission: M\ncycles:\n  - {id: Q, start: "2026-10-01", end: "2026-12-31"}\n' });
    const html = await okr(['report'], { cwd: dir });
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('<p>No team has objectives in Q.</p>');
    expect(html.stdout).toContain('<p>No objectives in Q.</p>');
    expect((await okr(['report', '--format', 'markdown'], { cwd: dir })).stdout).toContain('No team has objectives in Q.');
  });

  it('a large organisation: the summary table holds the 100 teams needing attention most, every team keeps its section; owners named once', async () => {
    const dir = tempDir();
    generateWorkspace(dir, 130);
    const file = join(dir, 'teams', 'team-00005', '2026-Q4.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('        unit: accounts\n', '        unit: accounts\n        owner: kr-owner@bench.example\n'));
    const html = (await okr(['report', '--as-of', '2026-11-25'], { cwd: dir })).stdout;
    const summary = between(html, '<section id="summary"', '</section>');
    expect(summary.match(/<th scope="row">/g)).toHaveLength(100);
    expect(summary).toContain('<a href="#teams">30 more teams</a>, needing less attention');
    expect(html.match(/<details class="team" /g)).toHaveLength(130);
    // The team's owners are said once, in its section, not again on each of its 12 key results.
    expect(html.match(/owner-7@bench\.example/g)).toHaveLength(1);
    const team5 = between(html, 'id="t-team-00005"', '</details>\n');
    expect(team5).toContain('owners owner-5@bench.example');
    expect(team5).toMatch(/<small>k1 · kr-owner@bench\.example<\/small>/);
    expect(team5.match(/kr-owner@bench\.example/g)).toHaveLength(1);
  });

  it('the real process: written to a file, exit 0, help that teaches', async () => {
    const dir = hostileRepo();
    const result = await okrProcess(['report', '-o', 'r.html'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('</html>\n');
    const help = await okrProcess(['report', '--help']);
    expect(help.stdout).toContain('Usage: okr report [options]');
    expect(help.stdout).toContain('$ okr report --format markdown >> "$GITHUB_STEP_SUMMARY"');
  });
});

describe('start-up stays cheap', () => {
  it('only okr report loads the report renderers, and only when it runs', () => {
    const importers: string[] = [];
    const scan = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) scan(path);
        else if (/\.tsx?$/.test(entry.name) && !path.includes(join('render', 'report'))) {
          const text = readFileSync(path, 'utf8');
          for (const m of text.matchAll(/(import\(\s*|from\s+)'([^']*render\/report\/[^']*)'/g)) importers.push(`${path.slice(PROJECT_ROOT.length)} ${m[1]!.startsWith('import') ? 'dynamic' : 'static'}`);
        }
      }
    };
    scan(join(PROJECT_ROOT, 'src'));
    expect(importers).toEqual(['src/commands/report.ts dynamic', 'src/commands/report.ts dynamic']);
  });
});
