/**
 * Proactive messages as durable delayed jobs in Redis (BullMQ): order events schedule and cancel
 * them, and a worker sends each when it falls due, after reading the trade again.
 *
 * - One job per trade, kind and sequence (job id `kind-tid-n`): a replayed event or a second bot
 *   process adding the same job is a no-op, and BullMQ hands each job to one worker only.
 * - Jobs live in Redis, so they survive restarts; a failed send is retried with backoff.
 * - Due in quiet hours → the job is moved to their end. Paid, closed, changed, capped or the
 *   buyer said stop → skipped, counted with why. No conversation with the buyer → a task with a
 *   suggested SMS/phone script for the agents.
 */
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import { parseYuan } from '../../knowledge/policy/money.js';
import { firstDueAt, nextReminderAt, outsideQuietHours, shouldSend, type ProactiveKind, type SkipReason } from '../../knowledge/policy/proactive.js';
import { inDailySpan } from '../../knowledge/policy/time.js';
import type { Templates } from '../../templates/templates.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Trade } from '../orders/contract.js';
import type { OrderEvent } from '../orders/events/orderEvent.js';
import { toOrderFacts } from '../orders/orderFacts.js';
import type { OrderApi } from '../orders/orderApi.js';
import { createSubscriber } from '../state/redisClient.js';
import { taggedKey } from '../state/redisKeys.js';
import type { AgentTasks } from './agentTasks.js';
import type { BuyerContacts, BuyerReference } from './buyerContacts.js';

export const FOLLOW_UP_QUEUE = 'follow-ups';

export interface FollowUpJob {
  kind: ProactiveKind;
  tid: string;
  buyerId: string;
  /** Which message of this kind for the trade (催付 may repeat up to the profile's cap). */
  sequence: number;
  /** The trade's amount and lines when scheduled, to notice a changed order (催付). */
  fingerprint?: string;
}

/** Sends one proactive message into the buyer's conversation; a reason when it decided not to. */
export type Deliver = (job: FollowUpJob, trade: Trade, reference: BuyerReference) => Promise<SkipReason | undefined>;

export interface FollowUpDeps {
  /** Kefu's shared connection: the queue uses it, and Kefu closes it; the worker gets a patient duplicate. */
  redis: Redis | Cluster;
  /** REDIS_KEY_PREFIX. */
  prefix: string;
  knowledge: KnowledgeBase;
  templates: Templates;
  orders: OrderApi;
  contacts: BuyerContacts;
  tasks: AgentTasks;
  deliver: Deliver;
  metrics: Metrics;
  logger: Logger;
  clock: () => Date;
}

const jobIdOf = (job: Pick<FollowUpJob, 'kind' | 'tid' | 'sequence'>) => `${job.kind}-${job.tid}-${job.sequence}`;
const remindedKey = (prefix: string, tid: string) => taggedKey(prefix, 'reminded', tid);
/**
 * BullMQ's prefix; the braces keep every key of the queue in one Redis Cluster slot, as BullMQ's
 * scripts need (one queue's keys together). A queue is thus served by one cluster node.
 */
const bullPrefix = (prefix: string) => `{${prefix}bull}`;
const fingerprintOf = (trade: Trade) => [trade.payment, ...trade.orders.map((o) => `${o.oid}:${o.skuId}:${o.quantity}:${o.payment}`)].join('|');
/** Kept after completion so that re-adding the same job id stays a no-op (idempotency). */
const KEEP_FINISHED_SECONDS = 30 * 24 * 3600;

export class FollowUps {
  readonly queue: Queue<FollowUpJob>;
  private worker?: Worker<FollowUpJob>;
  /**
   * What the worker's connections are made from (BullMQ duplicates it): not Kefu's fail-fast
   * connection, as the worker waits on BZPOPMIN longer than any command timeout.
   */
  private workerRedis?: Redis | Cluster;
  private readonly inProgress = new Set<Promise<void>>();

