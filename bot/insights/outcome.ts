/**
 * A conversation as the shop's insights see it: what each turn did (intent, flow, step, whether
 * the bot could place the message), the decisions and handoffs recorded, a 催付 reminder and its
 * payment, the buyer's satisfaction; and, when it has been idle long enough, its outcome and the
 * day counters that outcome adds to. Never the buyer's words. Pure.
 */
import type { Rating } from './satisfaction.js';

/** Why the bot could not place a message: not understood ("没看懂"), or no knowledge to answer it (FAQ miss). */
export type UnplacedReason = 'not_understood' | 'no_knowledge';
export const UNPLACED_REASONS: readonly UnplacedReason[] = ['not_understood', 'no_knowledge'];

export const OUTCOMES = ['resolved', 'handed_off', 'abandoned', 'reminded_paid'] as const;
export type OutcomeKind = (typeof OUTCOMES)[number];

export interface ConversationKey {
  channelId: string;
  conversationId: string;
}

/** One buyer turn, after the bot answered. */
export interface TurnFacts {
  intent?: string;
  /** The dialog step that handled it ("refund.main.reason", "main.clarify"). */
  step?: string;
  /** The flow the conversation is in, when a flow has focused an order. */
  flow?: string;
  /** A flow is still waiting for the buyer (the dialog stack is not empty). */
  inFlow: boolean;
  unplaced?: UnplacedReason;
}

export interface Session {
  name: string;
  startedAt: string;
  lastAt: string;
  messages: number;
  intents: string[];
  flows: string[];
  lastStep?: string;
  /** The flow the buyer was in after the last turn (undefined: none waiting). */
  openFlow?: string;
  lastUnplaced: boolean;
  /** A flow finished or a question was answered: something the buyer can be asked to rate. */
  helped: boolean;
  handoffRung?: string;
  ruleIds: string[];
  remindedTid?: string;
  paidAfterReminder?: boolean;
  survey?: 'pending' | 'done';
  rating?: Rating;
}

export interface ConversationOutcome {
  outcome: OutcomeKind;
  rung?: string;
  startedAt: string;
  endedAt: string;
  messages: number;
  intents: string[];
  flows: string[];
  /** Abandoned: where the buyer left. */
  leftAt?: { flow: string; step: string };
  ruleIds: string[];
  rating?: Rating;
}

/** Per-conversation lists are capped: a long conversation must not grow a record without bound. */
const MAX_LISTED = 30;
const addDistinct = (list: string[], value: string | undefined) => {
  if (value && !list.includes(value) && list.length < MAX_LISTED) list.push(value);
};

/** Steps of MainDialog, the handoff gate and the satisfaction question are not flows. */
const NOT_FLOWS = new Set(['main', 'handoff', 'satisfaction']);
export const flowOfStep = (step: string | undefined): string | undefined => {
  const flow = step?.split('.')[0];
  return flow && !NOT_FLOWS.has(flow) ? flow : undefined;
};

export function newSession(name: string, at: Date): Session {
  const iso = at.toISOString();
  return { name, startedAt: iso, lastAt: iso, messages: 0, intents: [], flows: [], lastUnplaced: false, helped: false, ruleIds: [] };
}

export function addTurn(session: Session, facts: TurnFacts, at: Date): void {
  session.lastAt = at.toISOString();
  session.messages += 1;
  // A message the bot could not place has no intent worth counting (its best guess was unsure).
  if (facts.intent && facts.intent !== 'none' && !facts.unplaced) addDistinct(session.intents, facts.intent);
  const flow = facts.flow ?? flowOfStep(facts.step);
  addDistinct(session.flows, flow);
  if (facts.step) session.lastStep = facts.step;
  session.lastUnplaced = facts.unplaced !== undefined;
  // A flow that ran this turn (or was open before) and waits for nothing more has finished.
  if (!facts.inFlow && !session.lastUnplaced && (flow || session.openFlow || facts.intent === 'thanks')) session.helped = true;
  session.openFlow = facts.inFlow ? (flow ?? session.openFlow ?? 'main') : undefined;
}

export function outcomeOf(session: Session, endedAt: Date): ConversationOutcome {
  const base = {
    startedAt: session.startedAt,
    endedAt: endedAt.toISOString(),
    messages: session.messages,
    intents: session.intents,
    flows: session.flows,
    ruleIds: session.ruleIds,
    ...(session.rating && { rating: session.rating }),
  };
  if (session.handoffRung) return { ...base, outcome: 'handed_off', rung: session.handoffRung };
  if (session.paidAfterReminder) return { ...base, outcome: 'reminded_paid' };
  const leftMidway = session.openFlow !== undefined || session.lastUnplaced || !session.helped;
  if (!leftMidway) return { ...base, outcome: 'resolved' };
  return { ...base, outcome: 'abandoned', leftAt: { flow: session.openFlow ?? flowOfStep(session.lastStep) ?? 'main', step: session.lastStep ?? 'none' } };
}

/** The day counters an outcome adds to (summed over a date range for the report). */
export function countersOf(outcome: ConversationOutcome): Record<string, number> {
  const counters: Record<string, number> = { conversations: 1, [`outcome:${outcome.outcome}`]: 1 };
  if (outcome.rung) counters[`handoff:${outcome.rung}`] = 1;
  for (const intent of outcome.intents) counters[`intent:${intent}`] = 1;
  for (const flow of outcome.flows) counters[`flow:${flow}`] = 1;
  for (const rule of outcome.ruleIds) counters[`rule:${rule}`] = 1;
  if (outcome.leftAt) counters[`dropoff:${outcome.leftAt.flow}:${outcome.leftAt.step}`] = 1;
  if (outcome.rating) counters[`rating:${outcome.rating}`] = 1;
  return counters;
}
