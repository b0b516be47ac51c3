/** The embedded demo order system: the same contract, from fixtures, in process and over HTTP. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { ItemSkus, Logistics, Trade, TradeList } from '../contract.js';
import { sendError } from '../../http/errors.js';
import { API_KEY_HEADER } from '../httpOrderApi.js';
import type { OrderApi } from '../orderApi.js';
import { DEMO_ITEMS, demoLogistics, demoTrades } from './fixtures.js';

export class DemoOrderApi implements OrderApi {
  constructor(private readonly clock: () => Date = () => new Date()) {}

  async trade(tid: string) {
    const found = demoTrades(this.clock()).find((t) => t.tid === tid);
    return found && Trade.parse(found);
  }

  async buyerTrades(buyerId: string, limit: number) {
    return TradeList.parse({ trades: demoTrades(this.clock()).filter((t) => t.buyerId === buyerId).slice(0, limit) }).trades;
  }

  async itemSkus(itemId: string) {
    const found = DEMO_ITEMS.find((i) => i.itemId === itemId);
    return found && ItemSkus.parse(found);
  }

  async logistics(tid: string) {
    const trade = await this.trade(tid);
    const found = trade && demoLogistics(trade);
    return found && Logistics.parse(found);
  }
}

/** Serves the contract's endpoints, so the HTTP client can use it too (tests' order systems). */
export function demoOrderRouter(api: OrderApi): Router {
  const router = Router();
  const send = (res: Response, body: unknown) =>
    body === undefined ? res.status(404).json({ error: { code: 'not_found', message: 'no such record' } }) : res.json(body);
  router.get('/trades/:tid', async (req, res) => send(res, await api.trade(req.params.tid)));
  router.get('/trades/:tid/logistics', async (req, res) => send(res, await api.logistics(req.params.tid)));
  router.get('/buyers/:buyerId/trades', async (req, res) => {
    const limit = Math.min(50, Math.max(1, Number(req.query.limit) || 10));
    send(res, { trades: await api.buyerTrades(req.params.buyerId, limit) });
  });
  router.get('/items/:itemId/skus', async (req, res) => send(res, await api.itemSkus(req.params.itemId)));
  return router;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The demo as Kefu serves it at /demo-orders. The trades carry receivers' names, mobiles and
 * addresses, so like a real order system it answers only requests with the key (`X-Api-Key`),
 * compared by digest in constant time.
 */
export function demoOrderService(api: OrderApi, apiKey: string): Router {
  const requireKey = (req: Request, res: Response, next: NextFunction) => {
    const given = req.get(API_KEY_HEADER);
    if (given !== undefined && timingSafeEqual(digest(given), digest(apiKey))) return next();
    sendError(res, 401, 'unauthorised', `send the demo orders key as ${API_KEY_HEADER} (ORDER_API_KEY, or the key logged at start-up)`);
  };
  return Router().use(requireKey, demoOrderRouter(api));
}
