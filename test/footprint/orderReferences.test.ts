/**
 * The storage under conversation and buyer state (bot/orders/orderReferences.ts): order records
 * go in as references and come back as the order system has them now.
 */
import { MemoryStorage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { Trade } from '../../bot/orders/contract.js';
import { DemoOrderApi } from '../../bot/orders/demo/demoOrderApi.js';
import { OrderServiceError } from '../../bot/orders/errors.js';
import type { OrderApi } from '../../bot/orders/orderApi.js';
import { OrderReferencingStorage } from '../../bot/orders/orderReferences.js';
import { personalData } from './storedKeys.js';

const TEE = '3289114476201230004';

/** The demo orders, with trades a test can change or take away, and an outage switch. */
function orderSystem() {
  const demo = new DemoOrderApi(() => new Date());
  const changed = new Map<string, Trade | undefined>();
  let down = false;
  const api: OrderApi = {
    trade: async (tid) => {
      if (down) throw new OrderServiceError('unavailable', 'down');
      return changed.has(tid) ? changed.get(tid) : demo.trade(tid);
    },
    buyerTrades: (buyerId, limit) => demo.buyerTrades(buyerId, limit),
    item: (itemId) => demo.item(itemId),
    searchItems: (query, limit) => demo.searchItems(query, limit),
    logistics: (tid) => demo.logistics(tid),
  };
  return { api, demo, change: (tid: string, trade: Trade | undefined) => changed.set(tid, trade), goDown: () => (down = true) };
}

/** State as a flow leaves it: the trade, its line and the item in a waterfall's values, a paused copy. */
async function flowState(demo: DemoOrderApi) {
  const trade = (await demo.trade(TEE))!;
  const item = (await demo.item(trade.orders[0]!.itemId))!;
  const values = { trade, line: trade.orders[0], item, targetSkuId: 'tee_white_l' };
  return {
    conversation: { turns: 3, expecting: { kind: 'text', onTheSpot: true }, paused: { flow: 'exchange', tid: TEE, stack: [{ id: 'exchange', state: { values } }] } },
    dialogState: { dialogStack: [{ id: 'exchange.main', state: { values } }] },
  };
}

describe('order records in state', () => {
  it('are stored as references: no receiver, no trade, no item', async () => {
    const { api, demo } = orderSystem();
    const inner = new MemoryStorage();
    await new OrderReferencingStorage(inner, api).write({ c: await flowState(demo) });
    const stored = JSON.stringify(await inner.read(['c']));
    for (const personal of personalData([(await demo.trade(TEE))!])) expect(stored).not.toContain(personal);
    expect(stored).not.toContain('"skus"');
    expect(JSON.parse(stored).c.dialogState.dialogStack[0].state.values).toEqual({
      trade: { $ref: 'trade', tid: TEE, buyerId: 'tb_buyer_001' },
      line: { $ref: 'line', tid: TEE, buyerId: 'tb_buyer_001', oid: 'o4' },
      item: { $ref: 'item', itemId: 'item_tee' },
      targetSkuId: 'tee_white_l',
    });
  });

  it('come back as the order system has them now', async () => {
    const { api, demo, change } = orderSystem();
    const storage = new OrderReferencingStorage(new MemoryStorage(), api);
    await storage.write({ c: await flowState(demo) });
    const now = (await demo.trade(TEE))!;
    change(TEE, { ...now, refunds: [{ refundId: 'r1', oid: now.orders[0]!.oid, status: 'WAIT_SELLER_AGREE', reason: '不想要了', refundFee: '199.00', created: now.created }] });
    const { c } = (await storage.read(['c'])) as { c: Awaited<ReturnType<typeof flowState>> };
    const values = c.dialogState.dialogStack[0]!.state.values;
    expect(values.trade.refunds).toHaveLength(1);
    expect(values.line).toEqual(now.orders[0]);
    expect(values.item.skus.length).toBeGreaterThan(0);
    expect(c.conversation.paused.stack).toEqual(c.dialogState.dialogStack.map((d) => ({ ...d, id: 'exchange' })));
  });

  it('when the order is gone, the flows about it end and the conversation goes on afresh', async () => {
    const { api, demo, change } = orderSystem();
    const storage = new OrderReferencingStorage(new MemoryStorage(), api);
    await storage.write({ c: await flowState(demo) });
    change(TEE, undefined);
    const { c } = (await storage.read(['c'])) as { c: Record<string, unknown> };
    expect(c.dialogState).toBeUndefined();
    expect(c.conversation).toEqual({ turns: 3 });
  });

  it('when the order system is down, reading fails and the state stays for the next try', async () => {
    const { api, demo, goDown } = orderSystem();
    const inner = new MemoryStorage();
    const storage = new OrderReferencingStorage(inner, api);
    await storage.write({ c: await flowState(demo) });
    goDown();
    await expect(storage.read(['c'])).rejects.toThrow(OrderServiceError);
    expect(JSON.stringify(await inner.read(['c']))).toContain('"$ref":"trade"');
  });
});
