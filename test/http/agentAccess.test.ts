/**
 * What agents may see, over HTTP with real Redis: a case by role (an agent not a supervisor's),
 * a conversation only through an open case they may take, never the buyer's conversation
 * reference, an agent's marker only where the server set it, and the event stream's cost.
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { describe, expect, it, vi } from 'vitest';
import type { HandoffCase } from '../../bot/handoff/handoffStore.js';
import { messageActivity, post, say } from '../support/kefu.js';
import { kefusWithSink } from '../support/kefusWithSink.js';
import { activityWithText, AGENT_TOKENS, agentClient, openEventStream, TOKENS, type AgentCall, type EventStream } from './agentHarness.js';

const servers = kefusWithSink();
const BUYER = 'tb_buyer_001';

async function harness() {
  const kefu = await servers.start({ REDIS_KEY_PREFIX: `aa${randomUUID().slice(0, 8)}:`, AGENT_TOKENS });
  const buyerSays = (conversationId: string, text: string) => say(kefu.url, conversationId, text, BUYER, servers.sink.url);
  /** A conversation handed to people on the agent rung, as a buyer gets there (转人工). */
  const agentCase = async (): Promise<HandoffCase> => {
    const conversationId = `aa-${randomUUID()}`;
    await buyerSays(conversationId, '转人工');
    return (await kefu.kefu.handoffs.active({ channelId: 'test', conversationId }))!;
  };
  /** A case above the agent's compensation limit, opened in the store as the escalation hook does. */
  const supervisorCase = async (): Promise<HandoffCase> => {
    const conversationId = `aa-${randomUUID()}`;
    await buyerSays(conversationId, '衣服有质量问题');
    const reference = { serviceUrl: servers.sink.url, channelId: 'test', conversation: { id: conversationId }, user: { id: BUYER } } as HandoffCase['reference'];
    const { handoff } = await kefu.kefu.handoffs.open(
      {
        channelId: 'test',
        conversationId,
        buyerId: BUYER,
        reference,
        rung: 'supervisor',
        reasons: ['compensation_above_limit'],
        flow: 'quality',
        summary: '买家要求补偿200元',
        ruleIds: [],
        priority: 1,
        priorityFactors: [],
        evidence: [],
      },
      new Date(),
    );
    return handoff;
  };
  return { kefu, buyerSays, agentCase, supervisorCase, alice: agentClient(kefu, TOKENS.alice), lead: agentClient(kefu, TOKENS.lead) };
}

const suggestFor = (agent: AgentCall, handoff: HandoffCase) =>
  agent('POST', '/api/copilot/suggest', { channelId: handoff.channelId, conversationId: handoff.conversationId });

describe('agents see what their role allows', () => {
  it('an agent neither opens a supervisor case nor hears its messages', async () => {
    const h = await harness();
    const [mine, above] = [await h.agentCase(), await h.supervisorCase()];
    expect(await h.alice('GET', `/api/agent/cases/${above.id}`)).toMatchObject({ status: 403, body: { error: { code: 'above_your_role' } } });
    expect((await h.lead('GET', `/api/agent/cases/${above.id}`)).status).toBe(200);

    const [alice, lead] = [await openEventStream(h.kefu, TOKENS.alice), await openEventStream(h.kefu, TOKENS.lead)];
    try {
      await h.buyerSays(above.conversationId, '我的手机号是13800000000');
      await lead.until(activityWithText('我的手机号是13800000000'));
      // Activities reach the streams in log order: once the later message is on Alice's stream,
      // the supervisor case's earlier one would be there too, had it been sent to her.
      await h.buyerSays(mine.conversationId, '在吗');
      await alice.until(activityWithText('在吗'));
      expect(alice.received.filter((e) => e.data.caseId === above.id)).toEqual([]);
      expect(JSON.stringify(alice.received)).not.toContain('13800000000');
    } finally {
      alice.close();
      lead.close();
    }
  });

  it('reads a conversation only through an open case the caller may take', async () => {
    const h = await harness();
    const [mine, above] = [await h.agentCase(), await h.supervisorCase()];
    const neverHandedOff = `aa-${randomUUID()}`;
    await h.buyerSays(neverHandedOff, '订单3289114476201230004 想换成XXL的');

    expect((await h.alice('GET', `/api/agent/conversations/test/${neverHandedOff}/transcript`)).status).toBe(404);
    expect((await h.alice('POST', '/api/copilot/suggest', { channelId: 'test', conversationId: neverHandedOff })).status).toBe(404);
    expect(await suggestFor(h.alice, above)).toMatchObject({ status: 403, body: { error: { code: 'above_your_role' } } });
    expect((await suggestFor(h.lead, above)).status).toBe(200);
    expect((await suggestFor(h.alice, mine)).status).toBe(200);
  });

  it("never sends agents the buyer's conversation reference", async () => {
    const h = await harness();
    const stream = await openEventStream(h.kefu, TOKENS.alice);
    try {
      const handoff = await h.agentCase();
      const shown = [
        await h.alice('GET', '/api/agent/queue'),
        await h.alice('GET', `/api/agent/cases/${handoff.id}`),
        await h.alice('POST', `/api/agent/cases/${handoff.id}/claim`),
      ];
      await h.buyerSays(handoff.conversationId, '好的');
      await stream.until(activityWithText('好的'));
      // The desk still reaches the buyer: the reference stays on the server.
      expect((await h.alice('POST', `/api/agent/cases/${handoff.id}/messages`, { text: '您好' })).status).toBe(202);
      for (const seen of [...shown.map((r) => r.body), stream.received]) {
        expect(JSON.stringify(seen)).not.toContain('"reference"');
        expect(JSON.stringify(seen)).not.toContain(servers.sink.url);
      }
      expect(shown[0]!.body.cases).toEqual([expect.objectContaining({ id: handoff.id, buyerId: BUYER, summary: handoff.summary })]);
    } finally {
      stream.close();
    }
  });
});

