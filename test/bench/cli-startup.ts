// `npm run bench`, the CLI's start-up (issue 9 §4): `rc-tray status` in a fresh process against
// two floors — a bare Node script making one request, and a script that reads the saved token
// with keytar and makes the same resume request — plus `rc-tray --help`, which needs no engine.
// Printed, never asserted: the machines are shared and noisy.
import { statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestServer } from '../server/rocketchat-test-server';
import { CLI } from '../support/cli-runner';
import { fixed, measure, median, type Measured } from './measure';

interface Contender {
  label: string;
  args: string[];
}

export interface CliStartupBench {
  server: TestServer;
  env: NodeJS.ProcessEnv;
  /** The keychain service rc-tray is told to use (RC_TRAY_KEYCHAIN_SERVICE). */
  service: string;
  rounds: number;
  print(line: string): void;
}

/** Rounds discarded first: they pay for cold file caches and the keyring daemon's first answers. */
const WARM_UP_ROUNDS = 2;

export async function benchCliStartup({ server, env, service, rounds, print }: CliStartupBench): Promise<void> {
  const login = await measure([CLI, 'login', '--server', server.url, '--user', 'alice', '--password-stdin'], env, 'alice-password\n');
  if (login.code !== 0) throw new Error('bench: login failed');
  const status: Contender = { label: 'rc-tray status', args: [CLI, 'status'] };
  const keytar: Contender = { label: 'keytar + resume request script', args: [path.join(__dirname, 'keytar-request.cjs'), server.url, service] };
  const bare: Contender = { label: 'bare one-request script', args: [path.join(__dirname, 'bare-request.cjs'), server.url] };
  const help: Contender = { label: 'rc-tray --help', args: [CLI, '--help'] };
  const contenders = [status, keytar, bare, help];
  const results = new Map<Contender, Measured[]>(contenders.map((contender) => [contender, []]));
  const requestsPerResume: number[] = [];
  const loginAttemptsPerResume: number[] = [];
  const loadBefore = os.loadavg()[0]!;
  for (let round = 0; round < WARM_UP_ROUNDS + rounds; round += 1) {
    // Interleaved, and in a different order each round: a burst of load from another process
    // falls on every contender alike, and none always runs right after the same other one.
    for (let turn = 0; turn < contenders.length; turn += 1) {
      const contender = contenders[(round + turn) % contenders.length]!;
      server.resetRequests();
      const result = await measure(contender.args, env);
      if (result.code !== 0) throw new Error(`bench: ${contender.label} failed (exit ${result.code})`);
      if (round < WARM_UP_ROUNDS) continue;
      results.get(contender)!.push(result);
      if (contender === status) {
        requestsPerResume.push(server.requests().length);
        loginAttemptsPerResume.push(server.requests().filter((request) => request.path === '/api/v1/login').length);
      }
    }
  }
  const loadAfter = os.loadavg()[0]!;
  const ms = (contender: Contender) => results.get(contender)!.map((result) => result.ms);
  const rssMiB = (contender: Contender) => median(results.get(contender)!.map((result) => result.maxRssKb)) / 1024;
  // The ratio of each round's pair, then their median: steadier than a ratio of two medians when
  // the load changes during the run.
  const ratio = (a: Contender, b: Contender) => median(ms(a).map((value, index) => value / ms(b)[index]!));

  print(`CLI start-up, ${rounds} interleaved rounds after ${WARM_UP_ROUNDS} warm-up (1-minute load average ${fixed(loadBefore, 2)} → ${fixed(loadAfter, 2)} on ${os.availableParallelism()} cores):`);
  for (const contender of contenders) {
    print(`  ${contender.label.padEnd(32)} median ${fixed(median(ms(contender))).padStart(6)} ms, peak memory ${fixed(rssMiB(contender)).padStart(5)} MiB`);
  }
  print(`rc-tray status vs keytar + resume request script: ${fixed(ratio(status, keytar), 2)}x wall time (target: at most 1.3x), ${fixed(rssMiB(status) / rssMiB(keytar), 2)}x peak memory`);
  print(`rc-tray status vs bare one-request script: ${fixed(ratio(status, bare), 2)}x wall time, ${fixed(rssMiB(status) / rssMiB(bare), 2)}x peak memory`);
  print(`requests per resume: ${[...new Set(requestsPerResume)].join(', ')} (must be 1)`);
  print(`login attempts per resume: ${[...new Set(loginAttemptsPerResume)].join(', ')} (must be 0: resume is GET /api/v1/me)`);
  const bundle = path.join(path.dirname(CLI), 'rc-tray-main.js');
  print(`CLI bundle: ${fixed(statSync(bundle).size / 1024, 0)} KiB, its V8 code cache ${fixed(statSync(`${bundle}.cache`).size / 1024, 0)} KiB, the launcher ${fixed(statSync(CLI).size / 1024, 1)} KiB`);
}
