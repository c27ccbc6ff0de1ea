import * as os from 'node:os';
import type { BackoffPolicy } from '../common/backoff';
import type { HttpClientOptions } from './http/http-client';
import { lazyHttpClient } from './http/lazy-http-client';
import { RocketChatApi } from './http/rocketchat-api';
import { FileTokenStore } from './keychain/file-token-store';
import { keyringProbeFor } from './keychain/keychain-platform';
import { KeytarTokenStore, loadKeytar } from './keychain/keytar-token-store';
import { whileKeychainReads } from './keychain/while-keychain-reads';
import { LayeredTokenStore, type LayeredTokenStoreOptions } from './keychain/layered-token-store';
import { SerialTokenStore } from './keychain/serial-token-store';
import { keychainServiceName, type TokenStore } from './keychain/token-store';
import { configDir } from './settings/config-dir';
import { JsonSettingsStore } from './settings/settings-store';
import type { LivePresenceFactory } from './session/live-presence';
import type { Scheduler } from './session/scheduler';
import { SignInEngine } from './sign-in-engine';
import type { DdpCallOnce } from './realtime/ddp-call-once';
import type { DdpPasswordLogin } from './realtime/ddp-password-login';
import type { OpenRealtimeSocket } from './realtime/realtime-socket';

/*
 * The realtime code (the DDP client, its message schemas, and `ws` under it) is loaded where a
 * connection opens, not with the engine: one-shot commands never hold one (issue 9 §4,
 * test/cli/cli-module-loads.test.ts).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const ddpCallOnce: DdpCallOnce = (...args) => (require('./realtime/ddp-call-once') as typeof import('./realtime/ddp-call-once')).ddpCallOnce(...args);
const ddpPasswordLogin: DdpPasswordLogin = (...args) => (require('./realtime/ddp-password-login') as typeof import('./realtime/ddp-password-login')).ddpPasswordLogin(...args);
const realtimePresence = () => (require('./realtime/realtime-presence') as typeof import('./realtime/realtime-presence')).realtimePresence;
/* eslint-enable @typescript-eslint/no-require-imports */

export interface EngineOptions {
  env?: NodeJS.ProcessEnv;
  /** The settings folder; by default the one Electron's userData would be (see config-dir). */
  configFolder?: string;
  http?: HttpClientOptions;
  tokens?: TokenStore;
  scheduler?: Scheduler;
  backoff?: BackoffPolicy;
  /** Hold a realtime connection while signed in (the app, `status --watch`); off for one-shot commands. */
  live?: boolean | { silenceLimitMs?: number; probeTimeoutMs?: number; backoff?: BackoffPolicy; openSocket?: OpenRealtimeSocket };
  livePresence?: LivePresenceFactory;
  /** One sentence when the settings file had to be set aside and repaired (CLI: stderr; app: a notification). */
  onSettingsNotice?: (sentence: string) => void;
  /** `--insecure-storage` and its warning; tokens in that file are found whatever this says. */
  insecureStorage?: LayeredTokenStoreOptions;
}

/** The engine wired to the real keychain, settings file and HTTP; shared by the CLI and the app. */
export function createEngine(options: EngineOptions = {}): SignInEngine {
  const env = options.env ?? process.env;
  const folder = options.configFolder ?? configDir(env, process.platform, os.homedir());
  const http = lazyHttpClient(options.http);
  const createApi = (server: string) => new RocketChatApi(server, http);
  const liveOptions = typeof options.live === 'object' ? options.live : {};
  const livePresence = options.livePresence ?? (options.live ? realtimePresence()({ createApi, scheduler: options.scheduler, ...liveOptions }) : undefined);
  // The first request comes right after the first keychain read: axios loads while the keychain answers.
  const keychain = whileKeychainReads(options.tokens ?? new KeytarTokenStore(loadKeytar, keychainServiceName(env), keyringProbeFor(process.platform, env)), http.preload);
  const tokens = new SerialTokenStore(new LayeredTokenStore(FileTokenStore.inFolder(folder), keychain, options.insecureStorage));
  return new SignInEngine({
    tokens,
    settings: new JsonSettingsStore(folder, { savedServers: () => tokens.listServers(), onNotice: options.onSettingsNotice }),
    createApi,
    scheduler: options.scheduler,
    backoff: options.backoff,
    livePresence,
    ddpCall: ddpCallOnce,
    ddpLogin: ddpPasswordLogin,
  });
}
