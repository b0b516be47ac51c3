import type { KnowledgeBase } from '../knowledgeBase.js';
import type { RuleId } from '../schema.js';
import { uniqueRules, type Cited } from './decision.js';
import { yuanToFen, type Fen } from './money.js';

export const RUNGS = ['bot', 'agent', 'supervisor', 'platform'] as const;
export type Rung = (typeof RUNGS)[number];

/** What is known about a case; every field is optional and absent means "no". */
export interface EscalationCase {
  askedForHuman?: boolean;
  /** The buyer asked for the 主管 ("叫你们主管出来"): the middle rung, whoever is at fault. */
  askedForSupervisor?: boolean;
  misunderstandings?: number;
  angry?: boolean;
  /** Money the buyer asks for or an agent would offer beyond what a rule fixes. */
  compensationRequested?: Fen;
  /** Some money decision is needed but no amount is known yet (a person negotiates it). */
  moneyDecision?: boolean;
  /** Compensation in return for changing a review (F16: supervisor approval). */
  reviewCompensation?: boolean;
  /** A demand outside policy that the shop judges reasonable (F11: supervisor decides). */
  reasonableDemandBeyondPolicy?: boolean;
  /** A demand judged excessive after negotiation failed (F11: report to 小二). */
  excessiveDemandAfterNegotiation?: boolean;
  complaintFiled?: boolean;
  platformInterventionRequested?: boolean;
  /** Verified by an agent; undefined while not yet checked. */
  sellerAtFault?: boolean;
  /** A refund or 未收到货 dispute whose R14/R17 timeout has passed. */
  disputePastTimeout?: boolean;
}

export const ESCALATION_REASONS = [
  'asked_for_human',
  'asked_for_supervisor',
  'not_understood',
  'angry',
  'money_decision',
  'compensation_above_limit',
  'reasonable_demand_beyond_policy',
  'review_compensation',
  'complaint_seller_at_fault',
  'excessive_demand',
  'complaint_seller_not_at_fault',
  'dispute_past_timeout',
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export interface EscalationStep extends Cited {
  code: EscalationReason;
  rung: Rung;
}

export interface EscalationDecision extends Cited {
  rung: Rung;
  reasons: EscalationStep[];
}

/** Times the bot may fail to understand before a person takes over (DOMAIN.md ladder). */
export const MISUNDERSTANDINGS_BEFORE_HANDOFF = 2;

/** The escalation ladder of DOMAIN.md: the highest rung any fact calls for. */
export function escalationRung(kb: KnowledgeBase, c: EscalationCase): EscalationDecision {
  const reasons: EscalationStep[] = [];
  const add = (code: EscalationReason, rung: Rung, ruleIds: RuleId[] = []) => reasons.push({ code, rung, ruleIds });
  const limit = yuanToFen(kb.profile.compensation.agentLimitYuan);

  if (c.askedForHuman) add('asked_for_human', 'agent');
  if (c.askedForSupervisor) add('asked_for_supervisor', 'supervisor');
  if ((c.misunderstandings ?? 0) >= MISUNDERSTANDINGS_BEFORE_HANDOFF) add('not_understood', 'agent');
  if (c.angry) add('angry', 'agent', ['R30']);
  if (c.compensationRequested !== undefined && c.compensationRequested > limit) add('compensation_above_limit', 'supervisor');
  else if (c.moneyDecision || (c.compensationRequested ?? 0) > 0) add('money_decision', 'agent');
  if (c.reviewCompensation) add('review_compensation', 'supervisor', ['R23']);
  if (c.reasonableDemandBeyondPolicy) add('reasonable_demand_beyond_policy', 'supervisor', ['R30']);
  if (c.complaintFiled && c.sellerAtFault === true) add('complaint_seller_at_fault', 'supervisor', ['R24']);
  if (c.excessiveDemandAfterNegotiation) add('excessive_demand', 'platform', ['R30']);
  if ((c.complaintFiled || c.platformInterventionRequested) && c.sellerAtFault === false)
    add('complaint_seller_not_at_fault', 'platform', ['R24', 'R25']);
  if (c.disputePastTimeout) add('dispute_past_timeout', 'platform', ['R14', 'R17']);

  const rung = reasons.reduce<Rung>((top, r) => (RUNGS.indexOf(r.rung) > RUNGS.indexOf(top) ? r.rung : top), 'bot');
  return { rung, reasons, ruleIds: uniqueRules(...reasons.map((r) => r.ruleIds)) };
}
