import type { KnowledgeBase } from '../knowledgeBase.js';
import type { Platform } from '../schema.js';
import type { Cited } from './decision.js';
import { percentOf, yuanToFen, type Fen } from './money.js';
import { dispatchEstimate } from './shipping.js';
import { addHours, HOUR } from './time.js';

export type CompensationCase = 'late_shipment' | 'out_of_stock';

export interface Compensation extends Cited {
  amount: Fen;
  percent: number;
  cap: Fen;
  /** The cap, not the percentage, set the amount. */
  capped: boolean;
  paidAs: 'tmall_points' | 'cash';
}

/**
 * R15: what the platform awards the buyer for a late shipment or a stock-out, for the version of
 * the rule in force at `at`. Undefined where the rule does not cover the platform or the case.
 * `price` is what the buyer paid for the goods concerned.
 */
export function platformCompensation(kb: KnowledgeBase, platform: Platform, kind: CompensationCase, price: Fen, at: Date): Compensation | undefined {
  if (!kb.rules.appliesTo('R15', platform)) return undefined;
  const rule = kb.rules.params('R15', at);
  if (!rule.appliesTo.includes(kind)) return undefined;
  const cap = yuanToFen(rule.capYuan);
  const raw = percentOf(price, rule.percentOfPrice);
  return { amount: Math.min(raw, cap), percent: rule.percentOfPrice, cap, capped: raw > cap, paidAs: rule.paidAs, ruleIds: ['R15'] };
}

export interface ShipmentStatus extends Cited {
  /** R16: payment + 72 h. */
  dueAt: Date;
  overdue: boolean;
  /** The shop's own promise (shop-profile shipping.promiseHours), the one every flow quotes. */
  promisedBy: Date;
  promiseHours: number;
  /** Past the shop's promise (whether or not past R16's 72 h too). */
  promiseBroken: boolean;
  hoursSincePaid: number;
  /** R15, once overdue. */
  compensation?: Compensation;
  /** Promise broken, not yet overdue: what R15 pays if it is still not shipped at dueAt. */
  compensationIfStillLate?: Compensation;
}

/** R16 (and R15 when overdue): is an unshipped, paid order late, and what does that earn? */
export interface ShipmentInput {
  platform: Platform;
  paidAt: Date;
  shippedAt?: Date;
  price: Fen;
}

export function shipmentStatus(kb: KnowledgeBase, input: ShipmentInput, now: Date): ShipmentStatus {
  const dueAt = addHours(input.paidAt, kb.rules.params('R16', now).overdueAfterHours);
  const reference = input.shippedAt ?? now;
  const overdue = reference.getTime() > dueAt.getTime();
  const { promisedBy, promiseHours } = dispatchEstimate(kb.profile, input.paidAt);
  const promiseBroken = reference.getTime() > promisedBy.getTime();
  const r15 = platformCompensation(kb, input.platform, 'late_shipment', input.price, now);
  const compensation = overdue ? r15 : undefined;
  const compensationIfStillLate = promiseBroken && !overdue && !input.shippedAt ? r15 : undefined;
  return {
    dueAt,
    overdue,
    promisedBy,
    promiseHours,
    promiseBroken,
    hoursSincePaid: Math.floor((reference.getTime() - input.paidAt.getTime()) / HOUR),
    compensation,
    compensationIfStillLate,
    ruleIds: compensation || compensationIfStillLate ? ['R16', 'R15'] : ['R16'],
  };
}
