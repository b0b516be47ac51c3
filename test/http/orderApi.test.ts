import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderNotFoundError } from '../../bot/orders/errors.js';
import { startKefu, type RunningKefu } from '../support/kefu.js';
import { testRedis } from '../support/redis.js';

const { redis, prefix, url } = testRedis();
let shop: RunningKefu;
let bot: RunningKefu;

beforeAll(async () => {
  shop = await startKefu({ ORDER_API_KEY: 'k' }); // the demo orders answer only with the key
  bot = await startKefu({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix, ORDER_API_URL: `${shop.url}/demo-orders`, ORDER_API_KEY: 'k' });
});
afterAll(async () => {
  await Promise.all([shop.stop(500), bot.stop(500)]);
  await redis.quit();
});

describe('ORDER_API_URL: the HTTP client against a service speaking the contract', () => {
  it('reads trades, SKUs and logistics of the buyer, caching in Redis', async () => {
    const trades = await bot.kefu.orders.listTrades('tb_buyer_001');
    expect(trades.length).toBeGreaterThan(5);
    const signed = trades.find((t) => t.status === 'WAIT_BUYER_CONFIRM_GOODS' && t.signTime)!;
    expect((await bot.kefu.orders.getTrade('tb_buyer_001', signed.tid)).tid).toBe(signed.tid);
    expect((await bot.kefu.orders.getItemSkus(signed.orders[0]!.itemId)).skus.length).toBeGreaterThan(0);
    expect((await bot.kefu.orders.getLogistics('tb_buyer_001', signed.tid)).trackingNo).toMatch(/^77/);
    expect(await redis.keys(`${prefix}orders:*`)).toContain(`${prefix}orders:/trades/${signed.tid}`);
  });

  it("refuses another buyer's trade as not found", async () => {
    await expect(bot.kefu.orders.getTrade('tb_buyer_002', '3289114476201230004')).rejects.toBeInstanceOf(OrderNotFoundError);
  });
});
