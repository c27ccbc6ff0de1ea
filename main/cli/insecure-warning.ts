import { serverLabel } from '../common/server-address';
import { sanitiseForTerminal } from './terminal-text';

export function insecureStorageWarning(file: string, server: string): string {
  return `Warning: your session for ${sanitiseForTerminal(serverLabel(server))} is kept in ${sanitiseForTerminal(file)} (readable only by you), not in the system keychain (--insecure-storage). "rc-tray logout" revokes it and deletes the file.`;
}
