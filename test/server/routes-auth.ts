// login, logout, me and the e-mail code resend (contract §2-§4, §7, §8).
import { endpointErrorBody, INTERNAL_ERROR_BODY, loginFailureBody } from './error-bodies';
import { header } from './http-io';
import { loginCompatibility, meteorLogin } from './login';
import type { Route } from './rest-routes';
import { meObject } from './user-info';

export const authRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/login',
    handle: ({ ctx, req, ip, body }) => {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return { status: 500, json: INTERNAL_ERROR_BODY };
      const request = loginCompatibility(body as Record<string, unknown>, header(req, 'x-2fa-code'));
      const result = meteorLogin(ctx, request, ip);
      if (result.ok) {
        return {
          status: 200,
          json: {
            status: 'success',
            data: { userId: result.user.id, authToken: result.token, me: meObject(ctx, result.user) },
            success: true,
          },
        };
      }
      if (result.internal) return { status: 500, json: INTERNAL_ERROR_BODY };
      return { status: 401, json: loginFailureBody(ctx.settings.version, result.error) };
    },
  },
  ...(['POST', 'GET'] as const).map(
    (method): Route => ({
      method,
      path: '/api/v1/logout',
      auth: true,
      // 7.4+ routers answer the handler's plain object with an empty 200 (RC issue #35922).
      handle: ({ ctx, auth }) => {
        ctx.users.removeToken(auth!.user, auth!.hashedToken);
        return { status: 200 };
      },
    }),
  ),
  {
    method: 'GET',
    path: '/api/v1/me',
    auth: true,
    handle: ({ ctx, auth }) => ({ status: 200, json: { ...meObject(ctx, auth!.user), success: true } }),
  },
  {
    method: 'POST',
    path: '/api/v1/users.2fa.sendEmailCode',
    handle: ({ ctx, body }) => {
      const value = (body as { emailOrUsername?: unknown } | null)?.emailOrUsername;
      if (typeof value !== 'string' || !value) {
        return {
          status: 400,
          json: endpointErrorBody({ error: 'error-parameter-required', reason: 'emailOrUsername is required' }),
        };
      }
      // RocketChat/Rocket.Chat apps/meteor/app/api/server/v1/users.ts (users.2fa.sendEmailCode):
      // `includes('@') ? findOneByEmailAddress : findOneByUsername`; the e-mail lookup ignores case
      // (a /^…$/i regex), the username lookup is exact (`{username}`), unlike the login's own
      // case-insensitive fallback. Unknown users get the same 200 and no mail (users.ts@00e428ca).
      const user = value.includes('@') ? ctx.users.byEmail(value) : ctx.users.all().find((u) => u.username === value);
      if (user && ctx.email.enabled(user)) ctx.email.send(user);
      return { status: 200, json: { success: true } };
    },
  },
];
