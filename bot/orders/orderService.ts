/**
 * What the dialogs use to read orders on behalf of a buyer. Every trade read checks the trade's
 * buyer against the conversation's buyer; a trade of someone else is reported exactly like a
 * trade that does not exist, so nothing about it leaks.
 */
import type { ItemSkus, Logistics, Trade } from './contract.js';
import { OrderNotFoundError } from './errors.js';
import type { OrderApi } from './orderApi.js';

export const RECENT_TRADES = 10;

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

  async getItemSkus(itemId: string): Promise<ItemSkus> {
    const item = await this.api.itemSkus(itemId);
    if (!item) throw new OrderNotFoundError(`item ${itemId}`);
    return item;
  }

  async getLogistics(buyerId: string, tid: string): Promise<Logistics> {
    await this.getTrade(buyerId, tid);
    const logistics = await this.api.logistics(tid);
    if (!logistics) throw new OrderNotFoundError(`logistics of ${tid}`);
    return logistics;
  }
}
