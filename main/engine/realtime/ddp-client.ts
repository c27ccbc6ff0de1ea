import { SOCKET_OPEN, openWsSocket, type OpenRealtimeSocket, type RealtimeSocket } from './realtime-socket';
import { ddpMessageSchema, type DdpError, type DdpMessage } from './ddp-messages';

export class DdpMethodError extends Error {
  constructor(readonly ddpError: DdpError | undefined) {
    super(ddpError?.reason ?? 'DDP method failed');
    this.name = 'DdpMethodError';
  }
}

export interface DdpClientEvents {
  /** The DDP handshake finished; methods and subscriptions may now be sent. */
  connected(): void;
  changed(collection: string, fields: Record<string, unknown>): void;
  /** The socket is gone, whoever closed it. Pending calls are rejected. */
  closed(): void;
}

export interface DdpClientOptions {
  url: string;
  events: DdpClientEvents;
  /** No frame at all for this long means the connection is dead (Meteor pings every ~25 s). */
  silenceLimitMs?: number;
  handshakeTimeoutMs?: number;
  maxFrameBytes?: number;
  /** Default: `ws`; the desktop app passes Electron's net.WebSocket. */
  openSocket?: OpenRealtimeSocket;
}

/**
 * A thin Meteor DDP client over a WebSocket (`ws` unless another is injected): handshake, method calls, subscriptions, ping/pong and a
 * silence watchdog. It does not reconnect; its owner decides when (with backoff).
 */
export class DdpClient {
  private readonly socket: RealtimeSocket;
  private nextId = 1;
  private readonly pendingCalls = new Map<string, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly pendingSubs = new Map<string, { resolve(): void; reject(error: Error): void }>();
  private silenceTimer?: NodeJS.Timeout;
  private pingTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: DdpClientOptions) {
    this.socket = (options.openSocket ?? openWsSocket)(options.url, {
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? 10_000,
      maxFrameBytes: options.maxFrameBytes ?? 1024 * 1024,
    });
    this.socket.on('open', () => {
      this.send({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });
      this.watchSilence();
    });
    this.socket.on('message', (data) => this.receive(data.toString()));
    this.socket.on('close', () => this.finish());
    // 'error' is always followed by 'close'; the owner learns the outcome there.
    this.socket.on('error', () => undefined);
  }

  call(method: string, params: unknown[]): Promise<unknown> {
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      this.pendingCalls.set(id, { resolve, reject });
      this.send({ msg: 'method', method, params, id });
    });
  }

  subscribe(name: string, params: unknown[]): Promise<void> {
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      this.pendingSubs.set(id, { resolve, reject });
      this.send({ msg: 'sub', id, name, params });
    });
  }

  /**
   * After sleep or a network change a socket can look open and be dead. Ping now; without an
   * answer within `timeoutMs` the connection is closed (and its owner reconnects).
   */
  probe(timeoutMs: number): void {
    if (this.closed) return;
    this.send({ msg: 'ping', id: `probe-${this.nextId++}` });
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => this.close(), timeoutMs);
    this.silenceTimer.unref();
  }

  close(): void {
    if (this.closed) return;
    this.socket.close(1000);
    // A socket still connecting cannot close cleanly; terminate so nothing lingers.
    if (this.socket.readyState !== SOCKET_OPEN) this.socket.terminate();
    this.finish();
  }

  private send(frame: object): void {
    if (this.socket.readyState === SOCKET_OPEN) this.socket.send(JSON.stringify(frame));
  }

  private receive(text: string): void {
    this.watchSilence();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = ddpMessageSchema.safeParse(json);
    if (parsed.success) this.dispatch(parsed.data);
  }

  private dispatch(message: DdpMessage): void {
    switch (message.msg) {
      case 'connected':
        this.options.events.connected();
        return;
      case 'failed':
        this.close();
        return;
      case 'ping':
        this.send(message.id ? { msg: 'pong', id: message.id } : { msg: 'pong' });
        return;
      case 'result': {
        const pending = this.pendingCalls.get(message.id);
        this.pendingCalls.delete(message.id);
        if (message.error) pending?.reject(new DdpMethodError(message.error));
        else pending?.resolve(message.result);
        return;
      }
      case 'ready':
        for (const id of message.subs) {
          this.pendingSubs.get(id)?.resolve();
          this.pendingSubs.delete(id);
        }
        return;
      case 'nosub':
        this.pendingSubs.get(message.id)?.reject(new DdpMethodError(message.error));
        this.pendingSubs.delete(message.id);
        return;
      case 'changed':
        if (message.fields) this.options.events.changed(message.collection, message.fields);
        return;
      default:
        return;
    }
  }

  /** Half the silence limit without a frame: ping; the full limit: the link is dead. */
  private watchSilence(): void {
    const limit = this.options.silenceLimitMs ?? 60_000;
    clearTimeout(this.silenceTimer);
    clearTimeout(this.pingTimer);
    this.pingTimer = setTimeout(() => this.send({ msg: 'ping', id: `keepalive-${this.nextId++}` }), limit / 2);
    this.silenceTimer = setTimeout(() => this.close(), limit);
    this.pingTimer.unref();
    this.silenceTimer.unref();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.silenceTimer);
    clearTimeout(this.pingTimer);
    const gone = new Error('connection closed');
    this.pendingCalls.forEach((pending) => pending.reject(gone));
    this.pendingSubs.forEach((pending) => pending.reject(gone));
    this.pendingCalls.clear();
    this.pendingSubs.clear();
    this.options.events.closed();
  }
}
