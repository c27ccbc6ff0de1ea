import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseServerAddress, realtimeEndpoint, serverEndpoint } from '../../main/common/server-address';

const ok = (input: string) => {
  const result = normaliseServerAddress(input);
  assert.ok(result.ok, `expected ${input} to be accepted`);
  return result.url;
};
const refused = (input: string) => {
  const result = normaliseServerAddress(input);
  assert.ok(!result.ok, `expected ${input} to be refused`);
  return result.error;
};

test('a bare host gets https and no trailing slash', () => {
  assert.equal(ok('chat.example.com'), 'https://chat.example.com');
  assert.equal(ok('  https://Chat.Example.com/  '), 'https://chat.example.com');
  assert.equal(ok('chat.example.com:3000'), 'https://chat.example.com:3000');
});

test('a sub-path is kept, query and fragment are dropped', () => {
  assert.equal(ok('https://example.com/chat/'), 'https://example.com/chat');
  assert.equal(ok('example.com/chat?x=1#top'), 'https://example.com/chat');
  assert.equal(serverEndpoint('https://example.com/chat', '/api/info'), 'https://example.com/chat/api/info');
  assert.equal(realtimeEndpoint('https://example.com/chat'), 'wss://example.com/chat/websocket');
  assert.equal(realtimeEndpoint('http://127.0.0.1:3900'), 'ws://127.0.0.1:3900/websocket');
});

test('plain http only for this computer', () => {
  assert.equal(ok('http://localhost:3000'), 'http://localhost:3000');
  assert.equal(ok('http://127.0.0.1:3900/'), 'http://127.0.0.1:3900');
  assert.equal(ok('http://[::1]:3000'), 'http://[::1]:3000');
  const error = refused('http://chat.example.com');
  assert.equal(error.code, 'insecure-address');
  assert.match(error.message, /plain http/);
  assert.match(error.message, /chat\.example\.com/);
});

test('nonsense gets a clear reason', () => {
  assert.equal(refused('').code, 'invalid-address');
  assert.match(refused('   ').message, /Enter your server/);
  assert.match(refused('chat example com').message, /spaces/);
  assert.match(refused('ftp://chat.example.com').message, /not ftp/);
  assert.match(refused('https://bob:secret@chat.example.com').message, /username and password out/);
  assert.doesNotMatch(refused('https://bob:secret@chat.example.com').message, /secret/);
});

test('labels leave out https only: a plain-http server is always shown with its scheme', async () => {
  const { serverLabel } = await import('../../main/common/server-address');
  assert.equal(serverLabel('https://chat.example.com/team'), 'chat.example.com/team');
  assert.equal(serverLabel('http://127.0.0.1:3900'), 'http://127.0.0.1:3900');
});
