// RC's presence rules (contract §9): only live DDP sessions make a user visible.
import type { ServerUser, StatusSource, UserStatus, UserStore } from './users';

export type ConnectionState = 'online' | 'away';

export const STATUS_CODES: Record<UserStatus, number> = { offline: 0, online: 1, away: 2, busy: 3 };

export interface StatusEvent {
  user: ServerUser;
  status: UserStatus;
  statusText: string;
  code: number;
  /** 8.6+ only (the routes set them only there). */
  statusSource?: StatusSource;
  statusExpiresAt?: number;
}

export class Presence {
  private readonly sessions = new Map<string, { userId: string; state: ConnectionState }>();
  private readonly lastSent = new Map<string, string>();
  private readonly listeners = new Set<(e: StatusEvent) => void>();

  /**
   * `broadcastDisabled`: RC's `Presence_broadcast_disabled` — the Presence service stops
   * broadcasting (`ee/packages/presence/src/Presence.ts` `broadcast` returns early while
   * `broadcastEnabled` is false) and the develop listeners return early for every presence
   * event (`packages/streamer/src/listeners.module.ts`; RC PR #40051).
   */
  constructor(
    private readonly users: UserStore,
    private readonly broadcastDisabled: () => boolean = () => false,
  ) {}

  statusConnection(userId: string): 'online' | 'away' | 'offline' {
    let result: 'away' | 'offline' = 'offline';
    for (const s of this.sessions.values()) {
      if (s.userId !== userId) continue;
      if (s.state === 'online') return 'online';
      result = 'away';
    }
    return result;
  }

  status(user: ServerUser): UserStatus {
    const connection = this.statusConnection(user.id);
    if (connection === 'offline') return 'offline';
    return user.statusDefault === 'online' ? connection : user.statusDefault;
  }

  setSession(sessionId: string, userId: string, state: ConnectionState): void {
    const previous = this.sessions.get(sessionId);
    this.sessions.set(sessionId, { userId, state });
    if (previous && previous.userId !== userId) this.changed(previous.userId, false);
    this.changed(userId, false);
  }

  removeSession(sessionId: string): void {
    const previous = this.sessions.get(sessionId);
    if (!previous) return;
    this.sessions.delete(sessionId);
    this.changed(previous.userId, false);
  }

  /** Explicit status edits always broadcast, like RC's setUserStatus. */
  userEdited(user: ServerUser): void {
    this.changed(user.id, true);
  }

  onStatus(listener: (e: StatusEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(userId: string, force: boolean): void {
    const user = this.users.get(userId);
    if (!user) return;
    const status = this.status(user);
    const key = `${status}|${user.statusText}|${user.statusSource ?? ''}|${user.statusExpiresAt ?? ''}`;
    const last = this.lastSent.get(userId) ?? `offline|${user.statusText}||`;
    if (!force && key === last) return;
    this.lastSent.set(userId, key);
    if (this.broadcastDisabled()) return;
    const event: StatusEvent = { user, status, statusText: user.statusText, code: STATUS_CODES[status] };
    if (user.statusSource) event.statusSource = user.statusSource;
    if (user.statusExpiresAt !== undefined) event.statusExpiresAt = user.statusExpiresAt;
    for (const l of this.listeners) l(event);
  }
}
