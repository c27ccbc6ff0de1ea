import * as z from 'zod/mini';

/** DDP frames rc-tray reads (contract §11); anything else is ignored, never trusted. */
export const ddpErrorSchema = z.looseObject({
  error: z.optional(z.union([z.string(), z.number()])),
  reason: z.optional(z.string()),
  message: z.optional(z.string()),
});

export const ddpMessageSchema = z.discriminatedUnion('msg', [
  z.object({ msg: z.literal('connected'), session: z.string() }),
  z.object({ msg: z.literal('failed'), version: z.optional(z.string()) }),
  z.object({ msg: z.literal('ping'), id: z.optional(z.string()) }),
  z.object({ msg: z.literal('pong'), id: z.optional(z.string()) }),
  z.object({ msg: z.literal('result'), id: z.string(), result: z.optional(z.unknown()), error: z.optional(ddpErrorSchema) }),
  z.object({ msg: z.literal('ready'), subs: z.array(z.string()) }),
  z.object({ msg: z.literal('nosub'), id: z.string(), error: z.optional(ddpErrorSchema) }),
  z.object({ msg: z.literal('changed'), collection: z.string(), id: z.optional(z.string()), fields: z.optional(z.record(z.string(), z.unknown())) }),
  z.object({ msg: z.literal('updated'), methods: z.array(z.string()) }),
  z.looseObject({ msg: z.literal('added'), collection: z.string() }),
  z.looseObject({ msg: z.literal('removed'), collection: z.string() }),
  z.looseObject({ msg: z.literal('error'), reason: z.optional(z.string()) }),
]);
export type DdpMessage = z.infer<typeof ddpMessageSchema>;
export type DdpError = z.infer<typeof ddpErrorSchema>;

/** `stream-notify-logged` / `user-status`: args = [[uid, username, statusCode, statusText, name, roles]]. */
export const userStatusEventSchema = z.object({
  eventName: z.literal('user-status'),
  args: z.tuple([z.tuple([z.string(), z.string(), z.number(), z.nullish(z.string())], z.unknown())], z.unknown()),
});

/** `stream-user-presence` (newer servers, targeted): eventName = uid, args = [[username, statusCode, statusText?, …]]. */
export const userPresenceEventSchema = z.object({
  eventName: z.string(),
  args: z.tuple([z.tuple([z.string(), z.number()], z.unknown())], z.unknown()),
});
