/**
 * Prometheus metrics (prom-client), one registry per Kefu instance, served at GET /metrics.
 */
import { Router } from 'express';
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
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
    paidAfterReminder: new Counter({ name: 'kefu_orders_paid_after_reminder_total', help: 'Trades paid after at least one 催付 reminder', registers }),
  };
}

/** GET /metrics in Prometheus text format; with METRICS_TOKEN set, only with `Authorization: Bearer <token>`. */
export function metricsRouter(registry: Registry, token: string | undefined): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    if (token && req.get('authorization') !== `Bearer ${token}`) return sendError(res, 401, 'unauthorised', 'a valid bearer token is required');
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
