// A second process updating the shared settings file: node --import tsx settings-writer.ts FOLDER PREFIX COUNT
import { JsonSettingsStore, rememberServer } from '../../../main/engine/settings/settings-store';

async function main(): Promise<void> {
  const [folder, prefix, count] = process.argv.slice(2);
  const store = new JsonSettingsStore(folder!);
  for (let index = 0; index < Number(count); index += 1) {
    await store.update((settings) => rememberServer(settings, `https://${prefix}-${index}.example`, 'ann'));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
