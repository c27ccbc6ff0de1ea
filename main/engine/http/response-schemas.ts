// zod/mini: the same parsing as zod's classic API at a fraction of the bundle (start-up time).
import * as z from 'zod/mini';

/** `GET /api/info`: only `success` and `version` are stable across versions (contract §10). */
export const serverInfoSchema = z.object({
  success: z.literal(true),
  version: z.string().check(z.regex(/^\d+\.\d+(\.\d+)?/)),
});

const userStatusSchema = z.pipe(
  z.string(),
  z.transform((status: string) => (status === 'online' || status === 'away' || status === 'busy' ? status : 'offline')),
);

const statusSourceSchema = z.enum(['manual', 'internal', 'external']);

/** 8.6+ (contract §9): which part of the presence engine holds the status, and until when. */
const claimFields = {
  statusSource: z.optional(z.catch(z.optional(statusSourceSchema), undefined)),
  statusExpiresAt: z.optional(z.catch(z.optional(z.string()), undefined)),
};

/** `me` as returned by login and `/api/v1/me`; fields of newer versions are optional. */
export const meSchema = z.object({
  _id: z.string().check(z.minLength(1)),
  username: z.optional(z.string()),
  name: z.optional(z.string()),
  status: z.optional(userStatusSchema),
  statusDefault: z.optional(userStatusSchema),
  statusText: z.optional(z.string()),
  ...claimFields,
  avatarUrl: z.optional(z.string()),
  settings: z.optional(
    z.object({
      preferences: z.optional(
        z.object({
          enableAutoAway: z.optional(z.boolean()),
          idleTimeLimit: z.optional(z.number()),
        }),
      ),
    }),
  ),
});
export type Me = z.infer<typeof meSchema>;

export const loginSuccessSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    userId: z.string().check(z.minLength(1)),
    authToken: z.string().check(z.minLength(1)),
    me: meSchema,
  }),
});

/** Every error body seen in the wild: legacy (`status`/`message`), 7.x envelope, and 9.0's `{error}`. */
export const errorBodySchema = z.object({
  success: z.optional(z.literal(false)),
  status: z.optional(z.string()),
  error: z.optional(z.union([z.string(), z.number()])),
  errorType: z.optional(z.string()),
  message: z.optional(z.string()),
  details: z.optional(
    z.looseObject({
      method: z.optional(z.string()),
      codeGenerated: z.optional(z.boolean()),
      emailOrUsername: z.optional(z.string()),
    }),
  ),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const successFlagSchema = z.object({ success: z.literal(true) });

/** `GET /api/v1/settings.public` (RC `apps/meteor/app/api/server/v1/settings.ts`). */
export const publicSettingsSchema = z.object({
  success: z.literal(true),
  settings: z.array(z.looseObject({ _id: z.string(), value: z.optional(z.unknown()) })),
});

/** `GET /api/v1/custom-user-status.list` (RC `apps/meteor/app/api/server/v1/custom-user-status.ts`). */
export const customStatusListSchema = z.object({
  success: z.literal(true),
  statuses: z.array(z.looseObject({ name: z.string(), statusType: z.string() })),
});
