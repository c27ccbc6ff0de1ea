import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { listenOnLoopback } from './loopback';
import { APP_HOST, APP_SCHEME, appResponseHeaders, resolveAppRequest } from '../../main/desktop/app-protocol';

export interface AppFilesServer {
  /** http://127.0.0.1:<port>, standing in for app://rc-tray. */
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves a built folder over loopback exactly as the app's app:// handler does (same path rules,
 * same CSP header), so a browser test sees the page the app would show.
 */
export async function startAppFilesServer(root: string): Promise<AppFilesServer> {
  const server = http.createServer((request, response) => {
    const resolved = resolveAppRequest(`${APP_SCHEME}://${APP_HOST}${request.url ?? '/'}`, root);
    if (!resolved.ok) {
      response.writeHead(resolved.status).end();
      return;
    }
    readFile(resolved.file).then(
      (body) => response.writeHead(200, appResponseHeaders(resolved.contentType)).end(body),
      () => response.writeHead(404).end(),
    );
  });
  const listening = await listenOnLoopback(server);
  return { origin: listening.url, close: listening.close };
}
