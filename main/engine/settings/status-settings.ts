import * as z from 'zod/mini';

/** The status part of settings.json: rc-tray's own timed statuses and quiet hours (non-secret). */
const statusSchema = z.enum(['online', 'away', 'busy', 'offline']);
const statusPairSchema = z.object({ status: statusSchema, statusText: z.string().check(z.maxLength(120)) });

export const timedStatusSchema = z.object({
  server: z.string(),
  userId: z.string(),
  set: statusPairSchema,
  restore: statusPairSchema,
  restoreBy: z.enum(['server', 'app']),
  expiresAt: z.optional(z.number()),
  reason: z.enum(['chosen', 'quiet-hours', 'do-not-disturb']),
});

export const quietHoursSchema = z.object({
  enabled: z.boolean(),
  days: z.array(z.number().check(z.int(), z.minimum(0), z.maximum(6))),
  start: z.number().check(z.int(), z.minimum(0), z.maximum(1439)),
  end: z.number().check(z.int(), z.minimum(0), z.maximum(1439)),
  status: z.enum(['busy', 'offline']),
  message: z.string().check(z.maxLength(120)),
  followDesktop: z.boolean(),
});

export const statusSettingsFields = {
  /** Pending restores (older servers) and what comes back (8.6+), one per server and user. */
  timedStatuses: z.optional(z.array(timedStatusSchema)),
  quietHours: z.optional(quietHoursSchema),
  /** Per server: the end of the quiet window already applied there (a status set by hand then wins until the next one). */
  quietHoursApplied: z.optional(z.record(z.string(), z.number())),
};
