import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ETagConflictError, RedisStorage } from '../../bot/state/redisStorage.js';
import { taggedKey } from '../../bot/state/redisKeys.js';
import { isStoreUnavailable, NotReplicatedError } from '../../bot/state/unavailable.js';
import { testRedis } from '../support/redis.js';

const { redis, prefix } = testRedis();
afterAll(() => redis.quit());

describe('RedisStorage (botbuilder Storage contract, real Redis)', () => {
  let storage: RedisStorage;
  beforeEach(async () => {
    storage = new RedisStorage(redis, { prefix, ttlSeconds: 60 });
  });

  it('reads back what it wrote, with an eTag, and nothing for unknown keys', async () => {
    await storage.write({ 'web/conversations/a': { count: 1 } });
    const items = await storage.read(['web/conversations/a', 'web/conversations/missing']);
    expect(items['web/conversations/a']).toMatchObject({ count: 1 });
    expect(typeof items['web/conversations/a'].eTag).toBe('string');
    expect(items).not.toHaveProperty('web/conversations/missing');
  });

  it('round-trips Chinese text and nested objects', async () => {
    const value = { buyer: { 昵称: '小明', orders: [{ tid: '3289114476201234567', title: '纯棉T恤 白色 L码' }] }, note: '亲~ 😊' };
    await storage.write({ k1: value });
    const { k1 } = await storage.read(['k1']);
    expect(k1).toEqual({ ...value, eTag: k1.eTag });
  });

  it('deletes', async () => {
    await storage.write({ gone: { x: 1 } });
    await storage.delete(['gone']);
    expect(await storage.read(['gone'])).toEqual({});
  });

  it('refuses a write with a stale eTag and keeps the newer value', async () => {
    await storage.write({ k: { v: 1 } });
    const first = (await storage.read(['k'])).k;
    await storage.write({ k: { ...first, v: 2 } });
    await expect(storage.write({ k: { ...first, v: 3 } })).rejects.toBeInstanceOf(ETagConflictError);
    expect((await storage.read(['k'])).k.v).toBe(2);
  });

  it('with replicas required, a write no replica confirmed is refused as the store being unavailable (503)', async () => {
    // The test's redis-server has no replica: WAIT 1 answers 0.
    const waiting = new RedisStorage(redis, { prefix, ttlSeconds: 60, replicas: { count: 1, waitMs: 50 } });
    const refused = await waiting.write({ w: { v: 1 } }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(NotReplicatedError);
    expect(isStoreUnavailable(refused)).toBe(true);
    await expect(new RedisStorage(redis, { prefix, ttlSeconds: 60, replicas: { count: 0, waitMs: 50 } }).write({ w: { v: 2 } })).resolves.toBeUndefined();
  });

  it('changes the eTag on every write', async () => {
    await storage.write({ e: { v: 1 } });
    const a = (await storage.read(['e'])).e.eTag;
    await storage.write({ e: { v: 2, eTag: a } });
    expect((await storage.read(['e'])).e.eTag).not.toBe(a);
  });

  it('overwrites unconditionally with eTag "*" or without an eTag', async () => {
    await storage.write({ s: { v: 1 } });
    await storage.write({ s: { v: 2, eTag: '*' } });
    expect((await storage.read(['s'])).s.v).toBe(2);
    await storage.write({ s: { v: 3 } });
    expect((await storage.read(['s'])).s.v).toBe(3);
  });

  it('accepts any eTag when the key does not exist yet (as MemoryStorage does)', async () => {
    await storage.write({ fresh: { v: 1, eTag: 'whatever' } });
    expect((await storage.read(['fresh'])).fresh.v).toBe(1);
  });

  it('sets the TTL on every write', async () => {
    await storage.write({ ttl: { v: 1 } });
    const ttl = await redis.pttl(taggedKey(prefix, 'state', 'ttl'));
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('reads and writes many keys at once', async () => {
    const changes = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`many/${i}`, { i }]));
    await storage.write(changes);
    const items = await storage.read(Object.keys(changes));
    expect(Object.keys(items)).toHaveLength(100);
    expect(items['many/42']).toMatchObject({ i: 42 });
  });

  it('keeps one hash tag per logical key, even when the key contains braces', () => {
    expect(taggedKey('kefu:', 'state', 'web/conversations/a{b}')).toBe('kefu:state:{web/conversations/a%7Bb%7D}');
    expect(taggedKey('kefu:', 'lock', 'web/conversations/a{b}')).toMatch(/\{web\/conversations\/a%7Bb%7D\}$/);
  });
});
