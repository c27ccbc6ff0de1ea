import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SecretItem {
  account: string;
  secret: string;
}

/** What the Secret Service itself holds for a service (independent of keytar's own reading). */
export async function secretToolItems(service: string): Promise<SecretItem[]> {
  const { stdout, stderr } = await run('secret-tool', ['search', '--all', '--unlock', 'service', service]).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? '',
  }));
  const text = `${stdout}\n${stderr}`;
  const items: SecretItem[] = [];
  for (const block of text.split(/^\[/m).slice(1)) {
    const secret = /^secret = (.*)$/m.exec(block)?.[1];
    const account = /^attribute\.account = (.*)$/m.exec(block)?.[1];
    if (secret !== undefined && account !== undefined) items.push({ account, secret });
  }
  return items;
}
