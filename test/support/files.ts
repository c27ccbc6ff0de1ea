import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';

/** Every file below a folder with its text, to prove a secret was written to none of them. */
export async function filesContaining(folder: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    if ((await readFile(file, 'utf8')).includes(needle)) found.push(file);
  }
  return found;
}
