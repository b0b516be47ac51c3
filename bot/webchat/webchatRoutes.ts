/**
 * The shop window: the buyers' chat page at `/` (Bot Framework Web Chat, served from its npm
 * package), the embeddable widget, and, with the demo orders only, a demo sign-in that signs a
 * buyer token for one of the demo buyers (a real shop page signs its own, see docs/webchat.md).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { Router } from 'express';
import { z } from 'zod';
import { projectPath } from '../../knowledge/paths.js';
import { sendError } from '../http/errors.js';
import { DEMO_BUYERS } from '../orders/demo/fixtures.js';
import { signToken } from './signedToken.js';

const CHAT_PAGE_DIR = projectPath('web', 'chat');
// The package's CommonJS entry is lib/index.js; its browser bundles sit beside it in dist/.
const WEBCHAT_DIST = join(dirname(createRequire(import.meta.url).resolve('botframework-webchat')), '..', 'dist');
/** Demo buyer tokens last a working day. */
const DEMO_TOKEN_SECONDS = 12 * 3600;

export interface WebchatRoutesDeps {
  secret: string;
  /** Demo orders are in use: offer the demo sign-in. */
  demo: boolean;
  clock: () => Date;
}

export function webchatRoutes(deps: WebchatRoutesDeps): Router {
  const router = Router();
  router.get('/webchat/config', (_req, res) => res.json({ demoBuyers: deps.demo ? DEMO_BUYERS : [] }));
  router.post('/webchat/demo-token', express.json({ limit: '1kb' }), (req, res) => {
    const parsed = z.object({ buyerId: z.enum(DEMO_BUYERS) }).safeParse(req.body ?? {});
    if (!deps.demo) return sendError(res, 404, 'not_found', 'the demo sign-in exists only with the demo orders');
    if (!parsed.success) return sendError(res, 400, 'invalid_request', `buyerId: one of ${DEMO_BUYERS.join(', ')}`);
    const exp = Math.floor(deps.clock().getTime() / 1000) + DEMO_TOKEN_SECONDS;
    res.json({ token: signToken(deps.secret, 'buyer', { buyerId: parsed.data.buyerId, exp }) });
  });
  router.get('/webchat/webchat.js', (_req, res) => res.sendFile(join(WEBCHAT_DIST, 'webchat.js'), { maxAge: '1d' }));
  router.use(express.static(CHAT_PAGE_DIR));
  return router;
}
