// The engine loads axios while the first keychain read is under way (issue 9 §4): the work starts
// once, after the read has been asked for, never blocks or changes what the store answers, and a
// failure in it is left to the request that needs the result.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Credentials } from '../../main/engine/http/rocketchat-api';
import { whileKeychainReads } from '../../main/engine/keychain/while-keychain-reads';
import type { TokenStore } from '../../main/engine/keychain/token-store';

function recordingStore(log: string[]): TokenStore {
  const items = new Map<string, Credentials>([['https://chat.example.com', { userId: 'u1', authToken: 't1' }]]);
  return {
    get: async (server) => {
      log.push(`get ${server}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push('get answered');
      return items.get(server);
    },
    set: async (server, credentials) => void items.set(server, credentials),
    delete: async (server) => items.delete(server),
    listServers: async () => [...items.keys()],
  };
}

test('the work starts once, after the first read was asked for and before it answers', async () => {
  const log: string[] = [];
  const store = whileKeychainReads(recordingStore(log), () => log.push('work'));
  assert.deepEqual(await store.get('https://chat.example.com'), { userId: 'u1', authToken: 't1' });
  assert.deepEqual(log, ['get https://chat.example.com', 'work', 'get answered']);
  await store.get('https://other.example.com');
  assert.equal(log.filter((entry) => entry === 'work').length, 1);
});

test('every other call passes through unchanged, and a failing work harms nothing', async () => {
  const store = whileKeychainReads(recordingStore([]), () => {
    throw new Error('axios could not be loaded');
  });
  await store.set('https://new.example.com', { userId: 'u2', authToken: 't2' });
  assert.deepEqual(await store.listServers?.(), ['https://chat.example.com', 'https://new.example.com']);
  assert.deepEqual(await store.get('https://new.example.com'), { userId: 'u2', authToken: 't2' });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(await store.delete('https://new.example.com'), true);
  const withoutList = whileKeychainReads({ get: async () => undefined, set: async () => undefined, delete: async () => false }, () => undefined);
  assert.equal(withoutList.listServers, undefined, 'a store that cannot list stays one that cannot list');
});
