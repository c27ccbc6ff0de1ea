import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { createEngine, type EngineOptions } from '../../main/engine/create-engine';
import { KeytarTokenStore, loadKeytar } from '../../main/engine/keychain/keytar-token-store';
import type { SignInEngine } from '../../main/engine/sign-in-engine';
import { startTestServer, type TestServer, type TestServerOptions } from '../server/rocketchat-test-server';

export interface EngineFixture {
  server: TestServer;
  engine: SignInEngine;
  configFolder: string;
  keychainService: string;
  tokens: KeytarTokenStore;
  env: NodeJS.ProcessEnv;
  /** Another engine on the same settings and keychain: what the next start of the app sees. */
  restart(options?: Partial<EngineOptions>): SignInEngine;
}

/**
 * A real test server, a private settings folder and a keychain service of its own in the
 * (private, per-run) Secret Service; everything is removed when the test ends.
 */
export async function engineFixture(
  t: TestContext,
  options: { server?: TestServerOptions; engine?: Partial<EngineOptions> } = {},
): Promise<EngineFixture> {
  const server = await startTestServer(options.server);
  const configFolder = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-config-'));
  const keychainService = `rc-tray-test-${randomBytes(6).toString('hex')}`;
  const env = { ...process.env, RC_TRAY_CONFIG_DIR: configFolder, RC_TRAY_KEYCHAIN_SERVICE: keychainService };
  const tokens = new KeytarTokenStore(loadKeytar, keychainService);
  const engines: SignInEngine[] = [];
  const make = (extra: Partial<EngineOptions> = {}) => {
    const engine = createEngine({ env, http: { timeoutMs: 3_000 }, ...options.engine, ...extra });
    engines.push(engine);
    return engine;
  };
  const engine = make();
  t.after(async () => {
    engines.forEach((each) => each.dispose());
    await server.close();
    await tokens.delete(server.url).catch(() => false);
    // A settings write an engine started just before the end may still be landing: retry.
    await rm(configFolder, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  });
  return { server, engine, configFolder, keychainService, tokens, env, restart: make };
}

export function loginRequests(server: TestServer): number {
  return server.requests().filter((request) => request.path === '/api/v1/login').length;
}
