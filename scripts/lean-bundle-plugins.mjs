// esbuild plugins that keep code a command never runs from being loaded when a bundle starts
// (issue 9 §4). Each one names the line of the dependency it answers; where it rewrites text, the
// build stops if that text is gone, so a newer dependency can never slip past it unnoticed.
// Plugin API: esbuild.github.io/plugins (onResolve / onLoad, namespaces).
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

const AXIOS_FILE = (file) => new RegExp(`[\\\\/]node_modules[\\\\/]axios[\\\\/]lib[\\\\/]${file.replace(/[/.]/g, (c) => (c === '/' ? '[\\\\/]' : '\\.'))}$`);

// axios's Node build imports form-data (and through it the 130 KiB mime-db table) for multipart
// uploads rc-tray never sends (axios lib/platform/node/classes/FormData.js). Node's own FormData
// stands in, looked up only when one is made: reading `globalThis.FormData` makes Node load its
// bundled undici (Node lib/internal/bootstrap/web/exposed-window-or-worker.js, lazy interfaces).
export const noMultipart = {
  name: 'no-multipart',
  setup(builder) {
    builder.onResolve({ filter: /^form-data$/ }, () => ({ path: 'form-data', namespace: 'native-form-data' }));
    builder.onLoad({ filter: /.*/, namespace: 'native-form-data' }, () => ({
      contents: `module.exports = class FormData {
  constructor(...args) { return new globalThis.FormData(...args); }
  static [Symbol.hasInstance](value) { return value instanceof globalThis.FormData; }
};`,
      loader: 'js',
    }));
  },
};

// axios's fetch adapter runs `getFetch()` as its module is evaluated (axios lib/adapters/fetch.js,
// `const adapter = getFetch();`), which reads globalThis.fetch, Request and Response and so loads
// undici in every process that loads axios. The CLI sends every request through the http adapter
// (main/engine/http/http-client.ts defaults to 'http'; only the desktop app asks for 'fetch', over
// Electron's net), so its bundle carries a fetch adapter that is not there: axios's getAdapter
// reports a falsy `get(config)` as "adapter fetch is not supported by the environment"
// (axios lib/adapters/adapters.js). Not for the app's bundle, which uses it.
export const noFetchAdapter = {
  name: 'no-fetch-adapter',
  setup(builder) {
    const adapters = AXIOS_FILE('adapters/adapters.js');
    builder.onResolve({ filter: /^\.\/fetch\.js$/ }, (args) => (adapters.test(args.importer) ? { path: 'axios-fetch-adapter', namespace: 'no-fetch-adapter' } : undefined));
    builder.onLoad({ filter: /.*/, namespace: 'no-fetch-adapter' }, () => ({ contents: 'export const getFetch = () => false;\nexport default false;', loader: 'js' }));
  },
};

/** Replaces `from` with `to` in one file of a dependency, and fails the build when `from` is not there once. */
function patchOnce(name, file, from, to) {
  return {
    name,
    setup(builder) {
      builder.onLoad({ filter: file }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const found = source.split(from).length - 1;
        if (found !== 1) throw new Error(`${name}: expected "${from}" once in ${args.path}, found it ${found} times; the dependency changed, so check the reason in scripts/lean-bundle-plugins.mjs`);
        return { contents: source.replace(from, to), loader: 'js' };
      });
    },
  };
}

// axios's utils read `G.FormData` when the module is evaluated, to test `instanceof` later
// (axios lib/utils.js, `const FormDataCtor = …`); that read alone loads undici (see above). Without
// it, isFormData still knows a native FormData by its prototype, `append` and its
// `[object FormData]` tag, as the same function goes on to check for any other FormData.
export const noFormDataProbeAtLoad = patchOnce(
  'no-form-data-probe-at-load',
  AXIOS_FILE('utils.js'),
  "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;",
  'const FormDataCtor = undefined;',
);

/**
 * A built-in module loaded when a property is first read, not when the bundle starts: for the
 * ones a dependency imports at its top for a path rc-tray does not take. esbuild's interop copies
 * the properties as getters, so nothing is read early. `names` lists the properties to offer.
 */
function lazyBuiltin(moduleName, importedBy, names) {
  return {
    name: `lazy-${moduleName}`,
    setup(builder) {
      builder.onResolve({ filter: new RegExp(`^(node:)?${moduleName}$`) }, (args) =>
        importedBy.test(args.importer) ? { path: moduleName, namespace: 'lazy-builtin' } : undefined,
      );
      builder.onLoad({ filter: new RegExp(`^${moduleName}$`), namespace: 'lazy-builtin' }, () => ({
        contents: `let loaded;\nconst real = () => (loaded ??= require('node:${moduleName}'));\n${names.map((n) => `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => real()[${JSON.stringify(n)}] });`).join('\n')}`,
        loader: 'js',
      }));
    },
  };
}

// axios imports http2 at the top of its http adapter and helper (axios lib/adapters/http.js,
// lib/helpers/Http2Sessions.js) but uses it only for `httpVersion: 2`, which rc-tray never sets:
// `http2.connect` and `http2.constants` are the only properties it reads.
export const lazyHttp2 = lazyBuiltin('http2', /[\\/]node_modules[\\/]axios[\\/]lib[\\/]/, ['connect', 'constants']);

// axios imports https-proxy-agent (and through it agent-base, debug and supports-color, which
// read the terminal and the environment as they load) at the top of its http adapter, for HTTPS
// requests through a proxy only: `new HttpsProxyAgent(options)` and `instanceof HttpsProxyAgent`
// are all it does with it (axios lib/adapters/http.js, setProxy / tunnelingAgentFor). The stand-in
// loads the real module on the first `new`; before that no instance of it can exist, so
// `instanceof` is false without loading it. Proxy support is unchanged, only later.
export const lazyHttpsProxyAgent = {
  name: 'lazy-https-proxy-agent',
  setup(builder) {
    const fromAxios = /[\\/]node_modules[\\/]axios[\\/]lib[\\/]/;
    builder.onResolve({ filter: /^https-proxy-agent$/ }, (args) =>
      fromAxios.test(args.importer) ? { path: 'https-proxy-agent', namespace: 'lazy-https-proxy-agent', pluginData: { resolveDir: path.dirname(args.importer) } } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'lazy-https-proxy-agent' }, (args) => ({
      contents: `let real;
function HttpsProxyAgent(options) { return new (real ??= require('https-proxy-agent'))(options); }
Object.defineProperty(HttpsProxyAgent, Symbol.hasInstance, { value: (value) => real !== undefined && value instanceof real });
module.exports = HttpsProxyAgent;`,
      resolveDir: args.pluginData.resolveDir,
      loader: 'js',
    }));
  },
};
