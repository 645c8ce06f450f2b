// Goals across repositories (SPEC 13): the other repositories a workspace reads goals from, its
// `upstream` (the organisation above it) and its `members` (the repositories of its teams), and
// the rules their URLs, refs and paths must keep before git ever sees them. Pure validation: a
// value from okr.yaml is data, never an option, a transport program or a credential.

/** The id the upstream is fetched under (refs/okr/upstream); no member may have it. */
export const UPSTREAM_ID = 'upstream';

/** The local ref a remote workspace is fetched into. */
export function fetchedRef(id: string): string {
  return `refs/okr/${id}`;
}

/**
 * Why git could not name refs/okr/<id>, or undefined: ids may hold "." (the schema allows
 * `a..b`, `x.` and `x.lock`), and git's ref names may not hold "..", nor end in "." or ".lock".
 */
export function refNameProblem(id: string): string | undefined {
  if (id.includes('..') || id.endsWith('.') || id.endsWith('.lock')) return `git cannot name the ref ${fetchedRef(id)} (no ".." in it, and no "." or ".lock" at its end)`;
  return undefined;
}

/** The local ref holding what a remote workspace was before the last fetch that changed it. */
export function previousRef(id: string): string {
  return `refs/okr-prev/${id}`;
}

/** A URL okr may hand to git: which transport, or why not. */
export type UrlVerdict = { readonly ok: true; readonly transport: 'https' | 'ssh' | 'git' | 'file' | 'local' } | { readonly ok: false; readonly reason: string };

const ALLOWED_SCHEMES = new Set(['https', 'ssh', 'git', 'file']);
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks a URL or local path as data: only https, ssh, git and file URLs, scp-like ssh addresses
 * (`git@host:org/repo.git`) and local paths; never a remote helper (`ext::sh -c ...`, `fd::`,
 * any `<transport>::`), never a value git would read as an option, never a password or token
 * written into the URL (it would be stored in okr.yaml and printed in messages).
 */
export function checkRemoteUrl(url: string): UrlVerdict {
  const no = (reason: string): UrlVerdict => ({ ok: false, reason });
  if (url.trim() === '') return no('the URL is empty');
  if (url !== url.trim()) return no('the URL starts or ends with white space');
  if (CONTROL.test(url)) return no('the URL holds control characters');
  if (url.startsWith('-')) return no('the URL starts with "-": git would read it as an option');
  if (/^[A-Za-z0-9+.-]*::/.test(url)) return no(`"${url.slice(0, url.indexOf('::') + 2)}" is a git remote helper: it runs a program, and okr allows only https, ssh, git and file URLs`);
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url);
  if (scheme) {
    const name = scheme[1]!.toLowerCase();
    if (!ALLOWED_SCHEMES.has(name)) return no(`the "${name}" transport is not allowed: use an https, ssh, git or file URL`);
    const rest = url.slice(scheme[0].length);
    const authority = rest.split(/[/?#]/, 1)[0]!;
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      if (name !== 'ssh' || userinfo.includes(':'))
        return no('the URL holds credentials (a user name or token before "@"): okr never stores them; use a credential helper or an SSH key');
    }
    if (name !== 'file' && authority.slice(at + 1) === '') return no('the URL names no host');
    if (authority.slice(at + 1).startsWith('-')) return no('the host starts with "-": git would read it as an option');
    return { ok: true, transport: name as 'https' | 'ssh' | 'git' | 'file' };
  }
  // scp-like ssh: [user@]host:path (git reads a user before an "@", then the host up to a colon before any slash).
  const slash = url.indexOf('/');
  const head = slash < 0 ? url : url.slice(0, slash);
  const at = head.lastIndexOf('@');
  const colon = url.indexOf(':', at + 1);
  if (colon > at + 1 && (slash < 0 || colon < slash) && !/^[A-Za-z]:[\\/]/.test(url)) {
    if (url.slice(0, Math.max(at, 0)).includes(':')) return no('the URL holds credentials: okr never stores them; use an SSH key');
    const host = url.slice(at + 1, colon);
    if (host.startsWith('-')) return no('the host starts with "-": git would read it as an option');
    return { ok: true, transport: 'ssh' };
  }
  return { ok: true, transport: 'local' };
}

/**
 * Checks a ref to fetch (`main`, `refs/heads/main`, `v1`, `HEAD`): git's ref-name rules, and
 * nothing git could read as an option or a refspec (`+`, `:`, `^`, `~`, `*`).
 */
export function checkRemoteRef(ref: string): string | undefined {
  if (ref === '') return 'the ref is empty';
  if (ref.startsWith('-')) return 'the ref starts with "-": git would read it as an option';
  if (!/^[A-Za-z0-9._/-]+$/.test(ref)) return 'a ref holds only letters, digits, ".", "_", "-" and "/"';
  if (ref.split('/').some((part) => part === '' || part.startsWith('.') || part.endsWith('.lock')))
    return 'a ref has no empty parts, no part starting with "." and none ending in ".lock"';
  if (ref.includes('..') || ref.endsWith('.')) return 'a ref holds no ".." and does not end with "."';
  return undefined;
}

/** Normalises the folder of a remote workspace (`.` and `./x/` are '' and `x/`), or says why it cannot be used. */
export function normaliseRemotePath(path: string): { path: string } | { problem: string } {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return { problem: 'the path is absolute: give the folder inside the repository, e.g. "goals"' };
  if (path.includes('\\') || CONTROL.test(path)) return { problem: 'the path holds a backslash or control characters' };
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) return { problem: 'the path leads out of the repository ("..")' };
  if (parts.some((part) => part.startsWith('-'))) return { problem: 'a part of the path starts with "-"' };
  return { path: parts.length === 0 ? '' : `${parts.join('/')}/` };
}

/** The name okr gives a remote workspace's file: `<id>:<file>`. */
export function remoteFileName(id: string, file: string): string {
  return `${id}:${file}`;
}

/** The remote a file name belongs to (`mobile` of `mobile:teams/ios/team.yaml`), or undefined for a local file. */
export function remoteOfFile(file: string): string | undefined {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63}):/.exec(file);
  return m ? m[1] : undefined;
}

/** Whether okr.yaml names other repositories to read goals from (an upstream, members). */
export function namesRemotes(config: { readonly upstream?: unknown; readonly members?: readonly unknown[] } | undefined): boolean {
  return config !== undefined && (config.upstream !== undefined || (config.members?.length ?? 0) > 0);
}
