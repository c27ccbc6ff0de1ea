import assert from 'node:assert/strict';
import { test } from 'node:test';
import { converse } from '../support/pty';
import { engineFixture } from '../support/engine-fixture';

test('on a terminal: the password is asked without echo, then the authenticator code', async (t) => {
  const { server, env } = await engineFixture(t);
  const { code, screen } = await converse(['login', '--server', server.url, '--user', 'bob'], env, [
    { when: /Password for bob: /, type: () => 'bob-password' },
    { when: /Code from your authenticator app.*: /, type: () => server.totpCode('bob') },
  ]);
  assert.equal(code, 0, screen);
  assert.match(screen, /Signed in to .* as Bob/);
  assert.doesNotMatch(screen, /bob-password/);
});

test('on a terminal: a wrong code is said and asked again; Enter alone within 30 s of the last e-mail waits instead of sending another', async (t) => {
  const { server, env } = await engineFixture(t);
  const { code, screen } = await converse(['login', '--server', server.url, '--user', 'carol'], env, [
    { when: /Password for carol: /, type: () => 'carol-password' },
    { when: /Code we just e-mailed you .*: /, type: () => '' },
    { when: /wait \d+ seconds? before asking for another[\s\S]*Code .*: /, type: () => '000000' },
    { when: /not valid[\s\S]*Code .*: /, type: () => server.lastEmailCode('carol')! },
  ]);
  assert.equal(code, 0, screen);
  assert.equal(server.emailCount('carol'), 1, 'no second e-mail within 30 s');
  assert.doesNotMatch(screen, /carol-password/);
});
