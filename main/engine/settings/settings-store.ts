import { promises as fs, watch as watchFolder } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { withFileLock } from '../files/file-lock';
import { readCappedFile, writePrivateFile } from '../files/private-file';
import { statusSettingsFields } from './status-settings';
import { describeSettingsProblem, salvageSettings, type SettingsProblem } from './settings-repair';

/** Non-secret settings only: never a password, never a token. */
const settingsSchema = z.object({
  version: z.literal(1),
  servers: z.array(z.object({ url: z.string(), lastUsername: z.optional(z.string()) })),
  activeServer: z.optional(z.string()),
  /** The desktop app turned start-at-login on once, or the person chose; their choice then stands. */
  startAtLoginChosen: z.optional(z.boolean()),
  ...statusSettingsFields,
});
export type Settings = z.infer<typeof settingsSchema>;

export const EMPTY_SETTINGS: Settings = { version: 1, servers: [] };
export const SETTINGS_FILE_NAME = 'settings.json';
/** Real settings are a few KiB; anything far larger is not rc-tray's and is never read whole. */
export const SETTINGS_MAX_BYTES = 1024 * 1024;
/** Copies set aside beyond this many (oldest first) are removed. */
const KEEP_SET_ASIDE = 5;

export interface SettingsStore {
  read(): Promise<Settings>;
  update(change: (current: Settings) => Settings): Promise<Settings>;
  /**
   * Runs `critical` under a lock shared by every rc-tray process, named by `key` (one server's
   * keychain item), so a compare-then-change of it cannot interleave with another process's.
   */
  exclusive<T>(key: string, critical: () => Promise<T>): Promise<T>;
  /**
   * Calls `listener` whenever the file is replaced, by this process or another (a status set for a
   * while in another terminal); for long-running views such as `status --watch`. Returns the stop.
   */
  watch?(listener: () => void): () => void;
}

export interface SettingsStoreOptions {
  /** Servers that have a saved sign-in (the keychain's accounts): found again when the file is damaged. */
  savedServers?: () => Promise<string[]>;
  /** One sentence for the person when the file had to be set aside. */
  onNotice?: (sentence: string) => void;
}

type Loaded = { settings: Settings } | { problem: SettingsProblem; raw?: unknown };

/**
 * A small JSON file, replaced atomically and privately (files/private-file). Every
 * read-modify-write holds a lock shared with other rc-tray processes. A file that is damaged,
 * too large, unreadable, from a newer rc-tray, or holding an address that is not one rc-tray
 * would accept when typed is set aside (never silently lost), repaired from what is still valid
 * plus the servers that have a token in the keychain, and said in one sentence.
 */
