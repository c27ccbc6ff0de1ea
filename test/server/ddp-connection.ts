// One DDP session on a websocket: handshake, heartbeat, methods, stream subscriptions.
import type { WebSocket } from 'ws';
import type { ServerContext } from './context';
import { LOGIN_EXPIRATION_MS } from './context';
import { ddpErrorBody, type MeteorError } from './error-bodies';
import { meteorLogin } from './login';
import type { ConnectionState, StatusEvent } from './presence';
import type { Timers } from './timers';
import { clearClaim, expireDueClaims, hasPresenceEngine, normalizeStatusText } from './status-rules';
import { hashToken, meteorId, USER_STATUSES, type UserStatus } from './users';

type Sub =
  | { kind: 'user-status' }
  | { kind: 'user-presence'; uids: Set<string> }
  | { kind: 'notify-user'; eventName: string }
  | { kind: 'silent' };
type Msg = Record<string, unknown>;

/** Streams a tray client might open; accepted but this server never emits on them. */
const SILENT_SUBSCRIPTIONS = new Set([
  'stream-notify-all',
  'stream-notify-room',
  'stream-room-messages',
  'meteor.loginServiceConfiguration',
  'meteor_autoupdate_clientVersions',
]);

class MethodError extends Error {
  constructor(readonly meteor: MeteorError) {
    super(meteor.reason);
  }
}

const NOT_AUTHORIZED: MeteorError = { error: 'not-authorized', reason: 'Not authorized' };

export class DdpConnection {
  readonly id = meteorId();
  userId?: string;
  hashedToken?: string;
  private state: ConnectionState = 'online';
  private readonly subs = new Map<string, Sub>();
  private connected = false;
  private heard = true;
  private stopHeartbeat?: () => void;

  constructor(
    private readonly ctx: ServerContext,
    readonly socket: WebSocket,
    private readonly ip: string,
    private readonly timers: Timers,
    private readonly onClosed: (c: DdpConnection) => void,
  ) {
    socket.on('message', (data) => this.onMessage(data.toString()));
    socket.on('close', () => this.cleanup());
    socket.on('error', () => socket.terminate());
    this.send({ server_id: '0' }); // Meteor greets before the client's connect
  }

  close(code = 1000): void {
    this.socket.close(code);
  }

  terminate(): void {
    this.socket.terminate();
  }

  /** Which status streams this connection follows (tests check the client picks the targeted one). */
  subscriptionKinds(): string[] {
    return [...this.subs.values()].map((sub) => sub.kind);
  }

  notifyStatus(e: StatusEvent): void {
    if (!this.userId) return;
    let sentLogged = false;
    let sentPresence = false;
    for (const sub of this.subs.values()) {
      if (sub.kind === 'user-status' && !sentLogged) {
        sentLogged = true;
        this.send({
          msg: 'changed',
          collection: 'stream-notify-logged',
          id: 'id',
          fields: { eventName: 'user-status', args: [[e.user.id, e.user.username, e.code, e.statusText, e.user.name, [...e.user.roles], ...this.claimArgs(e)]] },
        });
      } else if (sub.kind === 'user-presence' && sub.uids.has(e.user.id) && !sentPresence) {
        sentPresence = true;
        // notifications.module sendPresence → emit(uid, [args]): the frame's id is the user's id
        // and its fields carry `uid` (packages/streamer/src/StreamPresence.ts@2e75d9d6).
        this.send({
          msg: 'changed',
          collection: 'stream-user-presence',
          id: e.user.id,
          fields: { uid: e.user.id, eventName: e.user.id, args: [[e.user.username, e.code, e.statusText, ...this.claimArgs(e)]] },
        });
      }
    }
  }

  /**
   * RC's listeners.module.ts: `user.forceLogout` → notifyUserInThisInstance(uid, 'force_logout'),
   * i.e. `stream-notify-user` event `<uid>/force_logout` with no args. RC broadcasts it before
   * unsetting the tokens (ee sessions.logout, resetTOTP), so it arrives before the socket closes.
   */
  notifyForceLogout(): void {
    if (!this.userId) return;
    const eventName = `${this.userId}/force_logout`;
    for (const sub of this.subs.values()) {
      if (sub.kind !== 'notify-user' || sub.eventName !== eventName) continue;
      this.send({ msg: 'changed', collection: 'stream-notify-user', id: 'id', fields: { eventName, args: [] } });
      return;
    }
  }

