import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../bot/orders/events/orderEvent.js';
import { RedisReplayGuard } from '../../bot/orders/events/replayGuard.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, sign } from '../../bot/orders/events/signature.js';
import { startKefu, type RunningKefu } from '../support/kefu.js';
import { testRedis } from '../support/redis.js';

const SECRET = 'order-events-secret-for-tests';
const { redis, prefix, url } = testRedis();
let kefu: RunningKefu;
const received: OrderEvent[] = [];

beforeAll(async () => {
  kefu = await startKefu({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix, ORDER_EVENTS_SECRET: SECRET });
  kefu.kefu.orderEvents.subscribe((event) => {
    received.push(event);
  });
});
afterAll(async () => {
  await kefu.stop(1000);
  await redis.quit();
});

const event = (overrides: Record<string, unknown> = {}) => ({
  id: `evt_${randomUUID()}`,
  type: 'trade.created',
  occurredAt: '2026-11-22T10:00:00+08:00',
  tid: '3289114476201230001',
  buyerId: 'tb_buyer_001',
  ...overrides,
});

async function deliver(body: string, { secret = SECRET, timestamp = Math.floor(Date.now() / 1000), signature }: { secret?: string; timestamp?: number; signature?: string } = {}) {
  return fetch(`${kefu.url}/api/order-events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signature ?? sign(secret, String(timestamp), body),
    },
    body,
  });
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('POST /api/order-events (signed webhook)', () => {
  it('accepts a correctly signed event and publishes it once', async () => {
    const e = event({ type: 'trade.paid' });
    const res = await deliver(JSON.stringify(e));
    expect(res.status).toBe(202);
    await settle();
    expect(received.filter((r) => r.id === e.id)).toEqual([e]);
  });

  it('refuses a bad signature with 401 and publishes nothing', async () => {
    const e = event();
    const res = await deliver(JSON.stringify(e), { secret: 'someone-elses-secret-value' });
    expect(res.status).toBe(401);
    await settle();
    expect(received.some((r) => r.id === e.id)).toBe(false);
  });

  it('refuses a body changed after signing', async () => {
    const body = JSON.stringify(event());
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await deliver(body.replace('tb_buyer_001', 'tb_buyer_002'), { timestamp, signature: sign(SECRET, String(timestamp), body) });
    expect(res.status).toBe(401);
  });

  it('refuses a missing signature with 401', async () => {
    const res = await fetch(`${kefu.url}/api/order-events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event()) });
    expect(res.status).toBe(401);
  });

  it('refuses a stale timestamp with 401 even when signed', async () => {
    const res = await deliver(JSON.stringify(event()), { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('stale');
  });

  it('refuses a replayed event id with 409 and does not publish it again', async () => {
    const e = event({ type: 'trade.closed' });
    expect((await deliver(JSON.stringify(e))).status).toBe(202);
    const again = await deliver(JSON.stringify(e), { timestamp: Math.floor(Date.now() / 1000) + 1 });
    expect(again.status).toBe(409);
    await settle();
    expect(received.filter((r) => r.id === e.id)).toHaveLength(1);
  });

  it('answers 503 when a subscriber fails, and accepts the retry of the same event', async () => {
    const e = event({ type: 'trade.signed' });
    const failOnce = kefu.kefu.orderEvents.subscribe((got) => {
      if (got.id === e.id) throw new Error('scheduling failed');
    });
    const first = await deliver(JSON.stringify(e));
    failOnce();
    expect(first.status).toBe(503);
    expect(Number(first.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await first.json()) as { error: { code: string } }).error.code).toBe('try_again');
    expect((await deliver(JSON.stringify(e))).status).toBe(202);
  });

  it('refuses a malformed payload with 400 naming the field', async () => {
    const notJson = await deliver('{"id": ');
    expect(notJson.status).toBe(400);
    const badTid = await deliver(JSON.stringify(event({ tid: 'abc' })));
    expect(badTid.status).toBe(400);
    expect(((await badTid.json()) as { error: { message: string } }).error.message).toMatch(/^tid/);
  });

  it('refuses an unknown event type with 422 listing the known ones', async () => {
    const res = await deliver(JSON.stringify(event({ type: 'trade.teleported' })));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('trade.created');
  });
});

describe('the replay guard (Redis)', () => {
  it('holds an event in progress only for its lease, so a delivery whose processing never finished is processed on retry', async () => {
    const guard = new RedisReplayGuard(redis, prefix, 3600, 1);
    const id = `evt_${randomUUID()}`;
    expect(await guard.claim(id)).toBe('claimed');
    expect(await guard.claim(id)).toBe('in_progress');
    await new Promise((r) => setTimeout(r, 1100));
    expect(await guard.claim(id)).toBe('claimed');
    await guard.accept(id);
    expect(await guard.claim(id)).toBe('accepted');
  });

  it('frees a released event at once', async () => {
    const guard = new RedisReplayGuard(redis, prefix, 3600);
    const id = `evt_${randomUUID()}`;
    await guard.claim(id);
    await guard.release(id);
    expect(await guard.claim(id)).toBe('claimed');
  });
});

describe('without ORDER_EVENTS_SECRET', () => {
  it('answers 503 saying how to enable it', async () => {
    const plain = await startKefu();
    try {
      const res = await fetch(`${plain.url}/api/order-events`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('ORDER_EVENTS_SECRET');
    } finally {
      await plain.stop(200);
    }
  });
});

describe('the embedded demo order service', () => {
  it('serves the contract under /demo-orders when ORDER_API_URL is unset, to holders of the key only', async () => {
    const trades = '/demo-orders/buyers/tb_buyer_001/trades?limit=3';
    // Without ORDER_API_KEY the key is random (logged at start-up): receivers' addresses stay private.
    expect((await fetch(`${kefu.url}${trades}`)).status).toBe(401);
    const demo = await startKefu({ ORDER_API_KEY: 'demo-orders-key-0123' });
    try {
      for (const headers of [{}, { 'x-api-key': 'not-the-key' }] as Record<string, string>[]) expect((await fetch(`${demo.url}${trades}`, { headers })).status).toBe(401);
      const headers = { 'x-api-key': 'demo-orders-key-0123' };
      const res = await fetch(`${demo.url}${trades}`, { headers });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { trades: unknown[] }).trades).toHaveLength(3);
      expect((await fetch(`${demo.url}/demo-orders/trades/999999999`, { headers })).status).toBe(404);
    } finally {
      await demo.stop(200);
    }
  });
});
