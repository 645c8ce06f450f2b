// Fetches one ref of another repository into a ref of this one (SPEC 13), as git moves any data:
// `git fetch --no-tags -- <url> +<ref>:<into>`. The URL has been checked as data by the caller
// (model/remotes.ts); here git itself is held to the same rule: only the https, ssh, git and file
// transports are allowed (never ext::, never a remote helper), no password prompt, no submodules,
// no FETCH_HEAD shared with the user's own fetches, and a time limit.
import type { Git } from './git.js';

/** Transports git may use for okr's fetches, whatever the user's or the system's configuration says. */
const TRANSPORT_CONFIG: readonly string[] = [
  'protocol.allow=never',
  'protocol.https.allow=always',
  'protocol.ssh.allow=always',
  'protocol.git.allow=always',
  'protocol.file.allow=always',
  'protocol.ext.allow=never',
  // A fetch reads goals: it neither runs maintenance in this repository nor follows submodules.
  'fetch.recurseSubmodules=false',
  'gc.auto=0',
  'maintenance.auto=false',
];

export interface FetchRequest {
  /** A URL or an absolute local path, already checked. */
  readonly url: string;
  readonly ref: string;
  /** The local ref to write (refs/okr/<id>). */
  readonly into: string;
  readonly timeoutMs: number;
}

export type FetchOutcome =
  | { readonly ok: true; readonly commit: string }
  | { readonly ok: false; readonly reason: string };

/**
 * ssh asks for passwords and host keys on the terminal itself, where GIT_TERMINAL_PROMPT does not
 * reach: a fetch would wait for an answer until its time limit. Unless the user chose how git runs
 * ssh (GIT_SSH_COMMAND, core.sshCommand, GIT_SSH: git's own order), okr runs it in batch mode, so
 * it fails at once and says why. Asked once per repository.
 */
const SSH_COMMAND = new WeakMap<Git, Promise<readonly string[]>>();

function sshConfig(git: Git): Promise<readonly string[]> {
  let config = SSH_COMMAND.get(git);
  if (!config) {
    config = git.vars.GIT_SSH_COMMAND || git.vars.GIT_SSH
      ? Promise.resolve([])
      : git.run(['config', '--get', 'core.sshCommand']).then((result) => (result.code === 0 && result.stdout.length > 0 ? [] : ['-c', 'core.sshCommand=ssh -o BatchMode=yes']));
    SSH_COMMAND.set(git, config);
  }
  return config;
}

export async function fetchRef(git: Git, request: FetchRequest): Promise<FetchOutcome> {
  const args = [
    ...TRANSPORT_CONFIG.flatMap((setting) => ['-c', setting]),
    ...(await sshConfig(git)),
    'fetch',
    '--no-tags',
    '--no-write-fetch-head',
    '--no-recurse-submodules',
    '--quiet',
    '--',
    request.url,
    `+${request.ref}:${request.into}`,
  ];
  const signal = AbortSignal.timeout(request.timeoutMs);
  let result;
  try {
    result = await git.run(args, { signal });
  } catch (error) {
    if (signal.aborted) return { ok: false, reason: `no answer within ${Math.round(request.timeoutMs / 1000)} s (the time limit; OKR_FETCH_TIMEOUT sets it)` };
    throw error;
  }
  if (result.code !== 0) return { ok: false, reason: firstLine(result.stderr) || `git fetch exited with ${result.code}` };
  const commit = (await git.run(['rev-parse', '--verify', '--quiet', `${request.into}^{commit}`])).stdout.toString('utf8').trim();
  if (!/^[0-9a-f]{40,64}$/.test(commit)) return { ok: false, reason: `${request.ref} is not a commit` };
  return { ok: true, commit };
}

/** git's message, one line, without what a terminal would act on. */
function firstLine(stderr: string): string {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('hint:'));
  return (line ?? '').replace(/^fatal: /, '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 300);
}

/** The commit a local ref points at, or undefined when there is none. */
export async function refCommit(git: Git, ref: string): Promise<string | undefined> {
  const result = await git.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  const commit = result.stdout.toString('utf8').trim();
  return result.code === 0 && commit !== '' ? commit : undefined;
}

/** The last commit of `ref`'s first-parent line committed on or before `day`, or undefined. */
export async function refCommitOnDay(git: Git, ref: string, day: string): Promise<string | undefined> {
  const result = await git.run(['log', '-1', '--first-parent', '--format=%H', `--before=${day} 23:59:59`, ref, '--']);
  const commit = result.stdout.toString('utf8').trim();
  return result.code === 0 && commit !== '' ? commit : undefined;
}

/** The day (YYYY-MM-DD) a commit was committed. */
export async function commitDay(git: Git, commit: string): Promise<string | undefined> {
  const result = await git.run(['log', '-1', '--format=%cs', commit, '--']);
  const day = result.stdout.toString('utf8').trim();
  return result.code === 0 && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined;
}

/** Points `ref` at `commit` (keeps what it names from git gc). */
export async function setRef(git: Git, ref: string, commit: string): Promise<void> {
  await git.text(['update-ref', '--no-deref', ref, commit]);
}

/**
 * Deletes refs in one transaction (all or none), never through a symbolic ref: a link someone
 * made from refs/okr/<id> to a branch deletes the link, not the branch. A ref already gone is fine.
 */
export async function deleteRefs(git: Git, refs: readonly string[]): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (refs.length === 0) return { ok: true };
  const result = await git.run(['update-ref', '--no-deref', '--stdin'], { input: refs.map((ref) => `delete ${ref}\n`).join('') });
  return result.code === 0 ? { ok: true } : { ok: false, reason: firstLine(result.stderr) || `git update-ref exited with ${result.code}` };
}

/** The symbolic refs under `prefix` (e.g. refs/okr/), each with the ref it points to: one git process. */
export async function symbolicRefs(git: Git, prefix: string): Promise<Map<string, string>> {
  const result = await git.run(['for-each-ref', '--format=%(refname)%00%(symref)', prefix]);
  const links = new Map<string, string>();
  if (result.code !== 0) return links;
  for (const line of result.stdout.toString('utf8').split('\n')) {
    const [name, target] = line.split('\0');
    if (name && target) links.set(name, target);
  }
  return links;
}
