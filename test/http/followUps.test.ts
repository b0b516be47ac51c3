/**
 * Proactive messages against real Redis (BullMQ): 催付 reminders and follow-ups scheduled from
 * order events, sent into the buyer's conversation (a local channel sink), never when paid,
 * closed, opted out, capped or in quiet hours, once only across workers and replays.
 */
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../bot/orders/events/orderEvent.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, sign } from '../../bot/orders/events/signature.js';
import { KNOWLEDGE_DIR } from '../../knowledge/paths.js';
import { unescapeText } from '../../templates/escape.js';
import { say, type RunningKefu } from '../support/kefu.js';
import { kefusWithSink, textOf } from '../support/kefusWithSink.js';
import { at } from '../support/knowledge.js';
import { MutableOrderApi } from '../support/mutableOrders.js';

const SECRET = 'order-events-secret-for-tests';
const UNPAID = '3289114476201230001';
const BUYER = 'tb_buyer_001';
const FIRST_AFTER_MS = 30 * 60_000; // shop-profile unpaidReminders.firstAfterMinutes
const servers = kefusWithSink();

interface Harness {
  kefu: RunningKefu;
  orders: MutableOrderApi;
  clock: { now: Date };
  prefix: string;
}

/** A Kefu on its own key prefix (so its own queue), with a settable clock and changeable orders. */
async function harness(options: { prefix?: string; now?: Date; env?: Record<string, string> } = {}): Promise<Harness> {
  const prefix = options.prefix ?? `f${randomUUID().slice(0, 8)}:`;
  const clock = { now: options.now ?? at('2026-11-23 10:00') };
  const orders = new MutableOrderApi(() => clock.now);
  const kefu = await servers.start({ REDIS_KEY_PREFIX: prefix, ORDER_EVENTS_SECRET: SECRET, ...options.env }, { clock: () => clock.now, orderApi: orders });
  return { kefu, orders, clock, prefix };
}

function event(h: Harness, type: OrderEvent['type'], dueInMs = 200, tid = UNPAID): OrderEvent {
  // The reminder is due firstAfterMinutes after the event; dating the event back makes it due soon.
  const occurredAt = new Date(h.clock.now.getTime() - FIRST_AFTER_MS + dueInMs);
  return { id: `evt_${randomUUID()}`, type, occurredAt: occurredAt.toISOString(), tid, buyerId: BUYER };
}

