import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { createEngine, type EngineOptions } from '../../main/engine/create-engine';
import { KeytarTokenStore, loadKeytar } from '../../main/engine/keychain/keytar-token-store';
import type { SignInEngine } from '../../main/engine/sign-in-engine';
import { startHostileServer, type HostileOptions, type HostileServer } from './hostile-server';

export interface HostileWorld {
  server: HostileServer;
  engine: SignInEngine;
  tokens: KeytarTokenStore;
  env: NodeJS.ProcessEnv;
  configFolder: string;
  make(options?: Partial<EngineOptions>): SignInEngine;
}

/** A hostile server, a private settings folder and a keychain service of its own (real Secret Service). */
export async function hostileWorld(t: TestContext, options: HostileOptions = {}, engineOptions: Partial<EngineOptions> = {}): Promise<HostileWorld> {
  const server = await startHostileServer(options);
  const configFolder = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-hostile-'));
  const service = `rc-tray-hostile-${randomBytes(6).toString('hex')}`;
  const env = { ...process.env, RC_TRAY_CONFIG_DIR: configFolder, RC_TRAY_KEYCHAIN_SERVICE: service };
  const tokens = new KeytarTokenStore(loadKeytar, service);
  const engines: SignInEngine[] = [];
  const make = (extra: Partial<EngineOptions> = {}) => {
    const engine = createEngine({ env, http: { timeoutMs: 3_000 }, ...engineOptions, ...extra });
    engines.push(engine);
    return engine;
  };
  const engine = make();
  t.after(async () => {
    engines.forEach((each) => each.dispose());
    await server.close();
    await tokens.delete(server.url).catch(() => false);
    await rm(configFolder, { recursive: true, force: true });
  });
  return { server, engine, tokens, env, configFolder, make };
}

export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
