import { createEngine } from '../engine/create-engine';
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
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  // A repaired settings file is said on stderr, so --json output stays one object.
  createEngine: (options) =>
    createEngine({
      live: options?.live ?? false,
      onSettingsNotice: (sentence) => process.stderr.write(`${sentence}\n`),
      insecureStorage: { insecure: options?.insecureStorage ?? false, onInsecureUse: insecureWarning },
    }),
  waitForInterrupt: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
}).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  () => process.stderr.write('Something unexpected went wrong.\n', () => process.exit(1)),
);
