import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay } from '../../main/common/backoff';

const policy = { initialMs: 1000, maxMs: 60_000, jitter: 0.2 };

test('delays double and stop at the cap', () => {
  assert.deepEqual([0, 1, 2, 3].map((attempt) => backoffDelay(policy, attempt, 0.5)), [1000, 2000, 4000, 8000]);
  assert.equal(backoffDelay(policy, 10, 0.5), 60_000);
  assert.equal(backoffDelay(policy, 1000, 0.5), 60_000);
});

test('jitter spreads each delay within ±jitter', () => {
  assert.equal(backoffDelay(policy, 2, 0), 3200);
  assert.equal(backoffDelay(policy, 2, 0.999999), 4800);
});
