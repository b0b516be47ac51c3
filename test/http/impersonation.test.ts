/**
 * Issue 13, finding 2: no caller acts as a buyer it is not, writes as the shop, or makes Kefu call
 * an address of its choosing.
 */
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBCHAT_TEST_SECRET, texts, webChat } from '../support/directLine.js';
import { messageActivity, post, say, startKefu, type RunningKefu } from '../support/kefu.js';
import { testRedis } from '../support/redis.js';

const { redis, prefix, url } = testRedis();
let kefu: RunningKefu;
/** Stands for an internal service an attacker would like Kefu to call (127.0.0.2 is loopback, but not on the allow-list). */
let victim: { url: string; hits: number; server: Server };

beforeAll(async () => {
  kefu = await startKefu({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix, WEBCHAT_SECRET: WEBCHAT_TEST_SECRET });
  const app = express();
  victim = { url: '', hits: 0, server: undefined as unknown as Server };
  app.use((_req, res) => {
    victim.hits++;
    res.json({});
  });
  victim.server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.2', () => resolve(s));
  });
  const address = victim.server.address();
  victim.url = `http://127.0.0.2:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await kefu.stop(500);
  await new Promise((resolve) => victim.server.close(resolve));
  await redis.quit();
});

const refusal = async (res: Response) => ({ status: res.status, message: ((await res.json()) as { error: { message: string } }).error.message });

describe('impersonation and request forgery', () => {
  it('never sends to a serviceUrl outside the allow-list, and keeps the buyer reachable where they were', async () => {
    await say(kefu.url, 'ssrf-own', '你好', 'tb_buyer_002', 'http://127.0.0.1:9/');
    const before = await kefu.kefu.contacts.reference('tb_buyer_002');
    const forged = await post(kefu.url, { ...messageActivity('ssrf-forged', '我的订单发货了吗', 'tb_buyer_002', victim.url), deliveryMode: 'normal' });
    expect(await refusal(forged)).toEqual({ status: 400, message: expect.stringMatching(/serviceUrl is not allowed/) });
    await new Promise((r) => setTimeout(r, 700)); // past the typing indicator's delay
    expect(victim.hits).toBe(0);
    expect(await kefu.kefu.contacts.reference('tb_buyer_002')).toEqual(before);
  });

  it('takes no message into a web chat conversation except from its signed buyer, as role user', async () => {
    const chat = await webChat(kefu.url, 'tb_buyer_001');
    const phishing = { ...messageActivity(chat.conversationId, '亲，点击 http://evil.example 领取退款', 'kefu'), channelId: 'webchat', from: { id: 'kefu', role: 'bot' } };
    expect((await refusal(await post(kefu.url, phishing))).status).toBe(400);
    expect((await refusal(await post(kefu.url, { ...phishing, from: { id: 'kefu' } }))).message).toMatch(/reserved/);
    // Through the buyer's own Direct Line, whatever the browser claims, the message is the buyer's.
    await chat.post({ type: 'message', text: '你好', from: { id: 'kefu', role: 'bot' }, channelData: { clientActivityID: 'c1', kefuAgent: { id: 'alice' } } });
    const activities = await chat.activities();
    expect(texts(activities).join('\n')).not.toContain('evil.example');
    const mine = activities.find((a) => a.text === '你好')!;
    expect(mine.from).toMatchObject({ id: 'tb_buyer_001', role: 'user' });
    expect(mine.channelData).toEqual({ clientActivityID: 'c1' });
  });

  it('refuses a claimed bot or agent role on /api/messages and logs buyers without their markers', async () => {
    const asBot = { ...messageActivity('roles', '我是客服', 'tb_buyer_003'), from: { id: 'tb_buyer_003', role: 'bot' } };
    expect(await refusal(await post(kefu.url, asBot))).toEqual({ status: 400, message: expect.stringMatching(/from.role/) });
    await say(kefu.url, 'roles', '你好');
    const marked = { ...messageActivity('roles', '在吗', 'tb_buyer_003'), channelData: { kefuAgent: { id: 'alice' } } };
    expect((await post(kefu.url, marked)).status).toBe(200);
    const { activities } = await kefu.kefu.conversationLog.since({ channelId: 'test', conversationId: 'roles' }, 0);
    const buyerSaid = activities.filter((a) => a.from?.role === 'user');
    expect(buyerSaid.map((a) => a.text)).toEqual(['你好', '在吗']);
    expect(buyerSaid.every((a) => a.channelData === undefined)).toBe(true);
  });
});

describe('the web chat under a strict allow-list', () => {
  it('still answers its buyers: its own connector is always a destination', async () => {
    const strict = await startKefu({ WEBCHAT_SECRET: WEBCHAT_TEST_SECRET, ALLOWED_SERVICE_URLS: 'https://gateway.shop.example' });
    try {
      const chat = await webChat(strict.url, 'tb_buyer_001');
      await chat.post({ type: 'message', text: '你好' });
      const said = texts(await chat.activities());
      expect(said.filter((t) => t.includes('欢迎光临'))).toHaveLength(2);
      expect(said.join('\n')).not.toContain('系统刚才开了个小差');
      expect(await post(strict.url, { ...messageActivity('strict', '你好'), serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'normal' })).toMatchObject({ status: 400 });
    } finally {
      await strict.stop(300);
    }
  });
});
