import { describe, expect, it } from 'vitest';
import { refundReasonsFor, retentionOffer, routeRefund, type RefundInput } from '../../../knowledge/policy/refund.js';
import { at, kb } from '../../support/knowledge.js';

const now = at('2026-11-22 10:00');
const base: RefundInput = {
  platform: 'tmall',
  status: 'WAIT_BUYER_CONFIRM_GOODS',
  reasonId: 'dislike',
  freeShipping: true,
  returnInsurance: false,
  sevenDaySupported: true,
  customised: false,
  signed: { kind: 'date', date: '2026-11-20' },
  goods: 19900,
  postFee: 0,
};

describe('refund reasons by order status (F4)', () => {
  it.each([
    ['WAIT_SELLER_SEND_GOODS', ['not_shipped_in_time', 'out_of_stock', 'no_longer_wanted']],
    ['WAIT_BUYER_PAY', []],
    ['TRADE_CLOSED', []],
  ] as const)('%s offers %j', (status, ids) => {
    expect(refundReasonsFor(kb, status).map((r) => r.id)).toEqual(ids);
  });

  it('once shipped, offers 未收到货 and the received-goods reasons', () => {
    const ids = refundReasonsFor(kb, 'WAIT_BUYER_CONFIRM_GOODS').map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['not_received', 'dislike', 'wrong_size', 'quality', 'needs_repair']));
    expect(ids).not.toContain('not_shipped_in_time');
  });
});

describe('refund routing (F4, R4 postage)', () => {
  it.each<[string, Partial<RefundInput>, object]>([
    [
      'not shipped in time on Tmall, ¥2000: refund only, 30% capped at ¥500 as points',
      { status: 'WAIT_SELLER_SEND_GOODS', reasonId: 'not_shipped_in_time', goods: 200000, signed: undefined },
      { kind: 'refund_only', returnPostage: 'none', maxRefund: 200000, compensation: expect.objectContaining({ amount: 50000, capped: true }) },
    ],
    [
      'changed mind before shipping: refund only with postage, no compensation',
      { status: 'WAIT_SELLER_SEND_GOODS', reasonId: 'no_longer_wanted', postFee: 1000, signed: undefined },
      { kind: 'refund_only', returnPostage: 'none', postageRefunded: true, maxRefund: 20900, compensation: undefined, tryToRetain: true },
    ],
    [
      'dislike, free shipping: return and refund, buyer pays the way back (each side one leg)',
      {},
      { kind: 'return_refund', returnPostage: 'buyer', postageRefunded: false, buyerMustProvide: ['return_tracking_number'], tryToRetain: true },
    ],
    [
      'dislike with 运费险: insurance pays the return postage',
      { returnInsurance: true },
      { returnPostage: 'insurance' },
    ],
    [
      'wrong size, paid postage ¥10: refund excludes the delivery postage',
      { reasonId: 'wrong_size', freeShipping: false, postFee: 1000 },
      { returnPostage: 'buyer', postageRefunded: false, maxRefund: 19900, suggestExchange: true },
    ],
    [
      'quality fault on a free-shipping order: seller pays the return, photos needed',
      { reasonId: 'quality' },
      { kind: 'return_refund', returnPostage: 'seller', buyerMustProvide: ['photos', 'return_tracking_number'] },
    ],
    [
      'quality fault with paid postage: the delivery postage is refunded too',
      { reasonId: 'quality', freeShipping: false, postFee: 1000 },
      { returnPostage: 'seller', postageRefunded: true, maxRefund: 20900 },
    ],
    [
      'not received: refund only, nothing to send back',
      { reasonId: 'not_received' },
      { kind: 'refund_only', returnPostage: 'none', buyerMustProvide: [] },
    ],
    ['needs repair: repair, seller pays', { reasonId: 'needs_repair' }, { kind: 'repair', returnPostage: 'seller' }],
  ])('%s', (_name, change, expected) => {
    const route = routeRefund(kb, { ...base, ...change }, now);
    expect(route.available).toBe(true);
    expect(route).toMatchObject(expected);
  });

  it.each<[string, Partial<RefundInput>, string]>([
    ['dislike after the 7-day window', { signed: { kind: 'date', date: '2026-11-10' } }, 'seven_day_closed'],
    ['dislike on a customised item', { customised: true }, 'customised'],
    ['dislike on goods without 七天无理由', { sevenDaySupported: false }, 'not_supported'],
    ['a reason that does not fit the status', { status: 'WAIT_SELLER_SEND_GOODS' }, 'status'],
    ['quality 16 days after 交易成功', { status: 'TRADE_FINISHED', reasonId: 'quality', finishedAt: at('2026-11-06 09:00') }, 'after_sales_window_closed'],
    ['an unknown reason', { reasonId: 'because' }, 'unknown_reason'],
  ])('refuses %s', (_name, change, blockedBy) => {
    const route = routeRefund(kb, { ...base, ...change }, now);
    expect(route.available).toBe(false);
    expect(route.blockedBy).toBe(blockedBy);
  });

  it('quality 14 days after 交易成功 is still inside the 15-day after-sales window', () => {
    expect(routeRefund(kb, { ...base, status: 'TRADE_FINISHED', reasonId: 'quality', finishedAt: at('2026-11-08 11:00') }, now).available).toBe(true);
  });

  it('names the rules it used', () => {
    expect(routeRefund(kb, { ...base, reasonId: 'quality' }, now).ruleIds).toEqual(expect.arrayContaining(['R21', 'R4']));
  });
});

describe('F5: the offer to keep the item (at most once; never as the 7-day window closes)', () => {
  // Signed 2026-11-20 (date only): the window closes 2026-11-28 00:00 (R1).
  it.each<[string, Partial<RefundInput>, Date, boolean, object]>([
    ['dislike, days left: offered', {}, now, false, { offer: true }],
    ['already offered in this conversation: not again', {}, now, true, { offer: false, skippedBecause: 'already_offered' }],
    ['24 h left, the shop’s review time (R7): not offered', {}, at('2026-11-27 00:00'), false, { offer: false, skippedBecause: 'window_closing', ruleIds: ['R1', 'R7'] }],
    ['25 h left: still offered', {}, at('2026-11-26 23:00'), false, { offer: true }],
    ['quality fault: nothing to retain', { reasonId: 'quality' }, now, false, { offer: false, skippedBecause: 'not_retainable' }],
    ['not wanted before shipping (no window): offered', { status: 'WAIT_SELLER_SEND_GOODS', reasonId: 'no_longer_wanted', signed: undefined }, now, false, { offer: true }],
  ])('%s', (_name, changes, when, alreadyOffered, expected) => {
    const input = { ...base, ...changes };
    expect(retentionOffer(kb, routeRefund(kb, input, when), input.signed, alreadyOffered, when)).toMatchObject(expected);
  });
});
