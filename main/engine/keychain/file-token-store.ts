import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { SignInFailure } from '../../common/sign-in-error';
import { signInError } from '../../common/sign-in-messages';
import { writePrivateFile } from '../files/private-file';
import type { Credentials } from '../http/rocketchat-api';
import type { TokenStore } from './token-store';

/** The file `login --insecure-storage` keeps tokens in, inside the config folder. */
export const INSECURE_TOKEN_FILE = 'insecure-tokens.json';

const MAX_BYTES = 256 * 1024;
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

const credentialsSchema = z.object({
  userId: z.string().check(z.minLength(1)),
  authToken: z.string().check(z.minLength(1)),
  kind: z.optional(z.literal('personal-access-token')),
});
const fileSchema = z.object({ version: z.literal(1), servers: z.record(z.string(), credentialsSchema) });
type TokenFile = z.infer<typeof fileSchema>;

/** Its own sentence (not the keychain's advice): the way out is to look at that file. */
function refused(problem: string): SignInFailure {
  return new SignInFailure({ code: 'keychain-unavailable', message: `rc-tray cannot use its token file: ${problem}.` });
}

/**
 * Tokens in a plain file readable by this user alone (0600, written through the private-file
 * writer: never through a planted link), for machines with no keychain, and only when the person
 * asks (`gh auth login --insecure-storage` does the same). A link or anything odd in its place is
 * refused, not followed.
 */
export class FileTokenStore implements TokenStore {
  constructor(readonly file: string) {}

  static inFolder(folder: string): FileTokenStore {
    return new FileTokenStore(path.join(folder, INSECURE_TOKEN_FILE));
  }

  async get(server: string): Promise<Credentials | undefined> {
    return (await this.read())?.servers[server];
  }

  async has(server: string): Promise<boolean> {
    return (await this.get(server)) !== undefined;
  }

  async set(server: string, credentials: Credentials): Promise<void> {
    const current = (await this.read()) ?? { version: 1, servers: {} };
    const item: Credentials = { userId: credentials.userId, authToken: credentials.authToken };
    if (credentials.kind) item.kind = credentials.kind;
    await this.write({ ...current, servers: { ...current.servers, [server]: item } });
  }

  async delete(server: string): Promise<boolean> {
    const current = await this.read();
    if (!current || !(server in current.servers)) return false;
    const { [server]: _removed, ...servers } = current.servers;
    if (Object.keys(servers).length === 0) await fs.unlink(this.file);
    else await this.write({ ...current, servers });
    return true;
  }

  async listServers(): Promise<string[]> {
    return Object.keys((await this.read())?.servers ?? {});
  }

  private async write(contents: TokenFile): Promise<void> {
    await writePrivateFile(this.file, `${JSON.stringify(contents, null, 2)}\n`, { mode: 0o600 });
  }

  /** Undefined when there is no file. */
  private async read(): Promise<TokenFile | undefined> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.file, constants.O_RDONLY | NO_FOLLOW);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      if (code === 'ELOOP' || code === 'EMLINK') throw refused(`${this.file} is a link, which rc-tray does not follow: remove it`);
      throw refused(`${this.file} cannot be read`);
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw refused(`${this.file} is not a file`);
      if (info.size > MAX_BYTES) throw refused(`${this.file} is too large to be rc-tray's`);
      const parsed = fileSchema.safeParse(JSON.parse(await handle.readFile('utf8')));
      if (!parsed.success) throw refused(`${this.file} is damaged: remove it and sign in again`);
      return parsed.data;
    } catch (error) {
      if (error instanceof SignInFailure) throw error;
      throw refused(`${this.file} is damaged: remove it and sign in again`);
    } finally {
      await handle.close();
    }
  }
}
