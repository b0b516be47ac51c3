/** The embedded demo order system: the same contract, from fixtures, in process and over HTTP. */
import { Router, type Response } from 'express';
import { ItemSkus, Logistics, Trade, TradeList } from '../contract.js';
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

/** Serves the contract's endpoints (mounted at /demo-orders), so the HTTP client can use it too. */
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
