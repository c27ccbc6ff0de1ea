import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Trap {
  url: string;
  host: string;
  port: number;
  /** Every request that reached the trap, with what it carried. */
  hits: Array<{ method: string; url: string; authorization?: string; body: string }>;
  close(): Promise<void>;
}

/** A listener on another loopback address (127.0.0.2): anything it receives went where it must not. */
export async function startTrap(host = '127.0.0.2'): Promise<Trap> {
  const hits: Trap['hits'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString().slice(0, 4096)));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"success":false}');
    });
  });
  server.on('upgrade', (req, socket) => {
    hits.push({ method: 'UPGRADE', url: req.url ?? '', body: '' });
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    host,
    port,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
