import assert from 'node:assert/strict';
import { startTestServer } from '../server/rocketchat-test-server';
import { appWorld, eachPlatform, eventually } from './app-fixture';

eachPlatform('with two servers signed in, the other one is in the menu: follow it, or sign out of it', async (t, platform) => {
  const world = await appWorld(t, {}, { platform });
  const second = await startTestServer();
  t.after(() => second.close());
  await world.signInBefore('dave', 'dave-password', second.url);
  await world.signInBefore('alice', 'alice-password');
  const app = world.launch();
  await app.started();
  const tray = app.electron.trays[0]!;
  await eventually(() => tray.item('Alice Example (@alice)') !== undefined, 'follows the server used last');
  const secondLabel = second.url;
  const entry = () => tray.item('Other servers')?.submenu?.find((item) => item.label?.startsWith(secondLabel));
  await eventually(() => entry() !== undefined, 'the other server is listed');
  assert.match(entry()!.label!, / — /);

  entry()!.submenu!.find((item) => item.label === 'Show in tray')!.click();
  const tooltip = () => tray.toolTips.at(-1) ?? '';
  await eventually(() => tooltip().includes('@dave'), 'follows the other server');
  assert.ok(tooltip().includes(secondLabel));

  const firstLabel = world.server.url;
  const first = () => tray.item('Other servers')?.submenu?.find((item) => item.label?.startsWith(firstLabel));
  await eventually(() => first() !== undefined, 'the first server is now the other one');
  first()!.submenu!.find((item) => item.label === 'Sign out')!.click();
  await eventually(() => world.server.tokenCount('alice') === 0, 'signed out of the first server');
  await eventually(() => tray.item('Other servers') === undefined, 'no other server left');
  assert.equal(second.tokenCount('dave'), 1, 'the followed server is untouched');
});
