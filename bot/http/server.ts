/** The express app: the Bot Framework endpoint and the health probes. */
import type { Activity, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import express, { type Express, type Router } from 'express';
import type { KefuAdapter } from '../adapter.js';
import type { Logger } from '../logger.js';
import { activityGuard, type ActivityGuardOptions } from './activityGuard.js';
import { AUTH_HEADER_FOR_ADAPTER, channelAuth, type ChannelAuthMode } from './channelAuth.js';
import { errorHandler, sendError } from './errors.js';
import { limitBy, type RateLimits } from './rateLimits.js';

export interface ServerDeps {
  adapter: KefuAdapter;
  onTurn: (context: TurnContext) => Promise<void>;
  /** Empty when ready; otherwise why not. */
  notReadyReasons: () => Promise<string[]>;
  channelAuth: ChannelAuthMode;
  activities: ActivityGuardOptions;
  rateLimits: RateLimits;
  /** Express's "trust proxy" setting (TRUST_PROXY), so req.ip is the client behind a proxy. */
  trustProxy?: string;
  logger: Logger;
  /** Further endpoints by mount path (order events, demo orders, …). */
  routes: Record<string, Router>;
}

/** An activity is small: text is capped by MAX_MESSAGE_CHARS and free-form fields by FREE_FORM. */
export const BODY_LIMIT = '64kb';

export function createServer(deps: ServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy) app.set('trust proxy', /^\d+$/.test(deps.trustProxy) ? Number(deps.trustProxy) : deps.trustProxy);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const reasons = await deps.notReadyReasons();
    if (reasons.length === 0) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'not_ready', reasons });
  });

  app.post(
    '/api/messages',
    limitBy(deps.rateLimits.address, (req) => req.ip),
    express.json({ limit: BODY_LIMIT }),
    channelAuth(deps.channelAuth),
    activityGuard(deps.activities),
    limitBy(deps.rateLimits.buyerMessages, (_req, res) => {
      const activity = res.locals.activity as Activity;
      return activity.type === 'message' ? `${activity.channelId}:${activity.from.id}` : undefined;
    }),
    async (_req, res) => {
      try {
        const response = await deps.adapter.run(res.locals[AUTH_HEADER_FOR_ADAPTER] as string, res.locals.activity as Activity, deps.onTurn);
        res.status(response?.status ?? 200);
        if (response?.body) res.json(response.body);
        else res.end();
      } catch (err) {
        if (err instanceof AuthenticationError) return sendError(res, 401, 'unauthorised', err.message);
        throw err; // the error handler answers 503 when the store is unavailable
      }
    },
  );

  for (const [path, router] of Object.entries(deps.routes)) app.use(path, router);

  app.use((_req, res) => sendError(res, 404, 'not_found', 'no such endpoint'));
  app.use(errorHandler(deps.logger));
  return app;
}
