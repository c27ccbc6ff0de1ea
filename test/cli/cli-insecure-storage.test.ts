import assert from 'node:assert/strict';
import { lstat, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { engineFixture } from '../support/engine-fixture';
import { inPrivateSession } from '../support/private-keyring';

const TOKEN_FILE = 'insecure-tokens.json';
const json = (output: string) => JSON.parse(output.trim().split('\n').filter((line) => line.startsWith('{')).at(-1) ?? '{}') as Record<string, any>;

test('--insecure-storage without a keychain: a 0600 file in the config folder, a warning every time, found by every command, removed by logout', async (t) => {
  const { server, env, configFolder } = await engineFixture(t, { server: { rateLimit: false } });
  const steps = await inPrivateSession(
    [
      `echo alice-password | step plain login -s "${server.url}" -u alice --password-stdin --json`,
      `echo alice-password | step login login -s "${server.url}" -u alice --password-stdin --insecure-storage --json`,
      `ls -l "${configFolder}" > "${configFolder}/listing.txt"`,
      'step status status --json',
      'step statusAgain status',
      'step setStatus set-status busy --json',
    ].join('\n'),
    env,
    { keyring: false },
  );
  assert.equal(steps.plain!.code, 7, 'never chosen automatically');
  assert.equal(steps.login!.code, 0, steps.login!.output);
  assert.equal(json(steps.login!.output).state, 'signed-in');
  for (const name of ['login', 'status', 'statusAgain', 'setStatus']) {
    assert.match(steps[name]!.output, /Warning: .*insecure-tokens\.json \(readable only by you\), not in the system keychain/, `${name} warns`);
  }
  assert.equal(steps.status!.code, 0, steps.status!.output);
  assert.equal(json(steps.status!.output).state, 'signed-in');
  assert.equal(steps.setStatus!.code, 0, steps.setStatus!.output);
  assert.equal(server.user('alice').statusDefault, 'busy');

  const file = path.join(configFolder, TOKEN_FILE);
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  const saved = JSON.parse(await readFile(file, 'utf8')) as { servers: Record<string, { authToken: string }> };
  assert.ok(saved.servers[server.url]?.authToken);
  assert.doesNotMatch(await readFile(file, 'utf8'), /alice-password/);

  const out = await inPrivateSession('step logout logout --json', env, { keyring: false });
  assert.equal(out.logout!.code, 0, out.logout!.output);
  assert.equal(server.tokenCount('alice'), 0, 'logout revoked it');
  await assert.rejects(stat(file), 'and deleted the file');
});

test('the token file is never written or read through a planted link', async (t) => {
  const { server, env, configFolder } = await engineFixture(t, { server: { rateLimit: false } });
  const victim = path.join(configFolder, 'victim.txt');
  await writeFile(victim, 'untouched\n');
  await symlink(victim, path.join(configFolder, TOKEN_FILE));
  const steps = await inPrivateSession(
    [
      `echo alice-password | step login login -s "${server.url}" -u alice --password-stdin --insecure-storage --json`,
      `step status status --server "${server.url}" --json`,
    ].join('\n'),
    env,
    { keyring: false },
  );
  assert.equal(steps.login!.code, 7, steps.login!.output);
  assert.match(json(steps.login!.output).error.message, /insecure-tokens\.json is a link, which rc-tray does not follow: remove it/);
  assert.equal(server.requests().filter((request) => request.path === '/api/v1/login').length, 0, 'refused before the password was sent');
  assert.notEqual(steps.status!.code, 0, 'a token file that is a link is not trusted');
  assert.equal(await readFile(victim, 'utf8'), 'untouched\n');
  assert.ok((await lstat(path.join(configFolder, TOKEN_FILE))).isSymbolicLink(), 'left for the person to look at');
});
