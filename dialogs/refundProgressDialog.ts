/**
 * A refund already asked for ("我的退款怎么还没处理", "退款被拒了", "卖家一直不处理 能找小二吗"):
 * F4's refund statuses (`001` 二.2) and F15's 小二介入 branch (`003` 售后维权处理流程). Which
 * refund → where it stands, who acts next and by when, what happens then (R14 automatic
 * agreement) → refused by the seller: edit and resubmit, the evidence that helps, when and how
 * to ask for 介入 (R14, R19) → already with 小二: the platform's time and the evidence, and no
 * more advice to apply. Never opens a second refund.
 */
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Refund, Trade } from '../bot/orders/contract.js';
import { skuName } from '../bot/orders/skus.js';
import { isRefundOpen, refundProgress, type RefundProgress, type RefundRecord } from '../knowledge/policy/refundProgress.js';
import { parseYuan } from '../knowledge/policy/money.js';
import { PLATFORM_EVIDENCE } from '../templates/explain.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { REFUND } from './refundDialog.js';

export const REFUND_PROGRESS = 'refundProgress';

export interface RefundProgressOptions {
  tid?: string;
  /** The buyer already said 小二介入 has been asked for ("已经申请小二介入了"). */
  interventionSaid?: boolean;
}

interface ProgressState {
  tid: string;
  refundId: string;
}

/** The refund in the terms the policy takes (the reason text is the buyer's choice on the platform). */
export function refundRecord(refund: Refund): RefundRecord {
  return {
    refundId: refund.refundId,
    oid: refund.oid,
    status: refund.status,
    createdAt: new Date(refund.created),
    timeoutAt: refund.timeout ? new Date(refund.timeout) : undefined,
    interventionRequestedAt: refund.interventionRequestedAt ? new Date(refund.interventionRequestedAt) : undefined,
    notReceived: refund.reason.includes('未收到'),
  };
}

