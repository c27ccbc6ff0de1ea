// Timing and peak memory of one Node process, for `npm run bench` (printed, never asserted).
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export interface Measured {
  ms: number;
  maxRssKb: number;
  code: number | null;
}

/** Runs `node ARGS` with `input` on stdin; wall time from spawn to exit, peak RSS from print-max-rss.cjs. */
export function measure(args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', path.join(__dirname, 'print-max-rss.cjs'), ...args], { env, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ ms, code, maxRssKb: Number(/max-rss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN) });
    });
    child.stdin.end(input);
  });
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
export const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? NaN;
export const fixed = (value: number, digits = 1) => value.toFixed(digits);
