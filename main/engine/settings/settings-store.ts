import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod/mini';

/** Non-secret settings only: never a password, never a token. */
const settingsSchema = z.object({
  version: z.literal(1),
  servers: z.array(z.object({ url: z.string(), lastUsername: z.optional(z.string()) })),
  activeServer: z.optional(z.string()),
  /** The desktop app turned start-at-login on once, or the person chose; their choice then stands. */
  startAtLoginChosen: z.optional(z.boolean()),
});
export type Settings = z.infer<typeof settingsSchema>;

export const EMPTY_SETTINGS: Settings = { version: 1, servers: [] };
export const SETTINGS_FILE_NAME = 'settings.json';

export interface SettingsStore {
  read(): Promise<Settings>;
  update(change: (current: Settings) => Settings): Promise<Settings>;
}

/** A small JSON file, replaced atomically; a damaged file is set aside, never silently lost. */
export class JsonSettingsStore implements SettingsStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly folder: string) {}

  get file(): string {
    return path.join(this.folder, SETTINGS_FILE_NAME);
  }

  async read(): Promise<Settings> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(EMPTY_SETTINGS);
      throw error;
    }
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through: keep the damaged file for the person to inspect
    }
    await fs.rename(this.file, `${this.file}.damaged-${Date.now()}`).catch(() => undefined);
    return structuredClone(EMPTY_SETTINGS);
  }

  update(change: (current: Settings) => Settings): Promise<Settings> {
    // Serialised so two quick updates (login + active server) cannot overwrite each other.
    const next = this.queue.then(async () => {
      const updated = settingsSchema.parse(change(await this.read()));
      await fs.mkdir(this.folder, { recursive: true, mode: 0o700 });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await fs.writeFile(temporary, `${JSON.stringify(updated, null, 2)}\n`, { mode: 0o600 });
      await fs.rename(temporary, this.file);
      return updated;
    });
    this.queue = next.catch(() => undefined);
    return next;
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
