/** The demo order system with trades a test can change (a buyer pays, the seller re-prices). */
import type { Trade } from '../../bot/orders/contract.js';
import { DemoOrderApi } from '../../bot/orders/demo/demoOrderApi.js';

export class MutableOrderApi extends DemoOrderApi {
  private readonly patches = new Map<string, Partial<Trade>>();

  patch(tid: string, changes: Partial<Trade>): void {
    this.patches.set(tid, { ...this.patches.get(tid), ...changes });
  }

  override async trade(tid: string) {
    const trade = await super.trade(tid);
    return trade && { ...trade, ...this.patches.get(tid) };
  }

  override async buyerTrades(buyerId: string, limit: number) {
    return (await super.buyerTrades(buyerId, limit)).map((t) => ({ ...t, ...this.patches.get(t.tid) }));
  }
}
