import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';

/** O_NOFOLLOW where the platform has it (not Windows, where a planted link needs admin rights). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

export interface PrivateFileOptions {
  /** Mode of the new file; 0600 unless a caller needs others to read it. */
  mode?: number;
  /** Mode of the folder when it has to be created. */
  folderMode?: number;
}

/**
 * Replaces `file` atomically with `contents`, readable only by this user. The temporary file has
 * an unpredictable name and is created exclusively (O_CREAT|O_EXCL, never through a planted link,
 * audit F-11), written, flushed, then renamed over the target, which replaces a link at `file`
 * rather than writing through it. Reusable for any file that may hold something private (the
 * settings, the autostart entry, an --insecure-storage token file).
 */
export async function writePrivateFile(file: string, contents: string | Uint8Array, options: PrivateFileOptions = {}): Promise<void> {
  const folder = path.dirname(file);
  await fs.mkdir(folder, { recursive: true, mode: options.folderMode ?? 0o700 });
  const mode = options.mode ?? 0o600;
  const temporary = path.join(folder, `.${path.basename(file)}.${randomBytes(9).toString('hex')}.tmp`);
  // Created 0600 whatever the final mode, so nobody can open it before it is complete.
  const handle = await fs.open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW, 0o600);
  try {
    try {
      await handle.writeFile(contents);
      // Exactly `mode`, whatever the umask.
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.unlink(temporary).catch(() => undefined);
    throw error;
  }
}

export type CappedRead = { kind: 'missing' } | { kind: 'text'; text: string } | { kind: 'too-large'; bytes: number };

/**
 * Reads a small file without trusting its size: at most `maxBytes` are ever held in memory (a
 * 300 MB settings file once cost the CLI 1 GB, audit F-15). Other failures (EISDIR, EACCES…) throw.
 */
export async function readCappedFile(file: string, maxBytes: number): Promise<CappedRead> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error(`${file} is a folder`), { code: 'EISDIR' });
    if (info.size > maxBytes) return { kind: 'too-large', bytes: info.size };
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { kind: 'too-large', bytes: length };
    return { kind: 'text', text: buffer.subarray(0, length).toString('utf8') };
  } finally {
    await handle.close();
  }
}
