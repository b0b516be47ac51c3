import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notReceivedResponseDue, runningDeadlines } from '../../../knowledge/policy/deadlines.js';
import type { OrderFacts } from '../../../knowledge/policy/orderFacts.js';
import { at, hoursAfter, kb } from '../../support/knowledge.js';

const opened = at('2026-11-20 10:00');

describe('未收到货: 72 h for the seller, with the 48/24 h edit rule (R17)', () => {
  it.each([
    ['no edits: 72 h', [], 72],
    ['edits in the first 48 h do not move it', [1, 20, 47.9], 72],
    ['an edit at hour 49 moves it to hour 73', [49], 73],
    ['an edit at hour 60 moves it to hour 84', [60], 84],
    ['a later edit in the new last 24 h moves it again', [60, 70], 94],
  ])('%s', (_name, editHours, dueHour) => {
    const due = notReceivedResponseDue(kb, opened, editHours.map((h) => hoursAfter(opened, h)), opened);
    expect(due).toEqual(hoursAfter(opened, dueHour));
  });

  it('never ends before 72 h whatever the edits', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 200, noNaN: true }), { maxLength: 6 }), (hours) => {
        const due = notReceivedResponseDue(kb, opened, hours.map((h) => hoursAfter(opened, h)), opened);
        return due.getTime() >= hoursAfter(opened, 72).getTime();
      }),
    );
  });
});

const order = (facts: Partial<OrderFacts>): OrderFacts => ({ platform: 'tmall', status: 'WAIT_BUYER_CONFIRM_GOODS', createdAt: at('2026-11-15 10:00'), refunds: [], ...facts });
const ids = (o: OrderFacts, now: Date) => runningDeadlines(kb, o, now).map((d) => d.id);

describe('deadlines running on an order', () => {
  it('paid, not shipped: the 72 h shipment deadline', () => {
    const d = runningDeadlines(kb, order({ status: 'WAIT_SELLER_SEND_GOODS', paidAt: at('2026-11-20 10:00') }), at('2026-11-21 10:00'));
    expect(d).toEqual([expect.objectContaining({ id: 'shipment_due', dueAt: at('2026-11-23 10:00'), remainingMs: 48 * 3_600_000, ruleIds: ['R16'] })]);
  });

  it('signed: the 7-day window; a pending refund: its auto-approval and the 24 h review', () => {
    const o = order({
      signed: { kind: 'date', date: '2026-11-20' },
      refunds: [{ id: 'rf1', status: 'WAIT_SELLER_AGREE', createdAt: at('2026-11-22 09:00'), timeoutAt: at('2026-11-25 09:00') }],
    });
    expect(ids(o, at('2026-11-22 10:00'))).toEqual(['request_review', 'refund_auto_approve', 'seven_day_return']);
  });

  it('an exchange request: approved automatically 3 days later (R13)', () => {
    const d = runningDeadlines(kb, order({ exchangeRequestedAt: at('2026-11-22 10:00') }), at('2026-11-22 11:00'));
    expect(d.find((x) => x.id === 'exchange_auto_approve')?.dueAt).toEqual(at('2026-11-25 10:00'));
  });

  it('交易成功: the 15-day dispute window and the review window; a bad review: 48 h and 30 days', () => {
    const finished = order({ status: 'TRADE_FINISHED', finishedAt: at('2026-11-20 10:00') });
    expect(ids(finished, at('2026-11-22 10:00'))).toEqual(['dispute_window', 'review_window']);
    const reviewed = { ...finished, review: { rating: 'negative' as const, postedAt: at('2026-11-22 09:00') } };
    expect(ids(reviewed, at('2026-11-22 10:00'))).toEqual(['negative_review_grace', 'dispute_window', 'review_change_window']);
  });

  it('drops deadlines that have passed', () => {
    const finished = order({ status: 'TRADE_FINISHED', finishedAt: at('2026-10-01 10:00') });
    expect(ids(finished, at('2026-11-22 10:00'))).toEqual([]);
  });
});
