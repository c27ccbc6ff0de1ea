import { serverLabel } from '../../common/server-address';
import type { SignInEngine } from '../../engine/sign-in-engine';
import type { ParsedArgs } from '../command-table';
import { writeLine, type CliIo } from '../cli-io';
import { EXIT, worstExitCode, type ExitCode } from '../exit-codes';
import { UsageError, booleanFlag, stringFlag } from '../parse-args';
import { printReport } from '../print-state';
import { resolveServer } from '../resolve-server';

async function signOut(engine: SignInEngine, server: string, io: CliIo, json: boolean, revoke: boolean): Promise<ExitCode> {
  const result = await engine.session(server).logout({ revoke });
  // Signed out on purpose: the server leaves the list `status` reports.
  // (Not if a racing sign-in stored a new token: that session stays listed, audit F-07.)
  await engine.forgetServerIfSignedOut(server);
  if (!result.hadSession) {
    const message = `You were not signed in to ${serverLabel(server)}.`;
    return printReport(io, json, { state: 'signed-out', server, message }, message, EXIT.signedOut);
  }
  const human = result.revokedOnServer
    ? `Signed out of ${serverLabel(server)}.`
    : result.tokenKept
      ? `${result.message} Or run: rc-tray logout --server ${server} --revoke`
      : result.message;
  return printReport(io, json, { state: 'signed-out', server, message: result.message }, human, EXIT.ok);
}

export async function logout(args: ParsedArgs, io: CliIo): Promise<ExitCode> {
  const all = booleanFlag(args, 'all');
  const revoke = booleanFlag(args, 'revoke');
  if (all && stringFlag(args, 'server') !== undefined) throw new UsageError('Use either --server URL or --all, not both.');
  const engine = io.createEngine();
  try {
    if (!all) return await signOut(engine, await resolveServer(engine, stringFlag(args, 'server')), io, args.json, revoke);
    const servers = await engine.savedServers();
    if (servers.length === 0) {
      const message = 'You are not signed in to any server.';
      writeLine(args.json ? io.stdout : io.stderr, args.json ? JSON.stringify({ state: 'signed-out', server: '', message }) : message);
      return EXIT.signedOut;
    }
    const codes: ExitCode[] = [];
    for (const server of servers) codes.push(await signOut(engine, server, io, args.json, revoke));
    return worstExitCode(codes);
  } finally {
    engine.dispose();
  }
}
