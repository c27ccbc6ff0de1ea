// Small node:http helpers shared by the routes and fault injection.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const JSON_HEADERS: Record<string, string> = {
  'Content-Type': 'application/json',
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
};

export interface Reply {
  status: number;
  /** undefined => empty body (RC 7.4+ logout). */
  json?: unknown;
  /** Non-JSON body; the route sets its own Content-Type. */
  raw?: string;
  headers?: Record<string, string>;
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  if (reply.raw !== undefined) {
    res.writeHead(reply.status, { 'Content-Length': String(Buffer.byteLength(reply.raw)), ...reply.headers });
    res.end(reply.raw);
    return;
  }
  if (reply.json === undefined) {
    res.writeHead(reply.status, { 'Cache-Control': 'no-store', Pragma: 'no-cache', 'Content-Length': '0', ...reply.headers });
    res.end();
    return;
  }
  const body = JSON.stringify(reply.json);
  res.writeHead(reply.status, { ...JSON_HEADERS, 'Content-Length': String(Buffer.byteLength(body)), ...reply.headers });
  res.end(body);
}

const MAX_BODY_BYTES = 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** RC 7.x getRequestIP: x-real-ip, else the socket address. */
export function clientIp(req: IncomingMessage): string {
  const real = req.headers['x-real-ip'];
  if (typeof real === 'string' && real) return real;
  return req.socket.remoteAddress ?? 'unknown';
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
