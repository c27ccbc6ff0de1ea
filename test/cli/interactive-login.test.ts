import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { CLI } from '../support/cli-runner';
import { engineFixture } from '../support/engine-fixture';

/**
 * Drives `rc-tray login` on a real pseudo-terminal (util-linux `script`), answering each prompt
 * when it appears, as a person would.
 */
function converse(args: string[], env: NodeJS.ProcessEnv, answers: Array<{ when: RegExp; type: () => string }>) {
  const command = [process.execPath, CLI, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  // Each prompt is looked for only in what appeared after the previous answer.
  let answeredUpTo = 0;
  const pending = [...answers];
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    const next = pending[0];
    if (next && next.when.test(screen.slice(answeredUpTo))) {
      pending.shift();
      answeredUpTo = screen.length;
      child.stdin.write(`${next.type()}\r`);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return new Promise<{ code: number | null; screen: string }>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

test('on a terminal: the password is asked without echo, then the authenticator code', async (t) => {
  const { server, env } = await engineFixture(t);
  const { code, screen } = await converse(['login', '--server', server.url, '--user', 'bob'], env, [
    { when: /Password for bob: /, type: () => 'bob-password' },
    { when: /Code from your authenticator app: /, type: () => server.totpCode('bob') },
  ]);
  assert.equal(code, 0, screen);
  assert.match(screen, /Signed in to .* as Bob/);
  assert.doesNotMatch(screen, /bob-password/);
});

test('on a terminal: a wrong code is said and asked again; Enter alone re-sends an e-mail code', async (t) => {
  const { server, env } = await engineFixture(t);
  const { code, screen } = await converse(['login', '--server', server.url, '--user', 'carol'], env, [
    { when: /Password for carol: /, type: () => 'carol-password' },
    { when: /Code we just e-mailed you .*: /, type: () => '' },
    { when: /Code we just e-mailed you .*: /, type: () => '000000' },
    { when: /not valid[\s\S]*Code .*: /, type: () => server.lastEmailCode('carol')! },
  ]);
  assert.equal(code, 0, screen);
  assert.equal(server.emailCount('carol'), 2);
  assert.doesNotMatch(screen, /carol-password/);
});
