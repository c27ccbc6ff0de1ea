import { COMMANDS, findCommand, type CommandSpec, type FlagSpec, type ParsedArgs } from './command-table';
import { closest } from './suggest';

/** A mistake in how rc-tray was called: exit 2, in rc-tray's own words (JSON under --json). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type Invocation =
  | { kind: 'help'; command?: CommandSpec }
  | { kind: 'version' }
  | { kind: 'run'; command: CommandSpec; args: ParsedArgs };

const HELP_WORDS = new Set(['help', '--help', '-h']);
const VERSION_WORDS = new Set(['version', '--version', '-V', '-v']);

const commandNames = (): string[] => COMMANDS.flatMap((command) => [command.name, ...(command.aliases ?? [])]);
const helpHint = (command?: CommandSpec) => `Run "rc-tray ${command ? `${command.name} ` : ''}--help" for ${command ? 'its flags' : 'usage'}.`;

function unknownCommand(name: string): UsageError {
  const guess = name.startsWith('-') ? undefined : closest(name, commandNames());
  const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  const suggestion = guess ? ` Did you mean "rc-tray ${guess}"?` : '';
  if (name.startsWith('-')) return new UsageError(`Put the command first: rc-tray <command> [flags] (commands: ${COMMANDS.map((c) => c.name).join(', ')}).\n${helpHint()}`);
  return new UsageError(`Unknown command "${shown}".${suggestion}\n${helpHint()}`);
}

function flagByToken(command: CommandSpec, token: string): FlagSpec | undefined {
  if (token.startsWith('--')) return command.flags.find((flag) => flag.name === token.slice(2));
  return command.flags.find((flag) => flag.short !== undefined && flag.short === token.slice(1));
}

function unknownFlag(command: CommandSpec, token: string): UsageError {
  const typed = token.replace(/^-+/, '');
  const guess = closest(typed, command.flags.map((flag) => flag.name));
  const shown = token.length > 40 ? `${token.slice(0, 40)}…` : token;
  return new UsageError(`"rc-tray ${command.name}" has no flag ${shown}.${guess ? ` Did you mean --${guess}?` : ''}\n${helpHint(command)}`);
}

const looksLikeFlag = (token: string) => token.length > 1 && token.startsWith('-');

function checkPositionals(command: CommandSpec, positionals: string[]): void {
  const specs = command.positionals ?? [];
  // Never echoed: a stray word on a command line is often a mistyped password.
  if (specs.length === 0 && positionals.length > 0) throw new UsageError(`"rc-tray ${command.name}" takes no arguments.\n${helpHint(command)}`);
  if (positionals.length > specs.length) throw new UsageError(`"rc-tray ${command.name}" takes ${specs.map((spec) => spec.name).join(' ')} only.\n${helpHint(command)}`);
  specs.forEach((spec, index) => {
    const value = positionals[index];
    const needs = spec.choices ? `one of: ${spec.choices.join(', ')} (${spec.description})` : `${spec.name} (${spec.description})`;
    if (value === undefined) {
      if (spec.required) throw new UsageError(`"rc-tray ${command.name}" needs ${needs}.\n${helpHint(command)}`);
      return;
    }
    if (spec.choices && !spec.choices.includes(value)) throw new UsageError(`${command.name} takes ${needs}.`);
  });
}

/** Reads argv against the command table; every mistake is a {@link UsageError} in plain words. */
export function parseInvocation(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'help' };
  if (HELP_WORDS.has(first)) {
    const topic = rest[0];
    if (topic === undefined) return { kind: 'help' };
    const command = findCommand(topic);
    if (!command) throw unknownCommand(topic);
    return { kind: 'help', command };
  }
  if (VERSION_WORDS.has(first)) return { kind: 'version' };
  const command = findCommand(first);
  if (!command) throw unknownCommand(first);

  if (rest.some((token) => token === '--password' || token.startsWith('--password='))) {
    throw new UsageError('Passwords are never accepted as arguments (they end up in shell history and process lists). Type it when asked, or use --password-stdin.');
  }
  if (rest.some((token) => /^--(token|auth-token|access-token|personal-access-token)(=|$)/.test(token))) {
    throw new UsageError('Tokens are never accepted as arguments (they end up in shell history and process lists). Use --with-token --user-id ID and paste the token when asked, or pipe it in.');
  }
  if (rest.some((token) => token === '--help' || token === '-h')) return { kind: 'help', command };

  const flags: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let index = 0; index < rest.length; index += 1) {
    const token = rest[index]!;
    if (token === '--') {
      positionals.push(...rest.slice(index + 1));
      break;
    }
    if (!looksLikeFlag(token)) {
      positionals.push(token);
      continue;
    }
    const equals = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = equals === -1 ? token : token.slice(0, equals);
    const flag = flagByToken(command, name);
    if (!flag) throw unknownFlag(command, name);
    if (flag.value === undefined) {
      if (equals !== -1) throw new UsageError(`--${flag.name} takes no value.\n${helpHint(command)}`);
      flags[flag.name] = true;
      continue;
    }
    const value = equals !== -1 ? token.slice(equals + 1) : rest[index + 1];
    if (value === undefined || (equals === -1 && looksLikeFlag(value))) {
      throw new UsageError(`--${flag.name} needs a value: --${flag.name} ${flag.value}.\n${helpHint(command)}`);
    }
    if (equals === -1) index += 1;
    flags[flag.name] = value;
  }
  checkPositionals(command, positionals);
  return { kind: 'run', command, args: { command: command.name, flags, positionals, json: flags.json === true } };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === 'string' ? value : undefined;
}

export function booleanFlag(args: ParsedArgs, name: string): boolean {
  return args.flags[name] === true;
}
