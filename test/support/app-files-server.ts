import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
