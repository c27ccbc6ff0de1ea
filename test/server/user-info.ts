// The `me` object: getDefaultUserFields() run through getUserInfo() (contract §2.2).
import type { ServerContext } from './context';
import { claimFields } from './routes-status';
import type { ServerUser } from './users';

export function meObject(ctx: ServerContext, user: ServerUser): Record<string, unknown> {
  const services: Record<string, unknown> = { password: { exists: true } };
  if (user.twoFactor === 'totp') services.totp = { enabled: true };
  if (user.twoFactor === 'email') services.email2fa = { enabled: true };
  return {
    _id: user.id,
    username: user.username,
    name: user.name,
    ...(user.email ? { emails: [{ address: user.email, verified: user.emailVerified }] } : {}),
    ...(user.email && user.emailVerified ? { email: user.email } : {}),
    status: ctx.presence.status(user),
    statusConnection: ctx.presence.statusConnection(user.id),
    statusDefault: user.statusDefault,
    statusText: user.statusText,
    ...claimFields(ctx.settings.version, user),
    utcOffset: 0,
    active: user.active,
    roles: [...user.roles],
    settings: {
      profile: {},
      preferences: {
        enableAutoAway: user.preferences.enableAutoAway,
        idleTimeLimit: user.preferences.idleTimeLimit,
        desktopNotificationRequireInteraction: false,
        desktopNotifications: 'all',
        pushNotifications: 'all',
        unreadAlert: true,
        language: 'en',
      },
      calendar: {},
    },
    avatarUrl: `${ctx.siteUrl()}/avatar/${encodeURIComponent(user.username)}`,
    isOAuthUser: false,
    services,
  };
}
