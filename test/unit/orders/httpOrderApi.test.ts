import { Readable } from 'node:stream';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoTrades, DEMO_ITEMS } from '../../../bot/orders/demo/fixtures.js';
import { OrderNotFoundError, OrderServiceError } from '../../../bot/orders/errors.js';
import { API_KEY_HEADER, HttpOrderApi, MAX_BODY_BYTES } from '../../../bot/orders/httpOrderApi.js';
import { OrderService } from '../../../bot/orders/orderService.js';
import { MemoryResponseCache } from '../../../bot/orders/responseCache.js';

const BASE = 'http://orders.shop.test/api/v1';
const KEY = 'test-api-key-123';
const [unpaid, , , signed] = demoTrades(new Date('2026-11-22T10:00:00+08:00'));
const tee = DEMO_ITEMS[0]!;

function service(overrides: Partial<ConstructorParameters<typeof HttpOrderApi>[0]> = {}) {
  const api = new HttpOrderApi({
    baseUrl: `${BASE}/`,
    apiKey: KEY,
    timeoutMs: 200,
    retries: 2,
    backoffMs: 1,
    cache: new MemoryResponseCache(),
    cacheTtlSeconds: 30,
    ...overrides,
  });
  return new OrderService(api);
}

const shop = () => nock(BASE, { reqheaders: { [API_KEY_HEADER]: KEY } });

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe('HTTP order client (nock)', () => {
  it('gets a trade of the buyer, sending the API key', async () => {
    shop().get(`/trades/${signed!.tid}`).reply(200, signed);
    expect(await service().getTrade('tb_buyer_001', signed!.tid)).toEqual(signed);
  });

  it("lists a buyer's recent trades, newest first", async () => {
    const older = { ...unpaid!, tid: '1000000000000000001', created: '2026-10-01T10:00:00+08:00' };
    shop().get('/buyers/tb_buyer_001/trades').query({ limit: '10' }).reply(200, { trades: [older, unpaid] });
    const trades = await service().listTrades('tb_buyer_001');
    expect(trades.map((t) => t.tid)).toEqual([unpaid!.tid, older.tid]);
  });

  it("gets an item's SKUs", async () => {
    shop().get('/items/item_tee').reply(200, tee);
    expect((await service().getItemSkus('item_tee')).skus).toHaveLength(tee.skus.length);
  });

  it('gets logistics after checking the trade is the buyer’s', async () => {
    shop().get(`/trades/${signed!.tid}`).reply(200, signed);
    shop()
      .get(`/trades/${signed!.tid}/logistics`)
      .reply(200, { tid: signed!.tid, company: '申通快递', trackingNo: '77123', events: [] });
    expect((await service().getLogistics('tb_buyer_001', signed!.tid)).company).toBe('申通快递');
  });

  it('retries a 500 and succeeds', async () => {
    shop().get(`/trades/${signed!.tid}`).reply(500).get(`/trades/${signed!.tid}`).reply(200, signed);
    expect((await service().getTrade('tb_buyer_001', signed!.tid)).tid).toBe(signed!.tid);
  });

  it('gives up after the retries with "unavailable"', async () => {
    shop().get(`/trades/${signed!.tid}`).times(3).reply(503);
    await expect(service().getTrade('tb_buyer_001', signed!.tid)).rejects.toMatchObject({ failure: 'unavailable' });
  });

  it('times out (retrying first) with "timeout"', async () => {
    shop().get(`/trades/${signed!.tid}`).times(2).delay(500).reply(200, signed);
    const error = await service({ retries: 1 }).getTrade('tb_buyer_001', signed!.tid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderServiceError);
    expect(error).toMatchObject({ failure: 'timeout' });
  });

  it('turns a malformed body into a typed error naming the field, without retrying', async () => {
    shop().get(`/trades/${signed!.tid}`).reply(200, { ...signed, status: 'SHIPPED_MAYBE' });
    await expect(service().getTrade('tb_buyer_001', signed!.tid)).rejects.toMatchObject({ failure: 'malformed', message: expect.stringContaining('status') });
    shop().get(`/trades/${signed!.tid}`).reply(200, 'not json at all', { 'content-type': 'application/json' });
    await expect(service().getTrade('tb_buyer_001', signed!.tid)).rejects.toMatchObject({ failure: 'malformed' });
  });

  it('404 → not found', async () => {
    shop().get('/trades/1234567890').reply(404);
    await expect(service().getTrade('tb_buyer_001', '1234567890')).rejects.toBeInstanceOf(OrderNotFoundError);
  });

  it("another buyer's trade behaves exactly like one that does not exist", async () => {
    shop().get(`/trades/${signed!.tid}`).reply(200, signed);
    shop().get('/trades/1234567890').reply(404);
    const s = service();
    const refusal = (tid: string) => s.getTrade('tb_buyer_002', tid).then(() => new Error('resolved'), (e: Error) => e);
    const foreign = await refusal(signed!.tid);
    const missing = await refusal('1234567890');
    expect(foreign).toBeInstanceOf(OrderNotFoundError);
    expect(foreign.constructor).toBe(missing.constructor);
    expect(foreign.message.replace(signed!.tid, 'X')).toBe(missing.message.replace('1234567890', 'X'));
  });

  it('drops trades of other buyers from a list', async () => {
    shop()
      .get('/buyers/tb_buyer_002/trades')
      .query(true)
      .reply(200, { trades: [signed] });
    expect(await service().listTrades('tb_buyer_002')).toEqual([]);
  });

  it('answers a repeated read from the cache', async () => {
    shop().get(`/trades/${signed!.tid}`).once().reply(200, signed);
    const s = service();
    await s.getTrade('tb_buyer_001', signed!.tid);
    expect((await s.getTrade('tb_buyer_001', signed!.tid)).tid).toBe(signed!.tid);
  });

  it('a rejected API key is "unauthorized" and not retried', async () => {
    nock(BASE).get(`/trades/${signed!.tid}`).once().reply(401);
    await expect(service({ apiKey: 'wrong' }).getTrade('tb_buyer_001', signed!.tid)).rejects.toMatchObject({ failure: 'unauthorized' });
  });
});

