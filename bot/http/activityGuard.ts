/**
 * The activity schema at the edge of /api/messages: what is not a usable, bounded Bot Framework
 * activity is refused with a reason a client developer can act on, and what passes is rebuilt
 * from the schema, so fields nobody validated never reach the adapter, the state or the log.
 */
import type { Activity } from 'botbuilder';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { sendError } from './errors.js';
import { boundedJson, locale, messageText } from './inputLimits.js';
import { serviceUrlAllowed, type ServiceUrlPattern } from './serviceUrls.js';

const ACTIVITY_TYPES = ['message', 'conversationUpdate', 'event', 'typing', 'endOfConversation', 'invoke', 'installationUpdate', 'messageReaction'] as const;

const id = (field: string) => z.string().min(1, `${field} is required`).max(256);
const account = (field: string) =>
  z.object({ id: id(`${field}.id`), name: z.string().max(256).optional(), aadObjectId: z.string().max(64).optional() });

export interface ActivityGuardOptions {
  maxMessageChars: number;
  allowedServiceUrls: ServiceUrlPattern[];
  /** Channels that may not post here (the embedded web chat's own channel id). */
  reservedChannels: string[];
  /** What the bot says to a message over the length limit, where the reply can reach the buyer. */
  tooLongReply: string;
}

export function activitySchema({ maxMessageChars, allowedServiceUrls, reservedChannels }: ActivityGuardOptions) {
  return z
    .object({
      type: z.enum(ACTIVITY_TYPES, { message: `type must be one of ${ACTIVITY_TYPES.join(', ')}` }),
      id: z.string().max(256).optional(),
      channelId: z
        .string()
        .regex(/^[\w.-]{1,64}$/, 'channelId must be 1–64 letters, digits, . _ or -')
        .refine((c) => !reservedChannels.includes(c), { message: 'this channel id is reserved for the shop window (use /directline)' }),
      conversation: z.object({ id: id('conversation.id'), name: z.string().max(256).optional(), isGroup: z.boolean().optional() }),
      // A caller speaks for a buyer only: roles are the server's to set.
      from: account('from').extend({ role: z.literal('user', { message: 'from.role must be "user"' }).optional() }),
      recipient: account('recipient').optional(),
      serviceUrl: z
        .string()
        .max(512)
        .refine((url) => serviceUrlAllowed(url, allowedServiceUrls), { message: 'serviceUrl is not allowed on this server (ALLOWED_SERVICE_URLS)' })
        .optional(),
      deliveryMode: z.enum(['normal', 'expectReplies']).optional(),
      locale: locale.optional(),
      replyToId: z.string().max(256).optional(),
      name: z.string().max(128).optional(),
      text: messageText(maxMessageChars).optional(),
      textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
      value: boundedJson.optional(),
      channelData: boundedJson.optional(),
      entities: boundedJson.optional(),
      membersAdded: z.array(account('membersAdded')).max(50).optional(),
      membersRemoved: z.array(account('membersRemoved')).max(50).optional(),
    })
    .refine((a) => a.deliveryMode === 'expectReplies' || !!a.serviceUrl, {
      message: 'serviceUrl is required unless deliveryMode is "expectReplies"',
      path: ['serviceUrl'],
    });
}

/** Validates req.body; the clean activity is left in res.locals.activity for the handler. */
export function activityGuard(options: ActivityGuardOptions) {
  const schema = activitySchema(options);
  return (req: Request, res: Response, next: NextFunction): void => {
    const parsed = schema.safeParse(req.body);
    if (parsed.success) {
      res.locals.activity = parsed.data as Partial<Activity>;
      return next();
    }
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'body';
    const tooLong = issue.code === 'too_big' && field === 'text';
    const onlyTooLong = tooLong && parsed.error.issues.length === 1;
    // expectReplies: the buyer reads the response, so say it there; nobody else would show a 413.
    if (onlyTooLong && (req.body as { deliveryMode?: unknown }).deliveryMode === 'expectReplies')
      return void res.json({ activities: [{ type: 'message', text: options.tooLongReply }] });
    sendError(res, tooLong ? 413 : 400, tooLong ? 'message_too_long' : 'invalid_activity', `${field}: ${issue.message}`);
  };
}
