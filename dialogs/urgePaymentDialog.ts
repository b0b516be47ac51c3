/**
 * F1 催付 as a conversation (`003` 售前客服催付流程): an unpaid order → why is it unpaid? →
 * the matching offer or help (coupon, postage subsidy, size/quality reassurance, payment steps,
 * time to compare) → the reason is recorded (`003` 登记流失原因 汇总给组长).
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { Intent } from '../bot/nlu/types.js';
import type { Trade } from '../bot/orders/contract.js';
import type { FlowOptions } from './exchangeDialog.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { OrderPickerDialog, PICK_ORDER } from './orderPicker.js';

export const URGE_PAYMENT = 'urgePayment';

export const UNPAID_REASONS = ['price', 'postage', 'unsure', 'payment_trouble', 'comparing'] as const;
const UNPAID_LABELS: Record<(typeof UNPAID_REASONS)[number], string> = {
  price: '价格/优惠券',
  postage: '运费',
  unsure: '尺码或质量拿不准',
  payment_trouble: '付款遇到问题',
  comparing: '再看看比较一下',
};

/** How buyers type each reason, and intents that mean it ("太贵了" → price, "付不了款" → payment trouble). */
const UNPAID_WORDS: Record<(typeof UNPAID_REASONS)[number], { phrases: string[]; intents?: Intent[] }> = {
  price: { phrases: ['太贵', '贵', '便宜', '优惠', '券', '价格', '降价', '能便宜点'], intents: ['price_promotion'] },
  postage: { phrases: ['运费', '邮费', '包邮', '快递费'], intents: ['shipping_question'] },
  unsure: { phrases: ['尺码', '码数', '大小', '质量', '拿不准', '不确定', '合不合适', '不知道选哪个'], intents: ['size_advice', 'product_question'] },
  payment_trouble: { phrases: ['付不了', '付款失败', '付不上', '支付', '花呗', '付不了款', '银行卡'], intents: ['ask_payment_help'] },
  comparing: { phrases: ['再看看', '比较', '考虑', '再考虑', '想想', '再想想', '货比三家', '对比', '看看别家'] },
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
    this.addDialog(new OrderPickerDialog(deps));
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
    const choices = [
      ...UNPAID_REASONS.map((r) => ({ value: r, label: UNPAID_LABELS[r], ...UNPAID_WORDS[r] })),
      { value: NOT_WANTED, label: '不需要了，别再提醒', phrases: ['不要了', '不想要', '不买了', '不需要', '不想买了'] },
    ];
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
