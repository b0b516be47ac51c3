import type { KnowledgeBase } from '../knowledgeBase.js';
import type { Cited } from './decision.js';
import type { OrderFacts } from './orderFacts.js';
import { sevenDayWindow } from './sevenDayWindow.js';
import { addDays, addHours } from './time.js';

export const DEADLINE_IDS = [
  'seven_day_return',
  'shipment_due',
  'refund_auto_approve',
  'request_review',
  'exchange_auto_approve',
  'not_received_response',
  'dispute_window',
  'broken_promise_window',
  'review_window',
  'negative_review_grace',
  'review_change_window',
] as const;
export type DeadlineId = (typeof DEADLINE_IDS)[number];

export interface Deadline extends Cited {
  id: DeadlineId;
  dueAt: Date;
  remainingMs: number;
  refundId?: string;
}

/**
 * R17: the seller has 72 h to answer a 未收到货 dispute. Edits in the first 48 h leave the
 * deadline alone; an edit in the last 24 h before it moves it to 24 h after the edit.
 */
export function notReceivedResponseDue(kb: KnowledgeBase, openedAt: Date, edits: Date[], now: Date): Date {
  const p = kb.rules.params('R17', now);
  const frozenUntil = addHours(openedAt, p.frozenEditHours).getTime();
  let due = addHours(openedAt, p.sellerResponseHours);
  for (const edit of [...edits].sort((a, b) => a.getTime() - b.getTime())) {
    const t = edit.getTime();
    if (t >= frozenUntil && t < due.getTime() && t >= due.getTime() - p.lateEditExtensionHours * 3_600_000)
      due = addHours(edit, p.lateEditExtensionHours);
  }
  return due;
}

/** The deadlines still running on an order at `now`, soonest first. */
export function runningDeadlines(kb: KnowledgeBase, order: OrderFacts, now: Date): Deadline[] {
  const found: Omit<Deadline, 'remainingMs'>[] = [];
  const rules = kb.rules;

  if (order.status === 'WAIT_SELLER_SEND_GOODS' && order.paidAt)
    found.push({ id: 'shipment_due', dueAt: addHours(order.paidAt, rules.params('R16', now).overdueAfterHours), ruleIds: ['R16'] });

  if (order.signed && (order.status === 'WAIT_BUYER_CONFIRM_GOODS' || order.status === 'TRADE_FINISHED')) {
    const window = sevenDayWindow(kb, order.signed, now);
    found.push({ id: 'seven_day_return', dueAt: window.endsAt, ruleIds: window.ruleIds });
  }

  for (const refund of order.refunds) {
    if (refund.status !== 'WAIT_SELLER_AGREE') continue;
    if (refund.timeoutAt) found.push({ id: 'refund_auto_approve', dueAt: refund.timeoutAt, refundId: refund.id, ruleIds: ['R14'] });
    found.push({
      id: 'request_review',
      dueAt: addHours(refund.createdAt, rules.params('R7', now).reviewRequestWithinHours),
      refundId: refund.id,
      ruleIds: ['R7'],
    });
  }

  if (order.exchangeRequestedAt)
    found.push({ id: 'exchange_auto_approve', dueAt: addDays(order.exchangeRequestedAt, rules.params('R13', now).sellerResponseDays), ruleIds: ['R13'] });

  if (order.notReceivedDispute) {
    const { openedAt, edits } = order.notReceivedDispute;
    found.push({ id: 'not_received_response', dueAt: notReceivedResponseDue(kb, openedAt, edits, now), ruleIds: ['R17'] });
  }

  if (order.status === 'TRADE_FINISHED' && order.finishedAt) {
    found.push({ id: 'dispute_window', dueAt: addDays(order.finishedAt, rules.params('R20', now).watchDaysAfterFinished), ruleIds: ['R18', 'R20', 'R21'] });
    if (!order.review) found.push({ id: 'review_window', dueAt: addDays(order.finishedAt, rules.params('R23', now).reviewWindowDays), ruleIds: ['R23'] });
  }

  if (order.status === 'WAIT_BUYER_PAY' || order.status === 'TRADE_CLOSED') {
    const brokenPromise = rules.params('R18', now).kinds.find((k) => k.kind === 'broken_promise');
    if (brokenPromise?.windowDays) found.push({ id: 'broken_promise_window', dueAt: addDays(order.createdAt, brokenPromise.windowDays), ruleIds: ['R18'] });
  }

  if (order.review && order.review.rating !== 'good') {
    const p = rules.params('R23', now);
    found.push({ id: 'negative_review_grace', dueAt: addHours(order.review.postedAt, p.negativeReviewGraceHours), ruleIds: ['R23'] });
    found.push({ id: 'review_change_window', dueAt: addDays(order.review.postedAt, p.changeWindowDays), ruleIds: ['R23'] });
  }

  return found
    .map((d) => ({ ...d, remainingMs: d.dueAt.getTime() - now.getTime() }))
    .filter((d) => d.remainingMs > 0)
    .sort((a, b) => a.remainingMs - b.remainingMs);
}
