import type { SignInEngine } from '../engine/sign-in-engine';

/** What a command may touch, so tests can run the CLI in-process with their own streams. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** `live`: hold the realtime connection (for `status --watch`); one-shot commands do not. */
  createEngine(options?: { live?: boolean; insecureStorage?: boolean }): SignInEngine;
  /** Resolves when the person interrupts (Ctrl-C) a long-running command such as `status --watch`. */
  waitForInterrupt(): Promise<void>;
  /** The clock for waits a person is told about (the e-mail resend limit); Date.now unless a test fakes it. */
  now?(): number;
}

export function writeLine(stream: NodeJS.WritableStream, text: string): void {
  stream.write(`${text}\n`);
}
