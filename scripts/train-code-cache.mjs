// Makes the V8 code cache scripts/cli-launcher.cjs compiles the CLI bundle with (issue 9 §4). A
// cache made by compiling alone holds little more than the top-level code (V8 compiles a function
// when it is first called), so the build runs the start-up path once — `rc-tray status` against a
// loopback stand-in that answers GET /api/v1/me, with its token in a throwaway --insecure-storage
// file: no keychain, no network, nothing of the person's — and keeps what that run compiled.
// A run that fails fails the build, so a change that breaks it is seen at once.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNNER = fileURLToPath(new URL('./code-cache-training-run.cjs', import.meta.url));
const ME = { _id: 'code-cache-training', username: 'training', name: 'Training', status: 'online', success: true };

/** `folder` holds the launcher (rc-tray.js) and the bundle (rc-tray-main.js); the cache goes next to the bundle. */
export async function trainCodeCache(folder) {
  const server = createServer((request, response) => {
    const known = request.method === 'GET' && request.url === '/api/v1/me';
    response.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(known ? ME : { success: false }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  const config = await mkdtemp(path.join(os.tmpdir(), 'rc-tray-code-cache-'));
  try {
    const tokens = { version: 1, servers: { [url]: { userId: ME._id, authToken: 'code-cache-training' } } };
    await writeFile(path.join(config, 'insecure-tokens.json'), JSON.stringify(tokens), { mode: 0o600 });
    // No proxy from the environment may take the loopback request elsewhere.
    const env = { ...process.env, RC_TRAY_CONFIG_DIR: config, RC_TRAY_KEYCHAIN_SERVICE: 'rc-tray-code-cache-training', NO_PROXY: '*', no_proxy: '*' };
    const args = [RUNNER, path.resolve(folder, 'rc-tray.js'), path.resolve(folder, 'rc-tray-main.js'), 'status', '--server', url];
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise((resolve, reject) => child.on('error', reject).on('close', resolve));
    if (code !== 0) throw new Error(`build: the code-cache training run (rc-tray status against a loopback stand-in) failed with exit ${code}:\n${output}`);
  } finally {
    server.closeAllConnections();
    server.close();
    await rm(config, { recursive: true, force: true });
  }
}
