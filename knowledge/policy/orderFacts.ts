import type { Platform, TradeStatus } from '../schema.js';
import type { SignTime } from './time.js';

/** Taobao refund statuses (`001` 二.2). */
export const REFUND_STATUSES = [
  'WAIT_SELLER_AGREE',
  'WAIT_BUYER_RETURN_GOODS',
  'WAIT_SELLER_CONFIRM_GOODS',
  'SELLER_REFUSE_BUYER',
  'CLOSED',
  'SUCCESS',
] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export interface RefundFacts {
  id: string;
  status: RefundStatus;
  createdAt: Date;
  /** The platform's countdown for the seller's answer (R14). */
  timeoutAt?: Date;
}

/** The facts about one trade that time-based policy needs; the order service maps into this. */
export interface OrderFacts {
  platform: Platform;
  status: TradeStatus;
  createdAt: Date;
  paidAt?: Date;
  shippedAt?: Date;
  signed?: SignTime;
  finishedAt?: Date;
  refunds: RefundFacts[];
  exchangeRequestedAt?: Date;
  /** An open 未收到货 维权 (R17): when it was opened and when the buyer edited it. */
  notReceivedDispute?: { openedAt: Date; edits: Date[] };
  review?: { rating: 'good' | 'neutral' | 'negative'; postedAt: Date };
}
