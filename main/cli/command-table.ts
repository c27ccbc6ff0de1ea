import type { CliIo } from './cli-io';
import type { ExitCode } from './exit-codes';

/**
 * The one table of rc-tray's commands and flags. Parsing (parse-args.ts), help (help.ts) and
 * "did you mean" all read it, so adding a command or a flag is one entry here plus its handler.
 * Handlers are loaded only when their command runs: a one-shot command never loads the code
 * (and the modules, such as `ws`) of another.
 */

export interface FlagSpec {
  /** The long name, without the dashes: `server` is `--server`. */
  name: string;
  short?: string;
  /** A string flag takes a value, written in help as `--server URL`. */
  value?: string;
  description: string;
}

export interface PositionalSpec {
  /** As written in help, e.g. `STATUS`. */
  name: string;
  required: boolean;
  /** When set, the only values accepted (their wording in help and errors). */
  choices?: readonly string[];
  description: string;
}

/** What a command's handler gets: the flags by long name, and the positionals in order. */
export interface ParsedArgs {
  command: string;
  flags: Readonly<Record<string, string | boolean | undefined>>;
  positionals: readonly string[];
  json: boolean;
}

export type CommandHandler = (args: ParsedArgs, io: CliIo) => Promise<ExitCode>;

export interface CommandSpec {
  name: string;
  aliases?: readonly string[];
  /** One line for the command list. */
  summary: string;
  /** What follows `rc-tray <name>` in the usage line. */
  usage: string;
  /** Sentences shown in the command's own help, after the usage line. */
  details?: readonly string[];
  positionals?: readonly PositionalSpec[];
  flags: readonly FlagSpec[];
  examples: readonly string[];
  load(): Promise<CommandHandler>;
}

export const FLAGS = {
  server: { name: 'server', short: 's', value: 'URL', description: 'the Rocket.Chat server (default: the one used last; https:// is assumed)' },
  json: { name: 'json', description: 'print one JSON object per server on standard output instead of sentences' },
  help: { name: 'help', short: 'h', description: "show this command's help" },
} as const satisfies Record<string, FlagSpec>;

