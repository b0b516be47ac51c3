import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';
import { isStoreUnavailable, RETRY_AFTER_SECONDS } from '../state/unavailable.js';

export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** 503 with Retry-After: nothing was done, the same request may be sent again. */
export function sendRetryLater(res: Response, code: string, message: string): void {
  res.set('Retry-After', String(RETRY_AFTER_SECONDS));
  sendError(res, 503, code, message);
}

/**
 * Turns body-parser and unexpected errors into JSON answers; the process keeps serving. The store
 * being unavailable (Redis down or hung, a conversation busy too long) is 503 with Retry-After.
 */
export function errorHandler(logger: Logger) {
  return (err: Error & { type?: string; status?: number }, _req: Request, res: Response, _next: NextFunction): void => {
    if (err.type === 'entity.parse.failed') return sendError(res, 400, 'malformed_json', `body is not valid JSON: ${err.message}`);
    if (err.type === 'entity.too.large') return sendError(res, 413, 'body_too_large', 'request body is larger than the server accepts');
    if (err.type === 'encoding.unsupported' || err.status === 415) return sendError(res, 415, 'unsupported_encoding', err.message);
    if (isStoreUnavailable(err)) {
      logger.warn({ err: err.message }, 'request refused: store unavailable');
      if (!res.headersSent) sendRetryLater(res, 'unavailable', `temporarily unavailable, try again in ${RETRY_AFTER_SECONDS} s`);
      return;
    }
    logger.error({ err }, 'request failed');
    if (!res.headersSent) sendError(res, 500, 'internal', 'internal error');
  };
}
