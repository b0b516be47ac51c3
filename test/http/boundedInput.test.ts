/**
 * Issue 13, finding 6: everything that comes in is validated and bounded at the edge, one length
 * rule holds on every path, and buyers, buyer tokens and addresses are rate-limited across processes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { WEBCHAT_TEST_SECRET, buyerToken, directLineCall, webChat } from '../support/directLine.js';
import { messageActivity, post, startKefu, type RunningKefu } from '../support/kefu.js';
import { testRedis } from '../support/redis.js';

const { redis, url } = testRedis();
const running: RunningKefu[] = [];
afterAll(async () => {
  await Promise.all(running.map((k) => k.stop(300)));
  await redis.quit();
});

async function kefu(env: Record<string, string> = {}, prefix = `b${randomUUID().slice(0, 8)}:`): Promise<RunningKefu> {
  const k = await startKefu({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix, WEBCHAT_SECRET: WEBCHAT_TEST_SECRET, ...env });
  running.push(k);
  return k;
}

const refusal = async (res: Response) => ({ status: res.status, message: ((await res.json()) as { error: { message: string } }).error.message });

/** JSON text of an object nested `depth` levels deep (too deep for JSON.stringify to write). */
const nestedJson = (depth: number) => `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;

describe('the activity schema at the edge', () => {
  it('refuses channelData nested 10,000 deep with 400 naming it, and keeps serving', async () => {
    const k = running[0] ?? (await kefu());
    const body = JSON.stringify(messageActivity('edge', '你好')).replace(/}$/, `,"channelData":${nestedJson(10_000)}}`);
    expect(await refusal(await post(k.url, body, true))).toEqual({ status: 400, message: expect.stringMatching(/channelData: nested deeper/) });
    expect((await post(k.url, messageActivity('edge', '你好'))).status).toBe(200);
  });

  it.each([
    ['a 10,000-character channelId', { channelId: 'c'.repeat(10_000) }, /channelId/],
    ['a locale that is not a string', { locale: { toString: 1 } }, /locale/],
    ['a locale that is no language tag', { locale: 'zh-CN<script>' }, /locale/],
    ['an unknown activity type', { type: 'hack' }, /type must be one of/],
    ['a value of 20 KB', { value: 'v'.repeat(20_000) }, /value: larger than/],
  ])('refuses %s with 400 naming the field', async (_what, change, message) => {
    const k = running[0] ?? (await kefu());
    expect(await refusal(await post(k.url, { ...messageActivity('edge', '你好'), ...change }))).toEqual({ status: 400, message: expect.stringMatching(message) });
  });

  it('counts a message in characters on both paths: 2,000 emoji pass, 2,001 characters do not', async () => {
    const k = running[0] ?? (await kefu());
    const emoji = '😀'.repeat(2000); // 4,000 UTF-16 units
    expect((await post(k.url, messageActivity('length', emoji))).status).toBe(200);
    const tooLong = await post(k.url, messageActivity('length', `${emoji}😀`));
    expect(JSON.stringify(await tooLong.json())).toMatch(/太长/);
    const chat = await webChat(k.url, 'tb_buyer_001');
    expect((await chat.post({ type: 'message', text: emoji })).status).toBe(200);
    expect((await chat.post({ type: 'message', text: `${emoji}😀` })).status).toBe(413);
    // The web chat shows the refused message as not sent, and the bot says why.
    expect((await chat.activities()).at(-1)).toMatchObject({ from: { role: 'bot' }, text: expect.stringMatching(/太长/) });
    expect((await chat.post(`{"type":"message","text":"你好","value":${nestedJson(50)}}`)).status).toBe(400);
  });
});

describe('rate limits held in Redis', () => {
  it('a buyer sending faster than a person types is slowed down, whichever process they reach', async () => {
    const prefix = `r${randomUUID().slice(0, 8)}:`;
    const limits = { RATE_LIMIT_BUYER_MESSAGES_PER_MINUTE: '5' };
    const [a, b] = await Promise.all([kefu(limits, prefix), kefu(limits, prefix)]);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post((i % 2 ? a : b).url, messageActivity(`rl-${i}`, '你好', 'tb_buyer_002'))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await post(a.url, messageActivity('rl-x', '你好', 'tb_buyer_002'));
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another buyer is not affected.
    expect((await post(a.url, messageActivity('rl-y', '你好', 'tb_buyer_003'))).status).toBe(200);
  });

  it('one buyer token cannot open conversations without end', async () => {
    const k = await kefu({ RATE_LIMIT_BUYER_CONVERSATIONS_PER_HOUR: '3' });
    const opened: number[] = [];
    for (let i = 0; i < 4; i++) opened.push((await directLineCall(k.url, 'POST', '/conversations', buyerToken('tb_buyer_003'))).status);
    expect(opened).toEqual([201, 201, 201, 429]);
  });

  it('one address cannot flood the buyer-facing endpoints', async () => {
    const k = await kefu({ RATE_LIMIT_ADDRESS_REQUESTS_PER_MINUTE: '10' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await post(k.url, messageActivity(`flood-${i}`, '你好', `buyer-${i}`))).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect((await directLineCall(k.url, 'POST', '/conversations', buyerToken('tb_buyer_001'))).status).toBe(429);
  });
});
