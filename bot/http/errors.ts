import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';

export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** Turns body-parser and unexpected errors into JSON answers; the process keeps serving. */
export function errorHandler(logger: Logger) {
  return (err: Error & { type?: string; status?: number }, _req: Request, res: Response, _next: NextFunction): void => {
    if (err.type === 'entity.parse.failed') return sendError(res, 400, 'malformed_json', `body is not valid JSON: ${err.message}`);
    if (err.type === 'entity.too.large') return sendError(res, 413, 'body_too_large', 'request body is larger than the server accepts');
    if (err.type === 'encoding.unsupported' || err.status === 415) return sendError(res, 415, 'unsupported_encoding', err.message);
    logger.error({ err }, 'request failed');
    if (!res.headersSent) sendError(res, 500, 'internal', 'internal error');
  };
}
