import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONTRACT_LIMITS as L, CONTRACT_SCHEMA_PATH, contractJsonSchema, Item, Logistics, Trade, TradeList } from '../../../bot/orders/contract.js';
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

describe('bounds: the order system cannot send anything unbounded', () => {
  const trade = trades.find((t) => t.refunds.length)!;
  const line = trade.orders[0]!;
  const item = DEMO_ITEMS[0]!;
  const logistics = { tid: trade.tid, company: '申通快递', trackingNo: '773012345678901', events: [{ time: trade.created, description: '已揽收' }] };
  const chars = (n: number) => '好'.repeat(n);
  const properties = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`属性${i}`, '值']));
  const withLine = (changes: object) => ({ ...trade, orders: [{ ...line, ...changes }] });
  const withRefund = (changes: object) => ({ ...trade, refunds: [{ ...trade.refunds[0]!, ...changes }] });
  const withReceiver = (changes: object) => ({ ...trade, receiver: { ...trade.receiver, ...changes } });

  it('accepts everything at its limit (generous for real Taobao data)', () => {
    const atLimits = {
      ...withLine({ title: chars(L.titleChars), skuProperties: { ...properties(L.propertiesPerSku - 1), [chars(L.propertyNameChars)]: chars(L.propertyValueChars) } }),
      receiver: { name: chars(L.receiverNameChars), mobile: '1'.repeat(L.receiverMobileChars), state: chars(L.receiverRegionChars), city: '杭州市', district: '西湖区', address: chars(L.receiverAddressChars) },
      payment: `${'9'.repeat(L.yuanDigits)}.99`,
      created: '2026-11-20T14:03:00.123456789+08:00',
    };
    expect(Trade.safeParse(atLimits).error).toBeUndefined();
    expect(Trade.safeParse({ ...trade, orders: Array.from({ length: L.linesPerTrade }, () => line) }).error).toBeUndefined();
    const longTrack = { ...logistics, company: chars(L.courierChars), trackingNo: 'S'.repeat(L.trackingNoChars) };
    expect(Logistics.safeParse({ ...longTrack, events: Array.from({ length: L.eventsPerLogistics }, () => ({ time: trade.created, description: chars(L.eventDescriptionChars) })) }).error).toBeUndefined();
    expect(Item.safeParse({ ...item, skus: Array.from({ length: L.skusPerItem }, () => item.skus[0]) }).error).toBeUndefined();
    expect(TradeList.safeParse({ trades: Array.from({ length: L.tradesPerList }, () => trade) }).error).toBeUndefined();
  });

  it.each([
    ['an order line title', withLine({ title: chars(L.titleChars + 1) }), 'orders.0.title'],
    ['a 20-million-character title', withLine({ title: 'x'.repeat(20_000_000) }), 'orders.0.title'],
    ['a SKU property name', withLine({ skuProperties: { [chars(L.propertyNameChars + 1)]: '白色' } }), 'orders.0.skuProperties'],
    ['a SKU property value', withLine({ skuProperties: { 颜色: chars(L.propertyValueChars + 1) } }), 'orders.0.skuProperties.颜色'],
    ['the number of SKU properties', withLine({ skuProperties: properties(L.propertiesPerSku + 1) }), 'orders.0.skuProperties'],
    ['a quantity', withLine({ quantity: L.quantity + 1 }), 'orders.0.quantity'],
    ['the number of order lines', { ...trade, orders: Array.from({ length: L.linesPerTrade + 1 }, () => line) }, 'orders'],
    ['a refund reason', withRefund({ reason: chars(L.refundReasonChars + 1) }), 'refunds.0.reason'],
    ['the number of refunds', { ...trade, refunds: Array.from({ length: L.refundsPerTrade + 1 }, () => trade.refunds[0]) }, 'refunds'],
    ["the receiver's name", withReceiver({ name: chars(L.receiverNameChars + 1) }), 'receiver.name'],
    ["the receiver's mobile", withReceiver({ mobile: '1'.repeat(L.receiverMobileChars + 1) }), 'receiver.mobile'],
    ["the receiver's city", withReceiver({ city: chars(L.receiverRegionChars + 1) }), 'receiver.city'],
    ["the receiver's address", withReceiver({ address: chars(L.receiverAddressChars + 1) }), 'receiver.address'],
    ['an amount', { ...trade, payment: '1'.repeat(L.yuanDigits + 1) }, 'payment'],
    ['a timestamp', { ...trade, created: `2026-11-20T14:03:00.${'1'.repeat(1000)}+08:00` }, 'created'],
  ])('refuses %s past its limit', (_, value, path) => {
    const paths = Trade.safeParse(value).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths.some((p) => p.startsWith(path)), `${paths.join(', ')} should name ${path}`).toBe(true);
  });

  it.each([
    ['a courier name', { ...logistics, company: chars(L.courierChars + 1) }],
    ['a tracking number', { ...logistics, trackingNo: '7'.repeat(L.trackingNoChars + 1) }],
    ['an event description', { ...logistics, events: [{ time: trade.created, description: chars(L.eventDescriptionChars + 1) }] }],
    ['the number of events', { ...logistics, events: Array.from({ length: L.eventsPerLogistics + 1 }, () => logistics.events[0]) }],
    ['a trade id that is not one', { ...logistics, tid: 'x'.repeat(1000) }],
  ])('refuses logistics with %s past its limit', (_, value) => {
    expect(Logistics.safeParse(value).success).toBe(false);
  });

  it('refuses an item with too many SKUs or too long a title, and a list with too many trades', () => {
    expect(Item.safeParse({ ...item, skus: Array.from({ length: L.skusPerItem + 1 }, () => item.skus[0]) }).success).toBe(false);
    expect(Item.safeParse({ ...item, title: chars(L.titleChars + 1) }).success).toBe(false);
    expect(TradeList.safeParse({ trades: Array.from({ length: L.tradesPerList + 1 }, () => trade) }).success).toBe(false);
  });

  it('publishes a bound for every string, list and map in the JSON Schema', () => {
    const unbounded: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((child, i) => visit(child, `${where}/${i}`));
      if (typeof node !== 'object' || node === null) return;
      const schema = node as Record<string, unknown>;
      // A pattern bounds a string when it repeats nothing without limit (\\d{6,20}, not \\d+).
      const boundedPattern = typeof schema.pattern === 'string' && !/[+*]|\{\d+,\}/.test(schema.pattern);
      if (schema.type === 'string' && schema.maxLength === undefined && schema.enum === undefined && !boundedPattern) unbounded.push(where);
      if (schema.type === 'array' && schema.maxItems === undefined) unbounded.push(where);
      if (typeof schema.additionalProperties === 'object' && schema.maxProperties === undefined) unbounded.push(where);
      for (const [key, child] of Object.entries(schema)) visit(child, `${where}/${key}`);
    };
    visit(contractJsonSchema(), '#');
    expect(unbounded).toEqual([]);
  });
});

describe('demo fixtures', () => {
  it('validate against the contract', () => {
    for (const trade of trades) expect(Trade.safeParse(trade).error).toBeUndefined();
    for (const item of DEMO_ITEMS) expect(Item.safeParse(item).error).toBeUndefined();
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
