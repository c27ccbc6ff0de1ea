// Bundles every part with esbuild: the CLI and Electron's main process (Node), the preload
// (sandboxed, CommonJS) and the renderer (browser). Small bundles start fast.
import { build } from 'esbuild';
import { chmod, copyFile, cp, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { lazyHttp2, lazyHttpsProxyAgent, noFetchAdapter, noFormDataProbeAtLoad, noMultipart } from './lean-bundle-plugins.mjs';
import { trainCodeCache } from './train-code-cache.mjs';

const common = { plugins: [noMultipart], bundle: true, sourcemap: 'linked', logLevel: 'warning', legalComments: 'none', minify: true };
// Native or Electron-provided modules stay outside the bundles; ws's optional speedups too.
const external = ['electron', 'keytar', 'bufferutil', 'utf-8-validate'];
// The CLI loads only what a command uses (issue 9 §4): no undici (axios's fetch adapter and its
// FormData probe), no HTTP/2 until asked for, and `ws` from node_modules (a dependency, so
// installed with the CLI) only when a live connection opens; a test watches those loads
// (test/cli/cli-module-loads.test.ts). `rc-tray` itself is a small launcher that compiles the bundle
// with a V8 code cache made at build time (scripts/cli-launcher.cjs, scripts/train-code-cache.mjs).
const cli = { plugins: [noMultipart, noFetchAdapter, noFormDataProbeAtLoad, lazyHttp2, lazyHttpsProxyAgent], external: [...external, 'ws'] };

// `node scripts/build.mjs cli` builds only the command-line tool.
const only = process.argv[2];
await rm(only === 'cli' ? 'dist/cli' : 'dist', { recursive: true, force: true });
const builds = [
  build({ ...common, entryPoints: ['main/cli/rc-tray.ts'], outfile: 'dist/cli/rc-tray-main.js', platform: 'node', target: 'node20', format: 'cjs', ...cli }),
];
if (only !== 'cli') {
  builds.push(
    build({ ...common, entryPoints: ['main/electron-main/main.ts'], outfile: 'dist/app/main.js', platform: 'node', target: 'node22', format: 'cjs', external }),
    build({ ...common, entryPoints: ['preload/preload.ts'], outfile: 'dist/app/preload.js', platform: 'node', target: 'chrome140', format: 'cjs', external: ['electron'] }),
  );
}
// The renderer stands alone (its browser tests need no main process), so it builds whenever it exists.
if (only !== 'cli' && existsSync('renderer/login.ts')) {
  builds.push(build({ ...common, entryPoints: ['renderer/login.ts'], outfile: 'dist/renderer/login.js', platform: 'browser', target: 'chrome140', format: 'iife' }));
}
await Promise.all(builds);
await copyFile('scripts/cli-launcher.cjs', 'dist/cli/rc-tray.js');
await chmod('dist/cli/rc-tray.js', 0o755);
await trainCodeCache('dist/cli');
if (only !== 'cli' && existsSync('renderer/login.html')) {
  await mkdir('dist/renderer', { recursive: true });
  await cp('renderer/login.html', 'dist/renderer/login.html');
  await cp('renderer/login.css', 'dist/renderer/login.css');
}
if (only !== 'cli' && existsSync('main/electron-main/assets')) await cp('main/electron-main/assets', 'dist/app/assets', { recursive: true });
