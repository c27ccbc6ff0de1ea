// Injected failures: slow, broken, hung-up or oversized answers for chosen paths.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { JSON_HEADERS } from './http-io';

export interface Fault {
  path: string;
  method?: string;
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  hangUp?: boolean;
  hugeBodyBytes?: number;
  times?: number;
}

export class FaultInjector {
  private faults: { fault: Fault; remaining: number }[] = [];

  add(fault: Fault): void {
    this.faults.push({ fault: { ...fault }, remaining: fault.times ?? Infinity });
  }

  clear(): void {
    this.faults = [];
  }

  /** First matching fault, counted as used. */
  take(method: string, path: string): Fault | undefined {
    const entry = this.faults.find(
      (f) => path.startsWith(f.fault.path) && (!f.fault.method || f.fault.method.toUpperCase() === method.toUpperCase()),
    );
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.faults = this.faults.filter((f) => f !== entry);
    return entry.fault;
  }
}

/** Returns true when the fault answered (or killed) the request itself. */
export async function applyHttpFault(
  fault: Fault,
  req: IncomingMessage,
  res: ServerResponse,
  sleep: (ms: number) => Promise<void>,
): Promise<boolean> {
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.hangUp) {
    req.socket.destroy();
    return true;
  }
  if (fault.hugeBodyBytes !== undefined) {
    req.resume();
    await streamHugeBody(res, fault);
    return true;
  }
  if (fault.status !== undefined || fault.body !== undefined) {
    req.resume();
    const body = fault.body ?? '';
    res.writeHead(fault.status ?? 200, {
      ...JSON_HEADERS,
      'Content-Length': String(Buffer.byteLength(body)),
      ...fault.headers,
    });
    res.end(body);
    return true;
  }
  return false;
}

// Chunked with no Content-Length, so a client must cap the size while reading.
async function streamHugeBody(res: ServerResponse, fault: Fault): Promise<void> {
  const total = fault.hugeBodyBytes ?? 0;
  res.writeHead(fault.status ?? 200, { ...JSON_HEADERS, ...fault.headers });
  const head = '{"success":true,"padding":"';
  const tail = '"}';
  if (total < head.length + tail.length) {
    res.end((head + tail).slice(0, total));
    return;
  }
  res.write(head);
  let left = total - head.length - tail.length;
  const chunk = 'x'.repeat(64 * 1024);
  while (left > 0 && !res.destroyed) {
    const piece = left >= chunk.length ? chunk : chunk.slice(0, left);
    left -= piece.length;
    if (!res.write(piece)) {
      await new Promise<void>((resolve) => {
        res.once('drain', resolve);
        res.once('close', resolve);
      });
    }
  }
  if (!res.destroyed) res.end(tail);
}

export async function applyUpgradeFault(fault: Fault, socket: Duplex, sleep: (ms: number) => Promise<void>): Promise<boolean> {
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.hangUp) {
    socket.destroy();
    return true;
  }
  if (fault.status !== undefined || fault.body !== undefined) {
    rejectUpgrade(socket, fault.status ?? 500, fault.body ?? '', fault.headers);
    return true;
  }
  return false;
}

export function rejectUpgrade(socket: Duplex, status: number, body: string, headers: Record<string, string> = {}): void {
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries({ 'Content-Type': 'text/plain', ...headers }).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
}
