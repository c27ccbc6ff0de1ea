/**
 * The server keeps at most 120 characters of a status message, trimmed: develop
 * `ee/packages/presence/src/lib/normalizeStatusText.ts@8ace62ae` (`trim().substring(0, 120)`), older
 * `setStatusText` (`trim().substr(0, 120)`). rc-tray does the same so it shows what others see.
 */
export const STATUS_TEXT_MAX_LENGTH = 120;

export function normalizeStatusText(text: string): string {
  return text.trim().substring(0, STATUS_TEXT_MAX_LENGTH);
}
