import { existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCodeOwner, ownershipOf } from '../../src/model/codeowners.js';
import { codeownersPath, spliceBlock } from '../../src/render/codeowners.js';
import { loadWorkspace } from '../../src/workspace/load.js';
import { okr } from '../support/run-cli.js';
import { commitAll, copyExample, makeRepo } from '../support/temp-repo.js';

const ACME_BLOCK = `# BEGIN okr codeowners: generated from the owners in teams/*/team.yaml. Do not edit between these markers:
# change the owners in team.yaml, then run "okr codeowners --write".
/teams/checkout/ marco.rossi@acme.example @acme/checkout
/teams/engineering/ cto@acme.example @acme/eng-leads
/teams/fraud/ fatima.zahra@acme.example
/teams/go-to-market/ cro@acme.example @jonas-weber
/teams/growth/ dev.patel@acme.example
/teams/mobile/ @kenji sofia.lind@acme.example
/teams/payments/ ana@acme.example
/teams/platform/ li.wei@acme.example @acme/platform
/teams/product/ priya.raman@acme.example
/teams/sales/ olivia.brown@acme.example @acme/sales-leads
/teams/sre/ @acme/sre tomas.novak@acme.example
/teams/support/ support-leads@acme.example
# END okr codeowners
`;

function team(name: string, extra = ''): string {
  return `name: ${name}\n${extra}`;
}

function workspaceOf(files: Record<string, string>) {
  return loadWorkspace(Object.entries(files).map(([file, text]) => ({ file, text }))).workspace;
}

describe('ownershipOf', () => {
  it("gives a team without owners its nearest parent's, and names the teams nobody owns", () => {
    const ws = workspaceOf({
      'okr.yaml': 'version: 1\nmission: M\ncycles: [{id: q, start: 2026-01-01, end: 2026-03-31}]\n',
      'teams/top/team.yaml': team('Top', 'owners: ["@org/leads", lead@example.com, "@org/leads"]\n'),
      'teams/mid/team.yaml': team('Mid', 'parent: top\nowners: []\n'),
      'teams/leaf/team.yaml': team('Leaf', 'parent: mid\n'),
      'teams/lone/team.yaml': team('Lone'),
      'teams/odd/team.yaml': team('Odd', 'owners: ["Ana Lopez", "@-bad", "#not", "@ok-user"]\n'),
      'teams/loop1/team.yaml': team('L1', 'parent: loop2\n'),
      'teams/loop2/team.yaml': team('L2', 'parent: loop1\n'),
    });
    const o = ownershipOf(ws);
    expect(o.rules).toEqual([
      { team: 'leaf', folder: 'teams/leaf/', owners: ['@org/leads', 'lead@example.com'], inheritedFrom: 'top' },
      { team: 'mid', folder: 'teams/mid/', owners: ['@org/leads', 'lead@example.com'], inheritedFrom: 'top' },
      { team: 'odd', folder: 'teams/odd/', owners: ['@ok-user'] },
      { team: 'top', folder: 'teams/top/', owners: ['@org/leads', 'lead@example.com'] },
    ]);
    expect(o.unowned).toEqual(['lone', 'loop1', 'loop2']);
    expect(o.invalid).toEqual([
      ['odd', 'Ana Lopez'],
      ['odd', '@-bad'],
      ['odd', '#not'],
    ]);
  });

  it('accepts emails, @users and @org/teams, nothing that could break a CODEOWNERS line', () => {
    for (const ok of ['a@b.example', 'first.last+tag@sub.example.org', '@user', '@first.last', '@org/team-name', '@org/team_name']) expect(isCodeOwner(ok)).toBe(true);
    for (const bad of ['', '@', 'user', '@user/', '@org/team x', 'a b@c', 'a@b #x', '@user\n/x @evil', '*', '/teams/ @x']) expect(isCodeOwner(bad)).toBe(false);
  });

  it('escapes what CODEOWNERS patterns treat specially in a path', () => {
    expect(codeownersPath('my goals/teams/a/')).toBe('/my\\ goals/teams/a/');
    expect(codeownersPath('x#y/[z]*/')).toBe('/x\\#y/\\[z\\]\\*/');
  });
});

