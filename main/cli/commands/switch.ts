import { normaliseServerAddress, serverLabel } from '../../common/server-address';
import { SignInFailure } from '../../common/sign-in-error';
import type { ParsedArgs } from '../command-table';
import { EXIT, type ExitCode } from '../exit-codes';
import { UsageError } from '../parse-args';
import { writeLine, type CliIo } from '../cli-io';

/** `switch SERVER` / `use SERVER`: the saved server commands use when `--server` is not given. */
export async function switchServer(args: ParsedArgs, io: CliIo): Promise<ExitCode> {
  const typed = args.positionals[0] ?? '';
  const address = normaliseServerAddress(typed);
  if (!address.ok) throw new SignInFailure(address.error);
  const engine = io.createEngine();
  try {
    const saved = await engine.savedServers();
    if (!saved.includes(address.url)) {
      const known = saved.length ? ` Saved servers: ${saved.join(', ')}.` : ' No server is saved yet.';
      throw new UsageError(`${address.url} is not a saved server.${known} Sign in to it first: rc-tray login --server ${address.url}`);
    }
    await engine.settings.update((settings) => ({ ...settings, activeServer: address.url }));
    const message = `Commands now use ${serverLabel(address.url)} when --server is not given.`;
    writeLine(io.stdout, args.json ? JSON.stringify({ server: address.url, active: true, message }) : message);
    return EXIT.ok;
  } finally {
    engine.dispose();
  }
}
