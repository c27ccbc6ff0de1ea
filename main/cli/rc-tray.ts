import { insecureStorageWarning } from './insecure-warning';
import { runCli } from './run-cli';

const warned = new Set<string>();
/** Every command that uses a token from the --insecure-storage file says so (once per server). */
function insecureWarning(file: string, server: string): void {
  if (warned.has(server)) return;
  warned.add(server);
  process.stderr.write(`${insecureStorageWarning(file, server)}\n`);
}

runCli(process.argv.slice(2), {
  // Read when a command first asks for it: opening stdin (a pipe, a terminal) costs start-up time.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  // A repaired settings file is said on stderr, so --json output stays one object.
  createEngine: (options) => {
    // Loaded by the first command that needs it: `--help`, `--version` and usage errors start
    // without axios, the zod schemas or the keychain (issue 9 §4; test/cli/cli-module-loads.test.ts).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createEngine } = require('../engine/create-engine') as typeof import('../engine/create-engine');
    return createEngine({
      live: options?.live ?? false,
      onSettingsNotice: (sentence) => process.stderr.write(`${sentence}\n`),
      insecureStorage: { insecure: options?.insecureStorage ?? false, onInsecureUse: insecureWarning },
    });
  },
  waitForInterrupt: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
}).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  () => process.stderr.write('Something unexpected went wrong.\n', () => process.exit(1)),
);
