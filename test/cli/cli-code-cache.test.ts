// Issue 9 §4: `rc-tray` compiles its bundle with a V8 code cache the build trained by running
// `status` once (scripts/cli-launcher.cjs, scripts/train-code-cache.mjs). This Node must accept
// that cache, the cache must hold more than compiling alone gives (the training ran), and a
// missing or damaged cache must cost only time, never a wrong answer.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLI } from '../support/cli-runner';

const BUNDLE = path.join(path.dirname(CLI), 'rc-tray-main.js');

/** In a fresh process (V8 keeps compiled scripts per process): does V8 take `cache`, and how large is a cache made by compiling alone? */
function compileWith(cache: string | undefined): Promise<{ rejected: boolean | undefined; compiledAloneBytes: number }> {
  const probe = `
    const { readFileSync } = require('node:fs');
    const { compileBundle } = require(${JSON.stringify(CLI)});
    const cache = process.argv[1] ? readFileSync(process.argv[1]) : undefined;
    const script = compileBundle(${JSON.stringify(BUNDLE)}, cache);
    process.stdout.write(JSON.stringify({ rejected: script.cachedDataRejected, compiledAloneBytes: cache ? 0 : script.createCachedData().length }));`;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['-e', probe, cache ?? ''], (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as { rejected: boolean | undefined; compiledAloneBytes: number }))),
  );
}

function run(cli: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [cli, ...args], { timeout: 15_000 }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })),
  );
}

test('the built CLI carries a code cache this Node accepts, trained beyond the top-level code', async () => {
  const trained = (await readFile(`${BUNDLE}.cache`)).length;
  assert.equal((await compileWith(`${BUNDLE}.cache`)).rejected, false, 'V8 takes the cache made at build time');
  const { compiledAloneBytes } = await compileWith(undefined);
  assert.ok(trained > compiledAloneBytes * 2, `trained ${trained} bytes, compiled alone ${compiledAloneBytes}`);
});

test('a missing or damaged code cache changes nothing but the time', async (t) => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-cache-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  await copyFile(CLI, path.join(folder, 'rc-tray.js'));
  await copyFile(BUNDLE, path.join(folder, 'rc-tray-main.js'));
  const copy = path.join(folder, 'rc-tray.js');
  const expected = await Promise.all([run(CLI, ['--help']), run(CLI, ['--version']), run(CLI, ['statsu'])]);

  for (const cache of [undefined, Buffer.from('not a V8 code cache'), (await readFile(`${BUNDLE}.cache`)).subarray(0, 4096)]) {
    if (cache) await writeFile(path.join(folder, 'rc-tray-main.js.cache'), cache);
    const got = await Promise.all([run(copy, ['--help']), run(copy, ['--version']), run(copy, ['statsu'])]);
    assert.deepEqual(got, expected, cache ? `with a damaged cache (${cache.length} bytes)` : 'with no cache');
  }
  assert.equal((await compileWith(path.join(folder, 'rc-tray-main.js.cache'))).rejected, true, 'V8 refuses a cut cache');
});
