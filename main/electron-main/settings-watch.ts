import { watch, type FSWatcher } from 'node:fs';
import { SETTINGS_FILE_NAME } from '../engine/settings/settings-store';

/**
 * Calls `onChange` (debounced) when settings.json is replaced, by this app or another rc-tray
 * process (`rc-tray quiet-hours`). A file-system notification, not a poll; a folder that cannot be
 * watched simply means changes apply at the next start.
 */
export function watchSettingsFile(folder: string, onChange: () => void, debounceMs = 200): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(folder, { persistent: false }, (_event, name) => {
      if (name !== SETTINGS_FILE_NAME) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
      timer.unref();
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = undefined;
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}
