/**
 * Records what each conversation did and, once it has been idle CONVERSATION_IDLE_MINUTES, its
 * outcome: into the day counters behind /insights, the Prometheus counters and one log line (no
 * buyer text). Messages the bot could not place are kept masked, for the unanswered clusters.
 *
 * The end of a conversation is found by a sweep: every process looks, every minute, for sessions
 * idle past the limit in one sorted set, and whoever removes one (ZREM answers 1 once) records it.
 * Unlike a timer per conversation it survives restarts and needs no cancelling on every turn
 * (a delayed BullMQ job would have to be moved each turn), and the same code runs on memory.
 */
import { shanghaiDate } from '../../knowledge/policy/time.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { OrderEvent } from '../orders/events/orderEvent.js';
import { conversationStateName } from '../state/redisKeys.js';
import { clusterQuestions, type QuestionCluster } from './clusters.js';
import type { InsightsStore } from './insightsStore.js';
import { maskPersonalData } from './mask.js';
import { addTurn, countersOf, newSession, outcomeOf, type ConversationKey, type Session, type TurnFacts } from './outcome.js';
import { buildReport, daysBetween, type InsightsReport } from './report.js';
import type { Rating } from './satisfaction.js';

export interface ConversationInsightsDeps {
  store: InsightsStore;
  metrics: Metrics;
  logger: Logger;
  clock: () => Date;
  idleMinutes: number;
}

/** What a recorded case tells insights: the handoff rung and the rules a decision cited (never its summary). */
export interface CaseFacts {
  kind: string;
  rung?: string;
  ruleIds?: string[];
}

/** The conversation a turn belongs to; a Bot Framework TurnContext is one. */
export interface ConversationTurn {
  activity: { channelId: string; conversation: { id: string } };
}

const keyOf = ({ activity }: ConversationTurn): ConversationKey => ({ channelId: activity.channelId, conversationId: activity.conversation.id });
const nameOf = (where: ConversationKey) => conversationStateName(where.channelId, where.conversationId);

/** The most asked distinct questions clustered for a report (clustering is quadratic in the worst case). */
const MAX_CLUSTERED = 2000;
/** Sessions ended per sweep round; the next round takes the rest. */
const SWEEP_BATCH = 200;

export class ConversationInsights {
  constructor(private readonly deps: ConversationInsightsDeps) {}

  private async update(where: ConversationKey, change: (session: Session) => void): Promise<void> {
    const name = nameOf(where);
    const session = (await this.deps.store.session(name)) ?? newSession(name, this.deps.clock());
    change(session);
    await this.deps.store.saveSession(session);
  }

  /** After a buyer's turn; `text` is kept (masked) only when the bot could not place it. */
  async onTurn(where: ConversationKey, facts: TurnFacts, text: string | undefined): Promise<void> {
    const now = this.deps.clock();
    await this.update(where, (session) => addTurn(session, facts, now));
    if (!facts.unplaced) return;
    this.deps.metrics.unansweredQuestions.inc({ reason: facts.unplaced });
    const day = shanghaiDate(now);
    await this.deps.store.count(day, { [`unanswered:${facts.unplaced}`]: 1 });
    const masked = text && maskPersonalData(text).trim().slice(0, 200);
    if (masked) await this.deps.store.addUnanswered(day, masked);
  }

  /** A case the dialogs recorded (handoff, decision) in the conversation of `turn`. */
  noteCase(turn: ConversationTurn, entry: CaseFacts): Promise<void> {
    return this.update(keyOf(turn), (session) => {
      if (entry.kind === 'handoff' && entry.rung) session.handoffRung = entry.rung;
      for (const rule of entry.ruleIds ?? []) if (!session.ruleIds.includes(rule)) session.ruleIds.push(rule);
    });
  }

  /** A 催付 reminder opened F1 in this conversation. */
  async onReminder(where: ConversationKey, tid: string): Promise<void> {
    await this.update(where, (session) => {
      session.remindedTid = tid;
      session.lastAt = this.deps.clock().toISOString();
    });
    await this.deps.store.rememberReminder(tid, nameOf(where));
    await this.deps.store.count(shanghaiDate(this.deps.clock()), { 'reminders:sent': 1 });
  }

