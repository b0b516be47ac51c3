import type { ItemSkus, Logistics, Trade } from './contract.js';

/**
 * The shop's order system as it is, not scoped to a buyer: an HTTP client in production, the
 * embedded demo otherwise. Undefined means "does not exist".
 */
export interface OrderApi {
  trade(tid: string): Promise<Trade | undefined>;
  buyerTrades(buyerId: string, limit: number): Promise<Trade[]>;
  itemSkus(itemId: string): Promise<ItemSkus | undefined>;
  logistics(tid: string): Promise<Logistics | undefined>;
}
