/**
 * Delivers a due follow-up into the buyer's last conversation: Bot Framework's
 * continueConversation, then a proactive turn under the conversation's lock. A 催付 reminder
 * opens F1 (why unpaid → matching offer → reason recorded); the buyer's answer continues it.
 */
import type { CloudAdapter } from 'botbuilder';
import { AFTER_SALES_FLOWS } from '../../dialogs/afterSales.js';
import { URGE_PAYMENT, type UrgePaymentOptions } from '../../dialogs/urgePaymentDialog.js';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import type { SkipReason } from '../../knowledge/policy/proactive.js';
import type { Templates } from '../../templates/templates.js';
import type { HandoffStore } from '../handoff/handoffStore.js';
import type { KefuBot, ProactiveTurn } from '../kefuBot.js';
import type { Trade } from '../orders/contract.js';
import type { Deliver, FollowUpJob } from './followUps.js';

export interface DeliveryDeps {
  adapter: CloudAdapter;
  /** MicrosoftAppId, or '' for a local, unauthenticated channel. */
  appId: string;
  bot: KefuBot;
  handoffs: HandoffStore;
  templates: Templates;
  knowledge: KnowledgeBase;
  clock: () => Date;
}

export function proactiveDelivery(deps: DeliveryDeps): Deliver {
  return async (job, trade, reference) => {
    let skipped: SkipReason | undefined;
    // A failed proactive turn rejects here (adapter.ts), so the job is retried.
    await deps.adapter.continueConversationAsync(deps.appId, reference, async (context) => {
      skipped = await deps.bot.proactiveTurn(context, (turn) => followUpTurn(deps, turn, job, trade));
    });
    return skipped;
  };
}

async function followUpTurn(deps: DeliveryDeps, turn: ProactiveTurn, job: FollowUpJob, trade: Trade): Promise<SkipReason | undefined> {
  const { activity } = turn.context;
  // A person is talking with the buyer: the bot does not cut in.
  if (await deps.handoffs.active({ channelId: activity.channelId, conversationId: activity.conversation.id })) return 'with_agent';
  const title = trade.orders[0]!.title;
  switch (job.kind) {
    case 'payment_reminder':
      await turn.startFlow({ dialog: URGE_PAYMENT, options: { tid: trade.tid, reminder: true } satisfies UrgePaymentOptions });
      return undefined;
    case 'receipt_care':
      await turn.context.sendActivity(deps.templates.render('proactive.receiptCare', { title }));
      return undefined;
    case 'after_sales_checkin': {
      // Only trades this conversation was about in an after-sales flow (F17: watch them for R20's days).
      const last = turn.data.lastOrder;
      if (last?.tid !== trade.tid || !AFTER_SALES_FLOWS.includes(last.flow)) return 'no_after_sales';
      const watchDays = deps.knowledge.rules.params('R20', deps.clock()).watchDaysAfterFinished;
      await turn.context.sendActivity(deps.templates.render('proactive.afterSalesCheckIn', { title, watchDays }));
      return undefined;
    }
  }
}
