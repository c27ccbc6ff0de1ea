import type { IncomingMessagePort, NetPort } from './electron-ports';

/** Statuses whose Response may carry no body (fetch spec "null body status"). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function toHeaders(raw: Record<string, string | string[]>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) for (const each of Array.isArray(value) ? value : [value]) headers.append(name, each);
  return headers;
}

/** The response body as a stream, so axios's size limit can stop reading part-way. */
function bodyOf(response: IncomingMessagePort, abort: () => void): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      response.on('data', (chunk) => controller.enqueue(new Uint8Array(chunk)));
      response.on('end', () => controller.close());
      response.on('error', (error) => controller.error(error));
      response.on('aborted', () => controller.error(new Error('net::ERR_ABORTED')));
    },
    cancel: abort,
  });
}

/**
 * One request with `redirect: 'manual'` over `net.request`: Chromium's `net.fetch` rejects a
 * manual redirect with "Redirect was cancelled" (lib/common/api/net-client-request.ts:477-493,
 * electron/electron#43715), losing the address; here the redirect becomes the 3xx response with
 * its Location that Node's fetch would give, and the request is abandoned, never followed.
 */
async function manualRedirectFetch(net: NetPort, request: Request): Promise<Response> {
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : Buffer.from(await request.arrayBuffer());
  return new Promise<Response>((resolve, reject) => {
    const signal = request.signal;
    if (signal.aborted) return reject(signal.reason);
    const clientRequest = net.request({ method: request.method, url: request.url, redirect: 'manual' });
    request.headers.forEach((value, name) => clientRequest.setHeader(name, value));
    const onAbort = () => {
      clientRequest.abort();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal.removeEventListener('abort', onAbort);
    clientRequest.on('redirect', (statusCode, _method, redirectUrl) => {
      settle();
      clientRequest.abort();
      resolve(new Response(null, { status: statusCode, headers: { location: redirectUrl } }));
    });
    clientRequest.on('response', (response) => {
      settle();
      const status = response.statusCode;
      resolve(new Response(NULL_BODY.has(status) ? null : bodyOf(response, () => clientRequest.abort()), { status, headers: toHeaders(response.headers) }));
    });
    clientRequest.on('error', (error) => {
      settle();
      reject(error);
    });
    clientRequest.end(body);
  });
}

/**
 * axios's fetch adapter over Electron's network stack (system proxy, OS certificate store).
 * axios asks for `redirect: 'manual'` (maxRedirects: 0), which needs `net.request` to keep the
 * redirect's address; anything else goes to `net.fetch`.
 */
export function electronFetch(net: NetPort): typeof fetch {
  return async (input, init) => {
    const request = new Request(input instanceof URL ? input.href : input, init);
    if (request.redirect === 'manual') return manualRedirectFetch(net, request);
    return net.fetch(request);
  };
}
