/** The embedded demo order system: the same contract, from fixtures, in process and over HTTP. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { CONTRACT_LIMITS, Item, ItemSearch, Logistics, Trade, TradeList, type ItemSummary } from '../contract.js';
import { sendError } from '../../http/errors.js';
import { API_KEY_HEADER } from '../httpOrderApi.js';
import type { OrderApi } from '../orderApi.js';
import { DEMO_ITEMS, demoLogistics, demoTrades } from './fixtures.js';

export class DemoOrderApi implements OrderApi {
  constructor(private readonly clock: () => Date = () => new Date()) {}

  async trade(tid: string) {
    const [found] = demoTrades(this.clock(), (t) => t.tid === tid);
    return found && Trade.parse(found);
  }

  async buyerTrades(buyerId: string, limit: number) {
    return TradeList.parse({ trades: demoTrades(this.clock(), (t) => t.buyerId === buyerId).slice(0, limit) }).trades;
  }

  async item(itemId: string) {
    const found = DEMO_ITEMS.find((i) => i.itemId === itemId);
    return found && Item.parse(found);
  }

  async searchItems(query: string, limit: number) {
    return ItemSearch.parse({ items: demoSearch(query).slice(0, Math.min(limit, CONTRACT_LIMITS.itemsPerSearch)) }).items;
  }

  async logistics(tid: string) {
    const trade = await this.trade(tid);
    const found = trade && demoLogistics(trade);
    return found && Logistics.parse(found);
  }
}

const comparable = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * The demo's title search: items whose title, category or id has every word of the query
 * (words split at spaces), in fixture order. A real order system may rank as it likes.
 */
export function demoSearch(query: string): ItemSummary[] {
  const words = comparable(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return DEMO_ITEMS.filter((item) => {
    const haystack = comparable(`${item.title} ${item.category} ${item.itemId}`);
    return words.every((w) => haystack.includes(w));
  }).map((item) => {
    const prices = item.skus.map((s) => Number(s.price));
    return {
      itemId: item.itemId,
      title: item.title,
      category: item.category,
      minPrice: Math.min(...prices).toFixed(2),
      maxPrice: Math.max(...prices).toFixed(2),
      inStock: item.skus.some((s) => s.onSale && s.stock > 0),
    };
  });
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
  router.get('/items', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    const limit = Math.min(CONTRACT_LIMITS.itemsPerSearch, Math.max(1, Number(req.query.limit) || 10));
    send(res, { items: await api.searchItems(q, limit) });
  });
  router.get('/items/:itemId', async (req, res) => send(res, await api.item(req.params.itemId)));
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