export class JsonSettingsStore implements SettingsStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly folder: string,
    private readonly options: SettingsStoreOptions = {},
  ) {}

  get file(): string {
    return path.join(this.folder, SETTINGS_FILE_NAME);
  }

  async read(): Promise<Settings> {
    const loaded = await this.load();
    if ('settings' in loaded) return loaded.settings;
    return this.serialised(() => this.locked(() => this.repaired()));
  }

  update(change: (current: Settings) => Settings): Promise<Settings> {
    return this.serialised(() =>
      this.locked(async () => {
        const updated = settingsSchema.parse(change(await this.repaired()));
        await writePrivateFile(this.file, `${JSON.stringify(updated, null, 2)}\n`);
        return updated;
      }),
    );
  }

  /** The folder, not the file: every write replaces the file (rename), which a watch on the file itself would lose. */
  watch(listener: () => void): () => void {
    try {
      const watcher = watchFolder(this.folder, { persistent: false }, (_event, name) => {
        if (name === null || name === SETTINGS_FILE_NAME) listener();
      });
      // A folder removed or unreadable later: the view simply stops following it.
      watcher.on('error', () => watcher.close());
      return () => watcher.close();
    } catch {
      return () => undefined;
    }
  }

  exclusive<T>(key: string, critical: () => Promise<T>): Promise<T> {
    const name = Buffer.from(key).toString('base64url').slice(0, 120);
    return this.withFolder(() => withFileLock(path.join(this.folder, `.lock-${name}`), critical));
  }

  /** Within this process, one at a time (the lock file then orders the processes). */
  private serialised<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.then(operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private locked<T>(critical: () => Promise<T>): Promise<T> {
    return this.withFolder(() => withFileLock(`${this.file}.lock`, critical));
  }

  private async withFolder<T>(operation: () => Promise<T>): Promise<T> {
    await fs.mkdir(this.folder, { recursive: true, mode: 0o700 });
    return operation();
  }

  private async load(): Promise<Loaded> {
    let read;
    try {
      read = await readCappedFile(this.file, SETTINGS_MAX_BYTES);
    } catch (error) {
      return { problem: { kind: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? 'error' } };
    }
    if (read.kind === 'missing') return { settings: structuredClone(EMPTY_SETTINGS) };
    if (read.kind === 'too-large') return { problem: { kind: 'too-large', bytes: read.bytes } };
    let raw: unknown;
    try {
      raw = JSON.parse(read.text);
    } catch {
      return { problem: { kind: 'damaged' } };
    }
    const version = (raw as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > 1) return { problem: { kind: 'newer', version }, raw };
    const parsed = settingsSchema.safeParse(raw);
    if (!parsed.success) return { problem: { kind: 'damaged' }, raw };
    const salvaged = salvageSettings(parsed.data, []);
    if (salvaged.dropped > 0) return { problem: { kind: 'bad-addresses', count: salvaged.dropped }, raw };
    return { settings: parsed.data };
  }

  /** Under the lock: the current settings, repairing the file first if it needs it. */
  private async repaired(): Promise<Settings> {
    const loaded = await this.load();
    if ('settings' in loaded) return loaded.settings;
    const fromKeychain = await this.options.savedServers?.().catch(() => []) ?? [];
    const settings = salvageSettings(loaded.raw, fromKeychain).settings as Settings;
    const aside = await this.setAside(loaded.problem);
    if (aside) await writePrivateFile(this.file, `${JSON.stringify(settings, null, 2)}\n`);
    this.options.onNotice?.(describeSettingsProblem(loaded.problem, { aside, file: this.file, recovered: settings.servers.length }));
    // Not set aside (say, a read-only folder): work from the repaired copy in memory; writes then fail clearly.
    return settings;
  }

  private async setAside(problem: SettingsProblem): Promise<string | undefined> {
    const label = problem.kind === 'newer' ? 'newer' : 'damaged';
    let target = `${this.file}.${label}-${Date.now()}`;
    for (let n = 1; await fs.lstat(target).then(() => true, () => false); n += 1) target = `${this.file}.${label}-${Date.now()}-${n}`;
    try {
      await fs.rename(this.file, target);
    } catch {
      return undefined;
    }
    await this.pruneSetAside(label);
    return path.basename(target);
  }

  private async pruneSetAside(label: string): Promise<void> {
    const prefix = `${SETTINGS_FILE_NAME}.${label}-`;
    const entries = (await fs.readdir(this.folder).catch(() => [] as string[])).filter((name) => name.startsWith(prefix));
    const byAge = entries.sort((a, b) => Number.parseInt(a.slice(prefix.length), 10) - Number.parseInt(b.slice(prefix.length), 10) || a.localeCompare(b));
    for (const name of byAge.slice(0, Math.max(0, byAge.length - KEEP_SET_ASIDE))) {
      await fs.rm(path.join(this.folder, name), { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

export function rememberServer(settings: Settings, url: string, lastUsername?: string): Settings {
  const others = settings.servers.filter((server) => server.url !== url);
  const previous = settings.servers.find((server) => server.url === url);
  const username = lastUsername ?? previous?.lastUsername;
  return { ...settings, servers: [...others, username ? { url, lastUsername: username } : { url }], activeServer: url };
}

/** After an explicit sign-out: the server leaves the list; the default moves to the one used before it. */
export function forgetServer(settings: Settings, url: string): Settings {
  const servers = settings.servers.filter((server) => server.url !== url);
  const activeServer = settings.activeServer === url || settings.activeServer === undefined ? servers.at(-1)?.url : settings.activeServer;
  const { activeServer: _dropped, ...rest } = settings;
  return activeServer ? { ...rest, servers, activeServer } : { ...rest, servers };
}