export class RefundProgressDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(REFUND_PROGRESS, deps);
    this.waterfall('main', [
      ['order', (s) => this.chooseTrade(s)],
      ['refund', (s) => this.chooseRefund(s)],
      ['progress', (s) => this.progress(s)],
      ['intervention', (s) => this.afterInterventionAnswer(s)],
    ]);
  }

  private state(step: WaterfallStepContext): ProgressState {
    return step.values as ProgressState;
  }

  /** The order named, else the buyer's orders that have refunds: the only one, or a choice. */
  private async chooseTrade(step: WaterfallStepContext) {
    const { tid } = step.options as RefundProgressOptions;
    const buyer = this.buyerOf(step);
    try {
      if (tid) return step.next({ value: (await this.deps.orders.getTrade(buyer, tid)).tid });
      const withRefunds = (await this.deps.orders.listTrades(buyer)).filter((t) => t.refunds.length > 0);
      if (withRefunds.length === 0) {
        await this.say(step.context, 'refundProgress.none');
        return this.switchTo(step, REFUND);
      }
      if (withRefunds.length === 1) return step.next({ value: withRefunds[0]!.tid });
      return this.ask(
        step,
        'refundProgress.whichOrder',
        {},
        withRefunds.map((t) => ({ value: t.tid, tid: t.tid, label: t.orders[0]!.title, phrases: t.orders.flatMap((o) => [o.title, ...Object.values(o.skuProperties)]) })),
        { kind: 'order' },
      );
    } catch (error) {
      return this.orderFailure(step, error);
    }
  }

  private chooseRefund(step: WaterfallStepContext) {
    const tid = (step.result as { value: string }).value;
    return this.withTrade(step, tid, (trade) => this.chooseRefundOf(step, trade));
  }

  private async chooseRefundOf(step: WaterfallStepContext, trade: Trade) {
    const { tid } = trade;
    await this.focus(step.context, tid);
    this.state(step).tid = tid;
    const refunds = trade.refunds;
    if (refunds.length === 0) {
      await this.say(step.context, 'refundProgress.noneOnOrder');
      return this.switchTo(step, REFUND, { tid });
    }
    const open = refunds.filter(isRefundOpen);
    // One under way: that one; none: the latest, settled one.
    if (open.length <= 1) return step.next({ value: (open[0] ?? refunds.at(-1)!).refundId });
    return this.ask(
      step,
      'refundProgress.whichRefund',
      {},
      open.map((r) => {
        const line = trade.orders.find((o) => o.oid === r.oid)!;
        return { value: r.refundId, label: `${line.title}（${skuName(line.skuProperties)}）`, phrases: [line.title, ...Object.values(line.skuProperties)] };
      }),
    );
  }

  private progress(step: WaterfallStepContext) {
    const state = this.state(step);
    state.refundId = (step.result as { value: string }).value;
    return this.withTrade(step, state.tid, (trade) => this.progressOf(step, trade));
  }

  private async progressOf(step: WaterfallStepContext, trade: Trade) {
    const refund = trade.refunds.find((r) => r.refundId === this.state(step).refundId)!;
    const line = trade.orders.find((o) => o.oid === refund.oid)!;
    const now = this.deps.clock();
    const progress = refundProgress(this.deps.knowledge, trade.platform, refundRecord(refund), now);
    await this.say(step.context, 'refundProgress.status', {
      title: line.title,
      refundFee: parseYuan(refund.refundFee),
      status: progress.status,
      nextActor: progress.nextActor,
      dueAt: progress.dueAt ?? false,
      remainingMs: progress.dueAt ? progress.dueAt.getTime() - now.getTime() : 0,
      autoAgreeAtDue: progress.autoAgreeAtDue,
      intervention: progress.intervention,
      interventionOpensAt: progress.interventionOpensAt ?? false,
      ruleIds: progress.ruleIds,
    });
    if (progress.intervention === 'requested') return this.withPlatform(step, progress, refund.interventionRequestedAt);
    if (progress.status !== 'SELLER_REFUSE_BUYER') return step.endDialog();
    await this.say(step.context, 'refundProgress.refused', {
      intervention: progress.intervention,
      interventionOpensAt: progress.interventionOpensAt ?? false,
      evidence: PLATFORM_EVIDENCE,
      tmall: trade.platform === 'tmall',
    });
    if ((step.options as RefundProgressOptions).interventionSaid) return this.withPlatform(step, progress);
    return this.askYesNo(
      step,
      'refundProgress.askIntervention',
      {},
      { yes: '已经申请了介入', no: '还没有' },
      { yes: ['申请了', '已经申请', '介入了', '找了小二', '小二介入了', '已经找小二了'], no: ['没有', '还没', '没申请', '还没申请'] },
    );
  }

  private async afterInterventionAnswer(step: WaterfallStepContext) {
    if ((step.result as { value: string }).value === 'yes') {
      return this.withTrade(step, this.state(step).tid, (trade) => {
        const refund = trade.refunds.find((r) => r.refundId === this.state(step).refundId)!;
        const now = this.deps.clock();
        // The buyer's word that 介入 was asked for: the policy answers as if the record said so.
        return this.withPlatform(step, refundProgress(this.deps.knowledge, trade.platform, { ...refundRecord(refund), interventionRequestedAt: now }, now));
      });
    }
    // Not yet with 小二: F15 settles first, so a person checks the refusal again with the buyer.
    return this.escalate(step, { moneyDecision: true }, { tid: this.state(step).tid, summary: this.render('case.refundRefused'), ruleIds: ['R14'] });
  }

  /** 小二介入 asked for: the platform's time and the evidence; no more advice to apply. */
  private async withPlatform(step: WaterfallStepContext, progress: RefundProgress, requestedAt?: string) {
    await this.say(step.context, 'refundProgress.withPlatform', {
      requestedAt: requestedAt ?? false,
      platformWithinWorkingDays: progress.platformWithinWorkingDays ?? false,
      evidence: PLATFORM_EVIDENCE,
      ruleIds: progress.ruleIds,
    });
    return step.endDialog();
  }

  /** Reads the order afresh (state keeps only its id), or answers the failure. */
  private async withTrade(step: WaterfallStepContext, tid: string, then: (trade: Trade) => Promise<DialogTurnResult>): Promise<DialogTurnResult> {
    let trade: Trade;
    try {
      trade = await this.deps.orders.getTrade(this.buyerOf(step), tid);
    } catch (error) {
      return this.orderFailure(step, error);
    }
    return then(trade);
  }
}