async function postEvent(h: Harness, e: OrderEvent): Promise<number> {
  const body = JSON.stringify(e);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const res = await fetch(`${h.kefu.url}/api/order-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: sign(SECRET, timestamp, body) },
    body,
  });
  return res.status;
}

/** The buyer chats once from the sink's channel, so the bot knows where to reach them. */
async function buyerChats(h: Harness, conversationId: string, text = '你好'): Promise<Partial<Activity>[]> {
  return say(h.kefu.url, conversationId, text, BUYER, servers.sink.url);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function metric(h: Harness, name: string): Promise<string[]> {
  const body = await (await fetch(`${h.kefu.url}/metrics`)).text();
  return body.split('\n').filter((line) => line.startsWith(name));
}

async function jobState(h: Harness, kind: string, sequence = 1, tid = UNPAID) {
  const job = await h.kefu.kefu.followUps!.queue.getJob(`${kind}-${tid}-${sequence}`);
  return job && { state: await job.getState(), dueAt: job.timestamp + (job.delay ?? 0) };
}

describe('催付 reminders', () => {
  it('arrive once in the buyer\'s conversation and open F1; the answer continues it', async () => {
    const h = await harness();
    const conversation = `c-${randomUUID()}`;
    await buyerChats(h, conversation);
    expect(await postEvent(h, event(h, 'trade.created'))).toBe(202);

    const [reminder] = await servers.sink.waitFor(conversation);
    expect(reminder!.from?.id).toBeDefined();
    expect(unescapeText(reminder!.text ?? '')).toContain('小满纯棉圆领T恤');
    expect(reminder!.suggestedActions?.actions.map((a) => a.title)).toContain('价格/优惠券');

    const answer = textOf(await buyerChats(h, conversation, '价格/优惠券'));
    expect(answer).toContain('满99元减10元');
    expect(await metric(h, 'kefu_proactive_sent_total{kind="payment_reminder"}')).toEqual(['kefu_proactive_sent_total{kind="payment_reminder"} 1']);

    // The buyer pays: the second reminder is cancelled and the payment counts for the reminder.
    expect((await jobState(h, 'payment_reminder', 2))?.state).toBe('delayed');
    h.orders.patch(UNPAID, { status: 'WAIT_SELLER_SEND_GOODS' });
    expect(await postEvent(h, event(h, 'trade.paid'))).toBe(202);
    expect(await jobState(h, 'payment_reminder', 2)).toBeUndefined();
    expect(await metric(h, 'kefu_orders_paid_after_reminder_total ')).toEqual(['kefu_orders_paid_after_reminder_total 1']);
  });

  it('is cancelled by payment, and a payment after a reminder is counted', async () => {
    const h = await harness();
    const conversation = `c-${randomUUID()}`;
    await buyerChats(h, conversation);
    await postEvent(h, event(h, 'trade.created', 1000));
    expect((await jobState(h, 'payment_reminder'))?.state).toBe('delayed');
    h.orders.patch(UNPAID, { status: 'WAIT_SELLER_SEND_GOODS', payTime: h.clock.now.toISOString() });
    await postEvent(h, event(h, 'trade.paid'));
    expect(await jobState(h, 'payment_reminder')).toBeUndefined();
    await sleep(1300);
    expect(servers.sink.received.filter((r) => r.conversationId === conversation)).toEqual([]);
    expect(await metric(h, 'kefu_orders_paid_after_reminder_total ')).toEqual(['kefu_orders_paid_after_reminder_total 0']);
  });

  it('is skipped when the trade was paid just before sending (no paid event yet)', async () => {
    const h = await harness();
    const conversation = `c-${randomUUID()}`;
    await buyerChats(h, conversation);
    await postEvent(h, event(h, 'trade.created', 300));
    h.orders.patch(UNPAID, { status: 'WAIT_SELLER_SEND_GOODS' });
    await expect.poll(() => metric(h, 'kefu_proactive_skipped_total'), { timeout: 5000 }).toContain('kefu_proactive_skipped_total{kind="payment_reminder",reason="paid"} 1');
    expect(servers.sink.received.filter((r) => r.conversationId === conversation)).toEqual([]);
  });

  it('is skipped when the order changed since it was scheduled (re-priced)', async () => {
    const h = await harness();
    const conversation = `c-${randomUUID()}`;
    await buyerChats(h, conversation);
    await postEvent(h, event(h, 'trade.created', 300));
    h.orders.patch(UNPAID, { payment: '59.00' });
    await expect.poll(() => metric(h, 'kefu_proactive_skipped_total'), { timeout: 5000 }).toContain('kefu_proactive_skipped_total{kind="payment_reminder",reason="changed"} 1');
  });

  it('waits out the quiet hours: scheduled into them, or falling due inside them', async () => {
    const night = await harness({ now: at('2026-11-23 23:00') });
    await postEvent(night, event(night, 'trade.created'));
    const scheduled = await jobState(night, 'payment_reminder');
    // Due at 23:00 → moved to the end of quiet hours, 09:00 the next morning: ten hours on.
    expect(scheduled?.state).toBe('delayed');
    expect(scheduled!.dueAt - Date.now()).toBeGreaterThan(9.9 * 3600_000);

    const evening = await harness();
    await postEvent(evening, event(evening, 'trade.created', 500));
    evening.clock.now = at('2026-11-23 22:30');
    await expect.poll(() => metric(evening, 'kefu_proactive_deferred_total'), { timeout: 5000 }).toContain('kefu_proactive_deferred_total{kind="payment_reminder"} 1');
    const deferred = await jobState(evening, 'payment_reminder');
    expect(deferred?.state).toBe('delayed');
    expect(deferred!.dueAt - Date.now()).toBeGreaterThan(10.4 * 3600_000);
  });

  it('is sent once by two workers given the same event, and once for a replayed event', async () => {
    const a = await harness();
    const b = await harness({ prefix: a.prefix });
    const conversation = `c-${randomUUID()}`;
    await buyerChats(a, conversation);
    const created = event(a, 'trade.created', 400);
    await Promise.all([a.kefu.kefu.orderEvents.publish(created), b.kefu.kefu.orderEvents.publish(created)]);
    expect(await postEvent(a, created)).toBe(202);
    expect(await postEvent(a, created)).toBe(409);
    await servers.sink.waitFor(conversation);
    await sleep(800);
    expect(servers.sink.received.filter((r) => r.conversationId === conversation)).toHaveLength(1);
  });

  it('survives a restart: scheduled by one process, sent by the next', async () => {
    const first = await harness({ env: { FOLLOW_UP_WORKER: 'false' } });
    const conversation = `c-${randomUUID()}`;
    await buyerChats(first, conversation);
    await postEvent(first, event(first, 'trade.created', 600));
    expect((await jobState(first, 'payment_reminder'))?.state).toBe('delayed');
    await servers.stop(first.kefu);

    await harness({ prefix: first.prefix });
    const [reminder] = await servers.sink.waitFor(conversation);
    expect(unescapeText(reminder!.text ?? '')).toContain('还没有付款');
  });

  it('stops at the shop\'s cap per trade', async () => {
    const knowledgeDir = await mkdtemp(join(tmpdir(), 'kefu-kb-'));
    try {
      await cp(KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
      const profilePath = join(knowledgeDir, 'shop-profile.yaml');
      // Reminders 300 ms apart instead of 12 hours, at most 2.
      await writeFile(profilePath, (await readFile(profilePath, 'utf8')).replace(/intervalMinutes: \d+/, 'intervalMinutes: 0.005'));
      const h = await harness({ env: { KNOWLEDGE_DIR: knowledgeDir } });
      const conversation = `c-${randomUUID()}`;
      await buyerChats(h, conversation);
      await postEvent(h, event(h, 'trade.created'));
      await servers.sink.waitFor(conversation, 2);
      await sleep(1000);
      expect(servers.sink.received.filter((r) => r.conversationId === conversation)).toHaveLength(2);
      expect(await jobState(h, 'payment_reminder', 3)).toBeUndefined();
    } finally {
      await rm(knowledgeDir, { recursive: true, force: true });
    }
  });

  it('respects a buyer who said stop', async () => {
    const h = await harness();
    const conversation = `c-${randomUUID()}`;
    const reply = textOf(await buyerChats(h, conversation, '别再提醒我付款了'));
    expect(reply).toContain('不会再提醒');
    await postEvent(h, event(h, 'trade.created', 200));
    await expect.poll(() => metric(h, 'kefu_proactive_skipped_total'), { timeout: 5000 }).toContain('kefu_proactive_skipped_total{kind="payment_reminder",reason="opted_out"} 1');
    expect(servers.sink.received.filter((r) => r.conversationId === conversation)).toEqual([]);
  });

  it('goes to the agents\' task list with an SMS/phone script for a buyer the bot never chatted with', async () => {
    const h = await harness();
    await postEvent(h, event(h, 'trade.created', 200));
    await expect.poll(async () => (await h.kefu.kefu.agentTasks!.list(10)).length, { timeout: 5000 }).toBe(1);
    const [task] = await h.kefu.kefu.agentTasks!.list(10);
    expect(task).toMatchObject({ kind: 'unpaid_reminder_call', tid: UNPAID, buyerId: BUYER });
    expect(task!.script).toContain(UNPAID);
    expect(await metric(h, 'kefu_proactive_skipped_total')).toContain('kefu_proactive_skipped_total{kind="payment_reminder",reason="no_conversation"} 1');
  });
});

describe('after-sales follow-ups', () => {
  const SIGNED = '3289114476201230031'; // tb_buyer_003, signed 10 h ago
  const FINISHED = '3289114476201230007'; // tb_buyer_001, 交易成功 120 h ago

  it('收货关怀 reaches the buyer after signing', async () => {
    const h = await harness({ env: {} });
    const conversation = `c-${randomUUID()}`;
    await say(h.kefu.url, conversation, '你好', 'tb_buyer_003', servers.sink.url);
    const signed = { ...event(h, 'trade.signed', 0, SIGNED), buyerId: 'tb_buyer_003', occurredAt: new Date(h.clock.now.getTime() - 24 * 3600_000 + 200).toISOString() };
    await postEvent(h, signed);
    const [care] = await servers.sink.waitFor(conversation);
    expect(unescapeText(care!.text ?? '')).toContain('已经签收');
  });

  it('the R20 check-in goes only to trades with an after-sales conversation', async () => {
    const h = await harness();
    const finished = () => ({ ...event(h, 'trade.finished', 0, FINISHED), occurredAt: new Date(h.clock.now.getTime() - 7 * 24 * 3600_000 + 200).toISOString() });
    const idle = `c-${randomUUID()}`;
    await buyerChats(h, idle);
    await postEvent(h, finished());
    await expect.poll(() => metric(h, 'kefu_proactive_skipped_total'), { timeout: 5000 }).toContain('kefu_proactive_skipped_total{kind="after_sales_checkin",reason="no_after_sales"} 1');

    const other = await harness();
    const afterSales = `c-${randomUUID()}`;
    await buyerChats(other, afterSales, `订单${FINISHED}的杯子有质量问题`);
    await postEvent(other, { ...finished(), id: `evt_${randomUUID()}` });
    const [checkIn] = await servers.sink.waitFor(afterSales, 1);
    expect(unescapeText(checkIn!.text ?? '')).toContain('15天内');
  });
});
