import type { ServerStatusFeatures, UserSummary } from '../../common/session-state';
import type { StatusChange } from '../session/status-control';

/** The user as the server will show them after `change` (so the tray and CLI never show other text than others see). */
export function userAfterChange(user: UserSummary, change: StatusChange, features: ServerStatusFeatures | undefined, liveHeld: boolean): UserSummary {
  const next: UserSummary = { ...user };
  delete next.statusExpiresAt;
  delete next.statusAfter;
  delete next.statusSource;
  if (change.status !== undefined) {
    // Without a live connection of this user, others keep seeing offline (contract §9).
    if (liveHeld) next.status = change.status;
    next.chosenStatus = change.status;
  }
  if (change.message !== undefined) next.statusText = change.message;
  // 8.6's Presence.setStatus: online without text resets to Online with no text (clearActiveState).
  else if (features?.expiringStatus && change.status === 'online') next.statusText = '';
  if (features?.expiringStatus && !(change.status === 'online' && change.message === undefined)) next.statusSource = 'manual';
  if (change.expiresAt !== undefined) next.statusExpiresAt = change.expiresAt;
  return next;
}