describe('HTTP order client: an order system that misbehaves (nock)', () => {
  const refusal = (s = service()) => s.getTrade('tb_buyer_001', signed!.tid).then(() => new Error('resolved'), (e: Error) => e);

  it('refuses a body declared larger than the limit, without retrying', async () => {
    shop()
      .get(`/trades/${signed!.tid}`)
      .once()
      .reply(200, 'x', { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) });
    expect(await refusal()).toMatchObject({ failure: 'malformed', message: expect.stringContaining('larger than') });
  });

  it('stops reading a body that grows past the limit (no Content-Length)', async () => {
    const huge = { ...signed!, padding: 'x'.repeat(2 * MAX_BODY_BYTES) };
    shop()
      .get(`/trades/${signed!.tid}`)
      .reply(200, () => Readable.from([JSON.stringify(huge)]), { 'content-type': 'application/json' });
    expect(await refusal()).toMatchObject({ failure: 'malformed', message: expect.stringContaining('larger than') });
  });

  it('refuses a body that is not declared as JSON, even when it parses', async () => {
    shop().get(`/trades/${signed!.tid}`).reply(200, JSON.stringify(signed), { 'content-type': 'text/html; charset=utf-8' });
    expect(await refusal()).toMatchObject({ failure: 'malformed', message: expect.stringContaining('text/html') });
  });

  it('accepts JSON with parameters or a +json type', async () => {
    shop().get(`/trades/${signed!.tid}`).reply(200, JSON.stringify(signed), { 'content-type': 'Application/JSON; charset=UTF-8' });
    expect((await service().getTrade('tb_buyer_001', signed!.tid)).tid).toBe(signed!.tid);
    shop().get(`/trades/${signed!.tid}`).reply(200, JSON.stringify(signed), { 'content-type': 'application/vnd.shop+json' });
    expect((await service().getTrade('tb_buyer_001', signed!.tid)).tid).toBe(signed!.tid);
  });

  it('refuses a trade whose title is longer than the contract allows', async () => {
    const longTitle = { ...signed!, orders: [{ ...signed!.orders[0]!, title: '好'.repeat(100_000) }] };
    shop().get(`/trades/${signed!.tid}`).reply(200, longTitle);
    expect(await refusal()).toMatchObject({ failure: 'malformed', message: expect.stringContaining('orders.0.title') });
  });

  it('names the refused field without repeating what the order system sent', async () => {
    const hugeKey = { ...signed!, orders: [{ ...signed!.orders[0]!, skuProperties: { ['颜'.repeat(200_000)]: '白色' } }] };
    shop().get(`/trades/${signed!.tid}`).reply(200, hugeKey);
    const error = await refusal();
    expect(error).toMatchObject({ failure: 'malformed', message: expect.stringContaining('orders.0.skuProperties') });
    expect(error.message.length).toBeLessThan(300);
  });

  it('gives up a hanging order system within the read budget, however many retries are configured', async () => {
    let attempts = 0;
    shop()
      .get(`/trades/${signed!.tid}`)
      .times(11)
      .delay(1000)
      .reply(() => {
        attempts++;
        return [200, signed];
      });
    const error = await refusal(service({ timeoutMs: 100, retries: 10, readBudgetMs: 250 }));
    expect(error).toMatchObject({ failure: 'timeout', message: expect.stringContaining('250 ms in all') });
    expect(attempts).toBeLessThan(11);
    nock.cleanAll(); // the attempts never made
  });

  it('a cached answer that no longer fits the contract is read again', async () => {
    const cache = new MemoryResponseCache();
    await cache.set(`/trades/${signed!.tid}`, JSON.stringify({ ...signed, status: 'OLD_STATUS' }), 30);
    shop().get(`/trades/${signed!.tid}`).reply(200, signed);
    expect((await service({ cache }).getTrade('tb_buyer_001', signed!.tid)).status).toBe(signed!.status);
  });
});
