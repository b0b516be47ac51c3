import { describe, expect, it } from 'vitest';
import { firstDueAt, nextReminderAt, outsideQuietHours, shouldSend, type ProactiveFacts } from '../../../knowledge/policy/proactive.js';
import { at, hoursAfter, kb } from '../../support/knowledge.js';

// Shop profile: quiet 22:00–09:00, first 催付 30 min after the order, then every 720 min, at most 2;
// 收货关怀 24 h after signing; check-in 7 days after 交易成功 (inside R20's 15 days).

describe('when proactive messages are due', () => {
  const created = at('2026-11-23 10:00');
  it.each([
    ['催付: 30 minutes after the order', 'payment_reminder', at('2026-11-23 10:30')],
    ['收货关怀: 24 hours after signing', 'receipt_care', at('2026-11-24 10:00')],
    ['check-in: 7 days after 交易成功', 'after_sales_checkin', at('2026-11-30 10:00')],
  ] as const)('%s', (_name, kind, due) => {
    expect(firstDueAt(kb, kind, created)).toEqual(due);
  });

  it('repeats 催付 every 12 hours up to the cap of 2', () => {
    expect(nextReminderAt(kb, created, 1)).toEqual(hoursAfter(created, 12));
    expect(nextReminderAt(kb, created, 2)).toBeUndefined();
  });

  it.each([
    ['21:59 is before quiet hours', '2026-11-23 21:59', '2026-11-23 21:59'],
    ['22:00 waits until 09:00 next morning', '2026-11-23 22:00', '2026-11-24 09:00'],
    ['03:30 waits until 09:00 the same morning', '2026-11-24 03:30', '2026-11-24 09:00'],
    ['09:00 is already outside', '2026-11-24 09:00', '2026-11-24 09:00'],
  ])('%s', (_name, due, sendAt) => {
    expect(outsideQuietHours(kb, at(due))).toEqual(at(sendAt));
  });
});

describe('whether a due message is still sent', () => {
  const now = at('2026-11-23 10:30');
  const unpaid: ProactiveFacts = { status: 'WAIT_BUYER_PAY', signed: false, refundOpen: false, sequence: 1, optedOut: false, fingerprint: 'a', scheduledFingerprint: 'a' };

  it.each([
    ['unpaid and unchanged: sent', {}, { send: true }],
    ['paid meanwhile: skipped', { status: 'WAIT_SELLER_SEND_GOODS' }, { send: false, reason: 'paid' }],
    ['closed meanwhile: skipped', { status: 'TRADE_CLOSED' }, { send: false, reason: 'closed' }],
    ['the buyer said stop', { optedOut: true }, { send: false, reason: 'opted_out' }],
    ['a third reminder is over the cap', { sequence: 3 }, { send: false, reason: 'cap_reached' }],
    ['re-priced since scheduling', { fingerprint: 'b' }, { send: false, reason: 'changed' }],
    ['scheduled without a fingerprint (order system was down): sent', { scheduledFingerprint: undefined }, { send: true }],
  ] as const)('催付 %s', (_name, change, expected) => {
    expect(shouldSend(kb, 'payment_reminder', { ...unpaid, ...change }, now)).toMatchObject(expected);
  });

  const signed: ProactiveFacts = { ...unpaid, status: 'WAIT_BUYER_CONFIRM_GOODS', signed: true };
  it.each([
    ['signed, no refund: sent', {}, { send: true }],
    ['not signed yet', { signed: false }, { send: false, reason: 'not_signed' }],
    ['a refund is open: no small talk', { refundOpen: true }, { send: false, reason: 'after_sales_open' }],
  ] as const)('收货关怀 %s', (_name, change, expected) => {
    expect(shouldSend(kb, 'receipt_care', { ...signed, ...change }, now)).toMatchObject(expected);
  });

  const finishedAt = at('2026-11-16 10:00');
  const finished: ProactiveFacts = { ...signed, status: 'TRADE_FINISHED', finishedAt };
  it.each([
    ['7 days after 交易成功: inside R20', hoursAfter(finishedAt, 7 * 24), { send: true, ruleIds: ['R20'] }],
    ['15 days after: R20 window over', hoursAfter(finishedAt, 15 * 24), { send: false, reason: 'window_closed', ruleIds: ['R20'] }],
  ] as const)('check-in %s', (_name, when, expected) => {
    expect(shouldSend(kb, 'after_sales_checkin', finished, when)).toMatchObject(expected);
  });

  it('check-in needs a finished trade', () => {
    expect(shouldSend(kb, 'after_sales_checkin', { ...finished, status: 'WAIT_BUYER_CONFIRM_GOODS', finishedAt: undefined }, now)).toMatchObject({ send: false, reason: 'not_finished' });
  });
});
