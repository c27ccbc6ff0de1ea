import axios, { type AxiosAdapter, type AxiosInstance } from 'axios';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS } from './http-limits';

export interface HttpClientOptions {
  /** Per-request limit; a slow server becomes a clear `timeout`, never a hang. */
  timeoutMs?: number;
  /** Bodies above this are abandoned while reading: no server can make rc-tray buffer megabytes. */
  maxBodyBytes?: number;
  /**
   * How requests leave the process. Default: Node's HTTP (CLI, tests). The desktop app passes
   * axios's fetch adapter over Electron's `net.fetch`, so the system proxy and OS trust store apply.
   */
  adapter?: AxiosAdapter | 'fetch' | 'http';
  fetch?: typeof fetch;
  userAgent?: string;
}

export function createHttpClient(options: HttpClientOptions = {}): AxiosInstance {
  return axios.create({
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxContentLength: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxBodyLength: 64 * 1024,
    // A redirect is reported, not followed: a password must go only where the person pointed it.
    maxRedirects: 0,
    // Bodies are read as text and parsed by zod, so an HTML page or a truncated body is a clear error.
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    adapter: options.adapter ?? 'http',
    ...(options.fetch ? { env: { fetch: options.fetch } } : {}),
    headers: {
      Accept: 'application/json',
      'User-Agent': options.userAgent ?? 'rc-tray',
    },
  });
}
