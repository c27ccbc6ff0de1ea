// Shared helpers for the server's own tests: JSON over fetch and a tiny DDP client.
import type { TestContext } from 'node:test';
import WebSocket from 'ws';
import { startTestServer, type TestServer, type TestServerOptions } from './rocketchat-test-server';

export async function serverFor(t: TestContext, options: TestServerOptions = {}): Promise<TestServer> {
  const server = await startTestServer(options);
  t.after(() => server.close());
  return server;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export async function call(
  server: TestServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] ??= 'application/json';
  }
  const res = await fetch(server.url + path, init);
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

export async function login(server: TestServer, user: string, password: string, extra: Record<string, unknown> = {}) {
  const res = await call(server, 'POST', '/api/v1/login', { user, password, ...extra });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return { userId: res.body.data.userId as string, authToken: res.body.data.authToken as string, res };
}

export function authHeaders(session: { userId: string; authToken: string }): Record<string, string> {
  return { 'X-User-Id': session.userId, 'X-Auth-Token': session.authToken };
}

type DdpMsg = Record<string, any>;

export class DdpTestClient {
  readonly messages: DdpMsg[] = [];
  closed: { code: number } | undefined;
  private waiters: { pred: (m: DdpMsg) => boolean; resolve: (m: DdpMsg) => void }[] = [];
  private closeWaiters: ((code: number) => void)[] = [];
  private nextId = 1;
  autoPong = true;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as DdpMsg;
      this.messages.push(msg);
      if (msg.msg === 'ping' && this.autoPong) this.send({ msg: 'pong' });
      for (const w of [...this.waiters]) {
        if (w.pred(msg)) {
          this.waiters = this.waiters.filter((x) => x !== w);
          w.resolve(msg);
        }
      }
    });
    ws.on('close', (code) => {
      this.closed = { code };
      for (const w of this.closeWaiters) w(code);
    });
  }

  static async open(server: TestServer, connect = true): Promise<DdpTestClient> {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/websocket`);
    const client = new DdpTestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    if (connect) {
      client.send({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });
      await client.waitFor((m) => m.msg === 'connected');
    }
    return client;
  }

  send(msg: DdpMsg): void {
    this.ws.send(JSON.stringify(msg));
  }

  waitFor(pred: (m: DdpMsg) => boolean, timeoutMs = 2000): Promise<DdpMsg> {
    const seen = this.messages.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for DDP message')), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** Waits for a message that arrives after this call. */
  next(pred: (m: DdpMsg) => boolean, timeoutMs = 2000): Promise<DdpMsg> {
    const start = this.messages.length;
    return this.waitFor((m) => this.messages.indexOf(m) >= start && pred(m), timeoutMs);
  }

  async method(method: string, ...params: unknown[]): Promise<DdpMsg> {
    const id = String(this.nextId++);
    this.send({ msg: 'method', method, id, params });
    return this.waitFor((m) => m.msg === 'result' && m.id === id);
  }

  async sub(name: string, params: unknown[]): Promise<DdpMsg> {
    const id = `s${this.nextId++}`;
    this.send({ msg: 'sub', id, name, params });
    return this.waitFor((m) => (m.msg === 'ready' && m.subs.includes(id)) || (m.msg === 'nosub' && m.id === id));
  }

  waitClose(timeoutMs = 2000): Promise<number> {
    if (this.closed) return Promise.resolve(this.closed.code);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.closeWaiters.push((code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  close(): void {
    this.ws.terminate();
  }
}
