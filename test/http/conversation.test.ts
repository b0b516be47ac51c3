import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStorage } from '../../bot/state/redisStorage.js';
import { conversationStateName } from '../../bot/state/redisKeys.js';
import { startKefu, say, type RunningKefu } from '../support/kefu.js';
import { testRedis } from '../support/redis.js';

const { redis, prefix, url } = testRedis();
const env = { REDIS_URL: url, REDIS_KEY_PREFIX: prefix };
let kefu: RunningKefu;

beforeAll(async () => {
  kefu = await startKefu(env);
});
afterAll(async () => {
  await kefu.stop(1000);
  await redis.quit();
});

const buttons = (activity: { suggestedActions?: { actions: { title?: string }[] } }) => activity.suggestedActions?.actions.map((a) => a.title) ?? [];

describe('a conversation over /api/messages with expectReplies, state in Redis', () => {
  it('greets with the main menu as buttons in Chinese', async () => {
    const [reply] = await say(kefu.url, 'conv-greet', '你好');
    expect(reply?.text).toContain('欢迎光临');
    expect(buttons(reply!)).toEqual(expect.arrayContaining(['退款/退货', '换货', '转人工']));
  });

  it('asks politely what was meant when it does not understand, offering likely topics', async () => {
    const [reply] = await say(kefu.url, 'conv-unknown', 'qwertyuiop 今天股票');
    expect(reply?.text).toContain('没太看懂');
    expect(buttons(reply!).length).toBeGreaterThan(0);
  });

  it('offers a human agent after two misunderstandings in a row', async () => {
    await say(kefu.url, 'conv-lost', '🙃🙃');
    const [second] = await say(kefu.url, 'conv-lost', '🤔');
    expect(second?.text).toContain('人工客服');
    expect(buttons(second!)).toContain('转人工');
  });

  it('keeps state across several turns and across a server restart', async () => {
    await say(kefu.url, 'conv-restart', '你好');
    await say(kefu.url, 'conv-restart', '在吗');
    await kefu.stop(1000);
    kefu = await startKefu(env);
    const [reply] = await say(kefu.url, 'conv-restart', '你好');
    expect(reply?.text).toBeTruthy();
    const storage = new RedisStorage(redis, { prefix, ttlSeconds: 60 });
    const key = conversationStateName('test', 'conv-restart');
    expect((await storage.read([key]))[key]?.conversation?.turns).toBe(3);
  });

  it('reports health and readiness', async () => {
    expect((await fetch(`${kefu.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${kefu.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

describe('readiness without Redis', () => {
  it('answers 503 naming Redis when it cannot be reached', async () => {
    const broken = await startKefu({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_KEY_PREFIX: prefix });
    try {
      const res = await fetch(`${broken.url}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { reasons: string[] };
      expect(body.reasons.join(' ')).toMatch(/redis/i);
    } finally {
      await broken.stop(200);
    }
  });
});
