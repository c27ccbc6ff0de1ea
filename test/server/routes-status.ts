// users.setStatus / getStatus / getPresence (contract §9), per version (status-rules.ts).
import { endpointErrorBody, MATCH_ERROR_BODY } from './error-bodies';
import type { Reply } from './http-io';
import type { Route, RouteRequest } from './rest-routes';
import { applySetStatus, hasPresenceEngine, type StatusRequest } from './status-rules';
import type { ServerUser } from './users';

function badRequest(error: string, reason: string): Reply {
  return { status: 400, json: endpointErrorBody({ error, reason, details: { method: 'users.setStatus' } }) };
}

function setStatus({ ctx, body, auth }: RouteRequest): Reply {
  const params = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const { status, message, expiresAt } = params;
  const maybeString = (v: unknown) => v === undefined || v === null || typeof v === 'string';
  if ((status == null && message == null) || !maybeString(status) || !maybeString(message)) {
    return { status: 400, json: MATCH_ERROR_BODY };
  }
  // Before 8.6 the body is checked with Match.ObjectIncluding({status, message}): other keys pass
  // unread, so an `expiresAt` sent to an older server is silently ignored (status-rules.ts).
  const request: StatusRequest = {};
  if (typeof status === 'string') request.status = status;
  if (typeof message === 'string') request.message = message;
  if (hasPresenceEngine(ctx.settings.version) && expiresAt !== undefined) request.expiresAt = expiresAt;
  const user = auth!.user;
  const refused = applySetStatus(ctx, user, request);
  if (refused) return badRequest(refused.error, refused.reason);
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

/** 8.6+ `users.getStatus` / `me`: `statusSource` and `statusExpiresAt` only when set (contract §9). */
export function claimFields(version: string, user: ServerUser): Record<string, unknown> {
  if (!hasPresenceEngine(version)) return {};
  const fields: Record<string, unknown> = {};
  if (user.statusSource) fields.statusSource = user.statusSource;
  if (user.statusExpiresAt !== undefined) fields.statusExpiresAt = new Date(user.statusExpiresAt).toISOString();
  return fields;
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
      return { status: 200, json: { _id: user.id, connectionStatus, status, ...claimFields(r.ctx.settings.version, user), success: true } };
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
