/**
 * Prometheus metrics (prom-client), one registry per Kefu instance, served at GET /metrics.
 */
import { Router } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { bearerToken } from './http/bearer.js';
import { sendError } from './http/errors.js';

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kefu_' });
  const registers = [registry];
  return {
    registry,
    proactiveScheduled: new Counter({
      name: 'kefu_proactive_scheduled_total',
      help: 'Proactive messages scheduled (payment_reminder, receipt_care, after_sales_checkin)',
      labelNames: ['kind'] as const,
      registers,
    }),
    proactiveSent: new Counter({ name: 'kefu_proactive_sent_total', help: 'Proactive messages sent to a buyer', labelNames: ['kind'] as const, registers }),
    proactiveSkipped: new Counter({
      name: 'kefu_proactive_skipped_total',
      help: 'Proactive messages due but not sent, by why (paid, closed, opted_out, cap_reached, no_conversation, …)',
      labelNames: ['kind', 'reason'] as const,
      registers,
    }),
    proactiveDeferred: new Counter({
      name: 'kefu_proactive_deferred_total',
      help: 'Proactive messages that fell due in quiet hours and were moved to their end',
      labelNames: ['kind'] as const,
      registers,
    }),
    conversations: new Counter({ name: 'kefu_conversations_total', help: 'Conversations started (first buyer message)', registers }),
    handoffs: new Counter({
      name: 'kefu_handoffs_total',
      help: 'Handoffs to people, by escalation reason and rung (a handoff with two reasons counts under both)',
      labelNames: ['reason', 'rung'] as const,
      registers,
    }),
    handedOffConversations: new Counter({ name: 'kefu_handed_off_conversations_total', help: 'Conversations handed to a person at least once', registers }),
    pickupSeconds: new Histogram({
      name: 'kefu_handoff_pickup_seconds',
      help: 'Time from handoff to an agent taking the conversation',
      labelNames: ['rung'] as const,
      buckets: [10, 30, 60, 120, 300, 600, 1800, 3600],
      registers,
    }),
    paidAfterReminder: new Counter({ name: 'kefu_orders_paid_after_reminder_total', help: 'Trades paid after at least one 催付 reminder', registers }),
    // The shop's insights (bot/insights, /insights), as counters for the shop's own dashboards.
    conversationOutcomes: new Counter({
      name: 'kefu_conversation_outcomes_total',
      help: 'Conversations ended (idle CONVERSATION_IDLE_MINUTES) by outcome (resolved, handed_off, abandoned, reminded_paid) and handoff rung',
      labelNames: ['outcome', 'rung'] as const,
      registers,
    }),
    conversationIntents: new Counter({ name: 'kefu_conversation_intents_total', help: 'Ended conversations by intent (once per intent per conversation)', labelNames: ['intent'] as const, registers }),
    flowDropoffs: new Counter({ name: 'kefu_flow_dropoffs_total', help: 'Abandoned conversations by the flow and step where the buyer left', labelNames: ['flow', 'step'] as const, registers }),
    satisfactionRatings: new Counter({ name: 'kefu_satisfaction_ratings_total', help: '满意度 answers by rating (3 满意, 2 一般, 1 不满意)', labelNames: ['rating'] as const, registers }),
    unansweredQuestions: new Counter({ name: 'kefu_unanswered_questions_total', help: 'Buyer messages the bot could not place, by why (not_understood, no_knowledge)', labelNames: ['reason'] as const, registers }),
  };
}

/** GET /metrics in Prometheus text format; with METRICS_TOKEN set, only with `Authorization: Bearer <token>`. */
export function metricsRouter(registry: Registry, token: string | undefined): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    if (token && bearerToken(req.get('authorization')) !== token) return sendError(res, 401, 'unauthorised', 'a valid bearer token is required');
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
