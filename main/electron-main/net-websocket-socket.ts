import type { OpenRealtimeSocket, RealtimeSocket } from '../engine/realtime/realtime-socket';
import type { NetPort, NetWebSocketPort } from './electron-ports';

type Listener = (...args: never[]) => void;

/**
 * The realtime connection over Electron's `net.WebSocket` (docs/api/net.md: "WHATWG-compatible
 * WebSocket connections through Chromium's network stack"), shaped as the DDP client's socket.
 * Electron's constructor takes no handshake timeout or frame limit (lib/browser/api/
 * net-websocket.ts), so both are kept here: a handshake that does not finish in time is dropped,
 * and a frame larger than the limit closes the connection, as `ws`'s maxPayload does.
 */
class NetWebSocketAdapter implements RealtimeSocket {
  private readonly socket: NetWebSocketPort;
  private readonly listeners = new Map<string, Listener[]>();
  private handshakeTimer?: NodeJS.Timeout;
  private closeNotified = false;

  constructor(WebSocketClass: NetPort['WebSocket'], url: string, private readonly limits: { handshakeTimeoutMs: number; maxFrameBytes: number }) {
    this.socket = new WebSocketClass(url);
    this.handshakeTimer = setTimeout(() => this.terminate(), limits.handshakeTimeoutMs);
    this.handshakeTimer.unref?.();
    this.socket.addEventListener('open', () => {
      clearTimeout(this.handshakeTimer);
      this.emit('open');
    });
    this.socket.addEventListener('message', (event) => {
      const data = (event as MessageEvent).data as unknown;
      const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : '';
      if (Buffer.byteLength(text) > this.limits.maxFrameBytes) {
        this.socket.close(1009, 'Message too big');
        this.notifyClosed();
        return;
      }
      this.emit('message', text);
    });
    this.socket.addEventListener('error', () => this.emit('error', new Error('realtime connection failed')));
    this.socket.addEventListener('close', () => this.notifyClosed());
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  send(data: string): void {
    this.socket.send(data);
  }

  close(code?: number): void {
    this.socket.close(code);
  }

  terminate(): void {
    clearTimeout(this.handshakeTimer);
    this.socket.close();
    this.notifyClosed();
  }

  private notifyClosed(): void {
    clearTimeout(this.handshakeTimer);
    if (this.closeNotified) return;
    this.closeNotified = true;
    this.emit('close');
  }

  private emit(event: string, ...args: unknown[]): void {
    (this.listeners.get(event) ?? []).forEach((listener) => (listener as (...values: unknown[]) => void)(...args));
  }
}

export function netWebSocketOpener(net: NetPort): OpenRealtimeSocket {
  return (url, options) => new NetWebSocketAdapter(net.WebSocket, url, options);
}
