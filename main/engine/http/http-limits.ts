/** Per-request limit; a slow server becomes a clear `timeout`, never a hang. */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** Bodies above this are abandoned while reading: no server can make rc-tray buffer megabytes. */
export const DEFAULT_MAX_BODY_BYTES = 512 * 1024;