export const STATUS_CHOICES = ['online', 'away', 'busy', 'invisible'] as const;

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'login',
    summary: 'sign in to a server and keep the session in the system keychain',
    usage: '[--server URL] [--user NAME] [--password-stdin] [--code CODE] [--insecure-storage] [--json]  |  --server URL --with-token --user-id ID',
    details: [
      'On a terminal, a missing --server or --user is asked for, offering in brackets the default server',
      'and the name last used on it (Enter takes it); in scripts (no terminal) both flags are needed.',
      'The password is asked for on the terminal (not echoed), or read from the first line of standard',
      'input with --password-stdin; it is never accepted as an argument. On a terminal the two-factor',
      'code is asked for too, and a mistyped password or code can be typed again; for an e-mailed code,',
      'Enter alone sends a new one (at most every 30 seconds).',
      'Signing in as another user where a session is saved replaces it (one session per server): the',
      'output says whom it replaced, and that session is signed out on the server (a personal access',
      'token is only forgotten here).',
      'For accounts without a password (single sign-on), create a personal access token in My Account →',
      'Personal Access Tokens and sign in with --with-token --user-id ID: the token is read from standard',
      'input (asked for, not echoed, on a terminal), checked with the server and kept like any session.',
    ],
    flags: [
      FLAGS.server,
      { name: 'user', short: 'u', value: 'NAME', description: 'username or e-mail address' },
      { name: 'password-stdin', description: 'read the password from the first line of standard input (for scripts)' },
      { name: 'code', value: 'CODE', description: 'the two-factor code (authenticator app, or the e-mailed code of a previous run)' },
      { name: 'with-token', description: 'sign in with a personal access token read from standard input' },
      { name: 'user-id', value: 'ID', description: 'with --with-token: the user id shown beside the token in your profile' },
      {
        name: 'insecure-storage',
        description: 'no keychain here (SSH, containers): keep the token in a file only you can read, in the config folder',
      },
      FLAGS.json,
      FLAGS.help,
    ],
    examples: [
      'rc-tray login    # on a terminal: asks for the server and user, offering the saved ones',
      'rc-tray login --server chat.example.com --user alice',
      'rc-tray login -s chat.example.com --with-token --user-id aobEdbYhXfu5hkeqG < token.txt',
      'rc-tray login -s chat.example.com -u alice --code 123456',
      'echo "$PASSWORD" | rc-tray login -s chat.example.com -u alice --password-stdin --json',
      'rc-tray login -s chat.example.com -u alice --insecure-storage',
    ],
    load: async () => (await import('./commands/login')).login,
  },
  {
    name: 'status',
    summary: 'who you are and your status, on every saved server (or one)',
    usage: '[--server URL] [--watch] [--json]',
    details: [
      'Without --server, every saved server is reported, one line each; the exit code is 0 only when',
      'all are signed in. Each check is one request to the server.',
    ],
    flags: [
      FLAGS.server,
      { name: 'watch', short: 'w', description: 'stay connected and print each change as it happens, until Ctrl-C' },
      FLAGS.json,
      FLAGS.help,
    ],
    examples: ['rc-tray status', 'rc-tray status --server chat.example.com --json', 'rc-tray status --watch'],
    load: async () => (await import('./commands/status')).status,
  },
  {
    name: 'set-status',
    summary: 'set what others see: online, away, busy or invisible, with a message, for a while',
    usage: `${STATUS_CHOICES.join('|')} | --preset NAME  [--message TEXT] [--for 1h | --until 17:30] [--server URL] [--json]`,
    details: [
      '--for takes minutes or hours (30m, 1h, 90m, 1h30m); --until takes HH:MM (today, or tomorrow once',
      'that time has passed), "tomorrow" (09:00) or "tomorrow HH:MM". Rocket.Chat 8.6 and later put the',
      'earlier status back by themselves; on older servers only the rc-tray app can, so --for/--until are',
      'refused there and nothing is sent. --preset picks one of the server\'s own statuses (rc-tray statuses).',
    ],
    positionals: [
      { name: 'STATUS', required: false, choices: STATUS_CHOICES, description: 'invisible means you appear offline to others' },
    ],
    flags: [
      FLAGS.server,
      { name: 'message', short: 'm', value: 'TEXT', description: 'the status message, at most 120 characters (default: keep the current one)' },
      { name: 'for', value: 'DURATION', description: 'only for a while: 30m, 1h, 90m, 1h30m' },
      { name: 'until', value: 'TIME', description: 'only until then: 17:30, tomorrow, tomorrow 08:30' },
      { name: 'preset', short: 'p', value: 'NAME', description: "one of the server's own statuses (its name becomes the message)" },
      FLAGS.json,
      FLAGS.help,
    ],
    examples: [
      'rc-tray set-status busy --message "In a meeting"',
      'rc-tray set-status busy --for 1h',
      'rc-tray set-status away --until tomorrow --message "Off today"',
      'rc-tray set-status --preset "In a meeting" --for 30m',
      'rc-tray set-status online -s chat.example.com',
    ],
    load: async () => (await import('./commands/set-status')).setStatus,
  },
  {
    name: 'statuses',
    summary: "the statuses you can choose on a server, with the server's own presets",
    usage: '[--server URL] [--json]',
    flags: [FLAGS.server, FLAGS.json, FLAGS.help],
    examples: ['rc-tray statuses', 'rc-tray statuses --server chat.example.com --json'],
    load: async () => (await import('./commands/statuses')).statuses,
  },
  {
    name: 'quiet-hours',
    summary: 'hours when the rc-tray app sets you busy (or invisible) and back again',
    usage: '[show | on | off] [--days weekdays] [--from 18:00] [--to 09:00] [--as busy|invisible] [--message TEXT] [--follow-desktop yes|no] [--json]',
    details: [
      'Quiet hours start on each chosen day at --from and end at --to (the next day when --to is earlier,',
      'so "weekdays 18:00-09:00" runs Friday evening to Saturday morning). The rc-tray app switches your',
      'status at both ends on every signed-in server; a status you set by hand meanwhile wins until the',
      'next boundary. --follow-desktop: also while the desktop\'s do-not-disturb is on (GNOME, KDE).',
    ],
    positionals: [{ name: 'ACTION', required: false, choices: ['show', 'on', 'off'], description: 'show (the default), turn on (with the flags given), or off' }],
    flags: [
      { name: 'days', value: 'DAYS', description: 'weekdays, weekends, every day, mon-fri, mon,wed,fri' },
      { name: 'from', value: 'HH:MM', description: 'when quiet hours start (24-hour)' },
      { name: 'to', value: 'HH:MM', description: 'when they end' },
      { name: 'as', value: 'STATUS', description: 'busy (the default) or invisible' },
      { name: 'message', short: 'm', value: 'TEXT', description: 'the status message meanwhile' },
      { name: 'follow-desktop', value: 'yes|no', description: "also be quiet while the desktop's do-not-disturb is on" },
      FLAGS.json,
      FLAGS.help,
    ],
    examples: ['rc-tray quiet-hours', 'rc-tray quiet-hours on --days weekdays --from 18:00 --to 09:00 --message "Off work"', 'rc-tray quiet-hours on --as invisible', 'rc-tray quiet-hours off'],
    load: async () => (await import('./commands/quiet-hours')).quietHours,
  },
  {
    name: 'logout',
    summary: 'sign out: revoke the token on the server and delete it here',
    usage: '[--server URL | --all] [--revoke] [--json]',
    details: [
      'A personal access token is only forgotten here: it stays in your profile and keeps working until',
      'you remove it there, or sign out with --revoke, which deletes it on the server for good.',
    ],
    flags: [
      FLAGS.server,
      { name: 'all', description: 'sign out of every saved server' },
      { name: 'revoke', description: 'also delete a personal access token on the server' },
      FLAGS.json,
      FLAGS.help,
    ],
    examples: ['rc-tray logout', 'rc-tray logout --server chat.example.com', 'rc-tray logout --all', 'rc-tray logout --revoke'],
    load: async () => (await import('./commands/logout')).logout,
  },
  {
    name: 'switch',
    aliases: ['use'],
    summary: 'choose the server that commands use when --server is not given',
    usage: 'SERVER [--json]',
    positionals: [{ name: 'SERVER', required: true, description: 'a saved server, as shown by rc-tray status' }],
    flags: [FLAGS.json, FLAGS.help],
    examples: ['rc-tray switch chat.example.com', 'rc-tray use http://127.0.0.1:3900'],
    load: async () => (await import('./commands/switch')).switchServer,
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name || command.aliases?.includes(name));
}
