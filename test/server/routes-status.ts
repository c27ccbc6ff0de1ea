// users.setStatus / getStatus / getPresence (contract §9), RC 7.x semantics.
import { endpointErrorBody, MATCH_ERROR_BODY } from './error-bodies';
import type { Reply } from './http-io';
import type { Route, RouteRequest } from './rest-routes';
import { USER_STATUSES, type ServerUser, type UserStatus } from './users';

function badRequest(error: string, reason: string): Reply {
  return { status: 400, json: endpointErrorBody({ error, reason, details: { method: 'users.setStatus' } }) };
}

function setStatus({ ctx, body, auth }: RouteRequest): Reply {
  const params = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const { status, message } = params;
  const maybeString = (v: unknown) => v === undefined || v === null || typeof v === 'string';
  if ((status == null && message == null) || !maybeString(status) || !maybeString(message)) {
    return { status: 400, json: MATCH_ERROR_BODY };
  }
  // Before the develop rewrite the setting refuses the whole call, not only the message.
  if (!ctx.settings.allowStatusMessageChange) return badRequest('error-not-allowed', 'Change status is not allowed');
  if (typeof status === 'string' && status !== '') {
    if (!USER_STATUSES.includes(status as UserStatus)) {
      return badRequest('error-invalid-status', 'Valid status types include online, away, offline, and busy.');
    }
    if (status === 'offline' && !ctx.settings.allowInvisibleStatus) {
      return badRequest('error-status-not-allowed', 'Invisible status is disabled');
    }
  }
  const user = auth!.user;
  if (typeof message === 'string') user.statusText = message;
  if (typeof status === 'string' && status !== '') user.statusDefault = status as UserStatus;
  ctx.presence.userEdited(user);
  return { status: 200, json: { success: true } };
}

/** getUserFromParams: ?userId= or ?username=, else the caller. */
function targetUser({ ctx, url, auth }: RouteRequest): ServerUser | undefined | null {
  const userId = url.searchParams.get('userId');
  const username = url.searchParams.get('username');
  if (userId) return ctx.users.get(userId) ?? null;
  if (username) return ctx.users.byUsername(username) ?? null;
  return auth!.user;
}

const invalidUser: Reply = {
  status: 400,
  json: endpointErrorBody({
    error: 'error-invalid-user',
    reason: 'The required "userId" or "username" param provided does not match any users',
  }),
};

export const statusRoutes: Route[] = [
  { method: 'POST', path: '/api/v1/users.setStatus', auth: true, handle: setStatus },
  {
    method: 'GET',
    path: '/api/v1/users.getStatus',
    auth: true,
    handle: (r) => {
      const user = targetUser(r);
      if (!user) return invalidUser;
      const status = r.ctx.presence.status(user);
      if (user.id !== r.auth!.user.id) return { status: 200, json: { _id: user.id, status, success: true } };
      const connectionStatus = r.ctx.presence.statusConnection(user.id);
      return { status: 200, json: { _id: user.id, connectionStatus, status, success: true } };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/users.getPresence',
    auth: true,
    handle: (r) => {
      const user = targetUser(r);
      if (!user) return invalidUser;
      const presence = r.ctx.presence.status(user);
      if (user.id !== r.auth!.user.id) return { status: 200, json: { presence, success: true } };
      return {
        status: 200,
        json: {
          presence,
          connectionStatus: r.ctx.presence.statusConnection(user.id),
          ...(user.lastLogin ? { lastLogin: new Date(user.lastLogin).toISOString() } : {}),
          success: true,
        },
      };
    },
  },
];
