import { z } from 'zod';

/** `GET /api/info`: only `success` and `version` are stable across versions (contract §10). */
export const serverInfoSchema = z.object({
  success: z.literal(true),
  version: z.string().regex(/^\d+\.\d+(\.\d+)?/),
});

const userStatusSchema = z
  .string()
  .transform((status) => (status === 'online' || status === 'away' || status === 'busy' ? status : 'offline'));

/** `me` as returned by login and `/api/v1/me`; fields of newer versions are optional. */
export const meSchema = z.object({
  _id: z.string().min(1),
  username: z.string().optional(),
  name: z.string().optional(),
  status: userStatusSchema.optional(),
  statusText: z.string().optional(),
  avatarUrl: z.string().optional(),
  settings: z
    .object({
      preferences: z
        .object({
          enableAutoAway: z.boolean().optional(),
          idleTimeLimit: z.number().optional(),
        })
        .optional(),
    })
    .optional(),
});
export type Me = z.infer<typeof meSchema>;

export const loginSuccessSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    userId: z.string().min(1),
    authToken: z.string().min(1),
    me: meSchema,
  }),
});

/** Every error body seen in the wild: legacy (`status`/`message`), 7.x envelope, and 9.0's `{error}`. */
export const errorBodySchema = z.object({
  success: z.literal(false).optional(),
  status: z.string().optional(),
  error: z.union([z.string(), z.number()]).optional(),
  errorType: z.string().optional(),
  message: z.string().optional(),
  details: z
    .object({
      method: z.string().optional(),
      codeGenerated: z.boolean().optional(),
    })
    .passthrough()
    .optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const successFlagSchema = z.object({ success: z.literal(true) });
