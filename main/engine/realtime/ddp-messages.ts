import { z } from 'zod';

/** DDP frames rc-tray reads (contract §11); anything else is ignored, never trusted. */
export const ddpErrorSchema = z
  .object({
    error: z.union([z.string(), z.number()]).optional(),
    reason: z.string().optional(),
    message: z.string().optional(),
  })
  .passthrough();

export const ddpMessageSchema = z.discriminatedUnion('msg', [
  z.object({ msg: z.literal('connected'), session: z.string() }),
  z.object({ msg: z.literal('failed'), version: z.string().optional() }),
  z.object({ msg: z.literal('ping'), id: z.string().optional() }),
  z.object({ msg: z.literal('pong'), id: z.string().optional() }),
  z.object({ msg: z.literal('result'), id: z.string(), result: z.unknown().optional(), error: ddpErrorSchema.optional() }),
  z.object({ msg: z.literal('ready'), subs: z.array(z.string()) }),
  z.object({ msg: z.literal('nosub'), id: z.string(), error: ddpErrorSchema.optional() }),
  z.object({ msg: z.literal('changed'), collection: z.string(), id: z.string().optional(), fields: z.record(z.string(), z.unknown()).optional() }),
  z.object({ msg: z.literal('updated'), methods: z.array(z.string()) }),
  z.object({ msg: z.literal('added'), collection: z.string() }).passthrough(),
  z.object({ msg: z.literal('removed'), collection: z.string() }).passthrough(),
  z.object({ msg: z.literal('error'), reason: z.string().optional() }).passthrough(),
]);
export type DdpMessage = z.infer<typeof ddpMessageSchema>;
export type DdpError = z.infer<typeof ddpErrorSchema>;

/** `stream-notify-logged` / `user-status`: args = [[uid, username, statusCode, statusText, name, roles]]. */
export const userStatusEventSchema = z.object({
  eventName: z.literal('user-status'),
  args: z.tuple([z.tuple([z.string(), z.string(), z.number(), z.string().nullish()]).rest(z.unknown())]).rest(z.unknown()),
});

/** The method error a refused resume token gets on the socket (401 / 403, "User not found"). */
export function isAuthRejection(error: DdpError | undefined): boolean {
  if (!error) return false;
  return error.error === 401 || error.error === 403 || error.error === '401' || error.error === '403' || /not found|logged out|expired|token/i.test(error.reason ?? '');
}
