/**
 * Rejects what is not a usable Bot Framework activity before it reaches the adapter, with a
 * reason a client developer can act on.
 */
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { sendError } from './errors.js';

export function activityGuard(maxMessageChars: number) {
  const schema = z
    .looseObject({
      type: z.string().min(1, 'type is required'),
      channelId: z.string().min(1, 'channelId is required'),
      conversation: z.looseObject({ id: z.string().min(1, 'conversation.id is required').max(256) }),
      from: z.looseObject({ id: z.string().min(1, 'from.id is required').max(256) }),
      recipient: z.looseObject({ id: z.string() }).optional(),
      serviceUrl: z.string().optional(),
      deliveryMode: z.string().optional(),
      text: z.string().max(maxMessageChars, `text is longer than ${maxMessageChars} characters`).optional(),
    })
    .refine((a) => a.deliveryMode === 'expectReplies' || !!a.serviceUrl, {
      message: 'serviceUrl is required unless deliveryMode is "expectReplies"',
      path: ['serviceUrl'],
    });

  return (req: Request, res: Response, next: NextFunction): void => {
    const parsed = schema.safeParse(req.body);
    if (parsed.success) return next();
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'body';
    const tooLong = issue.code === 'too_big' && field === 'text';
    sendError(res, tooLong ? 413 : 400, tooLong ? 'message_too_long' : 'invalid_activity', `${field}: ${issue.message}`);
  };
}
