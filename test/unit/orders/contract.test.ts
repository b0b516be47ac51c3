import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONTRACT_SCHEMA_PATH, contractJsonSchema, ItemSkus, Trade } from '../../../bot/orders/contract.js';
import { DEMO_ITEMS, demoLogistics, demoTrades } from '../../../bot/orders/demo/fixtures.js';
import { toOrderFacts } from '../../../bot/orders/orderFacts.js';
import { TRADE_STATUSES } from '../../../knowledge/schema.js';

const now = new Date('2026-11-22T10:00:00+08:00');
const trades = demoTrades(now);

describe('the published contract', () => {
  it(`${CONTRACT_SCHEMA_PATH} is up to date (run npm run contract:write)`, async () => {
    const published = JSON.parse(await readFile(CONTRACT_SCHEMA_PATH, 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(contractJsonSchema())));
  });
});

describe('demo fixtures', () => {
  it('validate against the contract', () => {
    for (const trade of trades) expect(Trade.safeParse(trade).error).toBeUndefined();
    for (const item of DEMO_ITEMS) expect(ItemSkus.safeParse(item).error).toBeUndefined();
  });

  it('cover what the flows need', () => {
    expect(new Set(trades.map((t) => t.status))).toEqual(new Set(TRADE_STATUSES));
    expect(trades.some((t) => t.freeShipping) && trades.some((t) => !t.freeShipping)).toBe(true);
    expect(trades.some((t) => t.returnInsurance)).toBe(true);
    expect(new Set(trades.map((t) => t.platform))).toEqual(new Set(['tmall', 'taobao']));
    expect(trades.some((t) => t.orders.some((o) => o.customised))).toBe(true);
    expect(trades.some((t) => t.signTime?.length === 10)).toBe(true);
    expect(trades.some((t) => t.orders.length > 1)).toBe(true);
    expect(trades.some((t) => t.refunds.length > 0)).toBe(true);
    const skus = DEMO_ITEMS.flatMap((i) => i.skus);
    expect(skus.some((s) => s.stock === 0)).toBe(true);
    expect(skus.some((s) => !s.onSale)).toBe(true);
    const tee = DEMO_ITEMS.find((i) => i.itemId === 'item_tee')!;
    expect(new Set(tee.skus.map((s) => s.price)).size).toBeGreaterThan(1);
  });

  it('stay valid as time passes: times are relative to now', () => {
    const later = demoTrades(new Date(now.getTime() + 30 * 86_400_000));
    const overdue = (t: Trade[]) => t.find((x) => x.tid === '3289114476201230002')!;
    expect(Date.parse(overdue(later).payTime!) - Date.parse(overdue(trades).payTime!)).toBe(30 * 86_400_000);
  });

  it('paid 80 h ago means 80 h before now', () => {
    const coat = trades.find((t) => t.tid === '3289114476201230002')!;
    expect(now.getTime() - Date.parse(coat.payTime!)).toBe(80 * 3_600_000);
  });

  it('give logistics for shipped trades only', () => {
    expect(demoLogistics(trades.find((t) => t.status === 'WAIT_BUYER_PAY')!)).toBeUndefined();
    expect(demoLogistics(trades.find((t) => t.status === 'WAIT_BUYER_CONFIRM_GOODS')!)?.events.length).toBeGreaterThan(0);
  });
});

describe('trade → policy facts', () => {
  it('reads a date-only signature as a date, and an exact one as a moment', () => {
    const dateOnly = trades.find((t) => t.signTime?.length === 10)!;
    expect(toOrderFacts(dateOnly).signed).toEqual({ kind: 'date', date: dateOnly.signTime });
    const exact = trades.find((t) => (t.signTime?.length ?? 0) > 10)!;
    expect(toOrderFacts(exact).signed).toEqual({ kind: 'exact', at: new Date(exact.signTime!) });
  });

  it('carries refunds with their timeouts', () => {
    const withRefund = trades.find((t) => t.refunds.length)!;
    expect(toOrderFacts(withRefund).refunds[0]).toMatchObject({ status: 'WAIT_SELLER_AGREE', timeoutAt: expect.any(Date) });
  });
});
