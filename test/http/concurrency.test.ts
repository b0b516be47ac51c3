import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationStateName } from '../../bot/state/redisKeys.js';
import { RedisStorage } from '../../bot/state/redisStorage.js';
import { startKefu, say, type RunningKefu } from '../support/kefu.js';
import { testRedis } from '../support/redis.js';

const { redis, prefix, url } = testRedis();
let a: RunningKefu;
let b: RunningKefu;

beforeAll(async () => {
  const env = { REDIS_URL: url, REDIS_KEY_PREFIX: prefix };
  [a, b] = await Promise.all([startKefu(env), startKefu(env)]);
});
afterAll(async () => {
  await Promise.all([a.stop(1000), b.stop(1000)]);
  await redis.quit();
});

describe('one turn at a time per conversation, across processes', () => {
  it('counts every turn when two servers on one Redis get 50 pairs of simultaneous messages', async () => {
    const conversations = ['c-1', 'c-2', 'c-3'];
    const PAIRS = 50;
    await Promise.all(
      conversations.map(async (id) => {
        for (let i = 0; i < PAIRS; i++) await Promise.all([say(a.url, id, '你好'), say(b.url, id, '在吗')]);
      }),
    );
    const storage = new RedisStorage(redis, { prefix, ttlSeconds: 60 });
    const keys = conversations.map((id) => conversationStateName('test', id));
    const state = await storage.read(keys);
    for (const key of keys) expect(state[key]?.conversation?.turns).toBe(2 * PAIRS);
  });

  it('answers every one of the simultaneous messages', async () => {
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => say(i % 2 ? a.url : b.url, 'c-burst', '你好')));
    for (const activities of replies) expect(activities.length).toBeGreaterThan(0);
  });
});
