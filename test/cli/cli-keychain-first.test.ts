import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFixture } from '../support/engine-fixture';
import { converse } from '../support/pty';

/** A terminal over SSH or in a container: no session bus, so no Secret Service to keep a token in. */
const NO_BUS = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' };

test('on a terminal with no keychain, login says so before the first prompt: nothing is typed in vain (exit 7)', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  const noKeychain = { ...env, ...NO_BUS };
  for (const args of [['login'], ['login', '-s', server.url], ['login', '-s', server.url, '-u', 'alice'], ['login', '-s', server.url, '--with-token', '--user-id', 'abc']]) {
    const { code, screen } = await converse(args, noKeychain, []);
    assert.equal(code, 7, `${args.join(' ')}: ${screen}`);
    assert.doesNotMatch(screen, /Server|Username or e-mail|Password for|Personal access token/, `${args.join(' ')}: nothing was asked`);
    assert.match(screen, /keychain/i);
    assert.match(screen, /--insecure-storage/);
  }
  assert.equal(server.requests().filter((request) => request.path === '/api/v1/login').length, 0);

  // --insecure-storage needs no keychain: the prompts come, and the sign-in works.
  const insecure = await converse(['login', '-s', server.url, '-u', 'alice', '--insecure-storage'], noKeychain, [{ when: /Password for alice: /, type: () => 'alice-password' }]);
  assert.equal(insecure.code, 0, insecure.screen);
  assert.match(insecure.screen, /Signed in to .* as Alice/);
});
