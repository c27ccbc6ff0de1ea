// Property-based fuzzing of every parser and decision that takes outside input (issue 8 §4).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { IPC_INVOKE, type IpcInvokeName } from '../../main/common/ipc-contract';
import { isCanonicalServerAddress, isLoopbackHost, normaliseServerAddress } from '../../main/common/server-address';
import { checkPayload } from '../../main/desktop/ipc-guard';
import { plainNotificationText } from '../../main/desktop/notifications';
import { browserAddress } from '../../main/desktop/tray-menu';
import { parseInvocation, UsageError } from '../../main/cli/parse-args';
import { ddpLoginFailure, isTokenRefusal } from '../../main/engine/realtime/ddp-login-errors';
import { ddpMessageSchema, userPresenceEventSchema, userStatusEventSchema } from '../../main/engine/realtime/ddp-messages';
import { salvageSettings, describeSettingsProblem } from '../../main/engine/settings/settings-repair';
import { check, nastyString } from './fuzz-config';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const addressLike = fc.oneof(
  nastyString,
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.tuple(fc.constantFrom('http://', 'https://', 'ftp://', 'javascript:', '', 'HTTPS://', 'http:/'), fc.domain(), fc.option(fc.integer({ min: 0, max: 70000 })), fc.constantFrom('', '/', '/chat/', '/a%20b', '/..', '?x', '#y'), nastyString).map(
    ([scheme, host, port, pathPart, tail]) => `${scheme}${host}${port === null ? '' : `:${port}`}${pathPart}${tail}`,
  ),
);

test('fuzz: server addresses — never throws; an accepted one is canonical, https or loopback http, no credentials or controls', async () => {
  await check(
    'server addresses',
    fc.property(addressLike, (typed) => {
      const result = normaliseServerAddress(typed);
      if (!result.ok) {
        assert.ok(result.error.message.length > 0);
        return;
      }
      const url = new URL(result.url);
      assert.ok(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)), result.url);
      assert.equal(url.username + url.password, '');
      assert.doesNotMatch(result.url, CONTROL);
      assert.ok(!result.url.endsWith('/'), result.url);
      // Idempotent: what rc-tray stores is what it would make of it again (settings are checked this way).
      assert.ok(isCanonicalServerAddress(result.url), result.url);
      assert.equal(browserAddress(result.url), url.href);
    }),
  );
});

const jsonValue = fc.jsonValue({ maxDepth: 4 });
const settingsLike = fc.oneof(
  jsonValue,
  fc.record(
    {
      version: fc.oneof(fc.constant(1), fc.constant(2), jsonValue),
      servers: fc.oneof(fc.array(fc.record({ url: fc.oneof(addressLike, jsonValue), lastUsername: fc.oneof(nastyString, jsonValue) }, { requiredKeys: [] }), { maxLength: 6 }), jsonValue),
      activeServer: fc.oneof(addressLike, jsonValue),
      startAtLoginChosen: fc.oneof(fc.boolean(), jsonValue),
      __proto__: jsonValue,
    },
    { requiredKeys: [] },
  ),
);

test('fuzz: settings files — salvage never throws, keeps only canonical addresses, never pollutes prototypes', async () => {
  await check(
    'settings files',
    fc.property(settingsLike, fc.array(addressLike, { maxLength: 4 }), (raw, keychain) => {
      const reparsed: unknown = JSON.parse(JSON.stringify(raw) ?? 'null');
      const { settings, dropped } = salvageSettings(reparsed, keychain);
      assert.equal(settings.version, 1);
      for (const server of settings.servers) assert.ok(isCanonicalServerAddress(server.url), server.url);
      assert.equal(new Set(settings.servers.map((server) => server.url)).size, settings.servers.length);
      if (settings.activeServer !== undefined) assert.ok(settings.servers.some((server) => server.url === settings.activeServer));
      assert.ok(dropped >= 0);
      const sentence = describeSettingsProblem({ kind: 'bad-addresses', count: dropped }, { aside: 'settings.json.damaged-1', file: '/x/settings.json', recovered: settings.servers.length });
      assert.doesNotMatch(sentence, CONTROL);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    }),
  );
});

