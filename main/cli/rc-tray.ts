import { createEngine } from '../engine/create-engine';
import { runCli } from './run-cli';

runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  createEngine: (options) => createEngine({ live: options?.live ?? false }),
  waitForInterrupt: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
}).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  () => process.stderr.write('Something unexpected went wrong.\n', () => process.exit(1)),
);
