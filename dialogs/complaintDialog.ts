/**
 * F15 投诉/维权 (`003` 售后维权处理流程): settle first — learn what happened and hand it to a
 * person who verifies it and, once settled, asks the buyer to withdraw; where the buyer has
 * already filed or asked for 小二, also say what evidence both sides bring to the platform.
 * A complaint about a refund under way ("卖家一直不处理 能找小二吗") is F15's 小二介入 branch:
 * the refund's progress and its 介入 rules answer it. A buyer who asked for the 主管 gets the
 * supervisor's rung; otherwise whether the shop is at fault is for a person to judge, so the
 * rung is the agent's.
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { isRefundOpen } from '../knowledge/policy/refundProgress.js';
import { PLATFORM_EVIDENCE } from '../templates/explain.js';
import type { FlowOptions } from './exchangeDialog.js';
import { FlowDialog, resolveTyped, type Choice } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { REFUND_PROGRESS, type RefundProgressOptions } from './refundProgressDialog.js';

export const COMPLAINT = 'complaint';

export interface ComplaintOptions extends FlowOptions {
  /** The buyer asked for the 主管 (intent ask_supervisor). */
  supervisor?: boolean;
}

const FILED: Choice[] = [
  { value: 'filed', label: '已经投诉/申请了小二介入', phrases: ['已经投诉', '投诉了', '已经申请', '申请了', '小二介入了', '找过小二', '投了', '已经找了'] },
  { value: 'not_yet', label: '还没有，先跟你们反映', polarity: 'no', phrases: ['还没', '没投诉', '先反映', '先跟你们说', '没有投诉'] },
];

export class ComplaintDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(COMPLAINT, deps);
    this.waterfall('main', [
      ['filed', (s) => this.askFiled(s)],
      ['what', (s) => this.askWhat(s)],
      ['handOver', (s) => this.handOver(s)],
    ]);
  }

  private async askFiled(step: WaterfallStepContext) {
    const { tid, supervisor } = step.options as ComplaintOptions;
    if (!supervisor) {
      const disputed = await this.orderWithOpenRefund(step, tid);
      if (disputed) {
        // What the buyer already said ("已经申请小二介入了") counts: no asking again.
        const interventionSaid = resolveTyped(step.context, { kind: 'choice', options: FILED }).status === 'picked';
        return this.switchTo(step, REFUND_PROGRESS, { tid: disputed, interventionSaid } satisfies RefundProgressOptions);
      }
    }
    return this.ask(step, 'complaint.askFiled', { supervisor: supervisor === true }, FILED);
  }

  /** The order (named, or the buyer's latest) with a refund still under way, if any. */
  private async orderWithOpenRefund(step: WaterfallStepContext, tid?: string): Promise<string | undefined> {
    const buyer = this.buyerOf(step);
    try {
      const trades = tid ? [await this.deps.orders.getTrade(buyer, tid)] : await this.deps.orders.listTrades(buyer);
      return trades.find((t) => t.refunds.some(isRefundOpen))?.tid;
    } catch {
      // The order system failing must not stop a complaint: it goes on as F15 without it.
      return undefined;
    }
  }

  private askWhat(step: WaterfallStepContext) {
    (step.values as { filed: boolean }).filed = (step.result as { value: string }).value === 'filed';
    return this.askText(step, 'complaint.askWhat', {}, { onTheSpot: false });
  }

  private async handOver(step: WaterfallStepContext) {
    const { filed } = step.values as { filed: boolean };
    const { tid, supervisor } = step.options as ComplaintOptions;
    const what = String(step.result);
    if (filed) await this.say(step.context, 'handoff.platformAdvice', { evidence: PLATFORM_EVIDENCE });
    return this.escalate(
      step,
      { complaintFiled: filed, platformInterventionRequested: filed, angry: true, askedForSupervisor: supervisor },
      { tid, summary: this.render('case.complaint', { filed, what }), ruleIds: ['R24'] },
    );
  }
}
