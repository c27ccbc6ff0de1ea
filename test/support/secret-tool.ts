import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SecretItem {
  account: string;
  secret: string;
}

/**
 * What the Secret Service itself holds for a service (independent of keytar's own reading).
 * secret-tool prints each item's secret on stdout and its attributes on stderr, in the same order.
 */
export async function secretToolItems(service: string): Promise<SecretItem[]> {
  const { stdout, stderr } = await run('secret-tool', ['search', '--all', '--unlock', 'service', service]).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? '',
  }));
  const secrets = [...stdout.matchAll(/^secret = (.*)$/gm)].map((match) => match[1]!);
  const accounts = [...stderr.matchAll(/^attribute\.account = (.*)$/gm)].map((match) => match[1]!);
  return secrets.map((secret, index) => ({ secret, account: accounts[index] ?? '' }));
}
