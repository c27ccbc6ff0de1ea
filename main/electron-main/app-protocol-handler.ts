import { promises as fs } from 'node:fs';
import { APP_SCHEME, appResponseHeaders, resolveAppRequest } from '../desktop/app-protocol';
import type { ProtocolPort } from './electron-ports';

/** Must run before `ready`: makes app:// a secure, standard origin (so 'self' in the CSP means it). */
export function registerAppScheme(protocol: ProtocolPort): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } },
  ]);
}

export type ReadFile = (file: string) => Promise<Uint8Array>;

/** Builds the response for one app:// request: a file below `root`, or a bare error status. */
export async function appProtocolResponse(url: string, root: string, readFile: ReadFile): Promise<Response> {
  const resolved = resolveAppRequest(url, root);
  if (!resolved.ok) return new Response(null, { status: resolved.status });
  let body: Uint8Array;
  try {
    body = await readFile(resolved.file);
  } catch {
    return new Response(null, { status: 404 });
  }
  return new Response(new Uint8Array(body), { status: 200, headers: appResponseHeaders(resolved.contentType) });
}

/** After `ready`: serves the built renderer folder, and nothing else, on app://rc-tray/. */
export function serveAppFiles(protocol: ProtocolPort, root: string, readFile: ReadFile = (file) => fs.readFile(file)): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request.url, root, readFile));
}
