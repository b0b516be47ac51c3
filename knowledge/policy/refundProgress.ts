/**
 * A refund the buyer already asked for: where it stands, who acts next and by when, what happens
 * at that moment, and when 小二/天猫客服介入 can be asked for. Refund statuses from `001` 二.2;
 * R14 (the seller's countdown, then automatic agreement; refused → edit or ask 介入), R19 (on
 * Taobao, 退款维权 five days after the request), R17 (a 未收到货 dispute: 小二 within two working
 * days of the seller's refusal), R7 (the shop's own review and inspection times).
 */
import type { KnowledgeBase } from '../knowledgeBase.js';
import type { Platform, RuleId } from '../schema.js';
import { uniqueRules, type Cited } from './decision.js';
import type { RefundStatus } from './orderFacts.js';
import { addDays, addHours } from './time.js';

/** One refund as the order system reports it. */
export interface RefundRecord {
  refundId: string;
  oid: string;
  status: RefundStatus;
  createdAt: Date;
  /** The platform's countdown on the refund's current step. */
  timeoutAt?: Date;
  /** When the buyer asked for 小二介入, if they did. */
  interventionRequestedAt?: Date;
  /** The buyer gave 未收到货 as the reason (R17's dispute). */
  notReceived: boolean;
}

/** Statuses in which nothing is left to do. */
const SETTLED: readonly RefundStatus[] = ['SUCCESS', 'CLOSED'];

/** A refund still under way: asking for another one on the same line would be a duplicate. */
export const isRefundOpen = (refund: Pick<RefundRecord, 'status'>): boolean => !SETTLED.includes(refund.status);

/** The refund still under way on an order line, if any. */
export function openRefundOf<R extends Pick<RefundRecord, 'status' | 'oid'>>(refunds: R[], oid: string): R | undefined {
  return refunds.find((r) => r.oid === oid && isRefundOpen(r));
}

export type RefundActor = 'seller' | 'buyer' | 'platform' | 'nobody';

/** What the buyer can do about 小二介入 now. */
export type InterventionState = 'requested' | 'open' | 'opens_later' | 'not_needed';

export interface RefundProgress extends Cited {
  refundId: string;
  status: RefundStatus;
  nextActor: RefundActor;
  /** When the next actor's time runs out (the platform's countdown, or the shop's own R7 time). */
  dueAt?: Date;
  /** At dueAt, the refund is agreed without the seller (R14). */
  autoAgreeAtDue: boolean;
  intervention: InterventionState;
  /** opens_later: from when 介入/维权 can be asked for. */
  interventionOpensAt?: Date;
  /** requested: the platform's own time to step in, where a rule gives one (R17). */
  platformWithinWorkingDays?: number;
}

/** Where a refund stands at `now`, and what comes next. */
export function refundProgress(kb: KnowledgeBase, platform: Platform, refund: RefundRecord, now: Date): RefundProgress {
  const r7 = kb.rules.params('R7', now);
  const base = { refundId: refund.refundId, status: refund.status };
  const ruleIds: RuleId[] = [];
  const cite = (...ids: RuleId[]) => ruleIds.push(...ids);
  const done = (p: Omit<RefundProgress, 'refundId' | 'status' | 'ruleIds'>): RefundProgress => ({ ...base, ...p, ruleIds: uniqueRules(ruleIds) });

  if (refund.status === 'SUCCESS' || refund.status === 'CLOSED') return done({ nextActor: 'nobody', autoAgreeAtDue: false, intervention: 'not_needed' });

  if (refund.interventionRequestedAt) {
    cite('R14');
    const r17 = refund.notReceived ? kb.rules.params('R17', now) : undefined;
    if (r17) cite('R17');
    return done({ nextActor: 'platform', autoAgreeAtDue: false, intervention: 'requested', platformWithinWorkingDays: r17?.platformStepsInWorkingDays });
  }

  // Taobao: 退款维权 opens five days after the request (R19); Tmall: once the seller refuses (R14).
  const taobaoDisputeOpensAt = kb.rules.appliesTo('R19', platform) ? addDays(refund.createdAt, kb.rules.params('R19', now).refundDisputeOpensAfterDays) : undefined;
  const laterOrNow = (at: Date | undefined): Pick<RefundProgress, 'intervention' | 'interventionOpensAt'> =>
    at && at.getTime() > now.getTime() ? { intervention: 'opens_later', interventionOpensAt: at } : { intervention: 'open' };

  switch (refund.status) {
    case 'WAIT_SELLER_AGREE': {
      cite('R14');
      // The platform's countdown decides; without it, the shop's own 24 h review (R7).
      if (!refund.timeoutAt) cite('R7');
      const dueAt = refund.timeoutAt ?? addHours(refund.createdAt, r7.reviewRequestWithinHours);
      if (taobaoDisputeOpensAt) cite('R19');
      return done({
        nextActor: 'seller',
        dueAt,
        autoAgreeAtDue: refund.timeoutAt !== undefined,
        ...(taobaoDisputeOpensAt ? laterOrNow(taobaoDisputeOpensAt) : { intervention: 'not_needed' }),
      });
    }
    case 'SELLER_REFUSE_BUYER':
      cite('R14');
      if (taobaoDisputeOpensAt) cite('R19');
      return done({ nextActor: 'buyer', dueAt: refund.timeoutAt, autoAgreeAtDue: false, ...laterOrNow(taobaoDisputeOpensAt) });
    case 'WAIT_BUYER_RETURN_GOODS':
      return done({ nextActor: 'buyer', dueAt: refund.timeoutAt, autoAgreeAtDue: false, intervention: 'not_needed' });
    case 'WAIT_SELLER_CONFIRM_GOODS':
      cite('R7');
      if (refund.timeoutAt) cite('R14');
      return done({ nextActor: 'seller', dueAt: refund.timeoutAt, autoAgreeAtDue: refund.timeoutAt !== undefined, intervention: 'not_needed' });
  }
}
