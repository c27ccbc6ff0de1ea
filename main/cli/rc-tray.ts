import { createEngine } from '../engine/create-engine';
import { runCli } from './run-cli';

runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  // A repaired settings file is said on stderr, so --json output stays one object.
  createEngine: (options) => createEngine({ live: options?.live ?? false, onSettingsNotice: (sentence) => process.stderr.write(`${sentence}\n`) }),
  waitForInterrupt: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
}).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  () => process.stderr.write('Something unexpected went wrong.\n', () => process.exit(1)),
);
