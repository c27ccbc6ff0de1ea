import type { UserSummary } from '../../common/session-state';
import { serverEndpoint } from '../../common/server-address';
import type { Me } from '../http/response-schemas';

export function summariseUser(server: string, me: Me): UserSummary {
  const username = me.username ?? me._id;
  const user: UserSummary = {
    id: me._id,
    username,
    name: me.name?.trim() || username,
    status: me.status ?? 'offline',
    statusText: me.statusText ?? '',
    avatarUrl: me.avatarUrl ?? serverEndpoint(server, `/avatar/${encodeURIComponent(username)}`),
  };
  if (me.statusDefault) user.chosenStatus = me.statusDefault;
  if (me.statusSource) user.statusSource = me.statusSource;
  const expiresAt = me.statusExpiresAt ? Date.parse(me.statusExpiresAt) : Number.NaN;
  if (Number.isFinite(expiresAt)) user.statusExpiresAt = expiresAt;
  return user;
}

export interface AutoAwayPreference {
  enabled: boolean;
  idleSeconds: number;
}

/** Rocket.Chat's own defaults when `me` carries no preferences (older servers). */
export function autoAwayPreference(me: Me): AutoAwayPreference {
  const preferences = me.settings?.preferences;
  return {
    enabled: preferences?.enableAutoAway ?? true,
    idleSeconds: Math.max(30, preferences?.idleTimeLimit ?? 300),
  };
}
