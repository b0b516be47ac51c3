/**
 * POST /api/order-events. Checks, in order: the endpoint is configured (503), the signature
 * (401), the timestamp is within the tolerance (401), the body is an event (400; unknown type
 * 422), the event id is new (409). Accepted events are published on the bus once and acknowledged
 * (202) after every subscriber has done its part. Nothing is acknowledged that is not done: if a
 * subscriber fails, or Redis is unavailable at any step, the answer is 503 with Retry-After (in
 * about a second, see bot/state/redisClient.ts) and the order system's retry is processed, not
 * refused as a replay (replayGuard.ts). Should Redis fail after the subscribers succeeded, the
 * retry runs them again; they are idempotent (follow-ups have one job id per trade and kind).
 */
import express, { type Request, type Response, Router } from 'express';
import type { Logger } from '../../logger.js';
import { sendError, sendRetryLater } from '../../http/errors.js';
import type { OrderEventBus } from './eventBus.js';
import { ORDER_EVENT_TYPES, OrderEvent } from './orderEvent.js';
import type { ReplayGuard } from './replayGuard.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signatureMatches } from './signature.js';

export interface OrderEventsOptions {
  secret?: string;
  toleranceSeconds: number;
  replayGuard: ReplayGuard;
  bus: OrderEventBus;
  logger: Logger;
  clock?: () => Date;
}

export function orderEventsRouter(options: OrderEventsOptions): Router {
  const router = Router();
  const clock = options.clock ?? (() => new Date());
  const refuse = (res: Response, status: number, code: string, message: string, req: Request) => {
    options.logger.warn({ status, code, ip: req.ip }, `order event refused: ${message}`);
    sendError(res, status, code, message);
  };
  const retryLater = (res: Response, code: string, message: string, req: Request) => {
    options.logger.warn({ status: 503, code, ip: req.ip }, `order event not processed: ${message}`);
    sendRetryLater(res, code, message);
  };

  router.post('/', express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    if (!options.secret) return refuse(res, 503, 'not_configured', 'order events are disabled: set ORDER_EVENTS_SECRET', req);
    const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.get(SIGNATURE_HEADER);
    const timestamp = req.get(TIMESTAMP_HEADER);
    if (!signature || !timestamp) return refuse(res, 401, 'unsigned', `${SIGNATURE_HEADER} and ${TIMESTAMP_HEADER} headers are required`, req);
    if (!signatureMatches(options.secret, timestamp, raw, signature)) return refuse(res, 401, 'bad_signature', 'signature does not match', req);
    const sentAt = Number(timestamp);
    const skew = Math.abs(clock().getTime() / 1000 - sentAt);
    if (!Number.isFinite(sentAt) || skew > options.toleranceSeconds)
      return refuse(res, 401, 'stale', `timestamp is more than ${options.toleranceSeconds} s away from the server's clock`, req);

    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return refuse(res, 400, 'malformed_json', 'body is not valid JSON', req);
    }
    const parsed = OrderEvent.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || 'body';
      if (field === 'type' && typeof (body as { type?: unknown })?.type === 'string')
        return refuse(res, 422, 'unknown_event_type', `type must be one of ${ORDER_EVENT_TYPES.join(', ')}`, req);
      return refuse(res, 400, 'invalid_event', `${field}: ${issue.message}`, req);
    }
    const event = parsed.data;
    const claim = await options.replayGuard.claim(event.id);
    if (claim === 'accepted') return refuse(res, 409, 'replayed', `event ${event.id} was already received`, req);
    if (claim === 'in_progress') return retryLater(res, 'in_progress', `event ${event.id} is being processed; send it again later`, req);
    if (!(await options.bus.publish(event))) {
      await options.replayGuard.release(event.id);
      return retryLater(res, 'try_again', 'the event could not be processed; send it again', req);
    }
    await options.replayGuard.accept(event.id);
    options.logger.info({ eventId: event.id, type: event.type, tid: event.tid }, 'order event accepted');
    res.status(202).json({ accepted: true, id: event.id });
  });
  return router;
}
