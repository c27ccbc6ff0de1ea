// REST answers and settings files, fuzzed through the real code paths (issue 8 §4).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { AxiosAdapter } from 'axios';
import fc from 'fast-check';
import { isCanonicalServerAddress } from '../../main/common/server-address';
import { SignInFailure } from '../../main/common/sign-in-error';
import { createHttpClient } from '../../main/engine/http/http-client';
import { RocketChatApi } from '../../main/engine/http/rocketchat-api';
import { JsonSettingsStore } from '../../main/engine/settings/settings-store';
import { check, FUZZ_RUNS, nastyString } from './fuzz-config';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const json = fc.jsonValue({ maxDepth: 4 });
const errorBody = fc.record(
  {
    success: fc.oneof(fc.constant(false), json),
    status: fc.oneof(fc.constantFrom('error', 'success'), json),
    error: fc.oneof(fc.constantFrom('totp-required', 'totp-invalid', 'error-user-is-not-activated', 'error-too-many-requests', 'error-login-blocked-for-user', 'Unauthorized', '403', '__proto__'), nastyString, fc.integer(), json),
    errorType: fc.oneof(fc.constantFrom('totp-required', 'error-too-many-requests'), nastyString),
    message: nastyString,
    details: fc.oneof(fc.record({ method: fc.constantFrom('totp', 'email', 'password', 'x'), codeGenerated: fc.boolean(), __proto__: json }, { requiredKeys: [] }), json),
  },
  { requiredKeys: [] },
);
const me = fc.record({ _id: fc.oneof(fc.constant('U1'), nastyString, json), username: fc.oneof(nastyString, json), name: nastyString, status: fc.oneof(fc.constantFrom('online', 'away', 'busy', 'offline', 'bogus'), json), statusText: fc.oneof(nastyString, json) }, { requiredKeys: [] });
const body = fc.oneof(
  nastyString,
  json.map((value) => JSON.stringify(value)),
  errorBody.map((value) => JSON.stringify(value)),
  me.map((value) => JSON.stringify({ ...value, success: true })),
  fc.record({ status: fc.constantFrom('success', 'error'), data: fc.record({ userId: fc.oneof(fc.constant('U1'), json), authToken: fc.oneof(nastyString, json), me }, { requiredKeys: [] }) }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
  fc.constantFrom('<html><body>403 Forbidden</body></html>', '{"success":true,"version":"7.10.1"}', '', '{', 'null', '{"__proto__":{"polluted":1}}'),
);
const answer: fc.Arbitrary<Answer> = fc.record({
  status: fc.oneof(fc.constantFrom(200, 201, 204, 301, 302, 307, 400, 401, 403, 404, 429, 500, 502, 503), fc.integer({ min: 100, max: 599 })),
  headers: fc.record({ 'content-type': fc.constantFrom('application/json', 'text/html', 'text/plain'), 'retry-after': fc.oneof(fc.constantFrom('5', '0', '-1', 'Wed, 21 Oct 2015 07:28:00 GMT'), nastyString), location: fc.oneof(fc.constant('http://127.0.0.2/'), nastyString), 'x-ratelimit-reset': fc.oneof(fc.integer().map(String), nastyString) }, { requiredKeys: ['content-type'] }),
  body,
});

function apiAnswering(answers: Answer[]): { api: RocketChatApi; served: Answer[] } {
  let index = 0;
  const served: Answer[] = [];
  const adapter: AxiosAdapter = async (config) => {
    const next = answers[index++ % answers.length]!;
    served.push(next);
    return { status: next.status, statusText: '', headers: next.headers, data: next.body, config };
  };
  return { api: new RocketChatApi('https://chat.example.com', createHttpClient({ adapter })), served };
}

const credentials = { userId: 'U1', authToken: 'token-1' };
const KNOWN_CODES = /^[a-z0-9-]+$/;

test('fuzz: REST answers — every call returns typed data or a SignInFailure; only a refusal of the token ends a session', async () => {
  await check(
    'REST response schemas and failure mapping',
    fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 3 }), async (answers) => {
      const { api, served } = apiAnswering(answers);
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['serverInfo', () => api.serverInfo()],
        ['login', () => api.login({ user: 'ann', password: 'pw', code: '123456' })],
        ['me', () => api.me(credentials)],
        ['logout', () => api.logout(credentials)],
        ['setStatus', () => api.setStatus(credentials, { status: 'busy', message: 'x' })],
      ];
      for (const [name, call] of calls) {
        served.length = 0;
        try {
          await call();
        } catch (error) {
          assert.ok(error instanceof SignInFailure, `${name} threw ${String(error)}`);
          assert.match(error.code, KNOWN_CODES);
          assert.ok(error.message.length > 0 && !/\n\s+at /.test(error.message));
          if (name === 'me' && (error.code === 'session-expired' || error.code === 'user-deactivated')) {
            // F-04: only a 401, or Rocket.Chat's own "deactivated" error id, removes a saved token;
            // a proxy's or WAF's page never does.
            const answered = served.at(-1)!;
            const refusal = answered.status === 401 || answered.body.includes('error-user-is-not-activated');
            assert.ok(refusal, `me: ${error.code} from HTTP ${answered.status} ${answered.body.slice(0, 100)}`);
          }
        }
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    }),
  );
});

test('fuzz: settings files on disk — any bytes: read never throws, only canonical addresses come back, update works after', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-fuzz-settings-'));
  let index = 0;
  try {
    await check(
      'settings files on disk',
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)), fc.jsonValue({ maxDepth: 4 }).map((value) => Buffer.from(JSON.stringify(value) ?? '')), fc.record({ version: fc.constantFrom(1, 2, 0), servers: fc.array(fc.record({ url: nastyString })) }).map((value) => Buffer.from(JSON.stringify(value)))), async (bytes) => {
        const dir = path.join(folder, String(index++));
        const notices: string[] = [];
        const store = new JsonSettingsStore(dir, { onNotice: (sentence) => notices.push(sentence), savedServers: async () => ['https://kept.example'] });
        await store.update((settings) => settings);
        await writeFile(store.file, bytes);
        const settings = await store.read();
        for (const server of settings.servers) assert.ok(isCanonicalServerAddress(server.url));
        assert.ok(notices.length <= 1);
        if (notices.length === 1) assert.ok(settings.servers.some((server) => server.url === 'https://kept.example'), 'a keychain server is found again');
        const updated = await store.update((current) => ({ ...current, activeServer: undefined }));
        assert.equal(updated.version, 1);
      }),
      Math.min(FUZZ_RUNS, 150),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
