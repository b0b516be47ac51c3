/**
 * What the dialogs use to read orders on behalf of a buyer. Every trade read checks the trade's
 * buyer against the conversation's buyer; a trade of someone else is reported exactly like a
 * trade that does not exist, so nothing about it leaks. Items are the shop's public catalogue:
 * anyone may read them.
 */
import type { Item, ItemSummary, Logistics, Trade } from './contract.js';
import { OrderNotFoundError } from './errors.js';
import type { OrderApi } from './orderApi.js';

export const RECENT_TRADES = 10;
/** Items a title search returns unless asked otherwise. */
export const ITEM_SEARCH_LIMIT = 5;

export class OrderService {
  constructor(private readonly api: OrderApi) {}

  async getTrade(buyerId: string, tid: string): Promise<Trade> {
    const trade = await this.api.trade(tid);
    if (!trade || trade.buyerId !== buyerId) throw new OrderNotFoundError(`trade ${tid}`);
    return trade;
  }

  /** The buyer's recent trades, newest first. */
  async listTrades(buyerId: string, limit = RECENT_TRADES): Promise<Trade[]> {
    const trades = await this.api.buyerTrades(buyerId, limit);
    return trades
      .filter((t) => t.buyerId === buyerId)
      .sort((a, b) => Date.parse(b.created) - Date.parse(a.created))
      .slice(0, limit);
  }

  /** An item with its SKUs (price, stock, on sale); OrderNotFoundError when the shop has no such item. */
  async getItem(itemId: string): Promise<Item> {
    const item = await this.api.item(itemId);
    if (!item) throw new OrderNotFoundError(`item ${itemId}`);
    return item;
  }

  /** @deprecated the same as getItem (the exchange flow's name from before items had categories). */
  getItemSkus(itemId: string): Promise<Item> {
    return this.getItem(itemId);
  }

  /** Items whose titles have these words ("羊毛 大衣"), best first; [] for none or an empty query. */
  async searchItems(query: string, limit = ITEM_SEARCH_LIMIT): Promise<ItemSummary[]> {
    if (!query.trim()) return [];
    return (await this.api.searchItems(query, limit)).slice(0, limit);
  }

  async getLogistics(buyerId: string, tid: string): Promise<Logistics> {
    await this.getTrade(buyerId, tid);
    const logistics = await this.api.logistics(tid);
    if (!logistics) throw new OrderNotFoundError(`logistics of ${tid}`);
    return logistics;
  }
}
