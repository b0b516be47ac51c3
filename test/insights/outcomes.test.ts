/**
 * Outcomes recorded when conversations go idle (memory store): 催付 conversion, drop-off step,
 * FAQ misses kept masked, and a sweep that ends each conversation once.
 */
import { describe, expect, it } from 'vitest';
import { ConversationInsights } from '../../bot/insights/conversationInsights.js';
import { MemoryInsightsStore } from '../../bot/insights/insightsStore.js';
import { createLogger } from '../../bot/logger.js';
import { createMetrics } from '../../bot/metrics.js';
import { at } from '../support/knowledge.js';

function insights() {
  const clock = { now: at('2026-11-23 10:00') };
  const recorder = new ConversationInsights({ store: new MemoryInsightsStore(), metrics: createMetrics(), logger: createLogger('silent'), clock: () => clock.now, idleMinutes: 30 });
  const later = (minutes: number) => (clock.now = new Date(clock.now.getTime() + minutes * 60_000));
  return { recorder, later };
}
const where = (id: string) => ({ channelId: 'test', conversationId: id });
const today = '2026-11-23';

describe('conversation outcomes', () => {
  it('a reminded trade paid counts as 催付 conversion, once, and as the conversation outcome', async () => {
    const { recorder, later } = insights();
    await recorder.onReminder(where('r1'), '3289114476201230004');
    await recorder.onReminder(where('r2'), '3289114476201230005');
    later(5);
    await recorder.onOrderEvent({ type: 'trade.paid', tid: '3289114476201230004' });
    await recorder.onOrderEvent({ type: 'trade.paid', tid: '3289114476201230004' });
    await recorder.onOrderEvent({ type: 'trade.paid', tid: '9999999999999999999' });
    later(31);
    expect(await recorder.endIdle()).toBe(2);
    const report = await recorder.report(today, today);
    expect(report.reminders).toEqual({ sent: 2, paid: 1, conversion: 0.5 });
    expect(report.outcomes).toMatchObject({ reminded_paid: 1, abandoned: 1 });
  });

  it('a conversation still active is not ended; once idle it is ended by one sweep only', async () => {
    const { recorder, later } = insights();
    await recorder.onTurn(where('a'), { intent: 'return_request', step: 'refund.main.reason', flow: 'refund', inFlow: true }, '我要退货');
    later(20);
    expect(await recorder.endIdle()).toBe(0);
    later(11);
    expect(await recorder.endIdle()).toBe(1);
    expect(await recorder.endIdle()).toBe(0);
    const report = await recorder.report(today, today);
    expect(report.flows).toEqual([{ flow: 'refund', conversations: 1, abandoned: 1, leftAt: [{ step: 'refund.main.reason', count: 1 }] }]);
  });

  it('a question the knowledge does not answer is kept masked, counted by why', async () => {
    const { recorder } = insights();
    await recorder.onTurn(where('q'), { intent: 'product_question', step: 'presale.main.answer', inFlow: true, unplaced: 'no_knowledge' }, '681250339472 这件有情侣款吗');
    const report = await recorder.report(today, today);
    expect(report.unanswered).toEqual({ no_knowledge: 1 });
    expect((await recorder.unansweredClusters(today, today, 10)).map((c) => c.label)).toEqual(['[商品ID] 这件有情侣款吗']);
  });
});
