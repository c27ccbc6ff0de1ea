import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { createEngine } from '../../main/engine/create-engine';
import type { CliIo } from '../../main/cli/cli-io';
import { RESEND_INTERVAL_MS } from '../../main/cli/commands/login';
import { runCli as runInProcess } from '../../main/cli/run-cli';
import { runCli } from '../support/cli-runner';
import { engineFixture } from '../support/engine-fixture';
import { converse } from '../support/pty';

test('on a terminal: Enter alone at the e-mail code prompt sends a new code and says to which (masked) address', async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  // A first run mailed a code (exit 5); the next sign-in is told the code was already sent.
  const script = await runCli(['login', '-s', server.url, '-u', 'carol@example.com', '--password-stdin'], { env, input: 'carol-password\n' });
  assert.equal(script.code, 5, script.stderr);
  assert.equal(server.emailCount('carol'), 1);

  const { code, screen } = await converse(['login', '-s', server.url, '-u', 'carol@example.com'], env, [
    { when: /Password for carol@example\.com: /, type: () => 'carol-password' },
    { when: /Code from the e-mail we sent you at c•••@example\.com .*: /, type: () => '' },
    { when: /New code sent to c•••@example\.com\.[\s\S]*Code .*: /, type: () => server.lastEmailCode('carol')! },
  ]);
  assert.equal(code, 0, screen);
  assert.equal(server.emailCount('carol'), 2, 'exactly one more e-mail');
  assert.match(screen, /Signed in to .* as Carol Example/);
  assert.doesNotMatch(screen, /carol@example\.com\.?\s*$/m, 'the full address is never shown after the prompt');
});

/**
 * The CLI in this process on a stand-in terminal (a stream that says it is a TTY), with a clock
 * the test moves: the 30 s between e-mails is tested without waiting 30 s.
 */
function terminalCli(env: NodeJS.ProcessEnv, clock: { now: number }) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let screen = '';
  let seen = 0;
  let wake: () => void = () => undefined;
  stderr.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    wake();
  });
  stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    wake();
  });
  const io: CliIo = {
    stdin,
    stdout,
    stderr,
    createEngine: (options) => createEngine({ env, http: { timeoutMs: 3_000 }, live: options?.live ?? false }),
    waitForInterrupt: () => new Promise(() => undefined),
    now: () => clock.now,
  };
  /** Waits for `pattern` after what was already matched; then the test may move the clock and type. */
  const waitFor = async (pattern: RegExp) => {
    for (;;) {
      const match = pattern.exec(screen.slice(seen));
      if (match) {
        seen += match.index + match[0].length;
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  const type = (typed: string) => stdin.write(`${typed}\r`);
  return { io, waitFor, type, screen: () => screen };
}

test('Enter alone asks for a new e-mailed code at most every 30 s (a fake clock, not wall time)', { timeout: 20_000 }, async (t) => {
  const { server, env } = await engineFixture(t, { server: { rateLimit: false } });
  const clock = { now: 1_000_000 };
  const cli = terminalCli(env, clock);
  const running = runInProcess(['login', '-s', server.url, '-u', 'carol@example.com'], cli.io);

  const codePrompt = /Code .*\(6 digits; Enter alone sends a new one\): /;
  const waitSaying = (words: string) => new RegExp(`wait ${words} before asking for another[\\s\\S]*${codePrompt.source}`);
  const enterAt = async (pattern: RegExp, at: number, typed = '') => {
    await cli.waitFor(pattern);
    clock.now = at;
    cli.type(typed);
  };
  const t0 = clock.now; // the sign-in itself mails the first code now

  await enterAt(/Password for carol@example\.com: /, t0, 'carol-password');
  await enterAt(/Code we just e-mailed you at c•••@example\.com .*: /, t0 + 1_000);
  await enterAt(waitSaying('29 seconds'), t0 + RESEND_INTERVAL_MS - 1);
  await enterAt(waitSaying('1 second'), t0 + RESEND_INTERVAL_MS);
  await cli.waitFor(/New code sent to c•••@example\.com\./);
  assert.equal(server.emailCount('carol'), 2, 'one more e-mail, at 30 s and not before');

  // The limit now counts from that e-mail.
  const t1 = t0 + RESEND_INTERVAL_MS;
  await enterAt(codePrompt, t1 + RESEND_INTERVAL_MS - 1);
  await enterAt(waitSaying('1 second'), t1 + RESEND_INTERVAL_MS, server.lastEmailCode('carol')!);

  assert.equal(await running, 0, cli.screen());
  assert.equal(server.emailCount('carol'), 2);
  assert.match(cli.screen(), /Signed in to .* as Carol Example/);
});
