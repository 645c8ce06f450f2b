// Replaces a file's content atomically: the bytes go to a temporary file in the same folder, are
// flushed to disk, and the temporary file is renamed over the old one, so a reader (or a crash)
// sees the old file or the new one, never half of either. The file keeps its mode and, where the
// process may set it, its owner. Every file okr rewrites (goal files, CODEOWNERS) goes through here.
import { chmodSync, chownSync, closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** The mode of the file written (default: the existing file's, else the default for new files). */
  readonly mode?: number;
}

let written = 0;

export function writeFileAtomically(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const existing = statOrUndefined(path);
  const mode = options.mode ?? (existing ? existing.mode & 0o7777 : undefined);
  const temporary = join(dirname(path), `.${basename(path)}.okr-${process.pid}-${(written++).toString(36)}.tmp`);
  try {
    const fd = openSync(temporary, 'wx', mode ?? 0o666);
    try {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode !== undefined) chmodSync(temporary, mode); // the mode given at creation is filtered by the umask
    if (existing) keepOwner(temporary, existing);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Gives the new file the old one's owner and group; only a privileged process may, others keep theirs. */
function keepOwner(path: string, existing: Stats): void {
  const mine = statSync(path);
  if (mine.uid === existing.uid && mine.gid === existing.gid) return;
  try {
    chownSync(path, existing.uid, existing.gid);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EINVAL') throw error;
  }
}