  constructor(private readonly deps: FollowUpDeps) {
    this.queue = new Queue<FollowUpJob>(FOLLOW_UP_QUEUE, {
      connection: deps.redis,
      prefix: bullPrefix(deps.prefix),
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 5_000 },
        removeOnComplete: { age: KEEP_FINISHED_SECONDS },
        removeOnFail: { age: KEEP_FINISHED_SECONDS },
      },
    });
    this.queue.on('error', (err) => deps.logger.error({ err: err.message }, 'follow-up queue error'));
  }

  /** Starts taking due jobs (every bot process runs a worker; BullMQ gives each job to one). */
  startWorker(): void {
    const tracked = (job: Job<FollowUpJob>, token?: string) => {
      const run = this.process(job, token);
      this.inProgress.add(run);
      return run.finally(() => this.inProgress.delete(run));
    };
    this.workerRedis = createSubscriber(this.deps.redis);
    this.worker = new Worker<FollowUpJob>(FOLLOW_UP_QUEUE, tracked, {
      connection: this.workerRedis,
      prefix: bullPrefix(this.deps.prefix),
      concurrency: 4,
    });
    this.worker.on('failed', (job, err) => this.deps.logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'follow-up failed'));
    this.worker.on('error', (err) => this.deps.logger.error({ err: err.message }, 'follow-up worker error'));
  }

  /**
   * Lets jobs in progress finish (up to `graceMs`), then closes. BullMQ's own graceful close
   * waits for Redis and never returns when Redis is gone, hence the explicit wait and force.
   */
  async close(graceMs = 5_000): Promise<void> {
    if (this.worker) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(this.inProgress), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      await this.worker.close(true);
      this.workerRedis?.disconnect();
    }
    await this.queue.close();
  }

  /** What each order event means for proactive messages. */
  async onOrderEvent(event: OrderEvent): Promise<void> {
    const at = new Date(event.occurredAt);
    const base = { tid: event.tid, buyerId: event.buyerId, sequence: 1 };
    switch (event.type) {
      case 'trade.created':
        return this.schedule({ ...base, kind: 'payment_reminder', fingerprint: await this.fingerprint(event.tid) }, firstDueAt(this.deps.knowledge, 'payment_reminder', at));
      case 'trade.paid':
        await this.cancelReminders(event.tid);
        if ((await this.deps.redis.exists(remindedKey(this.deps.prefix, event.tid))) === 1) this.deps.metrics.paidAfterReminder.inc();
        return;
      case 'trade.closed':
        return this.cancelReminders(event.tid);
      case 'trade.signed':
        return this.schedule({ ...base, kind: 'receipt_care' }, firstDueAt(this.deps.knowledge, 'receipt_care', at));
      case 'trade.finished':
        return this.schedule({ ...base, kind: 'after_sales_checkin' }, firstDueAt(this.deps.knowledge, 'after_sales_checkin', at));
      default:
        return;
    }
  }

  private async fingerprint(tid: string): Promise<string | undefined> {
    try {
      const trade = await this.deps.orders.trade(tid);
      return trade && fingerprintOf(trade);
    } catch (err) {
      // Without it the "changed" check is skipped; the reminder itself must not be lost.
      this.deps.logger.warn({ tid, err: (err as Error).message }, 'order system unavailable when scheduling; reminder scheduled without change check');
      return undefined;
    }
  }

  private async schedule(job: FollowUpJob, dueAt: Date): Promise<void> {
    const now = this.deps.clock();
    const sendAt = outsideQuietHours(this.deps.knowledge, dueAt);
    const jobId = jobIdOf(job);
    const existing = await this.queue.getJob(jobId);
    if (existing) return;
    await this.queue.add(job.kind, job, { jobId, delay: Math.max(0, sendAt.getTime() - now.getTime()) });
    this.deps.metrics.proactiveScheduled.inc({ kind: job.kind });
    this.deps.logger.info({ jobId, sendAt: sendAt.toISOString() }, 'follow-up scheduled');
  }

  private async cancelReminders(tid: string): Promise<void> {
    const max = this.deps.knowledge.profile.unpaidReminders.maxPerTrade;
    for (let sequence = 1; sequence <= max; sequence++) {
      // An active (locked) job is not removed; it re-reads the trade before sending anyway.
      await this.queue.remove(jobIdOf({ kind: 'payment_reminder', tid, sequence }));
    }
  }

  private async process(job: Job<FollowUpJob>, token?: string): Promise<void> {
    const { knowledge, metrics, clock } = this.deps;
    const data = job.data;
    const now = clock();
    if (inDailySpan(now, knowledge.profile.quietHours)) {
      const wait = outsideQuietHours(knowledge, now).getTime() - now.getTime();
      await job.moveToDelayed(Date.now() + wait, token);
      metrics.proactiveDeferred.inc({ kind: data.kind });
      throw new DelayedError();
    }
    const skipped = (reason: SkipReason) => {
      metrics.proactiveSkipped.inc({ kind: data.kind, reason });
      this.deps.logger.info({ jobId: job.id, reason }, 'follow-up skipped');
    };
    // Throws when the order system is down: BullMQ retries with backoff.
    const trade = await this.deps.orders.trade(data.tid);
    if (!trade || trade.buyerId !== data.buyerId) return skipped('closed');
    const facts = toOrderFacts(trade);
    const decision = shouldSend(
      knowledge,
      data.kind,
      {
        status: trade.status,
        signed: facts.signed !== undefined,
        finishedAt: facts.finishedAt,
        refundOpen: trade.refunds.some((r) => r.status !== 'CLOSED' && r.status !== 'SUCCESS'),
        sequence: data.sequence,
        optedOut: await this.deps.contacts.optedOut(data.buyerId),
        fingerprint: fingerprintOf(trade),
        scheduledFingerprint: data.fingerprint,
      },
      now,
    );
    if (!decision.send) return skipped(decision.reason);

    const reference = await this.deps.contacts.reference(data.buyerId);
    if (!reference) {
      if (data.kind === 'payment_reminder') await this.taskForAgents(trade, now);
      return skipped('no_conversation');
    }
    const notSent = await this.deps.deliver(data, trade, reference);
    if (notSent) return skipped(notSent);
    metrics.proactiveSent.inc({ kind: data.kind });
    if (data.kind === 'payment_reminder') await this.afterReminder(data, now);
  }

  private async afterReminder(data: FollowUpJob, sentAt: Date): Promise<void> {
    await this.deps.redis.set(remindedKey(this.deps.prefix, data.tid), '1', 'EX', KEEP_FINISHED_SECONDS);
    const next = nextReminderAt(this.deps.knowledge, sentAt, data.sequence);
    if (next) await this.schedule({ ...data, sequence: data.sequence + 1 }, next);
  }

  private async taskForAgents(trade: Trade, now: Date): Promise<void> {
    const { templates, knowledge, tasks } = this.deps;
    const script = templates.render('proactive.agentScript', {
      shopName: knowledge.profile.shop.name,
      title: trade.orders[0]!.title,
      tid: trade.tid,
      payment: parseYuan(trade.payment),
    });
    await tasks.add({ kind: 'unpaid_reminder_call', tid: trade.tid, buyerId: trade.buyerId, script }, now);
  }
}
