import * as readline from 'node:readline';
import { Writable } from 'node:stream';

/**
 * Asks one question on the terminal. With `hidden`, typed characters are not echoed
 * (a password must not stay on screen or in a terminal's scrollback).
 */
export function ask(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, question: string, hidden = false): Promise<string | undefined> {
  let muted = false;
  const echo = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) output.write(chunk);
      done();
    },
  });
  const prompt = readline.createInterface({ input, output: echo, terminal: true });
  return new Promise((resolve) => {
    let answered = false;
    prompt.question(question, (answer) => {
      answered = true;
      if (hidden) output.write('\n');
      prompt.close();
      resolve(answer);
    });
    muted = hidden;
    // Ctrl-C at a prompt ends the question instead of being swallowed by raw mode.
    prompt.on('SIGINT', () => prompt.close());
    prompt.on('close', () => {
      if (!answered) resolve(undefined);
    });
  });
}

/** Ctrl-C (or end of input) at a prompt: the command stops, nothing more is sent ("Cancelled.", 130). */
export class PromptCancelled extends Error {
  override readonly name = 'PromptCancelled';
}

/** {@link ask}, where no answer at all (Ctrl-C, end of input) cancels the command. */
export async function askOrCancel(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, question: string, hidden = false): Promise<string> {
  const answer = await ask(input, output, question, hidden);
  if (answer === undefined) throw new PromptCancelled();
  return answer;
}

/** The first line of standard input (for `--password-stdin`); the rest is left unread. */
export function readFirstLine(input: NodeJS.ReadableStream): Promise<string | undefined> {
  const lines = readline.createInterface({ input, terminal: false });
  return new Promise((resolve) => {
    let resolved = false;
    lines.once('line', (line) => {
      resolved = true;
      lines.close();
      resolve(line.replace(/\r$/, ''));
    });
    lines.once('close', () => {
      if (!resolved) resolve(undefined);
    });
  });
}
