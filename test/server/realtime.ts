// The /websocket endpoint: upgrade handling, the live connections, and fan-out of status events.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ServerContext } from './context';
import { DdpConnection } from './ddp-connection';
import { applyUpgradeFault, rejectUpgrade, type FaultInjector } from './faults';
import { clientIp } from './http-io';
import type { Timers } from './timers';

export class Realtime {
  enabled = true;
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly connections = new Set<DdpConnection>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly timers: Timers,
    private readonly faults: FaultInjector,
  ) {
    ctx.presence.onStatus((e) => {
      for (const c of this.connections) c.notifyStatus(e);
    });
    // Meteor closes connections whose login token disappears (logout, revoke, prune).
    ctx.users.onTokensRemoved((user, hashed) => {
      for (const c of this.connections) {
        if (c.userId === user.id && c.hashedToken && hashed.includes(c.hashedToken)) c.close(1000);
      }
    });
  }

  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0]!;
    const fault = this.faults.take(req.method ?? 'GET', path);
    if (fault && (await applyUpgradeFault(fault, socket, (ms) => this.timers.sleep(ms)))) return;
    if (path !== '/websocket') {
      rejectUpgrade(socket, 404, 'Not found');
      return;
    }
    if (!this.enabled) {
      rejectUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new DdpConnection(this.ctx, ws, clientIp(req), this.timers, (c) => this.connections.delete(c));
      this.connections.add(conn);
    });
  }

  count(userId?: string): number {
    if (userId === undefined) return [...this.connections].filter((c) => c.socket.readyState === c.socket.OPEN).length;
    return [...this.connections].filter((c) => c.userId === userId).length;
  }

  subscriptions(userId: string): string[] {
    return [...this.connections].filter((c) => c.userId === userId).flatMap((c) => c.subscriptionKinds());
  }

  /** An administrator signs the user out everywhere: force_logout first, then the tokens go. */
  forceLogout(userId: string): void {
    for (const c of this.connections) if (c.userId === userId) c.notifyForceLogout();
  }

  closeUser(userId: string): void {
    for (const c of this.connections) if (c.userId === userId) c.close(1000);
  }

  drop(userId?: string): void {
    for (const c of this.connections) if (userId === undefined || c.userId === userId) c.terminate();
  }

  closeAll(): void {
    this.drop();
  }
}
