/**
 * Which waiting buyer an agent should take first: anger, money at stake and a deadline close to
 * expiry raise the priority; a case above the agent's rung (supervisor, 小二 advice) a little more.
 */
import type { Fen } from './money.js';
import type { Rung } from './escalation.js';
import { HOUR } from './time.js';

export interface PriorityFacts {
  angry: boolean;
  rung: Exclude<Rung, 'bot'>;
  /** The order's amount, if the case is about one. */
  moneyAtStake?: Fen;
  /** The soonest running deadline on the order (R13, R14, R17…). */
  soonestDeadline?: Date;
}

export const PRIORITY_FACTORS = ['angry', 'money_high', 'money_medium', 'deadline_within_24h', 'deadline_within_72h', 'above_agent'] as const;
export type PriorityFactor = (typeof PRIORITY_FACTORS)[number];

const WEIGHT: Record<PriorityFactor, number> = {
  angry: 3,
  money_high: 2,
  money_medium: 1,
  deadline_within_24h: 2,
  deadline_within_72h: 1,
  above_agent: 1,
};

/** ¥500 and ¥100: amounts where a wrong call costs the shop real money. */
const HIGH_MONEY: Fen = 50_000;
const MEDIUM_MONEY: Fen = 10_000;

export function handoffPriority(facts: PriorityFacts, now: Date): { priority: number; factors: PriorityFactor[] } {
  const factors: PriorityFactor[] = [];
  if (facts.angry) factors.push('angry');
  if (facts.moneyAtStake !== undefined && facts.moneyAtStake >= HIGH_MONEY) factors.push('money_high');
  else if (facts.moneyAtStake !== undefined && facts.moneyAtStake >= MEDIUM_MONEY) factors.push('money_medium');
  if (facts.soonestDeadline) {
    const left = facts.soonestDeadline.getTime() - now.getTime();
    if (left <= 24 * HOUR) factors.push('deadline_within_24h');
    else if (left <= 72 * HOUR) factors.push('deadline_within_72h');
  }
  if (facts.rung !== 'agent') factors.push('above_agent');
  return { priority: factors.reduce((sum, f) => sum + WEIGHT[f], 0), factors };
}
