/**
 * Policy decisions in words: each function picks the template for a decision and passes it the
 * numbers. The dialogs, the copilot and the agent console all explain decisions through here.
 */
import type { Deadline } from '../knowledge/policy/deadlines.js';
import type { EscalationDecision } from '../knowledge/policy/escalation.js';
import type { ExchangeDecision } from '../knowledge/policy/exchange.js';
import type { RefundRoute } from '../knowledge/policy/refund.js';
import type { ShipmentStatus } from '../knowledge/policy/shipment.js';
import type { ShopProfile } from '../knowledge/schema.js';
import type { Templates } from './templates.js';

/** What the seeds ask a case for 小二 to carry (`003` 售后维权处理流程: 提交相关凭证). */
export const PLATFORM_EVIDENCE = ['chat_records', 'photos', 'logistics_proof', 'inspection_results'] as const;

export function explainExchange(t: Templates, decision: ExchangeDecision, targetName: string): string {
  if (decision.allowed)
    return t.render('exchange.allowed', {
      target: targetName,
      windowEndsAt: decision.window!.endsAt,
      autoApprovedAt: decision.autoApprovedAt,
      ruleIds: decision.ruleIds,
    });
  return t.render('exchange.refused', { failures: decision.failures, ruleIds: decision.ruleIds });
}

export function explainRefund(t: Templates, route: RefundRoute): string {
  if (!route.available) return t.render('refund.unavailable', { blockedBy: route.blockedBy, ruleIds: route.ruleIds });
  return t.render('refund.route', {
    reasonLabel: route.reason!.label,
    kind: route.kind,
    returnPostage: route.returnPostage,
    postageRefunded: route.postageRefunded,
    maxRefund: route.maxRefund,
    buyerMustProvide: route.buyerMustProvide,
    compensation: route.compensation ?? false,
    ruleIds: route.ruleIds,
  });
}

export function explainShipment(t: Templates, status: ShipmentStatus, profile: ShopProfile): string {
  if (!status.promiseBroken) return t.render('shipping.onTime', { promisedBy: status.promisedBy, promiseHours: status.promiseHours, ruleIds: status.ruleIds });
  if (!status.overdue)
    return t.render('shipping.promiseBroken', {
      promiseHours: status.promiseHours,
      hoursSincePaid: status.hoursSincePaid,
      gift: profile.compensation.overdueShipmentGift,
      dueAt: status.dueAt,
      compensation: status.compensationIfStillLate ?? false,
      ruleIds: status.ruleIds,
    });
  return t.render('shipping.overdue', {
    hoursSincePaid: status.hoursSincePaid,
    gift: profile.compensation.overdueShipmentGift,
    compensation: status.compensation ?? false,
    ruleIds: status.ruleIds,
  });
}

export function listDeadlines(t: Templates, deadlines: Deadline[]): string {
  return t.render('deadlines.list', { deadlines });
}

export function explainEscalation(t: Templates, decision: EscalationDecision): string {
  if (decision.rung !== 'platform') return t.render('handoff.notice', { rung: decision.rung });
  // 小二 is not someone the bot can hand over to: an agent settles first and files the case.
  const notice = t.render('handoff.notice', { rung: 'agent' });
  return `${notice}\n${t.render('handoff.platformAdvice', { evidence: PLATFORM_EVIDENCE })}`;
}
