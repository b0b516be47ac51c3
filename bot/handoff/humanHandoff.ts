/**
 * The escalation hook, filled in: tells the buyer what happens next (and when people are back,
 * outside service hours), sends Bot Framework's handoff initiation event with the transcript,
 * and queues the conversation for the agents with its priority. While the case is open the bot
 * stays quiet (KefuBot checks the store).
 */
import { EventFactory, TurnContext } from 'botbuilder';
import type { CaseLog } from '../../dialogs/caseLog.js';
import type { HandoffHook, HandoffRequest } from '../../dialogs/handoff.js';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import { runningDeadlines } from '../../knowledge/policy/deadlines.js';
import { handoffPriority } from '../../knowledge/policy/handoffPriority.js';
import { parseYuan } from '../../knowledge/policy/money.js';
import { inDailySpan, nextClockTime } from '../../knowledge/policy/time.js';
import { PLATFORM_EVIDENCE, explainEscalation } from '../../templates/explain.js';
import type { Templates } from '../../templates/templates.js';
import type { Metrics } from '../metrics.js';
import type { Trade } from '../orders/contract.js';
import { toOrderFacts } from '../orders/orderFacts.js';
import type { OrderService } from '../orders/orderService.js';
import type { ConversationLog } from '../transcripts/conversationLog.js';
import type { HandoffStore } from './handoffStore.js';

export interface HumanHandoffDeps {
  store: HandoffStore;
  log: ConversationLog;
  orders: OrderService;
  templates: Templates;
  knowledge: KnowledgeBase;
  cases: CaseLog;
  metrics: Metrics;
  clock: () => Date;
}

export class HumanHandoff implements HandoffHook {
  constructor(private readonly deps: HumanHandoffDeps) {}

  async handOff(context: TurnContext, request: HandoffRequest): Promise<void> {
    const { templates, knowledge, store, clock } = this.deps;
    const now = clock();
    const { activity } = context;
    const where = { channelId: activity.channelId, conversationId: activity.conversation.id };
    const rung = request.decision.rung === 'bot' ? 'agent' : request.decision.rung;
    const reasons = request.decision.reasons.map((r) => r.code);
    const ruleIds = [...new Set([...request.ruleIds, ...request.decision.ruleIds])];

    await context.sendActivity(explainEscalation(templates, request.decision));
    const { serviceHours } = knowledge.profile;
    if (!inDailySpan(now, serviceHours)) await context.sendActivity(templates.render('handoff.afterHours', { backAt: nextClockTime(now, serviceHours.start) }));

    const trade = request.tid ? await this.tradeOf(activity.from.id, request.tid) : undefined;
    const { priority, factors } = handoffPriority(
      {
        angry: reasons.includes('angry'),
        rung,
        moneyAtStake: trade && parseYuan(trade.payment),
        soonestDeadline: trade && runningDeadlines(knowledge, toOrderFacts(trade), now)[0]?.dueAt,
      },
      now,
    );
    const { handoff, created } = await store.open(
      {
        ...where,
        buyerId: activity.from.id,
        reference: TurnContext.getConversationReference(activity),
        rung,
        reasons,
        flow: request.flow,
        tid: request.tid,
        summary: request.summary,
        ruleIds,
        priority,
        priorityFactors: factors,
        evidence: rung === 'platform' ? [...PLATFORM_EVIDENCE] : [],
      },
      now,
    );
    const transcript = await this.deps.log.since(where, 0);
    await context.sendActivity(
      EventFactory.createHandoffInitiation(context, { caseId: handoff.id, rung, reasons, summary: request.summary, tid: request.tid, priority }, { activities: transcript.activities as never }),
    );
    await this.deps.cases.record(context, { kind: 'handoff', flow: request.flow, tid: request.tid, rung, reasons, summary: request.summary, ruleIds });
    if (created) this.deps.metrics.handedOffConversations.inc();
    for (const reason of reasons) this.deps.metrics.handoffs.inc({ reason, rung });
  }

  /** The order for priority; a lookup failure must not stop the handoff. */
  private async tradeOf(buyerId: string, tid: string): Promise<Trade | undefined> {
    return this.deps.orders.getTrade(buyerId, tid).catch(() => undefined);
  }
}
