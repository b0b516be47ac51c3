/**
 * /api/insights over real HTTP and Redis: buyers chat through /api/messages with typed messages,
 * the conversations go idle, and a supervisor reads the shop's numbers; agents are turned away.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsightsReport } from '../../bot/insights/report.js';
import { say, startKefu, type RunningKefu } from '../support/kefu.js';
import { at } from '../support/knowledge.js';
import { testRedis } from '../support/redis.js';

const SUPERVISOR = 'insights-supervisor-token-01';
const AGENT = 'insights-agent-token-000001';
const NO_ORDERS = 'shopper-without-orders';
const { redis, prefix, url } = testRedis();
let now = at('2026-11-23 10:00');
let kefu: RunningKefu;

beforeAll(async () => {
  kefu = await startKefu({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix, AGENT_TOKENS: `lead1:supervisor:${SUPERVISOR},xiaoqing:agent:${AGENT}` }, { clock: () => now });
});
afterAll(async () => {
  await kefu?.stop(500);
  await redis.quit();
});

const get = (path: string, token = SUPERVISOR) => fetch(`${kefu.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

async function chat(buyer: string, ...texts: string[]): Promise<string[]> {
  const conversation = `ins-${randomUUID()}`;
  const replies: string[] = [];
  for (const text of texts) replies.push(...(await say(kefu.url, conversation, text, buyer)).map((a) => a.text ?? ''));
  return replies;
}

describe('who may read the insights', () => {
  it('asks for a token, turns agents away with 403, lets supervisors in', async () => {
    expect((await fetch(`${kefu.url}/api/insights/summary`)).status).toBe(401);
    const agent = await get('/api/insights/summary', AGENT);
    expect(agent.status).toBe(403);
    expect(((await agent.json()) as { error: { code: string } }).error.code).toBe('supervisors_only');
    expect((await get('/api/insights/summary')).status).toBe(200);
  });

  it.each([
    ['from after to', '?from=2026-11-23&to=2026-11-01'],
    ['more than a year', '?from=2024-01-01&to=2026-11-23'],
    ['not a date', '?from=yesterday'],
    ['too many clusters', '?limit=500'],
  ])('refuses a range that is %s (400)', async (_why, query) => {
    const res = await get(`/api/insights/unanswered${query}`);
    expect(res.status).toBe(400);
  });
});

describe('the numbers after buyers chat', () => {
  beforeAll(async () => {
    // Resolved and rated: a question the FAQ answers, thanks, then the rating typed.
    const rated = await chat(NO_ORDERS, '能货到付款吗', '谢谢', '还行');
    expect(rated.join('\n')).toContain('打个分');
    // Handed to an agent.
    await chat(NO_ORDERS, '转人工');
    // Left in the middle of the refund flow.
    await chat('tb_buyer_001', '我要退货');
    // Not understood, once with the buyer's name in it.
    await chat(NO_ORDERS, '我叫王小明 收不到验证码怎么办');
    await chat(NO_ORDERS, '验证码收不到怎么回事');
    now = new Date(now.getTime() + 31 * 60_000);
    await kefu.kefu.insights.conversations.endIdle();
  });

  it('counts the outcomes and rates of the day', async () => {
    const report = (await (await get('/api/insights/summary?from=2026-11-23&to=2026-11-23')).json()) as InsightsReport;
    expect(report.conversations).toBe(5);
    expect(report.outcomes).toEqual({ resolved: 1, handed_off: 1, abandoned: 3, reminded_paid: 0 });
    expect(report.resolutionRate).toBe(0.2);
    expect(report.handoffRate).toBe(0.2);
    expect(report.handoffsByRung).toEqual({ agent: 1 });
    expect(report.satisfaction).toMatchObject({ answers: 1, byRating: { 1: 0, 2: 1, 3: 0 }, average: 2 });
    expect(report.topIntents.map((i) => i.intent)).toEqual(expect.arrayContaining(['return_request', 'human_agent']));
    const refund = report.flows.find((f) => f.flow === 'refund')!;
    expect(refund.abandoned).toBe(1);
    // The buyer left when asked which order (the order picker inside the refund flow).
    expect(refund.leftAt).toEqual([{ step: 'pickOrder.main.find', count: 1 }]);
  });

  it('keeps what the bot could not answer, masked and clustered', async () => {
    const body = (await (await get('/api/insights/unanswered?from=2026-11-23&to=2026-11-23')).json()) as { clusters: { label: string; count: number; examples: { text: string }[] }[] };
    const codes = body.clusters.find((c) => c.label.includes('验证码'))!;
    expect(codes.count).toBe(2);
    expect(codes.examples.map((e) => e.text)).toContain('我叫[姓名] 收不到验证码怎么办');
    expect(JSON.stringify(body)).not.toContain('王小明');
  });

  it('another range does not include these days', async () => {
    const report = (await (await get('/api/insights/summary?from=2026-11-01&to=2026-11-22')).json()) as { conversations: number; days: unknown[] };
    expect(report.conversations).toBe(0);
    expect(report.days).toHaveLength(22);
  });

  it('publishes the same numbers as Prometheus metrics', async () => {
    const metrics = await (await fetch(`${kefu.url}/metrics`)).text();
    expect(metrics).toContain('kefu_conversation_outcomes_total{outcome="handed_off",rung="agent"} 1');
    expect(metrics).toContain('kefu_conversation_outcomes_total{outcome="abandoned",rung=""} 3');
    expect(metrics).toContain('kefu_satisfaction_ratings_total{rating="2"} 1');
    expect(metrics).toContain('kefu_unanswered_questions_total{reason="not_understood"} 2');
  });
});
