import { spawn } from 'node:child_process';
import { CLI } from './cli-runner';

/**
 * Drives `rc-tray login` on a real pseudo-terminal (util-linux `script`), answering each prompt
 * when it appears, as a person would.
 */
export function converse(args: string[], env: NodeJS.ProcessEnv, answers: Array<{ when: RegExp; type: () => string }>) {
  const command = [process.execPath, CLI, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  // Each prompt is looked for only in what appeared after the previous answer.
  let answeredUpTo = 0;
  const pending = [...answers];
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    const next = pending[0];
    if (next && next.when.test(screen.slice(answeredUpTo))) {
      pending.shift();
      answeredUpTo = screen.length;
      const typed = next.type();
      // \u0003 is Ctrl-C, sent as the key itself (the terminal turns it into SIGINT or a keypress).
      child.stdin.write(typed === '\u0003' ? typed : `${typed}\r`);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return new Promise<{ code: number | null; screen: string }>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

