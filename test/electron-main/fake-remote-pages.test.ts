// The fake's rules for remote pages and partitions (test/electron-main/fake/fake-window.ts,
// fake-session.ts), each as Electron 45 behaves: a later edit that makes them kinder turns one red.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { test, type TestContext } from 'node:test';
import { ssoWindowOptions } from '../../main/desktop/sso-window-options';
import { listenOnLoopback } from '../support/loopback';
import { fakeElectron, type FakeWindow } from './fake-electron';

async function site(t: TestContext) {
  const server = http.createServer((req, res) => {
    if (req.url === '/redirect') return void res.writeHead(302, { Location: '/landed' }).end();
    if (req.url === '/broken') return void res.writeHead(500, { 'Content-Type': 'text/html' }).end('<h1>oops</h1>');
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<p>${req.url}</p>`);
  });
  const listening = await listenOnLoopback(server);
  t.after(() => listening.close());
  return listening.url;
}

function ready() {
  const electron = fakeElectron({ userData: '/tmp/unused' });
  electron.fireReady();
  return electron;
}

const options = () => ssoWindowOptions({ partition: 'p1', serviceLabel: 'X', devTools: false });

test('session.fromPartition: only after ready; one session per name; in memory without persist:', () => {
  const early = fakeElectron({ userData: '/tmp/unused' });
  assert.throws(() => early.session.fromPartition('a'), { name: 'TypeError', message: 'Session can only be received when app is ready' });
  const electron = ready();
  const a = electron.session.fromPartition('a');
  assert.equal(electron.session.fromPartition('a'), a);
  assert.equal(electron.partitions.get('a')?.persistent, false);
  electron.session.fromPartition('persist:b');
  assert.equal(electron.partitions.get('persist:b')?.persistent, true);
});

test('loadURL of an http page: will-redirect for each redirect, then did-navigate with the status, then did-finish-load', async (t) => {
  const url = await site(t);
  const window = new (ready().BrowserWindow)(options()) as unknown as FakeWindow;
  const events: string[] = [];
  const contents = window.contentsForTest;
  contents.on('will-redirect', (event: { url: string }) => events.push(`will-redirect ${new URL(event.url).pathname}`));
  contents.on('did-navigate', (_event: unknown, target: string, code: number) => events.push(`did-navigate ${new URL(target).pathname} ${code}`));
  contents.on('did-finish-load', () => events.push('did-finish-load'));
  await window.loadURL(`${url}/redirect`);
  assert.deepEqual(events, ['will-redirect /landed', 'did-navigate /landed 200', 'did-finish-load']);
  assert.equal(contents.getURL(), `${url}/landed`);
  events.length = 0;
  await window.loadURL(`${url}/broken`);
  assert.deepEqual(events, ['did-navigate /broken 500', 'did-finish-load'], 'an error page still commits');
});

test('a prevented redirect aborts the load (ERR_ABORTED -3); an unreachable host fails it (-102)', async (t) => {
  const url = await site(t);
  const window = new (ready().BrowserWindow)(options()) as unknown as FakeWindow;
  const failures: number[] = [];
  window.contentsForTest.on('will-redirect', (event: { preventDefault(): void }) => event.preventDefault());
  window.contentsForTest.on('did-fail-load', (_event: unknown, code: number) => failures.push(code));
  await assert.rejects(window.loadURL(`${url}/redirect`), /ERR_ABORTED \(-3\)/);
  await assert.rejects(window.loadURL('http://127.0.0.1:9/'), /ERR_CONNECTION_REFUSED/);
  assert.deepEqual(failures, [-3, -102]);
});

test('a page-initiated navigation offers will-navigate first; a fragment change is did-navigate-in-page only', async (t) => {
  const url = await site(t);
  const window = new (ready().BrowserWindow)(options()) as unknown as FakeWindow;
  const events: string[] = [];
  window.contentsForTest.on('will-navigate', (event: { preventDefault(): void; url: string }) => {
    events.push(`will-navigate ${new URL(event.url).pathname}`);
    if (event.url.endsWith('/blocked')) event.preventDefault();
  });
  window.contentsForTest.on('did-navigate', () => events.push('did-navigate'));
  window.contentsForTest.on('did-navigate-in-page', (_event: unknown, target: string, isMainFrame: boolean) => events.push(`in-page ${new URL(target).hash} ${isMainFrame}`));
  assert.equal(await window.pageNavigates(`${url}/blocked`), false);
  assert.equal(await window.pageNavigates(`${url}/next`), true);
  window.contentsForTest.navigateInPage(`${url}/next#done`);
  assert.deepEqual(events, ['will-navigate /blocked', 'will-navigate /next', 'did-navigate', 'in-page #done true']);
});
