import { version } from '../../package.json';
import { COMMANDS, type CommandSpec, type FlagSpec } from './command-table';
import { EXIT_CODE_HELP } from './exit-codes';

export const VERSION_LINE = `rc-tray ${version}`;

const ENVIRONMENT = [
  'Environment:',
  '  RC_TRAY_CONFIG_DIR        the settings folder (default: ~/.config/rc-tray on Linux, as the app)',
  '  RC_TRAY_KEYCHAIN_SERVICE  the keychain service name (default: rc-tray)',
];

function flagLabel(flag: FlagSpec): string {
  const long = `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
  return flag.short ? `-${flag.short}, ${long}` : `    ${long}`;
}

function table(rows: Array<[string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
}

export function globalHelp(): string {
  return [
    `${VERSION_LINE} — sign in to Rocket.Chat from a terminal (the desktop app's engine, without a window)`,
    '',
    'Usage: rc-tray <command> [flags]',
    '',
    'Commands:',
    ...table(COMMANDS.map((command) => [command.name, `${command.summary}${command.aliases ? ` (also: ${command.aliases.join(', ')})` : ''}`])),
    '',
    ...COMMANDS.map((command) => `  rc-tray ${command.name} ${command.usage}`),
    '',
    'Run "rc-tray <command> --help" for its flags and examples, "rc-tray --version" for the version.',
    '',
    ...EXIT_CODE_HELP,
    '',
    ...ENVIRONMENT,
  ].join('\n');
}

export function commandHelp(command: CommandSpec): string {
  const lines = [`rc-tray ${command.name} — ${command.summary}`, '', `Usage: rc-tray ${command.name} ${command.usage}`];
  if (command.aliases) lines.push(`Also: ${command.aliases.map((alias) => `rc-tray ${alias}`).join(', ')}`);
  if (command.details) lines.push('', ...command.details);
  if (command.positionals?.length) {
    lines.push('', 'Arguments:', ...table(command.positionals.map((spec) => [spec.choices ? spec.choices.join('|') : spec.name, spec.description])));
  }
  lines.push('', 'Flags:', ...table(command.flags.map((flag) => [flagLabel(flag), flag.description])));
  lines.push('', 'Examples:', ...command.examples.map((example) => `  ${example}`));
  return lines.join('\n');
}
