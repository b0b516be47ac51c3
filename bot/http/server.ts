/** The express app: the Bot Framework endpoint and the health probes. */
import type { CloudAdapter, TurnContext } from 'botbuilder';
import express, { type Express, type Router } from 'express';
import type { Logger } from '../logger.js';
import { activityGuard } from './activityGuard.js';
import { errorHandler, sendError } from './errors.js';

export interface ServerDeps {
  adapter: CloudAdapter;
  onTurn: (context: TurnContext) => Promise<void>;
  /** Empty when ready; otherwise why not. */
  notReadyReasons: () => Promise<string[]>;
  maxMessageChars: number;
  logger: Logger;
  /** Further endpoints by mount path (order events, demo orders, …). */
  routes: Record<string, Router>;
}

export const BODY_LIMIT = '256kb';

export function createServer(deps: ServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const reasons = await deps.notReadyReasons();
    if (reasons.length === 0) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'not_ready', reasons });
  });

  app.post('/api/messages', express.json({ limit: BODY_LIMIT }), activityGuard(deps.maxMessageChars), async (req, res) => {
    await deps.adapter.process(req, res, deps.onTurn);
  });

  for (const [path, router] of Object.entries(deps.routes)) app.use(path, router);

  app.use((_req, res) => sendError(res, 404, 'not_found', 'no such endpoint'));
  app.use(errorHandler(deps.logger));
  return app;
}
