import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NetworkRecovery } from '../../main/desktop/network-recovery';
import { FakeScheduler } from '../support/fake-scheduler';

test('only the offline → online edge triggers a retry, sampled on a timer', () => {
  const scheduler = new FakeScheduler();
  let online = true;
  let retries = 0;
  const recovery = new NetworkRecovery({ isOnline: () => online, onBack: () => (retries += 1), scheduler, checkEveryMs: 1_000 });
  recovery.start();
  scheduler.advance(3_000);
  assert.equal(retries, 0, 'staying online is no event');
  online = false;
  scheduler.advance(3_000);
  assert.equal(retries, 0);
  online = true;
  scheduler.advance(1_000);
  assert.equal(retries, 1);
  scheduler.advance(5_000);
  assert.equal(retries, 1);
  recovery.dispose();
  assert.deepEqual(scheduler.pending(), [], 'no timer left after dispose');
  online = false;
  scheduler.advance(1_000);
  online = true;
  scheduler.advance(1_000);
  assert.equal(retries, 1);
});
