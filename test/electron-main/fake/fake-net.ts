import * as http from 'node:http';
import * as https from 'node:https';
import WsWebSocket from 'ws';
import { Emitter, refuse } from './emitter';

/**
 * Chromium reports a failed request as `Error(netErrorString)` with no `code` (lib/common/api/
 * net-client-request.ts, `_urlLoader.on('error')`). The strings follow Chromium's
 * net/base/net_errors_posix.cc mapping of the socket errors Node sees on the same loopback.
 */
const NET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'net::ERR_CONNECTION_REFUSED',
  ENOTFOUND: 'net::ERR_NAME_NOT_RESOLVED',
  EAI_AGAIN: 'net::ERR_NAME_NOT_RESOLVED',
  ETIMEDOUT: 'net::ERR_TIMED_OUT',
  ECONNRESET: 'net::ERR_CONNECTION_RESET',
  EPIPE: 'net::ERR_CONNECTION_RESET',
  EHOSTUNREACH: 'net::ERR_ADDRESS_UNREACHABLE',
  ENETUNREACH: 'net::ERR_INTERNET_DISCONNECTED',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'net::ERR_CERT_AUTHORITY_INVALID',
  SELF_SIGNED_CERT_IN_CHAIN: 'net::ERR_CERT_AUTHORITY_INVALID',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'net::ERR_CERT_AUTHORITY_INVALID',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'net::ERR_CERT_AUTHORITY_INVALID',
  CERT_HAS_EXPIRED: 'net::ERR_CERT_DATE_INVALID',
  ERR_TLS_CERT_ALTNAME_INVALID: 'net::ERR_CERT_COMMON_NAME_INVALID',
  EPROTO: 'net::ERR_SSL_PROTOCOL_ERROR',
};

export function chromiumNetError(error: unknown): Error {
  const candidate = error as { code?: unknown; cause?: { code?: unknown }; message?: unknown };
  const code = typeof candidate?.cause?.code === 'string' ? candidate.cause.code : typeof candidate?.code === 'string' ? candidate.code : undefined;
  if (code && NET_ERRORS[code]) return new Error(NET_ERRORS[code]);
  if (/socket hang up/.test(String(candidate?.message))) return new Error('net::ERR_EMPTY_RESPONSE');
  return new Error('net::ERR_FAILED');
}

export interface NetReadiness {
  isReady(): boolean;
}

/** lib/browser/api/net.ts: `fetch` is `session.defaultSession.fetch`, which throws before ready. */
const SESSION_NOT_READY = 'Session can only be received when app is ready';

/**
 * `net.fetch` as Chromium's stack runs it (lib/browser/api/net-fetch.ts over ClientRequest):
 * redirect 'manual' is cancelled ("Redirect was cancelled", net-client-request.ts:477-493;
 * electron/electron#43715: working as documented), and errors are `Error('net::ERR_…')`.
 */
export function fakeNetFetch(readiness: NetReadiness, calls: { count: number }): (input: string | Request, init?: RequestInit) => Promise<Response> {
  return async (input, init) => {
    if (!readiness.isReady()) refuse(SESSION_NOT_READY, 'TypeError');
    calls.count += 1;
    const request = new Request(input, init);
    let response: Response;
    try {
      response = await fetch(request, { redirect: request.redirect === 'follow' ? 'follow' : 'manual' });
    } catch (error) {
      if (request.signal.aborted) throw request.signal.reason ?? error;
      throw chromiumNetError(error);
    }
    if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
      await response.body?.cancel();
      if (request.redirect === 'error') throw new Error("Attempted to redirect, but redirect policy was 'error'");
      if (request.redirect === 'manual') throw new Error('Redirect was cancelled');
    }
    return response;
  };
}

export interface ClientRequestOptions {
  method?: string;
  url: string;
  redirect?: 'follow' | 'error' | 'manual';
  headers?: Record<string, string>;
}

/**
 * `net.request` (docs/api/client-request.md, lib/common/api/net-client-request.ts) over Node's
 * HTTP on loopback: 'redirect' in manual mode is cancelled unless `followRedirect()` (or
 * `abort()`) is called synchronously in the listener; errors are Chromium's strings.
 */
export class FakeClientRequest extends Emitter {
  private readonly headers: Record<string, string>;
  private readonly chunks: Buffer[] = [];
  private aborted = false;
  private finished = false;
  private nodeRequest?: http.ClientRequest;

  constructor(private readonly options: ClientRequestOptions) {
    super();
    this.headers = { ...options.headers };
  }

  setHeader(name: string, value: string): void {
    if (this.nodeRequest) refuse('Can\'t set headers after they are sent');
    this.headers[name] = value;
  }

