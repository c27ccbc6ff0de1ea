import { normaliseServerAddress } from '../../common/server-address';
import { SignInFailure } from '../../common/sign-in-error';
import type { SignInEngine } from '../../engine/sign-in-engine';
import type { CliIo } from '../cli-io';
import type { ParsedArgs } from '../command-table';
import { UsageError, booleanFlag, stringFlag } from '../parse-args';
import { safeForTerminal } from '../print-state';
import { askOrCancel } from '../terminal-prompt';

/**
 * Where `login` signs in: `--server`, else — on a terminal, as `gh auth login` asks for its host —
 * asked, with the default server from the settings offered in brackets (Enter takes it). Off a
 * terminal (a script) nothing is asked: a missing flag is a usage error that names it.
 */
/** Off a terminal a missing `--server` is a usage error at once, before anything is loaded or asked. */
export function requireServerOffTerminal(args: ParsedArgs, io: CliIo): void {
  if (!stringFlag(args, 'server')?.trim() && !canAsk(args, io)) throw new UsageError('login needs --server URL.');
}

/** The keychain is asked before the first prompt: a person must not type a password only to hear there is none. */
export async function requireKeychain(engine: SignInEngine, typedServer: string | undefined): Promise<void> {
  const address = typedServer === undefined ? undefined : normaliseServerAddress(typedServer);
  const problem = await engine.keychainProblem(address?.ok ? address.url : undefined);
  if (problem) throw new SignInFailure(problem);
}

export async function loginServer(args: ParsedArgs, io: CliIo, engine: SignInEngine): Promise<string> {
  const typed = stringFlag(args, 'server');
  if (typed !== undefined && typed.trim() !== '') return typed;
  if (!canAsk(args, io)) throw new UsageError('login needs --server URL.');
  const saved = await engine.activeServer();
  return answerOrDefault(io, 'Server', saved, 'No server given.');
}

/** As whom: `--user`, else asked on a terminal, offering the name last used on that server. */
export async function loginUser(args: ParsedArgs, io: CliIo, engine: SignInEngine, server: string): Promise<string> {
  const typed = stringFlag(args, 'user');
  if (typed !== undefined && typed.trim() !== '') return typed;
  if (!canAsk(args, io)) throw new UsageError('login needs --user NAME (username or e-mail).');
  const address = normaliseServerAddress(server);
  const saved = address.ok ? await engine.lastUsername(address.url) : undefined;
  return answerOrDefault(io, 'Username or e-mail', saved, 'No username given.');
}

/** A person at a terminal, not a script: standard input is one, and the password is not piped in. */
function canAsk(args: ParsedArgs, io: CliIo): boolean {
  return io.stdin.isTTY === true && !booleanFlag(args, 'password-stdin');
}

async function answerOrDefault(io: CliIo, label: string, saved: string | undefined, none: string): Promise<string> {
  const offered = saved ? ` [${safeForTerminal(saved)}]` : '';
  const answer = (await askOrCancel(io.stdin, io.stderr, `${label}${offered}: `)).trim();
  if (answer) return answer;
  if (saved) return saved;
  throw new UsageError(none);
}
