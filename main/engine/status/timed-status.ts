import type { UserStatus, UserSummary } from '../../common/session-state';

export interface StatusPair {
  /** The chosen status (Rocket.Chat's `statusDefault`). */
  status: UserStatus;
  statusText: string;
}

/**
 * A status set for a while, kept in settings. `restoreBy: 'server'` (8.6+, sent with `expiresAt`)
 * is only remembered to say what comes back; `'app'` (older servers) is a restore the desktop app
 * itself owes, which survives a restart or sleep and is dropped when the status changes elsewhere.
 */
export interface TimedStatus {
  server: string;
  userId: string;
  set: StatusPair;
  restore: StatusPair;
  restoreBy: 'server' | 'app';
  /** Epoch ms; absent for "while the desktop's do-not-disturb is on". */
  expiresAt?: number;
  reason: 'chosen' | 'quiet-hours' | 'do-not-disturb';
}

/**
 * Is what the session shows still what rc-tray set? The visible status of a chosen `online` may be
 * `away` (auto-away, another idle client), which is not a change of the choice.
 */
export function stillAsSet(entry: TimedStatus, user: Pick<UserSummary, 'status' | 'chosenStatus' | 'statusText'>): boolean {
  if (user.statusText !== entry.set.statusText) return false;
  const shown = user.chosenStatus ?? user.status;
  if (shown === entry.set.status) return true;
  return entry.set.status === 'online' && user.status === 'away';
}

export type RestoreDecision = 'wait' | 'restore' | 'drop';

export function restoreDecision(entry: TimedStatus, user: Pick<UserSummary, 'status' | 'chosenStatus' | 'statusText'>, now: number): RestoreDecision {
  if (!stillAsSet(entry, user)) return 'drop';
  if (entry.expiresAt === undefined || entry.expiresAt > now) return 'wait';
  return entry.restoreBy === 'app' ? 'restore' : 'drop';
}

export function entryFor(entries: readonly TimedStatus[] | undefined, server: string, userId: string): TimedStatus | undefined {
  return entries?.find((entry) => entry.server === server && entry.userId === userId);
}

export function withoutEntry(entries: readonly TimedStatus[] | undefined, server: string, userId: string): TimedStatus[] {
  return (entries ?? []).filter((entry) => entry.server !== server || entry.userId !== userId);
}

/** The user as the tray and the CLI show them: the end time and what comes back, from the server or from rc-tray's own restore. */
export function withTimedStatus(user: UserSummary, entry: TimedStatus | undefined, now: number): UserSummary {
  if (!entry || !stillAsSet(entry, user)) return user;
  if (entry.restoreBy === 'server') {
    if (user.statusExpiresAt === undefined || user.statusExpiresAt !== entry.expiresAt || user.statusExpiresAt <= now) return user;
    return { ...user, statusAfter: entry.restore.status };
  }
  const shown: UserSummary = { ...user, statusAfter: entry.restore.status };
  if (entry.expiresAt !== undefined) shown.statusExpiresAt = entry.expiresAt;
  return shown;
}

export function sameEntry(a: TimedStatus, b: TimedStatus): boolean {
  const pair = (p: StatusPair) => `${p.status}\u0000${p.statusText}`;
  return (
    a.server === b.server &&
    a.userId === b.userId &&
    a.restoreBy === b.restoreBy &&
    a.reason === b.reason &&
    a.expiresAt === b.expiresAt &&
    pair(a.set) === pair(b.set) &&
    pair(a.restore) === pair(b.restore)
  );
}
