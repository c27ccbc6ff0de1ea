// `npm run demo-server`: a local Rocket.Chat stand-in to try the tray client against.
import { isIP } from 'node:net';
import { DEMO_USERS, startTestServer, type TestServer } from './rocketchat-test-server';
import { otpauthUri } from './totp';

interface DemoArgs {
  port: number;
  host: string;
  rateLimit: boolean;
  /** The Rocket.Chat version to behave as (what differs per version: the README's versions table). */
  rcVersion: string;
}

/** The versions the stand-in models, oldest first; rocketchat-test-server.ts's default is 7.10.1. */
const MODELLED = { oldest: [6, 0], newest: [9, 0] } as const;

const USAGE = 'usage: npm run demo-server -- [--port 3900] [--host 127.0.0.1] [--no-rate-limit] [--rc-version 7.10.1|8.6.0|9.0.0]';

export function parseDemoArgs(argv: string[]): DemoArgs {
  const args: DemoArgs = { port: 3900, host: '127.0.0.1', rateLimit: true, rcVersion: '7.10.1' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--port') args.port = Number(value());
    else if (flag === '--host') args.host = value();
    else if (flag === '--no-rate-limit') args.rateLimit = false;
    else if (flag === '--rc-version') args.rcVersion = value();
    else if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    else throw new Error(`unknown option '${a}'\n${USAGE}`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error(`invalid --port\n${USAGE}`);
  if (!isModelledVersion(args.rcVersion)) throw new Error(`--rc-version '${args.rcVersion}': this server behaves as Rocket.Chat 6.0 to 9.0 (e.g. 7.10.1, 8.6.0, 9.0.0)\n${USAGE}`);
  if (!isLoopback(args.host)) throw new Error(`refusing to listen on non-loopback host '${args.host}': this server has public demo passwords`);
  return args;
}

function isModelledVersion(version: string): boolean {
  const match = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(version);
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const at = (limit: readonly [number, number]) => major * 1000 + minor - (limit[0] * 1000 + limit[1]);
  return at(MODELLED.oldest) >= 0 && at(MODELLED.newest) <= 0;
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function describe2fa(kind: string | undefined): string {
  if (kind === 'totp') return 'TOTP app';
  if (kind === 'email') return 'e-mail code';
  return 'none';
}

function printBanner(server: TestServer, rcVersion: string): void {
  const rows = DEMO_USERS.map((u) => {
    const notes = [u.ldap ? 'LDAP user' : '', u.active === false ? 'deactivated (login refused)' : ''].filter(Boolean).join(', ');
    return [u.username, u.password, describe2fa(u.twoFactor), notes];
  });
  const header = ['username', 'password', '2FA', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const bob = DEMO_USERS.find((u) => u.twoFactor === 'totp')!;
  const carol = DEMO_USERS.find((u) => u.twoFactor === 'email')!;
  console.log(`Rocket.Chat test server (behaving as Rocket.Chat ${rcVersion}) listening on ${server.url}\n`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
  console.log(`\nTOTP for ${bob.username}: secret ${bob.totpSecret}`);
  console.log(`  ${otpauthUri(bob.totpSecret!, bob.username)}`);
  console.log(`  current code without an app: curl ${server.url}/_demo/totp/${bob.username}`);
  console.log(`E-mail codes for ${carol.username} are printed here when "sent",`);
  console.log(`  or: curl ${server.url}/_demo/email-code/${carol.username}`);
  console.log('\nCtrl-C to stop.');
}

async function main(): Promise<void> {
  let args: DemoArgs;
  try {
    args = parseDemoArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 2;
    return;
  }
  const server = await startTestServer({
    host: args.host,
    port: args.port,
    demoHooks: true,
    version: args.rcVersion,
    ...(args.rateLimit ? {} : { rateLimit: false as const }),
    onEmailCode: (username, code) => console.log(`[mail] 2FA code for ${username}: ${code}`),
  });
  printBanner(server, args.rcVersion);
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    console.log('\nstopping…');
    void server.close().then(() => console.log('stopped'));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
