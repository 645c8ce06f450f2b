// A command's session with its workspace: where the workspace is (-C, or walking up to okr.yaml),
// the limits the environment sets, its git repository (located once, by the one locator), and
// loading its goals from the work tree, from a revision (--at), or as committed on a day (--as-of).
import type { Environment } from '../env.js';
import { UsageError } from '../errors.js';
import { commitOnDay } from '../git/commit-on-day.js';
import { locateRepository, requireRepository, type Repository } from '../git/repository.js';
import { shallowCommits } from '../git/shallow.js';
import { resolveCommit } from '../git/revisions.js';
import { namesRemotes, remoteOfFile } from '../model/remotes.js';
import { analyzeFiles, analyzeRawFile, assembleUnchecked, assembleWorkspace, type FileAnalysis, type LoadedWorkspace } from '../workspace/load.js';
import { readWorkspaceFolderEach } from '../workspace/folder-reader.js';
import { mayBeSparse } from '../git/sparse-checkout.js';
import { DEFAULT_MAX_FILE_BYTES, goalPaths, mergeGoalFiles, readWorkspaceFolder, readWorkspaceTeam, type RawFile } from '../workspace/source.js';
import { findWorkspaceRoot } from '../workspace/workspace-root.js';

export interface OpenedWorkspace extends LoadedWorkspace {
  /** Absolute path of the folder holding okr.yaml. */
  readonly root: string;
  /** The commit the goals were read from (--at, or the one committed on the --as-of day); absent for the work tree. */
  readonly commit?: string;
}

/** What reading the goals can be asked: a revision, or a day (the options of every read command). */
export interface ReadOptions {
  /** A git revision to read the goals from instead of the work tree (--at). */
  readonly at?: string | undefined;
  /**
   * The day evaluated (--as-of). Without --at, a workspace in git whose goal files have no
   * uncommitted changes is read as committed on that day.
   */
  readonly asOf?: string | undefined;
  /** --fetch: fetch the upstream and members okr.yaml names first (SPEC 13). */
  readonly fetch?: boolean | undefined;
}

/** The goal files of the work tree, and those of them a sparse checkout left out (read from the index). */
export interface WorkTreeFiles {
  readonly files: readonly RawFile[];
  /** Workspace-relative files not in the work tree: okr cannot edit them there. */
  readonly skipped: ReadonlySet<string>;
}

export class Session {
  /** Absolute path of the folder holding okr.yaml. */
  readonly root: string;
  /** The largest goal file read (OKR_MAX_FILE_BYTES, default 1 MiB). */
  readonly maxFileBytes: number;
  private located: Promise<Repository | undefined> | undefined;
  private saidSparse = false;

  constructor(
    readonly env: Environment,
    dir?: string,
  ) {
    this.root = findWorkspaceRoot(env.cwd, dir);
    this.maxFileBytes = maxFileBytes(env);
  }

  /** The git repository holding the workspace, or undefined outside git. */
  repository(): Promise<Repository | undefined> {
    return (this.located ??= locateRepository(this.env, this.root));
  }

  /** The repository, or a DataError saying that `what` needs one. */
  async requireRepository(what?: string): Promise<Repository> {
    return (await this.repository()) ?? requireRepository(this.env, this.root, what);
  }

  /**
   * The goal files of the work tree, as they are now. In a sparse checkout, the goal files it leaves
   * out are read as the index has them (git treats them as unchanged), and stderr says so once: a
   * work tree read alone would miss whole teams without a word.
   */
  async readWorkTree(): Promise<WorkTreeFiles> {
    const files = readWorkspaceFolder(this.root, this.maxFileBytes);
    const more = await this.sparselySkipped();
    if (more.length === 0) return { files, skipped: new Set() };
    return { files: mergeGoalFiles(files, more), skipped: new Set(more.map((f) => f.file)) };
  }

  /**
   * The work tree's goal files analysed, as readWorkTree's would be by analyzeFiles: each file is
   * analysed as soon as it is read, while a reader thread reads the next (workspace/folder-reader.ts).
   */
  async analyzeWorkTree(): Promise<FileAnalysis[]> {
    const analyses: FileAnalysis[] = [];
    const debug = this.env.vars.OKR_DEBUG === '1' ? (message: string) => this.env.stderr.write(`okr: debug: ${message}\n`) : undefined;
    await readWorkspaceFolderEach(
      this.root,
      this.maxFileBytes,
      (raw) => {
        const analysis = analyzeRawFile(raw);
        if (analysis) analyses.push(analysis);
      },
      { debug },
    );
    const more = await this.sparselySkipped();
    if (more.length === 0) return analyses;
    return mergeGoalFiles(analyses, analyzeFiles(more));
  }

  /** In a sparse checkout, the goal files it leaves out, as committed (and stderr says so, once); else none. */
  private async sparselySkipped(): Promise<RawFile[]> {
    if (!mayBeSparse(this.root)) return [];
    const repository = await this.repository();
    const { readSkippedGoalFiles } = await import('../workspace/revision-files.js');
    const more = repository ? await readSkippedGoalFiles(repository, this.maxFileBytes) : [];
    // Files okr ignores (2026-Q4.yml) are warned of by okr check, not counted here.
    const read = more.filter((f) => f.problem?.rule !== 'ignored-file');
    if (read.length > 0 && !this.saidSparse) {
      this.saidSparse = true;
      const names = read.map((f) => f.file);
      this.env.stderr.write(
        `okr: this is a sparse checkout: ${names.length} goal file${names.length === 1 ? ' is' : 's are'} not in the work tree (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}); okr reads ${names.length === 1 ? 'it' : 'them'} as committed\n`,
      );
    }
    return more;
  }

