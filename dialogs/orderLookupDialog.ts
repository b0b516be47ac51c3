/**
 * A message that is only an order number: look the order up (the buyer's own only — the order
 * service answers someone else's as not found), show it, and ask what the buyer needs about it,
 * offering the likely actions for its status. The chosen action starts that flow with the order.
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { Intent } from '../bot/nlu/types.js';
import type { Trade } from '../bot/orders/contract.js';
import { parseYuan } from '../knowledge/policy/money.js';
import type { TradeStatus } from '../knowledge/schema.js';
import type { FlowOptions } from './exchangeDialog.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { INVOICE } from './invoiceDialog.js';
import { LOGISTICS } from './logisticsDialog.js';
import { MODIFY_ORDER } from './modifyOrderDialog.js';
import { QUALITY } from './qualityDialog.js';
import { REFUND } from './refundDialog.js';
import { REVIEW } from './reviewDialog.js';
import { EXCHANGE } from './exchangeDialog.js';
import { URGE_PAYMENT } from './urgePaymentDialog.js';
import { URGE_SHIPPING } from './urgeShippingDialog.js';
import { WRONG_ITEM } from './wrongItemDialog.js';

export const ORDER_LOOKUP = 'orderLookup';

interface Action {
  /** The flow to start with the order. */
  dialog: string;
  label: string;
  /** Typed requests that mean this action ("想退" → 退货退款). */
  intents: Intent[];
  phrases?: string[];
}

const PAY: Action = { dialog: URGE_PAYMENT, label: '付款遇到问题', intents: ['ask_payment_help', 'price_promotion'], phrases: ['付款', '付不了', '支付'] };
const MODIFY: Action = { dialog: MODIFY_ORDER, label: '改地址/改订单', intents: ['modify_order'], phrases: ['改', '改地址', '改颜色', '改尺码', '备注'] };
const URGE: Action = { dialog: URGE_SHIPPING, label: '催发货', intents: ['urge_shipping', 'shipping_question'], phrases: ['发货', '快点发', '什么时候发'] };
const TRACK: Action = { dialog: LOGISTICS, label: '查物流', intents: ['logistics_query', 'not_received', 'urge_shipping'], phrases: ['物流', '快递', '到哪了', '没收到'] };
const REFUND_ACTION: Action = { dialog: REFUND, label: '退货退款', intents: ['refund_request', 'return_request', 'refund_progress'], phrases: ['退', '退货', '退款', '不想要了', '不要了'] };
const EXCHANGE_ACTION: Action = { dialog: EXCHANGE, label: '换货', intents: ['exchange_request'], phrases: ['换', '换码', '换尺码', '换颜色'] };
const QUALITY_ACTION: Action = { dialog: QUALITY, label: '质量问题', intents: ['quality_issue'], phrases: ['坏了', '质量'] };
const WRONG: Action = { dialog: WRONG_ITEM, label: '发错/漏发', intents: ['wrong_or_missing_item'], phrases: ['发错', '漏发', '少发', '少了'] };
const INVOICE_ACTION: Action = { dialog: INVOICE, label: '开发票', intents: ['invoice'], phrases: ['发票', '开票'] };
const REVIEW_ACTION: Action = { dialog: REVIEW, label: '评价', intents: ['review_feedback'], phrases: ['好评', '差评', '返现'] };

/** What a buyer is likely to need for an order in each status. */
export const ORDER_ACTIONS: Record<TradeStatus, Action[]> = {
  WAIT_BUYER_PAY: [PAY, MODIFY, { ...REFUND_ACTION, label: '不想要了' }],
  WAIT_SELLER_SEND_GOODS: [URGE, MODIFY, { ...REFUND_ACTION, label: '退款' }, INVOICE_ACTION],
  WAIT_BUYER_CONFIRM_GOODS: [TRACK, REFUND_ACTION, EXCHANGE_ACTION, QUALITY_ACTION, WRONG, INVOICE_ACTION],
  TRADE_FINISHED: [REFUND_ACTION, QUALITY_ACTION, INVOICE_ACTION, REVIEW_ACTION],
  TRADE_CLOSED: [],
};

export class OrderLookupDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(ORDER_LOOKUP, deps);
    this.waterfall('main', [
      ['show', (s) => this.show(s)],
      ['act', (s) => this.act(s)],
    ]);
  }

  private async show(step: WaterfallStepContext) {
    let trade: Trade;
    try {
      trade = await this.deps.orders.getTrade(this.buyerOf(step), (step.options as FlowOptions).tid!);
    } catch (error) {
      return this.orderFailure(step, error);
    }
    await this.focus(step.context, trade.tid);
    const first = trade.orders[0]!;
    await this.say(step.context, 'order.summary', {
      title: first.title,
      more: trade.orders.length - 1,
      status: trade.status,
      created: trade.created,
      payment: parseYuan(trade.payment),
    });
    const actions = ORDER_ACTIONS[trade.status];
    if (actions.length === 0) {
      await this.say(step.context, 'order.closed');
      return step.endDialog();
    }
    (step.values as { tid: string }).tid = trade.tid;
    return this.ask(
      step,
      'order.whatAbout',
      {},
      actions.map((a) => ({ value: a.dialog, label: a.label, intents: a.intents, phrases: a.phrases })),
    );
  }

  private act(step: WaterfallStepContext) {
    const { tid } = step.values as { tid: string };
    return this.switchTo(step, (step.result as { value: string }).value, { tid } satisfies FlowOptions);
  }
}
