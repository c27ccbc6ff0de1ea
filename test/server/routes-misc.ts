// /api/info, avatars, and the demo-only helpers that reveal 2FA codes.
import type { Route } from './rest-routes';
import { totp } from './totp';

/** Looks like RC's signed supported-versions JWT; nothing verifies it. */
const SIGNED_SUPPORTED_VERSIONS = [
  Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url'),
  Buffer.from(JSON.stringify({ timestamp: '2025-01-01T00:00:00.000Z', versions: [] })).toString('base64url'),
  Buffer.from('rc-tray-test-server-signature').toString('base64url'),
].join('.');

export function trimVersion(version: string): string {
  const [major = '0', minor = '0'] = version.split('.');
  return `${major}.${minor}`;
}

export const miscRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/info',
    handle: ({ ctx }) => ({
      status: 200,
      json: {
        version: trimVersion(ctx.settings.version),
        minimumClientVersions: { desktop: '3.9.6', mobile: '4.39.0' },
        supportedVersions: { signed: SIGNED_SUPPORTED_VERSIONS },
        cloudWorkspaceId: 'test-workspace',
        success: true,
      },
    }),
  },
  {
    method: 'GET',
    path: '/avatar/',
    prefix: true,
    handle: ({ url }) => {
      const name = decodeURIComponent(url.pathname.slice('/avatar/'.length)) || '?';
      const letter = name[0]!.toUpperCase().replace(/[<>&"']/g, '?');
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#1d74f5"/><text x="32" y="42" font-size="32" text-anchor="middle" fill="#fff" font-family="sans-serif">${letter}</text></svg>`;
      return { status: 200, raw: svg, headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=3600' } };
    },
  },
];

export const demoRoutes: Route[] = [
  {
    method: 'GET',
    path: '/_demo/totp/',
    prefix: true,
    handle: ({ ctx, url }) => {
      const user = ctx.users.byUsername(decodeURIComponent(url.pathname.slice('/_demo/totp/'.length)));
      if (!user?.totpSecret) return { status: 404, json: { success: false, error: 'no TOTP user of that name' } };
      return { status: 200, json: { username: user.username, code: totp(user.totpSecret, ctx.now()), success: true } };
    },
  },
  {
    method: 'GET',
    path: '/_demo/email-code/',
    prefix: true,
    handle: ({ ctx, url }) => {
      const user = ctx.users.byUsername(decodeURIComponent(url.pathname.slice('/_demo/email-code/'.length)));
      const code = user?.emailsSent[user.emailsSent.length - 1];
      if (!user || !code) return { status: 404, json: { success: false, error: 'no e-mail code sent to that user' } };
      return { status: 200, json: { username: user.username, code, success: true } };
    },
  },
];
