/**
 * Who may post activities to /api/messages, by deployment:
 * - Bot Framework (MicrosoftAppId set): the adapter validates the channel's token.
 * - CHANNEL_SECRET: the shop's own gateway sends `Authorization: Bearer <secret>` and vouches for
 *   the buyer ids it names.
 * - neither (development): callers on this machine only; config refuses a non-loopback HOST.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { bearerToken } from './bearer.js';
import { sendError } from './errors.js';
import { isLoopbackAddress } from './serviceUrls.js';

export type ChannelAuthMode = { kind: 'botFramework' } | { kind: 'channelSecret'; secret: string } | { kind: 'localOnly' };

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The Authorization header the adapter should see: Bot Framework's token, or none once our own check passed. */
export const AUTH_HEADER_FOR_ADAPTER = 'kefuAuthHeader';

export function channelAuth(mode: ChannelAuthMode) {
  return (req: Request, res: Response, next: NextFunction): void => {
    switch (mode.kind) {
      case 'botFramework':
        res.locals[AUTH_HEADER_FOR_ADAPTER] = req.get('authorization') ?? '';
        return next();
      case 'channelSecret': {
        const token = bearerToken(req.get('authorization'));
        if (!token || !timingSafeEqual(digest(token), digest(mode.secret)))
          return sendError(res, 401, 'unauthorised', 'send the channel secret as "Authorization: Bearer <CHANNEL_SECRET>"');
        res.locals[AUTH_HEADER_FOR_ADAPTER] = '';
        return next();
      }
      case 'localOnly':
        if (!isLoopbackAddress(req.socket.remoteAddress))
          return sendError(res, 403, 'forbidden', 'this server takes unauthenticated messages from this machine only (see docs/security.md)');
        res.locals[AUTH_HEADER_FOR_ADAPTER] = '';
        return next();
    }
  };
}
