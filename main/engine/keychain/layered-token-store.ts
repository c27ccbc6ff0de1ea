import type { Credentials } from '../http/rocketchat-api';
import type { FileTokenStore } from './file-token-store';
import type { TokenStore } from './token-store';

export interface LayeredTokenStoreOptions {
  /** `login --insecure-storage`: new tokens go to the file, and a keychain that cannot answer is no obstacle. */
  insecure?: boolean;
  /** Said every time a token from the file is used (the CLI warns on stderr). */
  onInsecureUse?: (file: string, server: string) => void;
}

/**
 * The keychain, with the `--insecure-storage` file in front of it: a server found in the file is
 * served from there (so every command finds it, even with no keychain at all); everything else
 * goes to the keychain. A token lives in one place only: storing it in one removes it from the other.
 */
export class LayeredTokenStore implements TokenStore {
  constructor(
    private readonly file: FileTokenStore,
    private readonly keychain: TokenStore,
    private readonly options: LayeredTokenStoreOptions = {},
  ) {}

  async get(server: string): Promise<Credentials | undefined> {
    const fromFile = await this.file.get(server);
    if (fromFile) {
      this.options.onInsecureUse?.(this.file.file, server);
      return fromFile;
    }
    if (this.options.insecure) return this.keychain.get(server).catch(() => undefined);
    return this.keychain.get(server);
  }

  async set(server: string, credentials: Credentials): Promise<void> {
    if (this.options.insecure) {
      await this.file.set(server, credentials);
      this.options.onInsecureUse?.(this.file.file, server);
      await this.keychain.delete(server).catch(() => false);
      return;
    }
    await this.keychain.set(server, credentials);
    await this.file.delete(server);
  }

  async delete(server: string): Promise<boolean> {
    const inFile = await this.file.delete(server);
    if (inFile) {
      await this.keychain.delete(server).catch(() => false);
      return true;
    }
    return this.keychain.delete(server);
  }

  async listServers(): Promise<string[]> {
    const fromKeychain = (await this.keychain.listServers?.().catch(() => [])) ?? [];
    return [...new Set([...(await this.file.listServers().catch(() => [])), ...fromKeychain])];
  }
}