describe('markers only the server sets', () => {
  it('a buyer who sends channelData.kefuAgent is still the buyer', async () => {
    const h = await harness();
    const handoff = await h.agentCase();
    const stream = await openEventStream(h.kefu, TOKENS.alice);
    try {
      const impostor = { ...messageActivity(handoff.conversationId, '我是客服，请把验证码发我', BUYER, servers.sink.url), channelData: { kefuAgent: { id: 'alice' } } };
      expect((await post(h.kefu.url, impostor)).status).toBe(200);
      // A buyer entry as logs written before buyers' channelData was dropped still hold it.
      await h.kefu.kefu.conversationLog.append(handoff, { type: 'message', text: '我也是客服', from: { id: BUYER, name: BUYER, role: 'user' }, channelData: { kefuAgent: { id: 'bob' } } });
      const pushed = await stream.until(activityWithText('我也是客服'));
      const { body } = await h.alice('GET', `/api/agent/cases/${handoff.id}`);
      const said = (body.transcript as Partial<Activity>[]).filter((a) => a.text === '我是客服，请把验证码发我' || a.text === '我也是客服');
      for (const activity of [...said, pushed.data.activity as Partial<Activity>]) {
        expect(activity.from).toMatchObject({ id: BUYER, role: 'user' });
        expect(activity.channelData).toBeUndefined();
      }
      expect(said).toHaveLength(2);

      // The desk's own marker survives: Alice's reply shows as hers.
      await h.alice('POST', `/api/agent/cases/${handoff.id}/claim`);
      await h.alice('POST', `/api/agent/cases/${handoff.id}/messages`, { text: '亲，我是客服小美' });
      const reply = await stream.until(activityWithText('亲，我是客服小美'));
      expect(reply.data.activity).toMatchObject({ from: { role: 'bot' }, channelData: { kefuAgent: { id: 'alice' } } });
    } finally {
      stream.close();
    }
  });
});

describe("the agents' event stream", () => {
  it('costs one case lookup per logged activity, however many consoles are open', async () => {
    const h = await harness();
    const handoff = await h.agentCase();
    const consoles: EventStream[] = [];
    try {
      for (let i = 0; i < 20; i++) consoles.push(await openEventStream(h.kefu, TOKENS.alice));
      const lookups = vi.spyOn(h.kefu.kefu.handoffs, 'active');
      const texts = Array.from({ length: 5 }, (_, i) => `第${i + 1}条`);
      for (const text of texts) await h.kefu.kefu.conversationLog.append(handoff, { type: 'message', text, from: { id: BUYER, name: BUYER, role: 'user' } });
      for (const stream of consoles) for (const text of texts) await stream.until(activityWithText(text));
      expect(lookups).toHaveBeenCalledTimes(texts.length);
    } finally {
      for (const stream of consoles) stream.close();
    }
  });
});
