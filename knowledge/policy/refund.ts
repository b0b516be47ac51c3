import type { KnowledgeBase } from '../knowledgeBase.js';
import type { Evidence, Platform, RefundKind, RefundReason, RuleId, TradeStatus } from '../schema.js';
import { uniqueRules, type Cited } from './decision.js';
import type { Fen } from './money.js';
import { sevenDayWindow } from './sevenDayWindow.js';
import { platformCompensation, type Compensation } from './shipment.js';
import { addDays, type SignTime } from './time.js';

/** F4: the reasons a buyer may choose for an order in this status, in the table's order. */
export function refundReasonsFor(kb: KnowledgeBase, status: TradeStatus): RefundReason[] {
  return kb.refundReasons.filter((r) => r.kinds[status] !== undefined);
}

export interface RefundInput {
  platform: Platform;
  status: TradeStatus;
  reasonId: string;
  freeShipping: boolean;
  /** 退货运费险 bought for this order. */
  returnInsurance: boolean;
  /** The goods support 七天无理由 and are not customised. */
  sevenDaySupported: boolean;
  customised: boolean;
  signed?: SignTime;
  finishedAt?: Date;
  /** What the buyer paid for the goods concerned, and the order's postage. */
  goods: Fen;
  postFee: Fen;
}

export const RETURN_POSTAGE = ['none', 'buyer', 'seller', 'insurance'] as const;
export type ReturnPostage = (typeof RETURN_POSTAGE)[number];
export type RefundBlock = 'status' | 'unknown_reason' | 'not_supported' | 'customised' | 'seven_day_closed' | 'not_signed' | 'after_sales_window_closed';

export interface RefundRoute extends Cited {
  available: boolean;
  blockedBy?: RefundBlock;
  reason?: RefundReason;
  kind?: RefundKind;
  /** R4: who pays to send the goods back. */
  returnPostage: ReturnPostage;
  /** Whether the refund includes the postage the buyer paid for delivery (`001`: deduct it on buyer's reasons). */
  postageRefunded: boolean;
  maxRefund: Fen;
  buyerMustProvide: Evidence[];
  compensation?: Compensation;
  /** F5: try to keep the sale (an offer) before accepting the return. */
  tryToRetain: boolean;
  suggestExchange: boolean;
}

/**
 * R4 with seed 000 第十五条: 退货运费险 pays the insured buyer's postage for sending goods back —
 * for a return and for the send-back leg of an exchange alike.
 */
export function insurancePaysReturn(kb: KnowledgeBase, returnInsurance: boolean, now: Date): boolean {
  return returnInsurance && kb.rules.params('R4', now).insurancePaysInsuredReturn;
}

const closed = (blockedBy: RefundBlock, ruleIds: RuleId[], reason?: RefundReason): RefundRoute => ({
  available: false,
  blockedBy,
  reason,
  returnPostage: 'none',
  postageRefunded: false,
  maxRefund: 0,
  buyerMustProvide: [],
  tryToRetain: false,
  suggestExchange: false,
  ruleIds,
});

/** F4/F5 with R1, R2, R4, R15, R21: where a refund request for this reason leads. */
export function routeRefund(kb: KnowledgeBase, input: RefundInput, now: Date): RefundRoute {
  const reason = kb.refundReasons.find((r) => r.id === input.reasonId);
  if (!reason) return closed('unknown_reason', []);
  const kind = reason.kinds[input.status];
  if (!kind) return closed('status', [], reason);

  if (reason.sevenDay) {
    if (input.customised) return closed('customised', ['R2'], reason);
    if (!input.sevenDaySupported) return closed('not_supported', ['R2'], reason);
    if (!input.signed) return closed('not_signed', ['R1'], reason);
    if (!sevenDayWindow(kb, input.signed, now).open) return closed('seven_day_closed', ['R1'], reason);
  } else if (input.status === 'TRADE_FINISHED' && input.finishedAt) {
    const { claimWindowDaysAfterFinished } = kb.rules.params('R21', now);
    if (now.getTime() >= addDays(input.finishedAt, claimWindowDaysAfterFinished).getTime())
      return closed('after_sales_window_closed', ['R21', 'R20'], reason);
  }

  const goodsGoBack = kind !== 'refund_only';
  const returnPostage: ReturnPostage = !goodsGoBack
    ? 'none'
    : reason.fault === 'seller'
      ? 'seller'
      : insurancePaysReturn(kb, input.returnInsurance, now)
        ? 'insurance'
        : 'buyer';
  // Nothing shipped back, or the seller's fault: the buyer gets the delivery postage back too.
  // On the buyer's own reasons the delivery leg stays paid: by the buyer, or for 包邮 goods by the
  // seller, which is R4's "each side pays one leg".
  const postageRefunded = !goodsGoBack || reason.fault === 'seller';
  const compensation = reason.compensation ? platformCompensation(kb, input.platform, reason.compensation, input.goods, now) : undefined;
  return {
    available: true,
    reason,
    kind,
    returnPostage,
    postageRefunded,
    maxRefund: input.goods + (postageRefunded ? input.postFee : 0),
    buyerMustProvide: [...reason.evidence, ...(goodsGoBack ? (['return_tracking_number'] as const) : [])],
    compensation,
    tryToRetain: reason.retain,
    suggestExchange: reason.suggestExchange,
    ruleIds: uniqueRules(reason.ruleIds, goodsGoBack ? ['R4'] : [], compensation ? compensation.ruleIds : []),
  };
}

export type RetentionSkip = 'not_retainable' | 'already_offered' | 'window_closing';

export interface RetentionDecision extends Cited {
  offer: boolean;
  skippedBecause?: RetentionSkip;
}

/**
 * F5: whether to try to keep the sale (an exchange, or a small compensation) before a return.
 * At most once per conversation, and not when the 七天无理由 window (R1) closes sooner than the
 * shop takes to review a request (R7): a detour then could cost the buyer the return itself.
 */
export function retentionOffer(kb: KnowledgeBase, route: RefundRoute, signed: SignTime | undefined, alreadyOffered: boolean, now: Date): RetentionDecision {
  if (!route.tryToRetain) return { offer: false, skippedBecause: 'not_retainable', ruleIds: [] };
  if (alreadyOffered) return { offer: false, skippedBecause: 'already_offered', ruleIds: [] };
  if (route.reason?.sevenDay && signed) {
    const window = sevenDayWindow(kb, signed, now);
    const reviewMs = kb.rules.params('R7', now).reviewRequestWithinHours * 3_600_000;
    if (window.remainingMs <= reviewMs) return { offer: false, skippedBecause: 'window_closing', ruleIds: ['R1', 'R7'] };
  }
  return { offer: true, ruleIds: [] };
}
