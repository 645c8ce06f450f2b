// The id git gives a file's content, computed without running git: the work tree's files can then
// be matched with versions in history (okr diff, known versions) by id alone.
import { createHash } from 'node:crypto';

export type BlobHash = 'sha1' | 'sha256';

/** The hash of "blob <size>\0<bytes>" of a text's UTF-8 bytes, as `git hash-object` prints it. */
export function blobId(text: string, algorithm: BlobHash): string {
  return blobIdOfBytes(Buffer.from(text, 'utf8'), algorithm);
}

/** The hash of "blob <size>\0<bytes>", as `git hash-object` prints it. */
export function blobIdOfBytes(bytes: Uint8Array, algorithm: BlobHash): string {
  return createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** The hash a repository uses, told by the length of one of its object ids. */
export function hashOf(objectId: string): BlobHash {
  return objectId.length === 64 ? 'sha256' : 'sha1';
}
