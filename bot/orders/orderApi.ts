import type { Item, ItemSummary, Logistics, Trade } from './contract.js';

/**
 * The shop's order system as it is, not scoped to a buyer: an HTTP client in production, the
 * embedded demo otherwise. Undefined means "does not exist".
 */
export interface OrderApi {
  trade(tid: string): Promise<Trade | undefined>;
  buyerTrades(buyerId: string, limit: number): Promise<Trade[]>;
  /** An item with its SKUs (price, stock, on sale). */
  item(itemId: string): Promise<Item | undefined>;
  /** Items whose title has the words of `query`, best first; empty when none. */
  searchItems(query: string, limit: number): Promise<ItemSummary[]>;
  logistics(tid: string): Promise<Logistics | undefined>;
}