describe('spliceBlock', () => {
  const block = ['# BEGIN okr codeowners: x', '/teams/a/ @a', '# END okr codeowners'];

  it('appends the block after a blank line, keeping every other line and CRLF endings', () => {
    expect(spliceBlock('* @admins\r\n', block).text).toBe('* @admins\r\n\r\n# BEGIN okr codeowners: x\r\n/teams/a/ @a\r\n# END okr codeowners\r\n');
    expect(spliceBlock('', block).text).toBe(block.join('\n') + '\n');
  });

  it('replaces only what is between the markers', () => {
    const before = '# top\n* @admins\n# BEGIN okr codeowners: old\n/teams/old/ @old\n# END okr codeowners\n/docs/ @writers\n';
    const { text, previous } = spliceBlock(before, block);
    expect(text).toBe('# top\n* @admins\n# BEGIN okr codeowners: x\n/teams/a/ @a\n# END okr codeowners\n/docs/ @writers\n');
    expect(previous).toEqual(['# BEGIN okr codeowners: old', '/teams/old/ @old', '# END okr codeowners']);
    expect(spliceBlock(text, block).text).toBe(text);
  });

  it('refuses markers it cannot pair, rather than lose lines', () => {
    expect(() => spliceBlock('# BEGIN okr codeowners\n/keep/ @me\n', block)).toThrow(/line 1 has no "# END okr codeowners"/);
    expect(() => spliceBlock('# END okr codeowners\n# BEGIN okr codeowners\n', block)).toThrow(/not one/);
    expect(() => spliceBlock('# BEGIN okr codeowners\n# END okr codeowners\n# BEGIN okr codeowners\n# END okr codeowners\n', block)).toThrow(/see line 3/);
  });
});

