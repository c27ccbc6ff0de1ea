import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { JsonSettingsStore, rememberServer } from '../../main/engine/settings/settings-store';

const tempFolder = () => mkdtemp(path.join(os.tmpdir(), 'rc-tray-hardening-'));

function runWriter(folder: string, prefix: string, count: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support/settings-writer.ts'), folder, prefix, String(count)], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

test('F-08: concurrent updates from several processes lose no server', async () => {
  const folder = await tempFolder();
  const processes = 6;
  const each = 5;
  const codes = await Promise.all(Array.from({ length: processes }, (_, index) => runWriter(folder, `p${index}`, each)));
  assert.deepEqual(codes, Array(processes).fill(0));
  const settings = await new JsonSettingsStore(folder).read();
  assert.equal(settings.servers.length, processes * each, `servers kept: ${settings.servers.length} of ${processes * each}`);
  const leftovers = (await readdir(folder)).filter((name) => name !== 'settings.json');
  assert.deepEqual(leftovers, [], 'no temporary or lock file is left behind');
});

test('F-11: a link planted at the temporary name is not followed; the victim file is untouched', async () => {
  const folder = await tempFolder();
  const victim = path.join(folder, 'victim.txt');
  await writeFile(victim, 'precious\n');
  const store = new JsonSettingsStore(folder);
  // The old writer used `settings.json.<pid>.tmp`; plant links at that and at any name a guess could find.
  await symlink(victim, path.join(folder, `settings.json.${process.pid}.tmp`));
  await store.update((settings) => rememberServer(settings, 'https://a.example'));
  assert.equal(await readFile(victim, 'utf8'), 'precious\n');
  const file = await lstat(store.file);
  assert.ok(file.isFile() && !file.isSymbolicLink(), 'settings.json is a plain file');
  assert.equal((await stat(store.file)).mode & 0o777, 0o600);
});

test('F-01 / F-10: saved addresses are validated like typed ones; a bad one is reported and never used', async () => {
  const folder = await tempFolder();
  const notices: string[] = [];
  const store = new JsonSettingsStore(folder, { onNotice: (sentence) => notices.push(sentence) });
  const bad = ['http://127.0.0.1:3917\u0000@127.0.0.2:4101', 'http://evil.example.invalid', 'javascript:alert(1)', 'file:///etc/passwd', ' https://b.example', 'https://c.example/\u001b[2J', 'https://user:pw@d.example'];
  await writeFile(
    store.file,
    JSON.stringify({ version: 1, servers: [{ url: 'https://good.example', lastUsername: 'ann' }, ...bad.map((url) => ({ url }))], activeServer: bad[0] }),
  );
  const settings = await store.read();
  assert.deepEqual(settings.servers, [{ url: 'https://good.example', lastUsername: 'ann' }]);
  assert.equal(settings.activeServer, undefined);
  assert.equal(notices.length, 1);
  assert.match(notices[0]!, /damaged/i);
  assert.doesNotMatch(notices[0]!, /[\u0000-\u001f]/, 'the notice carries no control characters');
  const kept = (await readdir(folder)).filter((name) => name.startsWith('settings.json.damaged-'));
  assert.equal(kept.length, 1, 'the original is kept aside');
  assert.match(await readFile(path.join(folder, kept[0]!), 'utf8'), /127\.0\.0\.2/);
});

test('F-15: damaged, newer-version, oversized or folder settings: set aside, said once, servers with a saved token found again', async () => {
  const cases: Array<[string, (file: string) => Promise<void>]> = [
    ['truncated JSON', (file) => writeFile(file, '{"version": 1, "servers": [ oops')],
    ['wrong shape', (file) => writeFile(file, '{"url": 5}')],
    ['newer version', (file) => writeFile(file, JSON.stringify({ version: 2, servers: [{ url: 'https://kept.example' }], extra: { future: true } }))],
    ['oversized', (file) => writeFile(file, JSON.stringify({ version: 1, servers: [], padding: 'x'.repeat(3 * 1024 * 1024) }))],
    ['a folder', (file) => mkdir(file)],
  ];
  for (const [name, damage] of cases) {
    const folder = await tempFolder();
    const notices: string[] = [];
    const store = new JsonSettingsStore(folder, { onNotice: (sentence) => notices.push(sentence), savedServers: async () => ['https://kept.example', 'bad\u0000name'] });
    await damage(store.file);
    const settings = await store.read();
    assert.deepEqual(settings.servers.map((server) => server.url), ['https://kept.example'], name);
    assert.equal(notices.length, 1, `${name}: one sentence`);
    assert.match(notices[0]!, /set aside/, name);
    const aside = (await readdir(folder)).filter((entry) => entry.startsWith('settings.json.'));
    assert.equal(aside.length, 1, `${name}: the original is kept aside (${aside.join(', ')})`);
    // Written back repaired: the next process reads it without a notice.
    const again: string[] = [];
    assert.deepEqual((await new JsonSettingsStore(folder, { onNotice: (sentence) => again.push(sentence) }).read()).servers.map((server) => server.url), ['https://kept.example'], name);
    assert.deepEqual(again, [], `${name}: said once`);
    await store.update((current) => rememberServer(current, 'https://new.example'));
  }
});

test('F-15: copies set aside do not pile up without limit', async () => {
  const folder = await tempFolder();
  const store = new JsonSettingsStore(folder);
  for (let round = 0; round < 8; round += 1) {
    await writeFile(store.file, `{"broken": ${round}`);
    await store.read();
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
  const aside = (await readdir(folder)).filter((entry) => entry.startsWith('settings.json.damaged-'));
  assert.ok(aside.length <= 5, `${aside.length} copies kept`);
});
