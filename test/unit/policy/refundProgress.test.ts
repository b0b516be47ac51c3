import { describe, expect, it } from 'vitest';
import { isRefundOpen, openRefundOf, refundProgress, type RefundRecord } from '../../../knowledge/policy/refundProgress.js';
import { at, hoursAfter, kb } from '../../support/knowledge.js';

const now = at('2026-11-22 10:00');
const requested = hoursAfter(now, -20);
const countdown = hoursAfter(now, 52);
const refund = (changes: Partial<RefundRecord>): RefundRecord => ({ refundId: 'rf', oid: 'o', status: 'WAIT_SELLER_AGREE', createdAt: requested, notReceived: false, ...changes });

describe('where a refund stands and who acts next (001 二.2, R14, R19, R17, R7)', () => {
  it.each<[string, 'tmall' | 'taobao', Partial<RefundRecord>, object]>([
    [
      'waiting for the seller, with the platform countdown: the seller, by the countdown, then agreed automatically; no 介入 needed',
      'tmall',
      { timeoutAt: countdown },
      { nextActor: 'seller', dueAt: countdown, autoAgreeAtDue: true, intervention: 'not_needed', ruleIds: ['R14'] },
    ],
    [
      'waiting for the seller, no countdown reported: the shop’s own 24 h review (R7), nothing automatic',
      'tmall',
      {},
      { nextActor: 'seller', dueAt: hoursAfter(requested, 24), autoAgreeAtDue: false, ruleIds: ['R14', 'R7'] },
    ],
    [
      'waiting for the seller on Taobao: 退款维权 opens 5 days after the request (R19)',
      'taobao',
      { timeoutAt: countdown },
      { nextActor: 'seller', intervention: 'opens_later', interventionOpensAt: hoursAfter(requested, 120), ruleIds: ['R14', 'R19'] },
    ],
    ['refused on Tmall: the buyer acts, 介入 can be asked for now (R14)', 'tmall', { status: 'SELLER_REFUSE_BUYER' }, { nextActor: 'buyer', intervention: 'open', autoAgreeAtDue: false }],
    [
      'refused on Taobao 20 h after the request: 维权 from day 5 (R19)',
      'taobao',
      { status: 'SELLER_REFUSE_BUYER' },
      { nextActor: 'buyer', intervention: 'opens_later', interventionOpensAt: hoursAfter(requested, 120) },
    ],
    ['refused on Taobao 6 days after the request: open now', 'taobao', { status: 'SELLER_REFUSE_BUYER', createdAt: hoursAfter(now, -144) }, { intervention: 'open' }],
    [
      '介入 asked for on a 未收到货 refund: the platform acts, within 2 working days (R17)',
      'tmall',
      { status: 'SELLER_REFUSE_BUYER', interventionRequestedAt: hoursAfter(now, -5), notReceived: true },
      { nextActor: 'platform', intervention: 'requested', platformWithinWorkingDays: 2, ruleIds: ['R14', 'R17'] },
    ],
    [
      '介入 asked for on another reason: the platform acts, no number the seeds give',
      'tmall',
      { status: 'SELLER_REFUSE_BUYER', interventionRequestedAt: hoursAfter(now, -5) },
      { nextActor: 'platform', intervention: 'requested', platformWithinWorkingDays: undefined, ruleIds: ['R14'] },
    ],
    ['agreed, waiting for the goods: the buyer sends them back', 'tmall', { status: 'WAIT_BUYER_RETURN_GOODS' }, { nextActor: 'buyer', intervention: 'not_needed' }],
    [
      'goods sent back: the seller inspects (R7), agreed at the countdown (R14)',
      'tmall',
      { status: 'WAIT_SELLER_CONFIRM_GOODS', timeoutAt: countdown },
      { nextActor: 'seller', dueAt: countdown, autoAgreeAtDue: true, ruleIds: ['R7', 'R14'] },
    ],
    ['refunded: nothing left to do', 'tmall', { status: 'SUCCESS', interventionRequestedAt: now }, { nextActor: 'nobody', intervention: 'not_needed', ruleIds: [] }],
    ['closed: nothing left to do', 'tmall', { status: 'CLOSED' }, { nextActor: 'nobody', autoAgreeAtDue: false }],
  ])('%s', (_name, platform, changes, expected) => {
    expect(refundProgress(kb, platform, refund(changes), now)).toMatchObject(expected);
  });
});

describe('a refund under way is never opened twice', () => {
  it.each([
    ['WAIT_SELLER_AGREE', true],
    ['SELLER_REFUSE_BUYER', true],
    ['WAIT_BUYER_RETURN_GOODS', true],
    ['WAIT_SELLER_CONFIRM_GOODS', true],
    ['SUCCESS', false],
    ['CLOSED', false],
  ] as const)('%s is open: %s', (status, open) => {
    expect(isRefundOpen({ status })).toBe(open);
  });

  it('finds the open refund of the line asked about, not of another line or a closed one', () => {
    const refunds = [
      { oid: 'a', status: 'CLOSED' as const },
      { oid: 'b', status: 'WAIT_SELLER_AGREE' as const },
    ];
    expect(openRefundOf(refunds, 'a')).toBeUndefined();
    expect(openRefundOf(refunds, 'b')).toBe(refunds[1]);
  });
});
