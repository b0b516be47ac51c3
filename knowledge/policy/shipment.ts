import type { KnowledgeBase } from '../knowledgeBase.js';
import type { Platform } from '../schema.js';
import type { Cited } from './decision.js';
import { percentOf, yuanToFen, type Fen } from './money.js';
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
  hoursSincePaid: number;
  compensation?: Compensation;
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
  const compensation = overdue ? platformCompensation(kb, input.platform, 'late_shipment', input.price, now) : undefined;
  return {
    dueAt,
    overdue,
    hoursSincePaid: Math.floor((reference.getTime() - input.paidAt.getTime()) / HOUR),
    compensation,
    ruleIds: compensation ? ['R16', 'R15'] : ['R16'],
  };
}
