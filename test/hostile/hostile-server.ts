// A Rocket.Chat look-alike written to misbehave, on loopback only. It answers just enough of
// the REST and DDP contract (rocketchat-contract.md §3 login, §5 /me, §9-11 DDP) for rc-tray to
// get to the point under test, then does what the audit's evil.mjs did: huge or drip-fed
// answers, invalid JSON, __proto__ keys, control characters, redirects to another host, and a
// WebSocket that floods, drops or sends malformed frames. Every drip and flood is bounded by a
// count and stops when the server closes.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const USER_ID = 'HOSTILEUSER1';
export const ME = { _id: USER_ID, username: 'mallory', name: 'Mallory', status: 'online', statusText: '' };

export type RestHandler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => boolean | Promise<boolean>;

export interface DdpHelpers {
  send(frame: unknown): void;
  sendRaw(data: string | Buffer): void;
  /** Resolves once the client's own status subscription is ready (the link is then "live"). */
  live: Promise<void>;
  closed(): boolean;
}

export interface HostileOptions {
  /** Per-request behaviour; return true when it answered. Unhandled requests get a well-behaved answer. */
  rest?: RestHandler;
  /** Runs for every WebSocket after the DDP handshake. */
  socket?: (ws: WebSocket, ddp: DdpHelpers) => void | Promise<void>;
  /** Refuse the upgrade (no realtime at all). */
  refuseWebSocket?: boolean;
}

export interface HostileServer {
  url: string;
  port: number;
  /** Paths asked, in order, with the password-bearing login bodies kept for inspection. */
  requests: Array<{ method: string; path: string; body: string }>;
  connections(): number;
  tokensIssued: string[];
  tokensRevoked: string[];
  close(): Promise<void>;
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): true {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
  return true;
}

export async function startHostileServer(options: HostileOptions = {}): Promise<HostileServer> {
  const requests: HostileServer['requests'] = [];
  const tokensIssued: string[] = [];
  const tokensRevoked: string[] = [];
  const sockets = new Set<Socket>();
  const webSockets = new Set<WebSocket>();
  let connectionCount = 0;
  let closing = false;

  const wellBehaved = (req: http.IncomingMessage, res: http.ServerResponse, path: string): void => {
    if (path === '/api/info') return void json(res, 200, { success: true, version: '7.10.1' });
    if (path === '/api/v1/login' && req.method === 'POST') {
      const authToken = `hostile-token-${tokensIssued.length + 1}-${'x'.repeat(30)}`;
      tokensIssued.push(authToken);
      return void json(res, 200, { status: 'success', data: { userId: USER_ID, authToken, me: ME } });
    }
    const token = req.headers['x-auth-token'];
    const known = typeof token === 'string' && tokensIssued.includes(token) && !tokensRevoked.includes(token);
    if (path === '/api/v1/me') return void (known ? json(res, 200, { ...ME, success: true }) : json(res, 401, { status: 'error', message: 'You must be logged in to do this.' }));
    if (path === '/api/v1/logout' && req.method === 'POST') {
      if (known) tokensRevoked.push(token as string);
      return void (known ? json(res, 200, { status: 'success', data: { message: "You've been logged out!" } }) : json(res, 401, { status: 'error', message: 'You must be logged in to do this.' }));
    }
    if (path === '/api/v1/users.setStatus') return void json(res, 200, { success: true });
    json(res, 404, { success: false, error: 'Not found' });
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 1 << 20) chunks.push(chunk);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0]!;
      requests.push({ method: req.method ?? 'GET', path, body });
      void (async () => {
        try {
          if (options.rest && (await options.rest(req, res, body))) return;
          wellBehaved(req, res, path);
        } catch {
          if (!res.headersSent) json(res, 500, { success: false });
          else res.destroy();
        }
      })();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  server.on('upgrade', (req, socket, head) => {
    connectionCount += 1;
    requests.push({ method: 'UPGRADE', path: (req.url ?? '/').split('?')[0]!, body: '' });
    if (options.refuseWebSocket || closing) return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      webSockets.add(ws);
      ws.on('close', () => webSockets.delete(ws));
      ws.on('error', () => undefined);
      let markLive: () => void = () => undefined;
      const live = new Promise<void>((resolve) => (markLive = resolve));
      let closed = false;
      ws.on('close', () => (closed = true));
      const helpers: DdpHelpers = {
        send: (frame) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
        },
        sendRaw: (data) => {
          if (ws.readyState === ws.OPEN) ws.send(data);
        },
        live,
        closed: () => closed,
      };
      ws.on('message', (data) => {
        let frame: { msg?: string; id?: string; method?: string; name?: string; params?: unknown[] };
        try {
          frame = JSON.parse(data.toString()) as typeof frame;
        } catch {
          return;
        }
        if (frame.msg === 'connect') {
          helpers.send({ msg: 'connected', session: 'hostile-session' });
          void options.socket?.(ws, helpers);
        } else if (frame.msg === 'ping') helpers.send(frame.id ? { msg: 'pong', id: frame.id } : { msg: 'pong' });
        else if (frame.msg === 'method') {
          const result = frame.method === 'login' ? { id: USER_ID, token: 'hostile-ws', tokenExpires: { $date: Date.now() + 86_400_000 } } : null;
          helpers.send({ msg: 'result', id: frame.id, result });
        } else if (frame.msg === 'sub') {
          helpers.send({ msg: 'ready', subs: [frame.id] });
          setTimeout(markLive, 20);
        }
      });
    });
  });

  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    tokensIssued,
    tokensRevoked,
    connections: () => connectionCount,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        webSockets.forEach((ws) => ws.terminate());
        wss.close();
        server.close(() => resolve());
        sockets.forEach((socket) => socket.destroy());
      }),
  };
}

/** A status change for this user on the old broadcast stream (contract §11: user-status args). */
export function userStatusFrame(status: number, text: string): unknown {
  return { msg: 'changed', collection: 'stream-user-presence', id: 'id', fields: { eventName: USER_ID, args: [['mallory', status, text]] } };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