  write(chunk: string | Buffer): void {
    this.chunks.push(Buffer.from(chunk));
  }

  end(chunk?: string | Buffer): void {
    if (chunk !== undefined) this.write(chunk);
    if (this.aborted || this.nodeRequest) return;
    const url = new URL(this.options.url);
    const send = url.protocol === 'https:' ? https.request : http.request;
    const nodeRequest = send(url, { method: this.options.method ?? 'GET', headers: this.headers });
    this.nodeRequest = nodeRequest;
    nodeRequest.on('response', (response) => this.onResponse(response));
    nodeRequest.on('error', (error) => this.die(chromiumNetError(error)));
    nodeRequest.end(Buffer.concat(this.chunks));
  }

  followRedirect(): void {
    refuse('followRedirect() called, but was not waiting for a redirect (the fake does not model following)');
  }

  abort(): void {
    if (!this.aborted) process.nextTick(() => this.emit('abort'));
    this.aborted = true;
    this.nodeRequest?.destroy();
    this.finished = true;
  }

  private onResponse(response: http.IncomingMessage): void {
    if (this.aborted) return;
    const location = response.headers.location;
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && location) {
      response.resume();
      const redirectUrl = new URL(location, this.options.url).href;
      const policy = this.options.redirect ?? 'follow';
      if (policy === 'error') return this.die(new Error("Attempted to redirect, but redirect policy was 'error'"));
      if (policy === 'follow') return this.die(new Error('the fake does not model followed redirects: rc-tray never follows one'));
      this.emit('redirect', status, this.options.method ?? 'GET', redirectUrl, response.headers);
      if (!this.aborted) this.die(new Error('Redirect was cancelled'));
      return;
    }
    response.on('error', (error) => this.die(chromiumNetError(error)));
    this.emit('response', response);
  }

  private die(error: Error): void {
    if (this.finished) return;
    this.finished = true;
    this.nodeRequest?.destroy();
    this.emit('error', error);
  }
}

export function fakeNetRequest(readiness: NetReadiness, calls: { count: number }): (options: ClientRequestOptions) => FakeClientRequest {
  return (options) => {
    // lib/browser/api/net.ts `request`: "net module can only be used after app is ready".
    if (!readiness.isReady()) refuse('net module can only be used after app is ready');
    calls.count += 1;
    return new FakeClientRequest(options);
  };
}

/** Node has no CloseEvent global; net-websocket.ts ships the same small polyfill. */
class CloseEvent extends Event {
  constructor(
    type: string,
    readonly code: number,
    readonly reason: string,
    readonly wasClean: boolean,
  ) {
    super(type);
  }
}

/**
 * `net.WebSocket` (lib/browser/api/net-websocket.ts, docs/api/net.md): a WHATWG WebSocket whose
 * traffic goes through Chromium; here through `ws` on loopback. Constructor takes (url,
 * protocols|options) only: no handshake timeout, no frame size limit. `send` while connecting
 * throws InvalidStateError; text frames arrive as strings, binary as Buffers ('nodebuffer').
 */
export function fakeNetWebSocket(readiness: NetReadiness, opened: string[]) {
  return class FakeNetWebSocket extends EventTarget {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    private readonly socket: WsWebSocket;
    binaryType: 'nodebuffer' | 'arraybuffer' | 'blob' = 'nodebuffer';

    constructor(url: string | URL, protocols?: string | string[]) {
      super();
      if (!readiness.isReady()) refuse('net.WebSocket can only be used after app is ready');
      const href = String(url);
      opened.push(href);
      this.socket = new WsWebSocket(href, protocols ?? []);
      this.socket.on('open', () => this.dispatchEvent(new Event('open')));
      this.socket.on('message', (data: Buffer, isBinary: boolean) => this.dispatchEvent(new MessageEvent('message', { data: isBinary ? data : data.toString('utf8') })));
      this.socket.on('error', () => this.dispatchEvent(new Event('error')));
      this.socket.on('close', (code: number, reason: Buffer) => this.dispatchEvent(new CloseEvent('close', code, reason.toString(), code === 1000)));
    }
    get readyState(): number {
      return this.socket.readyState;
    }
    get url(): string {
      return this.socket.url;
    }
    send(data: string | ArrayBufferLike | ArrayBufferView): void {
      if (this.socket.readyState === 0) throw new DOMException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", 'InvalidStateError');
      if (this.socket.readyState !== 1) return;
      this.socket.send(data as string);
    }
    close(code?: number, reason?: string): void {
      // docs: "Calling close() while still CONNECTING aborts the handshake."
      if (this.socket.readyState === 0) this.socket.terminate();
      else this.socket.close(code, reason);
    }
  };
}
