/**
 * The embedded Direct Line endpoint over HTTP with real Redis: identity from signed tokens only,
 * polling by watermark, a conversation that survives a server restart, refused bad input.
 */
import type { Activity } from 'botbuilder';
import { afterAll, describe, expect, it } from 'vitest';
import { WEBCHAT_TEST_SECRET, buyerToken, directLineCall, texts } from '../support/directLine.js';
import { startKefu, type RunningKefu } from '../support/kefu.js';
import { testRedis } from '../support/redis.js';

const SECRET = WEBCHAT_TEST_SECRET;
const { redis, prefix, url } = testRedis();
const running: RunningKefu[] = [];
afterAll(async () => {
  await Promise.all(running.map((k) => k.stop(300)));
  await redis.quit();
});

async function kefu(): Promise<RunningKefu> {
  const k = await startKefu({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix, WEBCHAT_SECRET: SECRET });
  running.push(k);
  return k;
}

const call = (k: RunningKefu, method: string, path: string, token?: string, body?: unknown) => directLineCall(k.url, method, path, token, body);

describe('Direct Line endpoint', () => {
  it('starts with a signed buyer token, greets, answers by watermark, and survives a restart', async () => {
    const first = await kefu();
    const started = await call(first, 'POST', '/conversations', buyerToken('tb_buyer_003'));
    expect(started.status).toBe(201);
    const { conversationId, token, streamUrl } = started.body as { conversationId: string; token: string; streamUrl: string };
    expect(streamUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/directline\/conversations\/wc-/);

    const greeting = await call(first, 'GET', `/conversations/${conversationId}/activities?watermark=0`, token);
    expect(texts(greeting.body.activities as Partial<Activity>[])[0]).toContain('欢迎光临');

    // The browser cannot choose who it is: from.id is ignored, the token decides.
    const posted = await call(first, 'POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: '我的订单发货了吗', from: { id: 'tb_buyer_001' } });
    expect(posted.status).toBe(200);
    const after = await call(first, 'GET', `/conversations/${conversationId}/activities?watermark=${greeting.body.watermark}`, token);
    const activities = after.body.activities as Partial<Activity>[];
    expect(activities[0]).toMatchObject({ id: posted.body.id, from: { id: 'tb_buyer_003' }, text: '我的订单发货了吗' });
    expect(texts(activities).join('\n')).not.toContain('3289114476201230001');

    await first.stop(300);
    running.splice(running.indexOf(first), 1);
    const second = await kefu();
    const resumed = await call(second, 'GET', `/conversations/${conversationId}?watermark=0`, token);
    expect(resumed.status).toBe(200);
    const history = await call(second, 'GET', `/conversations/${conversationId}/activities?watermark=0`, token);
    expect(texts(history.body.activities as Partial<Activity>[])).toContain('我的订单发货了吗');
    const refreshed = await call(second, 'POST', '/tokens/refresh', token);
    expect(refreshed.body).toMatchObject({ conversationId });
  });

  it('refuses unsigned, tampered, foreign-secret and expired buyer tokens', async () => {
    const k = await kefu();
    const good = buyerToken('tb_buyer_001');
    const [body, signature] = good.split('.');
    const tampered = `${Buffer.from(JSON.stringify({ buyerId: 'tb_buyer_002', exp: 4_000_000_000 })).toString('base64url')}.${signature}`;
    for (const token of [undefined, 'garbage', tampered, `${body}.`, buyerToken('tb_buyer_001', 'someone-elses-secret-0123'), buyerToken('tb_buyer_001', SECRET, 1)]) {
      expect((await call(k, 'POST', '/conversations', token)).status).toBe(403);
    }
  });

  it('keeps conversations apart and refuses bad activities', async () => {
    const k = await kefu();
    const a = (await call(k, 'POST', '/conversations', buyerToken('tb_buyer_001'))).body as { conversationId: string; token: string };
    const b = (await call(k, 'POST', '/conversations', buyerToken('tb_buyer_002'))).body as { conversationId: string; token: string };
    expect((await call(k, 'GET', `/conversations/${a.conversationId}/activities`, b.token)).status).toBe(403);
    expect((await call(k, 'POST', `/conversations/${a.conversationId}/activities`, b.token, { type: 'message', text: 'hi' })).status).toBe(403);
    // A buyer token is not a conversation token.
    expect((await call(k, 'GET', `/conversations/${a.conversationId}/activities`, buyerToken('tb_buyer_001'))).status).toBe(403);
    expect((await call(k, 'POST', `/conversations/${a.conversationId}/activities`, a.token, { type: 'invoke' })).status).toBe(400);
    expect((await call(k, 'POST', `/conversations/${a.conversationId}/activities`, a.token, { type: 'message', text: '长'.repeat(2001) })).status).toBe(413);
  });

  it('hides the connector route behind its secret path', async () => {
    const k = await kefu();
    const res = await fetch(`${k.url}/directline/connector/guess/v3/conversations/x/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'injected' }),
    });
    expect(res.status).toBe(404);
  });
});
