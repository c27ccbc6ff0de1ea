import type { ParsedArgs } from '../command-table';
import type { CliIo } from '../cli-io';
import type { ExitCode } from '../exit-codes';
import { UsageError, booleanFlag, stringFlag } from '../parse-args';
import { printState } from '../print-state';
import { ask, readFirstLine } from '../terminal-prompt';
import { requireKeychain } from './login-target';

/**
 * `login --with-token --user-id ID`: the token comes from standard input only (asked for, hidden,
 * on a terminal), never from an argument. It is checked with `GET /api/v1/me` and kept in the
 * keychain like any session (engine/sign-in/personal-access-token.ts).
 */
export async function loginWithToken(args: ParsedArgs, io: CliIo): Promise<ExitCode> {
  const server = stringFlag(args, 'server');
  const userId = stringFlag(args, 'user-id')?.trim();
  if (!server) throw new UsageError('login --with-token needs --server URL.');
  if (!userId) throw new UsageError('login --with-token needs --user-id ID: the user id shown beside the token in My Account → Personal Access Tokens.');
  for (const other of ['user', 'password-stdin', 'code'] as const) {
    if (args.flags[other] !== undefined) throw new UsageError(`--with-token does not go with --${other}: a personal access token needs neither a password nor a code.`);
  }
  const engine = io.createEngine();
  try {
    await requireKeychain(engine, server);
    const token = io.stdin.isTTY ? await ask(io.stdin, io.stderr, 'Personal access token: ', true) : await readFirstLine(io.stdin);
    if (!token?.trim()) throw new UsageError('No token given. Paste it when asked, or pipe it in on standard input.');
    return printState(io, args.json, await engine.loginWithToken(server, { userId, token }));
  } finally {
    engine.dispose();
  }
}

export function wantsToken(args: ParsedArgs): boolean {
  return booleanFlag(args, 'with-token') || args.flags['user-id'] !== undefined;
}
