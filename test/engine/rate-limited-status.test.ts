import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SignInFailure } from '../../main/common/sign-in-error';
import { signInError } from '../../main/common/sign-in-messages';
import { MAX_RATE_LIMIT_WAITS, RateLimitedStatus, type StatusWait } from '../../main/engine/status/rate-limited-status';
import { FakeScheduler } from '../support/fake-scheduler';

const limited = (seconds?: number) => new SignInFailure(signInError('rate-limited', seconds === undefined ? {} : { retryAfterSeconds: seconds }));
const settle = () => new Promise((resolve) => setImmediate(resolve));

function sender(live = true) {
  const scheduler = new FakeScheduler();
  const shown: Array<StatusWait | undefined> = [];
  return { scheduler, shown, status: new RateLimitedStatus({ scheduler, live, show: (wait) => shown.push(wait) }) };
}

test('the CLI (no process stays) gets the refusal at once, nothing waits', async () => {
  const { status, scheduler, shown } = sender(false);
  await assert.rejects(status.send({ status: 'busy' }, async () => Promise.reject(limited(40))), /Wait 40 seconds/);
  assert.deepEqual(scheduler.pending(), []);
  assert.deepEqual(shown, []);
});

test('the app waits as long as the body says, shows it, then sends again', async () => {
  const { status, scheduler, shown } = sender();
  let calls = 0;
  const sending = status.send({ status: 'busy' }, async () => {
    calls += 1;
    if (calls === 1) throw limited(40);
  });
  await settle();
  assert.deepEqual(scheduler.pending(), [40_000]);
  assert.deepEqual(shown, [{ status: 'busy', sendsAt: scheduler.now() + 40_000 }]);
  scheduler.advance(40_000);
  assert.equal(await sending, 'sent');
  assert.equal(calls, 2);
  assert.equal(shown.at(-1), undefined, 'nothing waits any more');
});

test('without a wait in the answer: a minute (RC windows are a minute)', async () => {
  const { status, scheduler } = sender();
  let calls = 0;
  void status.send({ status: 'busy' }, async () => {
    if ((calls += 1) === 1) throw limited();
  });
  await settle();
  assert.deepEqual(scheduler.pending(), [60_000]);
});

test('a server that keeps refusing is not waited for forever', async () => {
  const { status, scheduler, shown } = sender();
  let calls = 0;
  const sending = status.send({ status: 'busy' }, async () => {
    calls += 1;
    throw limited(10);
  });
  for (let i = 0; i < MAX_RATE_LIMIT_WAITS; i++) {
    await settle();
    scheduler.advance(10_000);
  }
  await assert.rejects(sending, /Too many attempts/);
  assert.equal(calls, MAX_RATE_LIMIT_WAITS + 1);
  assert.equal(shown.at(-1), undefined);
});

test('a newer change covering the waiting one replaces it; a status does not replace a message', async () => {
  const { status, scheduler } = sender();
  const sent: string[] = [];
  let refuse = true;
  const send = (what: string) => async () => {
    if (refuse) throw limited(30);
    sent.push(what);
  };
  const busy = status.send({ status: 'busy' }, send('busy'));
  const message = status.send({ message: 'Lunch' }, send('Lunch'));
  await settle();
  const online = status.send({ status: 'online' }, send('online'));
  await settle();
  refuse = false;
  scheduler.advance(30_000);
  assert.equal(await busy, 'superseded');
  assert.equal(await message, 'sent', 'a status change does not make a message change moot');
  assert.equal(await online, 'sent');
  assert.deepEqual(sent.sort(), ['Lunch', 'online']);
});

test('signed out meanwhile: nothing waiting is sent', async () => {
  const { status, scheduler } = sender();
  let calls = 0;
  const sending = status.send({ status: 'busy' }, async () => {
    calls += 1;
    throw limited(30);
  });
  await settle();
  status.cancel();
  await assert.rejects(sending, /not signed in/);
  assert.deepEqual(scheduler.pending(), []);
  scheduler.advance(60_000);
  assert.equal(calls, 1);
});
