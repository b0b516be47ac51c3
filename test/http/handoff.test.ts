/**
 * Handoff to people over HTTP with real Redis: the bot goes quiet, messages relay both ways
 * (buyer → agent console stream, agent → buyer's channel), give-back resumes the bot, long waits
 * and after-hours are told, and two agents cannot take the same conversation.
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { HandoffCase } from '../../bot/handoff/handoffStore.js';
import { unescapeText } from '../../templates/escape.js';
import { say, type RunningKefu } from '../support/kefu.js';
import { kefusWithSink, textOf } from '../support/kefusWithSink.js';
import { at } from '../support/knowledge.js';
import { activityWithText, AGENT_TOKENS, agentClient, openEventStream, TOKENS, type AgentCall } from './agentHarness.js';

const servers = kefusWithSink();

async function harness(now = at('2026-11-23 10:00'), env: Record<string, string> = {}) {
  const clock = { now };
  const kefu = await servers.start(
    { REDIS_KEY_PREFIX: `h${randomUUID().slice(0, 8)}:`, AGENT_TOKENS, HANDOFF_WAIT_CHECK_MS: '100', ...env },
    { clock: () => clock.now },
  );
  return { kefu, clock, alice: agentClient(kefu, TOKENS.alice), bob: agentClient(kefu, TOKENS.bob), lead: agentClient(kefu, TOKENS.lead) };
}

const buyer = (h: { kefu: RunningKefu }, conversation: string, id = 'tb_buyer_001') => async (text: string) =>
  textOf(await say(h.kefu.url, conversation, text, id, servers.sink.url));

async function queue(agent: AgentCall): Promise<HandoffCase[]> {
  return (await agent('GET', '/api/agent/queue')).body.cases as HandoffCase[];
}

describe('handoff to a person', () => {
  it('queues the conversation, keeps the bot quiet, relays both ways, and gives it back', async () => {
    const h = await harness();
    const conversation = `hc-${randomUUID()}`;
    const chat = buyer(h, conversation);
    const handedOver = await say(h.kefu.url, conversation, '转人工', 'tb_buyer_001', servers.sink.url);
    expect(textOf(handedOver)).toContain('人工客服');
    // Bot Framework's handoff initiation event, with the reason and the transcript so far.
    const initiation = handedOver.find((a) => a.type === 'event' && a.name === 'handoff.initiate');
    expect(initiation?.value).toMatchObject({ rung: 'agent', reasons: ['asked_for_human'] });
    expect(initiation?.attachments?.[0]?.contentType).toBe('application/json');
    expect((initiation?.attachments?.[0]?.content as { activities: Partial<Activity>[] }).activities[0]).toMatchObject({ text: '转人工' });
    const [queued] = await queue(h.alice);
    expect(queued).toMatchObject({ status: 'queued', rung: 'agent', reasons: ['asked_for_human'], buyerId: 'tb_buyer_001', conversationId: conversation });

    // The buyer's message reaches the agents' live stream; the bot says nothing.
    const stream = await openEventStream(h.kefu, TOKENS.alice);
    expect(await chat('在吗？衣服有问题')).toBe('');
    const pushed = await stream.until(activityWithText('在吗？衣服有问题'));
    stream.close();
    expect(pushed.data.caseId).toBe(queued!.id);

    // Two agents, one conversation: the first takes it, the second is refused.
    const [first, second] = await Promise.all([h.alice('POST', `/api/agent/cases/${queued!.id}/claim`), h.bob('POST', `/api/agent/cases/${queued!.id}/claim`)]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const owner = first.status === 200 ? h.alice : h.bob;
    const other = first.status === 200 ? h.bob : h.alice;
    const joined = await servers.sink.waitFor(conversation, 2);
    expect(textOf(joined)).toContain('接下来由我为您服务');
    expect(joined.some((a) => a.type === 'event' && a.name === 'handoff.status')).toBe(true);

    // The agent's reply reaches the buyer's channel, as text (escaped, not markup).
    expect((await other('POST', `/api/agent/cases/${queued!.id}/messages`, { text: '我来' })).status).toBe(403);
    expect((await owner('POST', `/api/agent/cases/${queued!.id}/messages`, { text: '亲，<b>马上</b>给您补发' })).status).toBe(202);
    const replies = await servers.sink.waitFor(conversation, 3);
    expect(replies.at(-1)!.text).toBe('亲，&lt;b&gt;马上&lt;/b&gt;给您补发');

    // The transcript has everyone, in order.
    const view = await owner('GET', `/api/agent/cases/${queued!.id}`);
    const transcript = (view.body.transcript as Partial<Activity>[]).filter((a) => a.type === 'message').map((a) => unescapeText(a.text ?? ''));
    expect(transcript[0]).toBe('转人工');
    expect(transcript).toContain('在吗？衣服有问题');
    expect(transcript.at(-1)).toBe('亲，<b>马上</b>给您补发');

    // Given back: the bot answers again.
    expect((await owner('POST', `/api/agent/cases/${queued!.id}/give-back`)).status).toBe(200);
    expect(textOf(await servers.sink.waitFor(conversation, 4))).toContain('小满继续为您服务');
    expect(await chat('谢谢')).toContain('不客气');
    expect(await queue(h.alice)).toEqual([]);
  });

  it('tells a buyer nobody took within the shop\'s wait, once', async () => {
    const h = await harness();
    const conversation = `hw-${randomUUID()}`;
    await buyer(h, conversation)('转人工');
    h.clock.now = new Date(h.clock.now.getTime() + 6 * 60_000); // maxWaitMinutes is 5
    const [notice] = await servers.sink.waitFor(conversation, 1);
    expect(unescapeText(notice!.text ?? '')).toContain('久等');
    await new Promise((r) => setTimeout(r, 400));
    expect(servers.sink.received.filter((r) => r.conversationId === conversation)).toHaveLength(1);
  });

  it('outside service hours says when people are back', async () => {
    const h = await harness(at('2026-11-24 02:00'));
    const reply = await buyer(h, `hn-${randomUUID()}`)('转人工');
    expect(reply).toContain('下班时间');
    expect(reply).toContain('09:00');
  });

  it('puts supervisor cases where only supervisors take them, with priority', async () => {
    const h = await harness();
    const conversation = `hs-${randomUUID()}`;
    const chat = buyer(h, conversation);
    expect(await chat('订单3289114476201230006质量有问题')).toContain('照片');
    await chat('照片发好了');
    await chat('不影响，有点小瑕疵');
    expect(await chat('补偿我200块')).toContain('主管');
    const leadQueue = await queue(h.lead);
    const supervisorCase = leadQueue.find((c) => c.conversationId === conversation);
    expect(supervisorCase).toMatchObject({ rung: 'supervisor', reasons: ['compensation_above_limit'] });
    expect(await queue(h.alice)).toEqual([]);
    expect((await h.alice('POST', `/api/agent/cases/${supervisorCase!.id}/claim`)).status).toBe(403);
    const opened = await h.alice('GET', `/api/agent/cases/${supervisorCase!.id}`);
    expect(opened).toMatchObject({ status: 403, body: { error: { code: 'above_your_role' } } });
    expect((await h.lead('GET', `/api/agent/cases/${supervisorCase!.id}`)).status).toBe(200);
    expect((await h.lead('POST', `/api/agent/cases/${supervisorCase!.id}/claim`)).status).toBe(200);
  });

  it('a channel that cannot be called back (expectReplies only): taking works, replying says so', async () => {
    const h = await harness();
    const conversation = `hx-${randomUUID()}`;
    await say(h.kefu.url, conversation, '转人工', 'tb_buyer_001');
    const [queued] = (await queue(h.alice)).filter((c) => c.conversationId === conversation);
    expect((await h.alice('POST', `/api/agent/cases/${queued!.id}/claim`)).status).toBe(200);
    const reply = await h.alice('POST', `/api/agent/cases/${queued!.id}/messages`, { text: '您好' });
    expect(reply.status).toBe(409);
    expect((reply.body.error as { code: string }).code).toBe('unreachable');
  });

  it('refuses agent endpoints without a valid token', async () => {
    const h = await harness();
    for (const path of ['/api/agent/queue', '/api/agent/me', '/api/agent/events', '/api/agent/tasks']) {
      expect((await fetch(`${h.kefu.url}${path}`)).status).toBe(401);
      expect((await fetch(`${h.kefu.url}${path}`, { headers: { authorization: 'Bearer not-a-token-at-all' } })).status).toBe(401);
    }
  });

  it('keeps every conversation\'s transcript in Redis with a TTL, readable by agents through its case', async () => {
    const h = await harness();
    const conversation = `ht-${randomUUID()}`;
    await buyer(h, conversation)('你好');
    await buyer(h, conversation)('转人工');
    const [handoff] = (await queue(h.alice)).filter((c) => c.conversationId === conversation);
    const path = `/api/agent/cases/${handoff!.id}`;
    const { status, body } = await h.alice('GET', path);
    expect(status).toBe(200);
    const transcript = body.transcript as Partial<Activity>[];
    expect(transcript[0]).toMatchObject({ type: 'message', text: '你好', from: { id: 'tb_buyer_001', role: 'user' } });
    expect(transcript[1]).toMatchObject({ type: 'message', from: { role: 'bot' } });
    expect((await fetch(`${h.kefu.url}${path}`)).status).toBe(401);
    const [key] = await servers.redis.keys(`*log:{test/conversations/${conversation}/}`);
    const ttl = await servers.redis.ttl(key!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600);
  });

  it('serves /metrics only with METRICS_TOKEN when it is set', async () => {
    const h = await harness(undefined, { METRICS_TOKEN: 'metrics-token-0123' });
    expect((await fetch(`${h.kefu.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${h.kefu.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123' } })).status).toBe(200);
  });

  it('counts handoffs by reason and rung, and conversations for containment', async () => {
    const h = await harness();
    await buyer(h, `hm-${randomUUID()}`)('转人工');
    await buyer(h, `hm-${randomUUID()}`)('你好');
    const metrics = await (await fetch(`${h.kefu.url}/metrics`)).text();
    expect(metrics).toContain('kefu_handoffs_total{reason="asked_for_human",rung="agent"} 1');
    expect(metrics).toContain('kefu_conversations_total 2');
    expect(metrics).toContain('kefu_handed_off_conversations_total 1');
  });
});
