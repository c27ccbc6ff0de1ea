import type { TokenStore } from './token-store';

/**
 * A keychain read waits on another thread (keytar runs libsecret, the macOS Keychain or Windows'
 * Credential Manager on libuv's thread pool), and the request that follows it needs code not yet
 * loaded. So the first read also starts `work` (loading that code) on this thread, which would
 * otherwise sit idle: the start-up pays for the longer of the two, not both (issue 9 §4).
 * `work` must not throw; a failure is left for the code that needs the result to report.
 */
export function whileKeychainReads(store: TokenStore, work: () => void): TokenStore {
  let started = false;
  return {
    get(server) {
      const answer = store.get(server);
      if (!started) {
        started = true;
        setImmediate(() => {
          try {
            work();
          } catch {
            // Reported by the request that needs it.
          }
        });
      }
      return answer;
    },
    set: (server, credentials) => store.set(server, credentials),
    delete: (server) => store.delete(server),
    ...(store.listServers ? { listServers: () => store.listServers!() } : {}),
  };
}
