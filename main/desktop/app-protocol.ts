import * as path from 'node:path';

/** The login page is served from this scheme, never from file:// (Electron security checklist). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rc-tray';
export const LOGIN_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/login.html`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export type AppRequestResolution = { ok: true; file: string; contentType: string } | { ok: false; status: 403 | 404 };

/**
 * Maps an `app://rc-tray/...` URL to a file inside `root`. Anything that would leave the folder
 * (`..`, encoded slashes, absolute paths), another host, or an unknown file type is refused.
 */
export function resolveAppRequest(url: string, root: string): AppRequestResolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 404 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { ok: false, status: 404 };
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 404 };
  }
  if (relative.includes('\\') || relative.includes('\0') || relative.split('/').some((part) => part === '..')) return { ok: false, status: 403 };
  const base = path.resolve(root);
  const file = path.resolve(base, `.${relative}`);
  if (!file.startsWith(base + path.sep)) return { ok: false, status: 403 };
  const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()];
  if (!contentType) return { ok: false, status: 404 };
  return { ok: true, file, contentType };
}

/** Headers for every page response: the strict CSP plus no sniffing. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}