  /** The goals in the work tree, as they are now (a sparse checkout's missing files as committed); this repository's alone. */
  async loadWorkTree(): Promise<OpenedWorkspace> {
    return { root: this.root, ...assembleWorkspace(await this.analyzeWorkTree()) };
  }

  /**
   * The workspace from its files; when okr.yaml names an upstream or members (SPEC 13), with their
   * goals merged in, read from the refs okr fetch wrote (app/federated-workspace.ts).
   */
  private async assemble(analyses: readonly FileAnalysis[], options: ReadOptions, commit?: string): Promise<LoadedWorkspace> {
    const config = analyses.find((a) => a.role?.kind === 'config')?.config;
    if (config === undefined || !namesRemotes(config)) return assembleWorkspace(analyses);
    const { loadFederated, fetchBeforeReading } = await import('./federated-workspace.js');
    const repository = await this.repository();
    if (options.fetch) await fetchBeforeReading(this.env, repository, this.root, config);
    return loadFederated({ env: this.env, repository, maxBytes: this.maxFileBytes, asOf: options.asOf, commit }, analyses, config);
  }

  /** The goals from the work tree, or as they were at a revision (--at) or committed on a day (--as-of). */
  async load(options: ReadOptions = {}): Promise<OpenedWorkspace> {
    return this.loadAt(await this.revisionToRead(options), options);
  }

  /** The revision `load` reads: --at, or the commit of the --as-of day (said on stderr); undefined for the work tree. */
  private async revisionToRead(options: ReadOptions): Promise<string | undefined> {
    if (options.at !== undefined || options.asOf === undefined) return options.at;
    const repository = await this.repository();
    const then = repository && (await commitOnDay(repository.git, goalPaths(repository.prefix), options.asOf, { shallow: shallowCommits(repository.gitDir) !== undefined }));
    if (!then) return undefined;
    this.env.stderr.write(`okr: as of ${options.asOf}: reading the goals as committed on ${then.day} (${then.commit.slice(0, 7)})\n`);
    return then.commit;
  }

  private async loadAt(at: string | undefined, options: ReadOptions): Promise<OpenedWorkspace> {
    if (at === undefined) return { root: this.root, ...(await this.assemble(await this.analyzeWorkTree(), options)) };
    const { commit, files } = await this.readRevision(at);
    return { root: this.root, commit, ...(await this.assemble(analyzeFiles(files), options, commit)) };
  }

  /** The goal files at revision `at` (okr.yaml and one team's alone, given `team`), and the commit it names. */
  private async readRevision(at: string, team?: string): Promise<{ commit: string; files: RawFile[] }> {
    const { readRevisionFiles } = await import('../workspace/revision-files.js');
    const repository = await this.requireRepository();
    const commit = await resolveCommit(repository.git, at);
    return { commit, files: await readRevisionFiles(repository, commit, this.maxFileBytes, team) };
  }

  /**
   * Like load, and says on stderr (one line) how many errors the goals have; read commands carry on.
   * Given `team`, for a command about one of its goals (okr history REF), only okr.yaml and that
   * team's files are read, where they are enough: they are checked on their own (the checks that span
   * teams need every team) and the line counts their errors. Where the team has no folder (a
   * member's team, or a misspelt one whose suggestions need every team), okr.yaml names other
   * repositories (SPEC 13), or the checkout is sparse, the whole workspace is read.
   */
  async loadForReading(options: ReadOptions = {}, team?: string): Promise<OpenedWorkspace> {
    const at = await this.revisionToRead(options);
    const alone = team === undefined ? undefined : await this.loadTeamAt(team, at);
    const opened = alone ?? (await this.loadAt(at, options));
    const errors = opened.findings.filter((f) => f.severity === 'error');
    // Errors in a member's files (named <id>:<file>) are reported by okr check --members.
    const check = errors.some((f) => remoteOfFile(f.target.file) !== undefined) ? 'okr check --members' : 'okr check';
    const whose = alone ? `the files of team ${team}` : 'the goals';
    if (errors.length > 0) this.env.stderr.write(`okr: ${whose} have ${errors.length} error${errors.length === 1 ? '' : 's'}; run "${check}" for details\n`);
    return opened;
  }

  /** okr.yaml and one team's files alone (see loadForReading), or undefined where they are not enough. */
  private async loadTeamAt(team: string, at: string | undefined): Promise<OpenedWorkspace | undefined> {
    if (at === undefined && mayBeSparse(this.root)) return undefined;
    const { commit, files } = at === undefined ? { commit: undefined, files: readWorkspaceTeam(this.root, team, this.maxFileBytes) } : await this.readRevision(at, team);
    const analyses = analyzeFiles(files ?? []);
    const config = analyses.find((a) => a.role?.kind === 'config')?.config;
    const teamFiles = analyses.filter((a) => a.role !== undefined && a.role.kind !== 'config');
    if (config === undefined || namesRemotes(config) || teamFiles.length === 0) return undefined;
    return { root: this.root, ...(commit !== undefined ? { commit } : {}), ...assembleUnchecked(analyses) };
  }
}

/** Opens a session on the workspace at or above `dir` (-C), else the current folder. */
export function openSession(env: Environment, dir?: string): Session {
  return new Session(env, dir);
}

function maxFileBytes(env: Environment): number {
  const raw = env.vars.OKR_MAX_FILE_BYTES;
  if (raw === undefined || raw === '') return DEFAULT_MAX_FILE_BYTES;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new UsageError(
      `OKR_MAX_FILE_BYTES must be a positive whole number of bytes, not "${raw}"`,
      'Set it to e.g. 2097152 (2 MiB), or unset it for the default of 1 MiB.',
    );
  return Number(raw);
}
