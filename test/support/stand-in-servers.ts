import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenOnLoopback, type Listening } from './loopback';

export type LoopbackSite = Listening;

/** An ordinary web site on loopback: answers every path with an HTML page (not Rocket.Chat). */
export async function startHtmlSite(): Promise<LoopbackSite> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html><head><title>Welcome</title></head><body><h1>It works!</h1></body></html>');
  });
  return listenOnLoopback(server);
}

/** A loopback address where nothing listens: the port was just taken and released. */
export async function closedLoopbackUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
