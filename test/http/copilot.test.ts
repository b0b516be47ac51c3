/**
 * POST /api/copilot/suggest: for a buyer message and an order in each status, the intent, the
 * policy decision, the running deadlines, the escalation rung and replies with their rule ids.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CopilotAnswer } from '../../bot/copilot/copilot.js';
import { unescapeText } from '../../templates/escape.js';
import { say, startKefu, type RunningKefu } from '../support/kefu.js';
import { at } from '../support/knowledge.js';
import { testRedis } from '../support/redis.js';

const TOKEN = 'copilot-agent-token-0123';
const { redis, prefix, url } = testRedis();
let kefu: RunningKefu;

beforeAll(async () => {
  const now = at('2026-11-23 10:00');
  kefu = await startKefu({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix, AGENT_TOKENS: `amy:agent:${TOKEN}` }, { clock: () => now });
});
afterAll(async () => {
  await kefu.stop(500);
  await redis.quit();
});

async function suggest(body: unknown, token = TOKEN): Promise<{ status: number; answer: CopilotAnswer }> {
  const res = await fetch(`${kefu.url}/api/copilot/suggest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, answer: (await res.json()) as CopilotAnswer };
}

const texts = (a: CopilotAnswer) => a.suggestions.map((s) => unescapeText(s.text)).join('\n');

describe('copilot suggestions by order status', () => {
  it('exchange refused for a different price (已发货): the failed condition and R11', async () => {
    const { status, answer } = await suggest({ text: '想换成XXL的', tid: '3289114476201230004' });
    expect(status).toBe(200);
    expect(answer.intent.name).toBe('exchange_request');
    expect(answer.decision).toMatchObject({ kind: 'exchange', decision: { allowed: false } });
    if (answer.decision?.kind !== 'exchange') throw new Error('expected an exchange decision');
    expect(answer.decision.decision.failures.map((f) => f.condition)).toContain('price_difference');
    expect(answer.suggestions[0]!.ruleIds).toContain('R11');
    expect(texts(answer)).toContain('价格不一样');
  });

  it('exchange to a size in stock at the same price (已发货): only the intact check is pending; ask it', async () => {
    const { answer } = await suggest({ text: '衣服小了换个L', tid: '3289114476201230004' });
    expect(answer.decision).toMatchObject({ kind: 'exchange', target: '白色 / L', decision: { failures: [], pending: ['intact'] } });
    expect(texts(answer)).toContain('吊牌');
    expect(answer.deadlines.map((d) => d.id)).toContain('seven_day_return');
  });

  it('refund before shipping (待发货, 80 h after payment): every reason routed to 仅退款, the named one first, late-shipment compensation', async () => {
    const { answer } = await suggest({ text: '不想要了，退款吧', tid: '3289114476201230002' });
    expect(answer.intent.name).toBe('refund_request');
    if (answer.decision?.kind !== 'refund') throw new Error('expected a refund decision');
    expect(answer.decision.routes.every((r) => r.kind === 'refund_only')).toBe(true);
    expect(answer.decision.routes[0]!.reason?.id).toBe('no_longer_wanted');
    expect(answer.decision.routes.find((r) => r.reason?.id === 'not_shipped_in_time')?.compensation).toBeDefined();
    expect(texts(answer)).toContain('不想要了');
    expect(answer.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(answer.suggestions.every((s) => s.text.length > 0)).toBe(true);
  });

  it('urge shipment past 72 h on Tmall: overdue with R15 compensation', async () => {
    const { answer } = await suggest({ text: '怎么还不发货啊', tid: '3289114476201230002' });
    expect(answer.decision).toMatchObject({ kind: 'shipment', status: { overdue: true } });
    expect(answer.suggestions[0]!.ruleIds).toEqual(expect.arrayContaining(['R15', 'R16']));
  });

  it('an unpaid order (待付款) has no refund to route', async () => {
    const { answer } = await suggest({ text: '退款', tid: '3289114476201230001' });
    if (answer.decision?.kind !== 'refund') throw new Error('expected a refund decision');
    expect(answer.order?.status).toBe('WAIT_BUYER_PAY');
    expect(answer.decision.routes).toEqual([]);
    expect(answer.deadlines.map((d) => d.id)).toEqual(['broken_promise_window']);
  });

  it('交易成功 and the buyer wants 小二: an agent settles first (the ladder), the 维权 window is shown', async () => {
    const { answer } = await suggest({ text: '我要投诉，申请小二介入', tid: '3289114476201230007' });
    expect(answer.escalation.rung).toBe('agent');
    expect(answer.deadlines.map((d) => d.id)).toContain('dispute_window');
    expect(texts(answer)).toContain('人工客服');
  });

  it("reads the buyer's latest question of a conversation handed to agents, and no other conversation", async () => {
    const conversation = `cp-${randomUUID()}`;
    await say(kefu.url, conversation, '订单3289114476201230004 想换成XXL的', 'tb_buyer_001');
    expect((await suggest({ channelId: 'test', conversationId: conversation })).status).toBe(404);
    await say(kefu.url, conversation, '转人工', 'tb_buyer_001');
    const { status, answer } = await suggest({ channelId: 'test', conversationId: conversation, tid: '3289114476201230004' });
    expect(status).toBe(200);
    expect(answer.intent.name).toBe('exchange_request');
  });

  it('a pre-sales question: the facts the bot gives buyers, with their source, for the item in view', async () => {
    const { status, answer } = await suggest({ text: '黑色L还有吗', itemId: 'item_tee' });
    expect(status).toBe(200);
    expect(answer.presale).toEqual({ itemId: 'item_tee', unanswered: false });
    expect(texts(answer)).toMatch(/黑色 L暂时卖完了.*黑色 \/ M/);
    const material = await suggest({ text: 'T恤是纯棉的吗' });
    expect(texts(material.answer)).toContain('以店铺商品资料为准');
    // Not in the data: the agent is told so, never handed a guess.
    const unknown = await suggest({ text: '能带上飞机吗', itemId: '759013662355' });
    expect(unknown.answer.presale?.unanswered).toBe(true);
    expect(texts(unknown.answer)).toContain('我帮您问一下');
    expect((await suggest({ text: '有货吗', itemId: '<b>' })).status).toBe(400);
  });

  it('refuses calls without an agent token, bad bodies and unknown orders', async () => {
    expect((await suggest({ text: '退款' }, '')).status).toBe(401);
    expect((await suggest({ text: '退款' }, 'wrong-token-0123456789')).status).toBe(401);
    expect((await suggest({})).status).toBe(400);
    expect((await suggest({ text: '退款', tid: 'abc' })).status).toBe(400);
    expect((await suggest({ text: '退款', tid: '999999999999' })).status).toBe(404);
  });
});