  /**
   * 8.6+ presence frames end with `statusSource, statusExpiresAt` (review §4, `listeners.module.ts`
   * / `notifications.module` `sendPresence`); a Date travels as EJSON `{$date: ms}` over DDP.
   */
  private claimArgs(e: StatusEvent): unknown[] {
    if (!hasPresenceEngine(this.ctx.settings.version)) return [];
    return [e.statusSource ?? null, e.statusExpiresAt === undefined ? null : { $date: e.statusExpiresAt }];
  }

  private send(msg: Msg): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(msg));
  }

  private onMessage(text: string): void {
    this.heard = true;
    let msg: Msg;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      msg = parsed as Msg;
    } catch {
      this.send({ msg: 'error', reason: 'Bad request' });
      return;
    }
    if (!this.connected) {
      if (msg.msg !== 'connect') {
        this.send({ msg: 'error', reason: 'Must connect first', offendingMessage: msg });
        return;
      }
      this.connected = true;
      this.send({ msg: 'connected', session: this.id });
      this.stopHeartbeat = this.timers.every(this.ctx.settings.heartbeatMs, () => this.beat());
      return;
    }
    switch (msg.msg) {
      case 'ping':
        this.send(msg.id !== undefined ? { msg: 'pong', id: msg.id } : { msg: 'pong' });
        return;
      case 'pong':
        return;
      case 'method':
        this.onMethod(msg);
        return;
      case 'sub':
        this.onSub(msg);
        return;
      case 'unsub':
        this.subs.delete(String(msg.id));
        this.send({ msg: 'nosub', id: msg.id });
        return;
      default:
        this.send({ msg: 'error', reason: 'Bad request', offendingMessage: msg });
    }
  }

  /** A ping per interval; silence for a whole interval after one means the peer is gone. */
  private beat(): void {
    if (!this.heard) {
      this.socket.terminate();
      return;
    }
    this.heard = false;
    this.send({ msg: 'ping' });
  }

  private onMethod(msg: Msg): void {
    const id = msg.id;
    if (typeof id !== 'string' || typeof msg.method !== 'string') {
      this.send({ msg: 'error', reason: 'Malformed method invocation', offendingMessage: msg });
      return;
    }
    const params = Array.isArray(msg.params) ? (msg.params as unknown[]) : [];
    expireDueClaims(this.ctx);
    try {
      const result = this.callMethod(msg.method, params);
      this.send(result === undefined ? { msg: 'result', id } : { msg: 'result', id, result });
    } catch (e) {
      const error = e instanceof MethodError ? e.meteor : { error: 500, reason: 'Internal server error' };
      this.send({ msg: 'result', id, error: ddpErrorBody(error) });
    }
    this.send({ msg: 'updated', methods: [id] });
  }

  private callMethod(name: string, params: unknown[]): unknown {
    const method = this.ctx.settings.removedMethods.includes(name) ? undefined : METHODS[name];
    if (!method) throw new MethodError({ error: 404, reason: `Method '${name}' not found` });
    if (name !== 'login' && name !== 'logout' && !this.userId) throw new MethodError(NOT_AUTHORIZED);
    return method.call(this, params);
  }

  login(params: unknown[]): unknown {
    const result = meteorLogin(this.ctx, params[0], this.ip);
    if (!result.ok) {
      throw new MethodError(result.internal ? { error: 500, reason: 'Internal server error' } : result.error);
    }
    this.userId = result.user.id;
    this.hashedToken = hashToken(result.token);
    this.state = 'online';
    this.ctx.presence.setSession(this.id, result.user.id, this.state);
    return {
      id: result.user.id,
      token: result.token,
      tokenExpires: { $date: result.stored.when + LOGIN_EXPIRATION_MS },
      type: result.type,
    };
  }

  logout(): undefined {
    const user = this.userId ? this.ctx.users.get(this.userId) : undefined;
    const hashed = this.hashedToken;
    this.forgetLogin();
    // Unhooked from the token first, so its removal does not close this very socket.
    if (user && hashed) this.ctx.users.removeToken(user, hashed);
    return undefined;
  }

  setConnectionState(state: ConnectionState): boolean {
    this.state = state;
    this.ctx.presence.setSession(this.id, this.userId!, state);
    return true;
  }

  setDefaultStatus(status: unknown): boolean {
    this.ctx.presence.userEdited(this.applyStatus(status, 'UserPresence:setDefaultStatus'));
    return true;
  }

  setUserStatus(statusType: unknown, statusText: unknown): undefined {
    const user = this.ctx.users.get(this.userId!)!;
    if (statusType) {
      if (statusType === 'offline' && !this.ctx.settings.allowInvisibleStatus) {
        throw new MethodError({ error: 'error-status-not-allowed', reason: 'Invisible status is disabled', details: { method: 'setUserStatus' } });
      }
      this.validStatus(statusType, 'setUserStatus');
    }
    if (statusText || statusText === '') {
      if (typeof statusText !== 'string') throw new MethodError({ error: 400, reason: 'Match failed' });
      if (!this.ctx.settings.allowStatusMessageChange) {
        throw new MethodError({ error: 'error-not-allowed', reason: 'Not allowed', details: { method: 'setUserStatus' } });
      }
    }
    if (statusType) user.statusDefault = statusType as UserStatus;
    if (typeof statusText === 'string') user.statusText = normalizeStatusText(statusText);
    clearClaim(user, hasPresenceEngine(this.ctx.settings.version) ? 'manual' : undefined);
    this.ctx.presence.userEdited(user);
    return undefined;
  }

  private applyStatus(status: unknown, method: string) {
    this.validStatus(status, method);
    const user = this.ctx.users.get(this.userId!)!;
    user.statusDefault = status as UserStatus;
    clearClaim(user, hasPresenceEngine(this.ctx.settings.version) ? 'manual' : undefined);
    return user;
  }

  private validStatus(status: unknown, method: string): void {
    if (!USER_STATUSES.includes(status as UserStatus)) {
      throw new MethodError({
        error: 'error-invalid-status',
        reason: 'Valid status types include online, away, offline, and busy.',
        details: { method },
      });
    }
  }

  private onSub(msg: Msg): void {
    const id = String(msg.id);
    const name = String(msg.name);
    const params = Array.isArray(msg.params) ? (msg.params as unknown[]) : [];
    const known =
      name === 'stream-notify-logged' ||
      name === 'stream-notify-user' || (name === 'stream-user-presence' && this.ctx.settings.userPresenceStream) || SILENT_SUBSCRIPTIONS.has(name);
    if (!known) {
      this.send({ msg: 'nosub', id, error: ddpErrorBody({ error: 404, reason: `Subscription '${name}' not found` }) });
      return;
    }
    if (!this.userId) {
      this.send({ msg: 'nosub', id, error: ddpErrorBody({ error: 'not-allowed', reason: 'Not allowed' }) });
      return;
    }
    if (name === 'stream-notify-logged' && params[0] === 'user-status') {
      this.subs.set(id, { kind: 'user-status' });
    } else if (name === 'stream-notify-user') {
      // notifyUser's allowRead: only events under the subscriber's own user id ("<uid>/…").
      const eventName = String(params[0] ?? '');
      if (eventName.split('/')[0] !== this.userId) {
        this.send({ msg: 'nosub', id, error: ddpErrorBody({ error: 'not-allowed', reason: 'Not allowed' }) });
        return;
      }
      this.subs.set(id, { kind: 'notify-user', eventName });
    } else if (name === 'stream-user-presence') {
      const opts = params[1] as { added?: unknown } | undefined;
      const added = Array.isArray(opts?.added) ? opts.added.map(String) : [];
      this.subs.set(id, { kind: 'user-presence', uids: new Set(added) });
    } else {
      this.subs.set(id, { kind: 'silent' });
    }
    this.send({ msg: 'ready', subs: [id] });
  }

  private forgetLogin(): void {
    this.userId = undefined;
    this.hashedToken = undefined;
    this.subs.clear();
    this.ctx.presence.removeSession(this.id);
  }

  private cleanup(): void {
    this.stopHeartbeat?.();
    this.stopHeartbeat = undefined;
    this.forgetLogin();
    this.onClosed(this);
  }
}

const METHODS: Record<string, (this: DdpConnection, params: unknown[]) => unknown> = {
  login(params) {
    return this.login(params);
  },
  logout() {
    return this.logout();
  },
  'UserPresence:online'() {
    return this.setConnectionState('online');
  },
  'UserPresence:away'() {
    return this.setConnectionState('away');
  },
  'UserPresence:setDefaultStatus'(params) {
    return this.setDefaultStatus(params[0]);
  },
  setUserStatus(params) {
    return this.setUserStatus(params[0], params[1]);
  },
};