describe('okr codeowners', () => {
  it('prints one line per team folder of the bundled example', async () => {
    const dir = copyExample('acme', { repo: true });
    const result = await okr(['codeowners'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(ACME_BLOCK);
  });

  it('names paths from the repository root when the workspace is a subfolder', async () => {
    const dir = makeRepo({ 'README.md': 'x\n' });
    mkdirSync(join(dir, 'org'));
    renameSync(copyExample('acme'), join(dir, 'org/goals'));
    const result = await okr(['codeowners', '-C', 'org/goals', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.rules[0]).toEqual({ team: 'checkout', path: 'org/goals/teams/checkout/', owners: ['marco.rossi@acme.example', '@acme/checkout'], inherited_from: null });
    expect(json.unowned).toEqual([]);
    const text = await okr(['codeowners'], { cwd: join(dir, 'org/goals/teams') });
    expect(text.stdout).toContain('\n/org/goals/teams/sre/ @acme/sre tomas.novak@acme.example\n');
  });

  it('writes .github/CODEOWNERS, then --check passes; an owner change makes --check fail with the lines that differ', async () => {
    const dir = copyExample('acme', { repo: true });
    const write = await okr(['codeowners', '--write'], { cwd: dir });
    expect(write.code).toBe(0);
    expect(write.stderr).toBe('okr: created .github/CODEOWNERS: 12 team folders\n');
    expect(readFileSync(join(dir, '.github/CODEOWNERS'), 'utf8')).toBe(ACME_BLOCK);

    const check = await okr(['codeowners', '--check'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stdout).toBe('✔ .github/CODEOWNERS is up to date (12 team folders)\n');

    writeFileSync(join(dir, 'teams/fraud/team.yaml'), 'name: Fraud & Risk\nparent: payments\n');
    const stale = await okr(['codeowners', '--check'], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toBe('');
    expect(stale.stderr).toBe(
      [
        'okr: .github/CODEOWNERS is out of date:',
        '  - /teams/fraud/ fatima.zahra@acme.example',
        '  + # fraud names no owners: those of its parent team payments',
        '  + /teams/fraud/ ana@acme.example',
        'Run okr codeowners --write to update it.',
        '',
      ].join('\n'),
    );
    expect((await okr(['codeowners', '--write'], { cwd: dir })).stderr).toBe('okr: updated .github/CODEOWNERS: 12 team folders\n');
    expect((await okr(['codeowners', '--check'], { cwd: dir })).code).toBe(0);
    expect((await okr(['codeowners', '--write'], { cwd: dir })).stderr).toBe('okr: .github/CODEOWNERS is already up to date\n');
  });

  it('updates an existing root CODEOWNERS in place, keeping the lines around the block byte for byte', async () => {
    const dir = copyExample('acme', { repo: true });
    const mine = '# Maintainers\r\n*       @acme/admins\r\n/docs/  @acme/writers   # docs\r\n';
    writeFileSync(join(dir, 'CODEOWNERS'), mine);
    commitAll(dir, 'codeowners');
    expect((await okr(['codeowners', '--write'], { cwd: dir })).code).toBe(0);
    expect(existsSync(join(dir, '.github/CODEOWNERS'))).toBe(false);
    const written = readFileSync(join(dir, 'CODEOWNERS'), 'utf8');
    expect(written.startsWith(mine + '\r\n# BEGIN okr codeowners')).toBe(true);
    expect(written).toBe(mine + '\r\n' + ACME_BLOCK.replace(/\n/g, '\r\n'));
    expect((await okr(['codeowners', '--check'], { cwd: dir })).code).toBe(0);
  });

  it('--write FILE and --check FILE take a path from the current folder', async () => {
    const dir = copyExample('acme', { repo: true });
    expect((await okr(['codeowners', '--write', 'docs/CODEOWNERS'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'docs/CODEOWNERS'), 'utf8')).toBe(ACME_BLOCK);
    expect((await okr(['codeowners', '--check', 'docs/CODEOWNERS'], { cwd: dir })).code).toBe(0);
    expect((await okr(['codeowners', '--check'], { cwd: dir })).code).toBe(0); // found in docs/, as GitHub finds it
  });

  it('--check fails when the file is missing or has no block; broken markers are refused, the file untouched', async () => {
    const dir = copyExample('acme', { repo: true });
    const missing = await okr(['codeowners', '--check'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('okr: .github/CODEOWNERS does not exist\nRun okr codeowners --write to create it with the lines for each team folder.\n');

    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/CODEOWNERS'), '* @acme/admins\n');
    const noBlock = await okr(['codeowners', '--check'], { cwd: dir });
    expect(noBlock.code).toBe(1);
    expect(noBlock.stderr).toMatch(/has no okr block/);

    const broken = '* @acme/admins\n# BEGIN okr codeowners\n/teams/x/ @x\n/src/ @devs\n';
    writeFileSync(join(dir, '.github/CODEOWNERS'), broken);
    for (const flag of ['--write', '--check']) {
      const result = await okr(['codeowners', flag], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^okr: \.github\/CODEOWNERS:2: "# BEGIN okr codeowners" at line 2 has no "# END okr codeowners" after it\nFix the markers by hand/);
    }
    expect(readFileSync(join(dir, '.github/CODEOWNERS'), 'utf8')).toBe(broken);
  });

  it('refuses to write through a symbolic link, and warns about owners it cannot use', async () => {
    const dir = copyExample('acme', { repo: true });
    const outside = join(makeRepo(), 'target');
    writeFileSync(outside, 'x\n');
    mkdirSync(join(dir, '.github'));
    symlinkSync(outside, join(dir, '.github/CODEOWNERS'));
    const result = await okr(['codeowners', '--write'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\.github\/CODEOWNERS is a symbolic link/);
    expect(readFileSync(outside, 'utf8')).toBe('x\n');

    writeFileSync(join(dir, 'teams/sales/team.yaml'), 'name: Sales\nowners: ["Olivia Brown", "@acme/sales"]\n');
    writeFileSync(join(dir, 'teams/support/team.yaml'), 'name: Support\n');
    const printed = await okr(['codeowners'], { cwd: dir });
    expect(printed.code).toBe(0);
    expect(printed.stderr).toBe(
      'okr: warning: the goals have 1 error (run okr check); owners are taken from what could be read\n' +
        'okr: warning: team sales: owner "Olivia Brown" is not an email or an @handle; CODEOWNERS cannot use it\n' +
        'okr: warning: team support has no owners (nor has any parent team): its folder gets no CODEOWNERS line\n',
    );
    expect(printed.stdout).toContain('\n/teams/sales/ @acme/sales\n');
    expect(printed.stdout).toContain("\n# /teams/support/ has no owners: none in its team.yaml or any parent team's\n");
  });

  it('refuses --write with --check, and --json with either (usage, exit 2)', async () => {
    const dir = copyExample('acme', { repo: true });
    expect((await okr(['codeowners', '--write', '--check'], { cwd: dir })).code).toBe(2);
    expect((await okr(['codeowners', '--json', '--check'], { cwd: dir })).code).toBe(2);
  });
});
