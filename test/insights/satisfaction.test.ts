/**
 * 满意度: typed answers, and the question asked when an agent gives a conversation back (over
 * HTTP, the buyer's channel receiving it), the answer stored with the conversation's outcome.
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsightsReport } from '../../bot/insights/report.js';
import { ratingOf } from '../../bot/insights/satisfaction.js';
import { startChannelSink, type ChannelSink } from '../support/channelSink.js';
import { say, startKefu, type RunningKefu } from '../support/kefu.js';
import { at } from '../support/knowledge.js';
import { testRedis } from '../support/redis.js';

describe('ratingOf', () => {
  it.each([
    ['满意', 3],
    ['非常满意！', 3],
    ['挺好的', 3],
    ['一般', 2],
    ['还行吧', 2],
    ['不满意', 1],
    ['不太满意', 1],
    ['太差了', 1],
  ] as const)('"%s" rates %i', (text, rating) => {
    expect(ratingOf(text)).toBe(rating);
  });

  it.each(['谢谢', '不好意思', '我还想问下退货运费谁出', ''])('"%s" is no rating', (text) => {
    expect(ratingOf(text)).toBeUndefined();
  });
});

const LEAD = 'survey-lead-token-0000001';
const { redis, prefix, url } = testRedis();
let now = at('2026-11-23 10:00');
let kefu: RunningKefu;
let sink: ChannelSink;

beforeAll(async () => {
  sink = await startChannelSink();
  kefu = await startKefu({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix, AGENT_TOKENS: `lead1:supervisor:${LEAD}` }, { clock: () => now });
});
afterAll(async () => {
  await kefu?.stop(500);
  await sink?.close();
  await redis.quit();
});

const lead = async (method: string, path: string) => {
  const res = await fetch(`${kefu.url}${path}`, { method, headers: { authorization: `Bearer ${LEAD}` } });
  return (await res.json()) as { cases?: { id: string }[] } & Partial<InsightsReport>;
};

describe('after an agent gives the conversation back', () => {
  it('the buyer is asked to rate, and a typed "不太满意" is apologised for and counted', async () => {
    const conversation = `sv-${randomUUID()}`;
    const buyer = (text: string) => say(kefu.url, conversation, text, 'shopper-without-orders', sink.url);
    await buyer('转人工');
    const [queued] = (await lead('GET', '/api/agent/queue')).cases!;
    await lead('POST', `/api/agent/cases/${queued!.id}/claim`);
    await lead('POST', `/api/agent/cases/${queued!.id}/give-back`);
    const sent = await sink.waitFor(conversation, 1);
    const ask = sent.find((a: Partial<Activity>) => a.text?.includes('打个分'));
    expect(ask?.suggestedActions?.actions.map((a) => a.title)).toEqual(['满意', '一般', '不满意']);

    const reply = (await buyer('不太满意')).map((a) => a.text).join('\n');
    expect(reply).toContain('非常抱歉');
    now = new Date(now.getTime() + 31 * 60_000);
    await kefu.kefu.insights.conversations.endIdle();
    const summary = await lead('GET', '/api/insights/summary?from=2026-11-23&to=2026-11-23');
    expect(summary.outcomes!.handed_off).toBe(1);
    expect(summary.satisfaction).toMatchObject({ answers: 1, byRating: { 1: 1 }, satisfiedRate: 0 });
  });
});