  /** A reminded trade paid: 催付 converted (counted on the day of payment). */
  async onOrderEvent(event: Pick<OrderEvent, 'type' | 'tid'>): Promise<void> {
    if (event.type !== 'trade.paid') return;
    const conversation = await this.deps.store.takeReminder(event.tid);
    if (!conversation) return;
    await this.deps.store.count(shanghaiDate(this.deps.clock()), { 'reminders:paid': 1 });
    const session = await this.deps.store.session(conversation);
    if (!session) return;
    session.paidAfterReminder = true;
    await this.deps.store.saveSession(session);
  }

  /** Whether the conversation may be asked to rate: something was done for the buyer, and not asked yet. */
  async mayAskRating(where: ConversationKey): Promise<boolean> {
    const session = await this.deps.store.session(nameOf(where));
    return session !== undefined && session.helped && session.survey === undefined;
  }

  async ratingAsked(where: ConversationKey): Promise<void> {
    await this.update(where, (session) => (session.survey = 'pending'));
  }

  async awaitingRating(where: ConversationKey): Promise<boolean> {
    return (await this.deps.store.session(nameOf(where)))?.survey === 'pending';
  }

  /** The buyer's rating, or undefined when they answered something else (the question is let go). */
  async rated(where: ConversationKey, rating: Rating | undefined): Promise<void> {
    if (rating) this.deps.metrics.satisfactionRatings.inc({ rating: String(rating) });
    await this.update(where, (session) => {
      session.survey = 'done';
      if (rating) session.rating = rating;
    });
  }

  /** Records the outcome of every conversation idle since before `now` − CONVERSATION_IDLE_MINUTES. */
  async endIdle(now: Date = this.deps.clock()): Promise<number> {
    const before = new Date(now.getTime() - this.deps.idleMinutes * 60_000);
    let ended = 0;
    for (;;) {
      const sessions = await this.deps.store.takeIdle(before, SWEEP_BATCH);
      for (const session of sessions) await this.end(session);
      ended += sessions.length;
      if (sessions.length < SWEEP_BATCH) return ended;
    }
  }

  private async end(session: Session): Promise<void> {
    const outcome = outcomeOf(session, new Date(Date.parse(session.lastAt) + this.deps.idleMinutes * 60_000));
    const { metrics } = this.deps;
    await this.deps.store.count(shanghaiDate(new Date(session.startedAt)), countersOf(outcome));
    metrics.conversationOutcomes.inc({ outcome: outcome.outcome, rung: outcome.rung ?? '' });
    for (const intent of outcome.intents) metrics.conversationIntents.inc({ intent });
    if (outcome.leftAt) metrics.flowDropoffs.inc(outcome.leftAt);
    this.deps.logger.info({ conversation: session.name, ...outcome }, 'conversation ended');
  }

  /** Sweeps every minute (or sooner for short idle limits) until the returned stop is called. */
  startSweeping(): () => void {
    const everyMs = Math.min(60_000, this.deps.idleMinutes * 30_000);
    const timer = setInterval(() => this.endIdle().catch((err: Error) => this.deps.logger.warn({ err: err.message }, 'insights sweep failed')), everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  async report(from: string, to: string): Promise<InsightsReport> {
    return buildReport(from, to, await this.deps.store.counters(daysBetween(from, to)));
  }

  async unansweredClusters(from: string, to: string, limit: number): Promise<QuestionCluster[]> {
    const asked = (await this.deps.store.unanswered(daysBetween(from, to))).sort((a, b) => b.count - a.count).slice(0, MAX_CLUSTERED);
    return clusterQuestions(asked).slice(0, limit);
  }
}

/** A case log that also tells insights of each case (handoffs, rule decisions). */
export function notingCases<C extends ConversationTurn, E extends CaseFacts>(inner: { record(context: C, entry: E): Promise<void> }, insights: ConversationInsights) {
  return {
    async record(context: C, entry: E): Promise<void> {
      await inner.record(context, entry);
      await insights.noteCase(context, entry);
    },
  };
}
