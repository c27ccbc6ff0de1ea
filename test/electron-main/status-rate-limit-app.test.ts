import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appWorld, eventually } from './app-fixture';

// Rocket.Chat develop allows 5 users.setStatus calls a minute (stand-in: rate-limiter.ts
// routeRateLimit). A person clicking through the tray's statuses reaches that quickly: the app
// waits as the server says, tells the person, and sends only the last choice.

async function eightSixApp(t: Parameters<typeof appWorld>[0]) {
  const clock = { offset: 0 };
  const world = await appWorld(t, { version: '8.6.0', now: () => Date.now() + clock.offset });
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  await app.started();
  const tray = app.electron.trays[0]!;
  await eventually(() => tray.item('Status', 'Online')?.checked === true, 'live online status');
  const server = world.server;
  const statusCalls = () => server.requests().filter((request) => request.path === '/api/v1/users.setStatus').length;
  const choose = async (label: string, status: string) => {
    const before = statusCalls();
    tray.item('Status', label)!.click();
    await eventually(() => statusCalls() > before, `${label} sent`, 10_000);
    await eventually(() => server.user('alice').statusDefault === status, `${label} on the server`, 10_000);
  };
  // Both clocks move: the server's limiter window and the engine's timers.
  const passes = (ms: number) => {
    clock.offset += ms;
    world.engineClock.advance(ms);
  };
  return { world, app, tray, server, statusCalls, choose, passes };
}

const waitingLine = (labels: string[]) => labels.find((label) => label.includes('the server allows only a few status changes a minute'));

test('a sixth status click within a minute waits for the server, says so, then goes out by itself', async (t) => {
  const { app, tray, server, statusCalls, choose, passes } = await eightSixApp(t);
  for (const [label, status] of [['Busy', 'busy'], ['Away', 'away'], ['Online', 'online'], ['Busy', 'busy'], ['Away', 'away']] as const) await choose(label, status);
  const sent = statusCalls();
  tray.item('Status', 'Busy')!.click();
  await eventually(() => waitingLine(tray.labels()) !== undefined, 'the menu says the change waits', 10_000);
  assert.match(waitingLine(tray.labels())!, /^Setting Busy at \d\d:\d\d: the server allows only a few status changes a minute$/);
  assert.match(tray.toolTips.at(-1)!, /\nSetting Busy at \d\d:\d\d: the server allows/);
  const told = app.electron.notifications.find((notification) => notification.options.title === 'rc-tray: status change waits');
  assert.ok(told, 'a notification says so once');
  assert.match(told.options.body, /rc-tray sends it then by itself\.$/);
  assert.equal(app.electron.notifications.filter((notification) => notification.options.title === 'rc-tray: status not changed').length, 0, 'not reported as a failure');
  assert.equal(statusCalls(), sent + 1, 'one refused call, no retry loop');
  assert.equal(server.user('alice').statusDefault, 'away');

  passes(60_000);
  await eventually(() => server.user('alice').statusDefault === 'busy', 'sent once the window passed', 10_000);
  assert.equal(statusCalls(), sent + 2);
  await eventually(() => waitingLine(tray.labels()) === undefined, 'the waiting line goes');
  assert.equal(tray.item('Status', 'Busy')?.checked, true);
});

test('clicks while a change waits: only the last one is sent when the window passes', async (t) => {
  const { tray, server, statusCalls, choose, passes } = await eightSixApp(t);
  for (const [label, status] of [['Busy', 'busy'], ['Away', 'away'], ['Online', 'online'], ['Busy', 'busy'], ['Away', 'away']] as const) await choose(label, status);
  tray.item('Status', 'Busy')!.click();
  await eventually(() => waitingLine(tray.labels())?.startsWith('Setting Busy') === true, 'Busy waits', 10_000);
  tray.item('Status', 'Online')!.click();
  await eventually(() => waitingLine(tray.labels())?.startsWith('Setting Online') === true, 'now Online waits', 10_000);
  const sent = statusCalls();
  passes(60_000);
  await eventually(() => server.user('alice').statusDefault === 'online', 'the last choice', 10_000);
  // Busy's wait ended with Online's, and it was dropped then: the count is final once Online is done.
  await eventually(() => waitingLine(tray.labels()) === undefined, 'nothing waits');
  assert.equal(statusCalls(), sent + 1, 'Busy was not sent after all');
  assert.equal(server.user('alice').statusDefault, 'online');
});
