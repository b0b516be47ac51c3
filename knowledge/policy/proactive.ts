/**
 * Messages the shop starts (F1 催付, 收货关怀, the R20 check-in): when each is due, the shop's
 * quiet hours, and whether it may still be sent once it is due. The decision is taken again at
 * send time on freshly read order data, because a buyer may pay a second before the reminder.
 */
import type { KnowledgeBase } from '../knowledgeBase.js';
import type { RuleId, TradeStatus } from '../schema.js';
import { addDays, addHours, inDailySpan, nextClockTime } from './time.js';

export const PROACTIVE_KINDS = ['payment_reminder', 'receipt_care', 'after_sales_checkin'] as const;
export type ProactiveKind = (typeof PROACTIVE_KINDS)[number];

/** Why a due message was not sent; also the `reason` label of the skipped counter. */
export const SKIP_REASONS = [
  'paid',
  'closed',
  'changed',
  'cap_reached',
  'opted_out',
  'not_signed',
  'after_sales_open',
  'not_finished',
  'window_closed',
  'no_after_sales',
  'no_conversation',
  'with_agent',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** When the message an event starts is first due: trade.created → 催付, signed → 关怀, finished → check-in. */
export function firstDueAt(kb: KnowledgeBase, kind: ProactiveKind, eventAt: Date): Date {
  const { unpaidReminders, followUps } = kb.profile;
  switch (kind) {
    case 'payment_reminder':
      return addHours(eventAt, unpaidReminders.firstAfterMinutes / 60);
    case 'receipt_care':
      return addHours(eventAt, followUps.receiptCareAfterHours);
    case 'after_sales_checkin':
      return addDays(eventAt, followUps.afterSalesCheckInDays);
  }
}

/** After reminder number `sent` went out, when the next is due; undefined once the cap is reached. */
export function nextReminderAt(kb: KnowledgeBase, sentAt: Date, sent: number): Date | undefined {
  const { intervalMinutes, maxPerTrade } = kb.profile.unpaidReminders;
  return sent < maxPerTrade ? addHours(sentAt, intervalMinutes / 60) : undefined;
}

/** `at`, or the end of the shop's quiet hours when `at` falls inside them (Asia/Shanghai). */
export function outsideQuietHours(kb: KnowledgeBase, at: Date): Date {
  const quiet = kb.profile.quietHours;
  return inDailySpan(at, quiet) ? nextClockTime(at, quiet.end) : at;
}

/** What send time needs to know, read afresh from the order system and the buyer's choices. */
export interface ProactiveFacts {
  status: TradeStatus;
  signed: boolean;
  finishedAt?: Date;
  refundOpen: boolean;
  /** Which reminder of the trade this would be (1 for the first). */
  sequence: number;
  optedOut: boolean;
  /** The trade's amount and lines now, and when the reminder was scheduled (催付 only). */
  fingerprint: string;
  scheduledFingerprint?: string;
}

export type SendDecision = { send: true; ruleIds: RuleId[] } | { send: false; reason: SkipReason; ruleIds: RuleId[] };

const skip = (reason: SkipReason, ruleIds: RuleId[] = []): SendDecision => ({ send: false, reason, ruleIds });

export function shouldSend(kb: KnowledgeBase, kind: ProactiveKind, facts: ProactiveFacts, now: Date): SendDecision {
  if (facts.status === 'TRADE_CLOSED') return skip('closed');
  switch (kind) {
    case 'payment_reminder':
      if (facts.status !== 'WAIT_BUYER_PAY') return skip('paid');
      if (facts.optedOut) return skip('opted_out');
      if (facts.sequence > kb.profile.unpaidReminders.maxPerTrade) return skip('cap_reached');
      if (facts.scheduledFingerprint !== undefined && facts.fingerprint !== facts.scheduledFingerprint) return skip('changed');
      return { send: true, ruleIds: [] };
    case 'receipt_care':
      if (!facts.signed) return skip('not_signed');
      if (facts.refundOpen) return skip('after_sales_open');
      return { send: true, ruleIds: [] };
    case 'after_sales_checkin': {
      if (facts.status !== 'TRADE_FINISHED' || !facts.finishedAt) return skip('not_finished', ['R20']);
      const watchDays = kb.rules.params('R20', now).watchDaysAfterFinished;
      if (now.getTime() >= addDays(facts.finishedAt, watchDays).getTime()) return skip('window_closed', ['R20']);
      return { send: true, ruleIds: ['R20'] };
    }
  }
}
