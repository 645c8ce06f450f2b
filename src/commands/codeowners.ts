// okr codeowners: the CODEOWNERS lines that give each team's folder to its owners; prints them,
// writes them between markers into the repository's CODEOWNERS, or checks that file is current.
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { writeJson } from '../app/output.js';
import { openSession } from '../app/session.js';
import type { CodeownersArguments, CodeownersOptions } from '../definitions/codeowners.js';
import type { Environment } from '../env.js';
import { DataError, ExitCode, UsageError } from '../errors.js';
import { ownershipOf, type Ownership } from '../model/codeowners.js';
import { BrokenBlock, currentBlock, lineChanges, renderCodeownersBlock, spliceBlock } from '../render/codeowners.js';
import { defaultCodeownersFile, readTextFile, writeCodeownersFile } from '../workspace/codeowners-file.js';

export default async function codeowners(env: Environment, _args: CodeownersArguments, options: CodeownersOptions): Promise<number> {
  if (options.write !== undefined && options.check !== undefined)
    throw new UsageError('--write and --check cannot be used together', 'Run okr codeowners --write to update the file, or --check to test it.');
  if (options.json && (options.write !== undefined || options.check !== undefined))
    throw new UsageError('--json prints the rules; it cannot be combined with --write or --check');

  const session = openSession(env, options.dir);
  const opened = await session.loadWorkTree();
  const errors = opened.findings.filter((f) => f.severity === 'error').length;
  if (errors) env.stderr.write(`okr: warning: the goals have ${errors} error${errors === 1 ? '' : 's'} (run okr check); owners are taken from what could be read\n`);
  const ownership = ownershipOf(opened.workspace);
  warnAboutOwners(env, ownership);
  // Paths are relative to the repository root, so a workspace in a subfolder works too.
  const repository = await session.repository();
  const pathOf = (file: string) => `${repository?.prefix ?? ''}${file}`;
  const block = renderCodeownersBlock(ownership, pathOf);

  if (options.json) {
    const json = {
      rules: ownership.rules.map((r) => ({ team: r.team, path: pathOf(r.folder), owners: r.owners, inherited_from: r.inheritedFrom ?? null })),
      unowned: ownership.unowned,
    };
    writeJson(env, json);
    return ExitCode.ok;
  }
  if (options.write === undefined && options.check === undefined) {
    env.stdout.write(block.join('\n') + '\n');
    return ExitCode.ok;
  }

  const repositoryRoot = repository?.top ?? opened.root;
  const requested = options.write ?? options.check;
  const file = typeof requested === 'string' ? resolve(env.cwd, requested) : defaultCodeownersFile(repositoryRoot);
  const shown = displayPath(env.cwd, file);
  refuseLink(file, shown);
  refuseLeavingRepository(file, repositoryRoot, shown);
  refuseNonFile(file, shown);
  const existing = readTextFile(file);

  if (options.check !== undefined) {
    if (existing === undefined)
      throw new DataError(`${shown} does not exist`, 'Run okr codeowners --write to create it with the lines for each team folder.');
    const current = withBrokenBlockAsError(() => currentBlock(existing), shown);
    if (current === undefined) {
      env.stderr.write(`okr: ${shown} has no okr block: the team folders have no owners there\n`);
      env.stderr.write('Run okr codeowners --write to add it.\n');
      return ExitCode.dataError;
    }
    if (current.join('\n') === block.join('\n')) {
      env.stdout.write(`✔ ${shown} is up to date (${ownership.rules.length} team folder${ownership.rules.length === 1 ? '' : 's'})\n`);
      return ExitCode.ok;
    }
    env.stderr.write(`okr: ${shown} is out of date:\n`);
    for (const line of lineChanges(current, block)) env.stderr.write(`  ${line}\n`);
    env.stderr.write('Run okr codeowners --write to update it.\n');
    return ExitCode.dataError;
  }

  const spliced = withBrokenBlockAsError(() => spliceBlock(existing ?? '', block), shown);
  if (existing === spliced.text) {
    env.stderr.write(`okr: ${shown} is already up to date\n`);
    return ExitCode.ok;
  }
  try {
    writeCodeownersFile(file, spliced.text);
  } catch (error) {
    throw new DataError(`cannot write ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'Check that the folder exists and is writable.');
  }
  env.stderr.write(
    `okr: ${existing === undefined ? 'created' : 'updated'} ${shown}: ${ownership.rules.length} team folder${ownership.rules.length === 1 ? '' : 's'}\n`,
  );
  return ExitCode.ok;
}

function warnAboutOwners(env: Environment, ownership: Ownership): void {
  for (const [team, owner] of ownership.invalid)
    env.stderr.write(`okr: warning: team ${team}: owner ${JSON.stringify(owner)} is not an email or an @handle; CODEOWNERS cannot use it\n`);
  for (const team of ownership.unowned)
    env.stderr.write(`okr: warning: team ${team} has no owners (nor has any parent team): its folder gets no CODEOWNERS line\n`);
}

function withBrokenBlockAsError<T>(f: () => T, shown: string): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof BrokenBlock)
      throw new DataError(`${shown}:${error.line}: ${error.message}`, 'Fix the markers by hand (or delete the okr block), then run okr codeowners --write.');
    throw error;
  }
}

function refuseLink(file: string, shown: string): void {
  try {
    if (lstatSync(file).isSymbolicLink())
      throw new DataError(`${shown} is a symbolic link`, 'okr does not write through links: point --write at the file itself.');
  } catch (error) {
    if (error instanceof DataError) throw error;
  }
}

/**
 * A path inside the repository whose folder leads out of it through a link (a `.github` that links
 * elsewhere) is refused: okr writes only where it says it writes.
 */
function refuseLeavingRepository(file: string, repositoryRoot: string, shown: string): void {
  const root = realpathSync(repositoryRoot);
  if (!isInside(resolve(file), resolve(repositoryRoot)) && !isInside(resolve(file), root)) return; // a path the user chose outside
  let folder = dirname(resolve(file));
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  const real = realpathSync(folder);
  if (!isInside(real, root))
    throw new DataError(`${shown} leads out of the repository (its folder is a link to ${real})`, 'okr does not write through links: make the folder a real one, or name the file with --write <file>.');
}

/** A CODEOWNERS that is a folder (or anything but a file) is refused with what it is. */
function refuseNonFile(file: string, shown: string): void {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return; // does not exist yet
  }
  if (!stat.isFile()) throw new DataError(`${shown} is ${stat.isDirectory() ? 'a directory' : 'not a regular file'}`, 'CODEOWNERS must be a file: remove or rename what is there, or name another file with --write <file>.');
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function displayPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel.split(sep).join('/') : file;
}
