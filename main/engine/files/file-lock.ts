import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';

export interface FileLockOptions {
  /** A lock older than this is taken to be left by a process that died or hung. */
  staleMs?: number;
  /** Give up waiting after this long (then the caller's update fails with a clear message). */
  waitMs?: number;
  now?: () => number;
  isAlive?: (pid: number) => boolean;
}

export class LockTimeout extends Error {
  constructor(readonly lockFile: string) {
    super(`Another rc-tray process is holding ${lockFile}.`);
    this.name = 'LockTimeout';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `critical` while holding an advisory lock file shared by every rc-tray process (the app
 * and any number of CLI commands), so a read-modify-write of a shared file is never lost (audit
 * F-08). Node only: the lock is a file created with O_EXCL that holds the owner's pid and a
 * random nonce. A lock whose owner is gone, or that is older than `staleMs`, is broken — under a
 * second, short-lived lock, and only if it still holds the same nonce, so two waiters can never
 * both break it and remove a fresh one.
 */
export async function withFileLock<T>(lockFile: string, critical: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? 15_000;
  const waitMs = options.waitMs ?? 30_000;
  const now = options.now ?? Date.now;
  const isAlive = options.isAlive ?? processIsAlive;
  const nonce = `${process.pid} ${randomBytes(8).toString('hex')}`;
  const started = now();
  for (let attempt = 0; ; attempt += 1) {
    if (await tryCreate(lockFile, nonce)) break;
    await breakIfStale(lockFile, staleMs, now, isAlive);
    if (now() - started > waitMs) throw new LockTimeout(lockFile);
    await sleep(Math.min(50, 2 + attempt * 2) * (0.5 + Math.random()));
  }
  try {
    return await critical();
  } finally {
    const held = await fs.readFile(lockFile, 'utf8').catch(() => '');
    if (held === nonce) await fs.unlink(lockFile).catch(() => undefined);
  }
}

async function tryCreate(lockFile: string, content: string): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(lockFile, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  return true;
}

async function breakIfStale(lockFile: string, staleMs: number, now: () => number, isAlive: (pid: number) => boolean): Promise<void> {
  const seen = await inspect(lockFile);
  if (!seen) return;
  const ownerGone = seen.pid !== undefined && seen.pid !== process.pid && !isAlive(seen.pid);
  // An empty file is a holder between create and write: only age can make it stale.
  if (!ownerGone && now() - seen.mtimeMs < staleMs) return;
  const breaker = `${lockFile}.break`;
  const breakerInfo = await fs.lstat(breaker).catch(() => undefined);
  if (breakerInfo && now() - breakerInfo.mtimeMs > staleMs) await fs.unlink(breaker).catch(() => undefined);
  if (!(await tryCreate(breaker, String(process.pid)))) return;
  try {
    const again = await inspect(lockFile);
    if (again && again.content === seen.content && again.mtimeMs === seen.mtimeMs) await fs.unlink(lockFile).catch(() => undefined);
  } finally {
    await fs.unlink(breaker).catch(() => undefined);
  }
}

async function inspect(lockFile: string): Promise<{ content: string; pid?: number; mtimeMs: number } | undefined> {
  try {
    const [content, info] = await Promise.all([fs.readFile(lockFile, 'utf8'), fs.lstat(lockFile)]);
    const pid = Number.parseInt(content.split(' ')[0] ?? '', 10);
    return { content, pid: Number.isInteger(pid) && pid > 0 ? pid : undefined, mtimeMs: info.mtimeMs };
  } catch {
    return undefined;
  }
}
