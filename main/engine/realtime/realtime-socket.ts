import type WebSocket from 'ws';

/** `readyState` of an open socket (ws and WHATWG WebSocket agree). */
export const SOCKET_OPEN = 1;

/** What the DDP client needs of a WebSocket: the subset of `ws`'s API it uses. */
export interface RealtimeSocket {
  readonly readyState: number;
  on(event: 'open' | 'close', listener: () => void): unknown;
  on(event: 'message', listener: (data: { toString(): string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  send(data: string): void;
  close(code?: number): void;
  /** Drops a socket still connecting (it cannot close cleanly). */
  terminate(): void;
}

export interface RealtimeSocketOptions {
  handshakeTimeoutMs: number;
  maxFrameBytes: number;
}

/**
 * How a realtime connection is opened. The CLI and tests use `ws` (Node's network stack); the
 * desktop app injects Electron's `net.WebSocket`, so the system proxy and the OS certificate store
 * apply to live status as they do to REST.
 */
export type OpenRealtimeSocket = (url: string, options: RealtimeSocketOptions) => RealtimeSocket;

/**
 * `ws` is loaded when the first socket opens, not with the engine: one-shot CLI commands hold no
 * live connection and never pay for it (issue 9 §4; test/cli/cli-module-loads.test.ts).
 */
export const openWsSocket: OpenRealtimeSocket = (url, options) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { WebSocket: Ws } = require('ws') as { WebSocket: typeof WebSocket };
  return new Ws(url, { handshakeTimeout: options.handshakeTimeoutMs, maxPayload: options.maxFrameBytes, perMessageDeflate: false });
};
