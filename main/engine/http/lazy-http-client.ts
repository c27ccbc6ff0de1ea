import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import type { HttpClientOptions } from './http-client';

/** What the REST calls need of axios (an AxiosInstance is one). */
export interface HttpClient {
  request(config: AxiosRequestConfig): Promise<{ status: number; headers: unknown; data: unknown }>;
  readonly defaults: { timeout?: number };
}

export interface LazyHttpClient extends HttpClient {
  /** Loads axios now, if it is not yet: for a moment when this thread would only wait. */
  preload(): void;
}

/**
 * axios, loaded and created on first use: a command that sends nothing (no saved session) never
 * loads it, and the engine can load it while the keychain answers (issue 9 §4). A load that fails
 * is tried again by the next request, which then reports why.
 */
export function lazyHttpClient(options?: HttpClientOptions): LazyHttpClient {
  let client: AxiosInstance | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const real = () => (client ??= (require('./http-client') as typeof import('./http-client')).createHttpClient(options));
  return {
    request(config) {
      return real().request(config);
    },
    get defaults() {
      return real().defaults;
    },
    preload() {
      real();
    },
  };
}
