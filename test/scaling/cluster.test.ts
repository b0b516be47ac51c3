/**
 * Kefu on a three-master Redis Cluster (password-protected), started for this file: two Kefu
 * processes hold conversations between them, keep one turn at a time under simultaneous
 * messages, schedule and deliver a 催付 reminder; every store's scripts and transactions run on
 * the cluster (a command or MULTI whose keys span slots would fail there).
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisHandoffStore } from '../../bot/handoff/handoffStore.js';
import { createRateLimits } from '../../bot/http/rateLimits.js';
import { createLogger } from '../../bot/logger.js';
import type { OrderEvent } from '../../bot/orders/events/orderEvent.js';
import { RedisReplayGuard } from '../../bot/orders/events/replayGuard.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, sign } from '../../bot/orders/events/signature.js';
import { RedisResponseCache } from '../../bot/orders/responseCache.js';
import { RedisAgentTasks } from '../../bot/proactive/agentTasks.js';
import { RedisBuyerContacts } from '../../bot/proactive/buyerContacts.js';
import { closeRedis, createRedisClient, whenReady } from '../../bot/state/redisClient.js';
import { conversationStateName } from '../../bot/state/redisKeys.js';
import { ETagConflictError, RedisStorage } from '../../bot/state/redisStorage.js';
import { RedisTurnLock } from '../../bot/state/turnLock.js';
import { RedisConversationLog, type Appended } from '../../bot/transcripts/conversationLog.js';
import { unescapeText } from '../../templates/escape.js';
import { startChannelSink, type ChannelSink } from '../support/channelSink.js';
import { say, startKefu, type RunningKefu } from '../support/kefu.js';
import { at } from '../support/knowledge.js';
import { MutableOrderApi } from '../support/mutableOrders.js';
import { startRedisCluster, until, type RedisCluster } from '../support/redisCluster.js';

const SECRET = 'order-events-secret-for-tests';
const prefix = 'kefu:';
const clock = { now: at('2026-11-23 10:00') };
const orders = new MutableOrderApi(() => clock.now);
let cluster: RedisCluster;
let redis: Cluster;
let sink: ChannelSink;
let a: RunningKefu;
let b: RunningKefu;

beforeAll(async () => {
  cluster = await startRedisCluster({ password: 'cluster-password-for-tests' });
  sink = await startChannelSink();
  const env = { ...cluster.env, REDIS_KEY_PREFIX: prefix, ORDER_EVENTS_SECRET: SECRET };
  [a, b] = await Promise.all([startKefu(env, { clock: () => clock.now, orderApi: orders }), startKefu(env, { clock: () => clock.now, orderApi: orders })]);
  redis = createRedisClient({ cluster: cluster.masters.map((m) => ({ host: '127.0.0.1', port: m.port })), password: 'cluster-password-for-tests' }, { commandTimeoutMs: 5000 }, createLogger('silent')) as Cluster;
  await whenReady(redis);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.stop(1000), b?.stop(1000)]);
  if (redis) await closeRedis(redis);
  await sink?.close();
  await cluster?.stop();
});

const text = (replies: Partial<Activity>[]) => replies.map((r) => unescapeText(r.text ?? '')).join('\n');
const buttons = (replies: Partial<Activity>[]) => replies.flatMap((r) => r.suggestedActions?.actions.map((x) => String(x.title)) ?? []);
const turnsOf = async (conversationId: string) => {
  const key = conversationStateName('test', conversationId);
  return (await new RedisStorage(redis, { prefix, ttlSeconds: 60 }).read([key]))[key]?.conversation?.turns;
};

describe('two Kefu processes on a three-master Redis Cluster', () => {
  it('are ready, and carry one conversation between them turn by turn', async () => {
    for (const kefu of [a, b]) expect(await (await fetch(`${kefu.url}/readyz`)).json()).toEqual({ status: 'ready' });
    const id = `exchange-${randomUUID()}`;
    let last = await say(a.url, id, '我想换货', 'tb_buyer_001');
    expect(text(last)).toContain('哪一笔订单');
    /** The buyer taps the button whose label contains `part`, through `kefu`. */
    const click = async (kefu: RunningKefu, part: string) => {
      const label = buttons(last).find((x) => x.includes(part));
      if (!label) throw new Error(`no button "${part}" in ${JSON.stringify(buttons(last))}`);
      last = await say(kefu.url, id, label, 'tb_buyer_001');
    };
    await click(b, '小满纯棉圆领T恤 · 已发货');
    await click(a, '白色 / L');
    await click(b, '吊牌包装都在');
    expect(text(last)).toContain('可以换成「白色 / L」');
    expect(await turnsOf(id)).toBe(4);
  });

  it('hand a conversation to a person (the handoff queue) and keep it there across processes', async () => {
    const id = `xiaoer-${randomUUID()}`;
    await say(a.url, id, '我要申请小二介入', 'tb_buyer_001');
    await say(b.url, id, '已经投诉', 'tb_buyer_001');
    expect(text(await say(a.url, id, '东西坏了你们一直不处理', 'tb_buyer_001'))).toContain('人工客服');
    expect(await b.kefu.handoffs.active({ channelId: 'test', conversationId: id })).toMatchObject({ status: 'queued' });
  });

  it('count every turn when they get 50 pairs of simultaneous messages per conversation', async () => {
    const conversations = ['c-1', 'c-2', 'c-3'].map((c) => `${c}-${randomUUID()}`);
    const PAIRS = 50;
    await Promise.all(
      conversations.map(async (id) => {
        for (let i = 0; i < PAIRS; i++) await Promise.all([say(a.url, id, '你好'), say(b.url, id, '在吗')]);
      }),
    );
    for (const id of conversations) expect(await turnsOf(id)).toBe(2 * PAIRS);
  });

  it('schedule a 催付 reminder from an order event and deliver it once into the buyer\'s conversation', async () => {
    const tid = '3289114476201230001';
    const conversation = `remind-${randomUUID()}`;
    await say(a.url, conversation, '你好', 'tb_buyer_001', sink.url);
    // Due 200 ms from now: the event is dated back by the profile's firstAfterMinutes (30).
    const event: OrderEvent = {
      id: `evt_${randomUUID()}`,
      type: 'trade.created',
      occurredAt: new Date(clock.now.getTime() - 30 * 60_000 + 200).toISOString(),
      tid,
      buyerId: 'tb_buyer_001',
    };
    const body = JSON.stringify(event);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`${b.url}/api/order-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: sign(SECRET, timestamp, body) },
      body,
    });
    expect(res.status).toBe(202);
    const [reminder] = await sink.waitFor(conversation);
    expect(unescapeText(reminder!.text ?? '')).toContain('小满纯棉圆领T恤');
    const job = (await a.kefu.followUps!.queue.getJob(`payment_reminder-${tid}-1`))!;
    await until('the reminder job to complete', async () => (await job.getState()) === 'completed');
    expect(sink.received.filter((r) => r.conversationId === conversation)).toHaveLength(1);
  });
});

describe('every store on the cluster', () => {
  const logger = createLogger('silent');
  const where = { channelId: 'test', conversationId: `stores-${randomUUID()}` };

  it('conversation state: compare-and-set writes, reads and deletes, spread over every master', async () => {
    const storage = new RedisStorage(redis, { prefix: 's:', ttlSeconds: 60 });
    const names = Array.from({ length: 30 }, (_, i) => conversationStateName('test', `spread-${i}`));
    await storage.write(Object.fromEntries(names.map((name) => [name, { n: 1 }])));
    const items = await storage.read(names);
    expect(Object.keys(items)).toHaveLength(30);
    await storage.write({ [names[0]!]: { n: 2, eTag: items[names[0]!]!.eTag } });
    await expect(storage.write({ [names[0]!]: { n: 3, eTag: items[names[0]!]!.eTag } })).rejects.toBeInstanceOf(ETagConflictError);
    const perMaster = await Promise.all(redis.nodes('master').map(async (node) => (await node.keys('s:state:*')).length));
    expect(perMaster).toHaveLength(3);
    for (const count of perMaster) expect(count).toBeGreaterThan(0);
    await storage.delete(names);
    expect(await storage.read(names)).toEqual({});
  });

  it('turn lock: one turn at a time, released after', async () => {
    const lock = new RedisTurnLock(redis, { prefix: 's:', ttlMs: 3000, waitMs: 3000 });
    const order: string[] = [];
    const turn = (name: string) => lock.runExclusive('lock-test', async () => {
      order.push(`${name} start`);
      await new Promise((r) => setTimeout(r, 20));
      order.push(`${name} end`);
    });
    await Promise.all([turn('one'), turn('two')]);
    expect(order).toEqual(['one start', 'one end', 'two start', 'two end']);
  });

  it('conversation log: appends in order, reads after a watermark, announces to another process', async () => {
    const writer = new RedisConversationLog(redis, 's:', 60, 3);
    // Another process's client, seeded with another node.
    const other = createRedisClient({ cluster: [{ host: '127.0.0.1', port: cluster.masters[2]!.port }], password: 'cluster-password-for-tests' }, { commandTimeoutMs: 5000 }, logger);
    await whenReady(other);
    const reader = new RedisConversationLog(other, 's:', 60, 3);
    const heard: Appended[] = [];
    reader.onAppend((appended) => heard.push(appended));
    // The reader's subscription is live once it hears a probe (SUBSCRIBE is asynchronous).
    await until('the subscription', async () => {
      await writer.announce(where, { type: 'typing' });
      return heard.length > 0;
    });
    for (const text of ['一', '二', '三', '四']) await writer.append(where, { type: 'message', text });
    const { activities, watermark } = await reader.since(where, 2);
    expect(activities.map((x) => x.text)).toEqual(['三', '四']);
    expect(watermark).toBe(4);
    await until('four announcements', async () => heard.filter((h) => !h.transient).length === 4);
    await reader.close();
    await writer.close();
    await closeRedis(other);
  });

  it('handoff queue: open, claim once, list, notice, close', async () => {
    const store = new RedisHandoffStore(redis, 's:', 60);
    const entry = { ...where, buyerId: 'tb_buyer_001', reference: {}, rung: 'agent' as const, reasons: ['asked'], flow: 'f', summary: 's', ruleIds: [], priority: 1, priorityFactors: [], evidence: [] };
    const { handoff } = await store.open(entry, new Date());
    expect((await store.open(entry, new Date())).created).toBe(false);
    expect(await Promise.all([store.claim(handoff.id, 'mei', new Date()), store.claim(handoff.id, 'lan', new Date())])).toEqual([
      expect.objectContaining({ ok: true }),
      { ok: false, reason: 'taken' },
    ]);
    expect((await store.list()).map((c) => c.id)).toContain(handoff.id);
    expect(await store.markWaitNotice(handoff.id)).toBe(true);
    expect((await store.close(handoff.id, 'resolved'))?.status).toBe('resolved');
    expect(await store.active(where)).toBeUndefined();
  });

  it('agent tasks, buyer contacts, replay guard, order cache and rate limits', async () => {
    const tasks = new RedisAgentTasks(redis, 's:');
    await tasks.add({ kind: 'unpaid_reminder_call', tid: '1', buyerId: 'b', script: '…' }, new Date());
    expect(await tasks.list(1)).toEqual([expect.objectContaining({ tid: '1' })]);

    const contacts = new RedisBuyerContacts(redis, 's:', 60);
    await contacts.saveReference('b', { conversation: { id: 'c' } as never });
    await contacts.optOut('b');
    expect(await contacts.reference('b')).toEqual({ conversation: { id: 'c' } });
    expect(await contacts.optedOut('b')).toBe(true);

    const guard = new RedisReplayGuard(redis, 's:', 60);
    expect(await guard.claim('evt-1')).toBe('claimed');
    expect(await guard.claim('evt-1')).toBe('in_progress');
    await guard.accept('evt-1');
    expect(await guard.claim('evt-1')).toBe('accepted');

    const cache = new RedisResponseCache(redis, 's:');
    await cache.set('trade:1', '{"tid":"1"}', 60);
    expect(await cache.get('trade:1')).toBe('{"tid":"1"}');

    const limits = createRateLimits({ addressPerMinute: 2, buyerMessagesPerMinute: 2, buyerConversationsPerHour: 2 }, redis, 's:');
    await limits.buyerMessages.consume('test:b');
    const second = await limits.buyerMessages.consume('test:b');
    expect(second.remainingPoints).toBe(0);
    await expect(limits.buyerMessages.consume('test:b')).rejects.toMatchObject({ remainingPoints: 0 });
    // Counted in the cluster, not by the in-process stand-in used while Redis is away.
    expect(await redis.get('s:ratelimit:buyer:test:b')).toBe('3');
  });
});