const ddpFrame = fc.oneof(
  jsonValue,
  fc.record(
    {
      msg: fc.constantFrom('connected', 'failed', 'ping', 'pong', 'result', 'ready', 'nosub', 'changed', 'updated', 'added', 'removed', 'error', '__proto__', ''),
      id: fc.oneof(fc.string(), jsonValue),
      session: fc.oneof(fc.string(), jsonValue),
      subs: fc.oneof(fc.array(fc.string()), jsonValue),
      collection: fc.constantFrom('stream-user-presence', 'stream-notify-logged', 'stream-notify-user', 'users', '__proto__'),
      fields: fc.oneof(
        fc.record({ eventName: fc.oneof(fc.constant('user-status'), fc.string()), args: fc.oneof(fc.array(fc.array(fc.oneof(fc.string(), fc.integer(), jsonValue), { maxLength: 8 }), { maxLength: 2 }), jsonValue) }, { requiredKeys: [] }),
        jsonValue,
      ),
      error: fc.oneof(fc.record({ error: fc.oneof(fc.string(), fc.integer()), reason: nastyString, message: nastyString }, { requiredKeys: [] }), jsonValue),
      result: jsonValue,
    },
    { requiredKeys: ['msg'] },
  ),
);

test('fuzz: DDP frames — parsing and login-failure mapping never throw; a failure is a plain message', async () => {
  await check(
    'DDP frames',
    fc.property(ddpFrame, (frame) => {
      const text = JSON.stringify(frame);
      const parsed = ddpMessageSchema.safeParse(JSON.parse(text ?? 'null'));
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.msg === 'changed' && message.fields) {
        userPresenceEventSchema.safeParse(message.fields);
        userStatusEventSchema.safeParse(message.fields);
      }
      if ((message.msg === 'result' || message.msg === 'nosub') && message.error) {
        isTokenRefusal(message.error);
        for (const kind of ['resume', 'password'] as const) {
          const failure = ddpLoginFailure(message.error, kind);
          assert.ok(failure.message.length > 0);
          assert.doesNotMatch(failure.message, /\n\s+at /);
        }
      }
    }),
  );
});

const argToken = fc.oneof(
  nastyString,
  fc.constantFrom('login', 'status', 'logout', 'set-status', 'help', 'version', '--server', '-s', '--user', '-u', '--json', '--watch', '--password', '--password=x', '--password-stdin', '--code', '--message', '--all', 'online', 'away', 'busy', 'invisible', '--', '-', '--help', '-h', '--server=https://a.example'),
);

test('fuzz: CLI arguments — every argv is an invocation or a UsageError, and a usage error never echoes a password', async () => {
  await check(
    'CLI arguments',
    fc.property(fc.array(argToken, { maxLength: 8 }), (argv) => {
      try {
        const invocation = parseInvocation(argv);
        assert.ok(['help', 'version', 'run'].includes(invocation.kind));
      } catch (error) {
        assert.ok(error instanceof UsageError, String(error));
        const secret = argv.find((token) => token.startsWith('--password='));
        if (secret && secret.length > '--password='.length + 3) assert.ok(!error.message.includes(secret.slice('--password='.length)), error.message);
      }
    }),
  );
});

test('fuzz: IPC payloads — anything the renderer sends is refused or a strict, bounded request', async () => {
  const names = Object.keys(IPC_INVOKE) as IpcInvokeName[];
  const payload = fc.oneof(
    jsonValue,
    fc.record({ address: fc.oneof(nastyString, jsonValue), server: fc.oneof(addressLike, jsonValue), user: fc.oneof(nastyString, jsonValue), password: fc.oneof(fc.string({ maxLength: 1100 }), jsonValue), code: fc.oneof(nastyString, jsonValue), extra: jsonValue }, { requiredKeys: [] }),
  );
  await check(
    'IPC payloads',
    fc.property(fc.constantFrom(...names), payload, (name, sent) => {
      const result = checkPayload(name, JSON.parse(JSON.stringify(sent) ?? 'null'));
      if (!result.ok) return;
      const request = result.request as Record<string, unknown>;
      for (const [key, value] of Object.entries(request)) {
        assert.equal(typeof value, 'string', key);
        assert.ok((value as string).length <= 2048, key);
      }
      assert.deepEqual(Object.keys(request).sort(), Object.keys(IPC_INVOKE[name].request.shape).sort());
    }),
  );
});

test('fuzz: notification text — plain, bounded, nothing a markup server could render', async () => {
  await check(
    'notification text',
    fc.property(fc.oneof(nastyString, fc.string({ maxLength: 2000 }), fc.constantFrom('<a href="x">y</a>', '<img src=x>', '&lt;b&gt;')), (text) => {
      const plain = plainNotificationText(text);
      assert.doesNotMatch(plain, /[<>&\u0000-\u001f]/);
      assert.ok(plain.length <= 300);
    }),
  );
});
