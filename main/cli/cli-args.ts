import { parseArgs } from 'node:util';

export const USAGE = `rc-tray — sign in to Rocket.Chat from a terminal (the desktop app's engine, without a window)

Usage:
  rc-tray login --server URL --user NAME [--password-stdin] [--code CODE] [--json]
  rc-tray status [--server URL] [--watch] [--json]
  rc-tray set-status online|away|busy|invisible [--message TEXT] [--server URL] [--json]
  rc-tray logout [--server URL] [--json]

The password is asked for on the terminal (not echoed), or read from the first line of
standard input with --password-stdin. It is never accepted as an argument.

Exit codes: 0 signed in / done, 1 unexpected, 2 usage, 3 signed out or credentials rejected,
4 server unreachable / not Rocket.Chat / TLS failure, 5 two-factor code required or wrong,
6 rate-limited or temporarily blocked.`;

export type Command =
  | { name: 'help' }
  | { name: 'login'; server: string; user: string; passwordStdin: boolean; code?: string; json: boolean }
  | { name: 'status'; server?: string; watch: boolean; json: boolean }
  | { name: 'logout'; server?: string; json: boolean }
  | { name: 'set-status'; status: 'online' | 'away' | 'busy' | 'invisible'; message?: string; server?: string; json: boolean };

export class UsageError extends Error {}

const OPTIONS = {
  server: { type: 'string' },
  user: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  code: { type: 'string' },
  json: { type: 'boolean' },
  watch: { type: 'boolean' },
  message: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ALLOWED: Record<string, ReadonlyArray<keyof typeof OPTIONS>> = {
  login: ['server', 'user', 'password-stdin', 'code', 'json'],
  status: ['server', 'watch', 'json'],
  logout: ['server', 'json'],
  'set-status': ['server', 'message', 'json'],
};

const STATUSES = ['online', 'away', 'busy', 'invisible'] as const;

export function parseCommand(argv: string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') return { name: 'help' };
  const allowed = ALLOWED[name];
  if (!allowed) throw new UsageError(`Unknown command "${name}".`);
  if (rest.includes('--password') || rest.some((arg) => arg.startsWith('--password='))) {
    throw new UsageError('Passwords are never accepted as arguments (they end up in shell history and process lists). Type it when asked, or use --password-stdin.');
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] ?? 'Invalid arguments.' : 'Invalid arguments.');
  }
  const { values, positionals } = parsed;
  if (values.help) return { name: 'help' };
  for (const option of Object.keys(values) as Array<keyof typeof OPTIONS>) {
    if (!allowed.includes(option)) throw new UsageError(`"${name}" does not take --${option}.`);
  }
  const json = values.json ?? false;
  if (name === 'set-status') {
    const status = positionals[0];
    if (positionals.length !== 1 || !STATUSES.includes(status as (typeof STATUSES)[number])) {
      throw new UsageError(`set-status takes one of: ${STATUSES.join(', ')}.`);
    }
    return { name, status: status as (typeof STATUSES)[number], message: values.message, server: values.server, json };
  }
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  if (name === 'login') {
    if (!values.server) throw new UsageError('login needs --server URL.');
    if (!values.user) throw new UsageError('login needs --user NAME (username or e-mail).');
    return { name, server: values.server, user: values.user, passwordStdin: values['password-stdin'] ?? false, code: values.code, json };
  }
  if (name === 'status') return { name, server: values.server, watch: values.watch ?? false, json };
  return { name: 'logout', server: values.server, json };
}
