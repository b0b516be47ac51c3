/**
 * F1 催付 as a conversation (`003` 售前客服催付流程): an unpaid order → why is it unpaid? →
 * the matching offer or help (coupon, postage subsidy, size/quality reassurance, payment steps,
 * time to compare) → the reason is recorded (`003` 登记流失原因 汇总给组长).
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { Trade } from '../bot/orders/contract.js';
import type { FlowOptions } from './exchangeDialog.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { PICK_ORDER } from './orderPicker.js';

export const URGE_PAYMENT = 'urgePayment';

export const UNPAID_REASONS = ['price', 'postage', 'unsure', 'payment_trouble', 'comparing'] as const;
const UNPAID_LABELS: Record<(typeof UNPAID_REASONS)[number], string> = {
  price: '价格/优惠券',
  postage: '运费',
  unsure: '尺码或质量拿不准',
  payment_trouble: '付款遇到问题',
  comparing: '再看看比较一下',
};

export interface UrgePaymentOptions extends FlowOptions {
  /** Started by the shop's reminder rather than by the buyer. */
  reminder?: boolean;
}

/** Besides the reasons: the buyer does not want it, and no more reminders. */
const NOT_WANTED = 'not_wanted';

export class UrgePaymentDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(URGE_PAYMENT, deps);
    this.waterfall('main', [
      ['order', (s) => s.beginDialog(PICK_ORDER, { statuses: ['WAIT_BUYER_PAY'], tid: (s.options as FlowOptions).tid })],
      ['why', (s) => this.askWhy(s)],
      ['answer', (s) => this.answer(s)],
    ]);
  }

  private async askWhy(step: WaterfallStepContext) {
    const trade = step.result as Trade | undefined;
    if (!trade) {
      await this.say(step.context, 'payment.generalHelp');
      return step.endDialog();
    }
    (step.values as { trade: Trade }).trade = trade;
    await this.focus(step.context, trade.tid);
    const data = { title: trade.orders[0]!.title };
    const choices = [...UNPAID_REASONS.map((r) => ({ value: r, label: UNPAID_LABELS[r] })), { value: NOT_WANTED, label: '不需要了，别再提醒' }];
    if ((step.options as UrgePaymentOptions).reminder) return this.ask(step, 'payment.reminder', data, choices);
    return this.ask(step, 'payment.askWhy', data, choices);
  }

  private async answer(step: WaterfallStepContext) {
    const { trade } = step.values as { trade: Trade };
    const reason = (step.result as { value: (typeof UNPAID_REASONS)[number] | typeof NOT_WANTED }).value;
    if (reason === NOT_WANTED) {
      await this.deps.optOuts.optOut(this.buyerOf(step));
      await this.say(step.context, 'payment.optedOut');
      await this.deps.cases.record(step.context, { kind: 'unpaid_reason', flow: this.id, tid: trade.tid, reasons: [reason], summary: this.render('case.unpaidNotWanted') });
      return step.endDialog();
    }
    const { unpaidOffers, shipping } = this.deps.knowledge.profile;
    await this.say(step.context, `payment.offer.${reason}`, {
      couponYuan: unpaidOffers.coupon.amountYuan,
      minSpendYuan: unpaidOffers.coupon.minSpendYuan,
      postageSubsidyYuan: unpaidOffers.postageSubsidyYuan,
      promiseHours: shipping.promiseHours,
    });
    await this.deps.cases.record(step.context, { kind: 'unpaid_reason', flow: this.id, tid: trade.tid, reasons: [reason], summary: this.render('case.unpaidReason', { reason: UNPAID_LABELS[reason] }) });
    return step.endDialog();
  }
}
