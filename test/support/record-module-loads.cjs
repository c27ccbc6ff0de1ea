// Preloaded (`node --require`) into a process a test starts: when it exits, writes which modules
// it loaded to the file named by RC_TRAY_TEST_MODULE_LOADS — Node's built-ins by their internal
// names (process.moduleLoadList: `internal/deps/undici/undici` is Node's fetch) and every file
// that came from disk (require.cache: node_modules packages such as ws and keytar).
const { writeFileSync } = require('node:fs');

const out = process.env.RC_TRAY_TEST_MODULE_LOADS;
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice('NativeModule '.length));
  writeFileSync(out, JSON.stringify({ builtins, files: Object.keys(require.cache) }));
});
