/**
 * F4 退款 by order status and F5 七天无理由退货 (`000` 天猫维权流程, `001` §二.2, `002`, `003`
 * 售后问题处理思路): which order and item → the reasons that fit its status → where that leads
 * (refund kind, who pays the return postage, what to send, compensation) → for the buyer's own
 * reasons, first try to keep the sale (exchange, or a small compensation an agent arranges) →
 * return address and the deadlines running. A line with a refund already under way is never
 * refunded twice: its progress is shown instead. A reason the buyer already gave ("我想退货
 * 不喜欢") is not asked again; the offer to keep the item comes at most once per conversation.
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { Intent } from '../bot/nlu/types.js';
import type { OrderLine, Trade } from '../bot/orders/contract.js';
import { toOrderFacts, toRefundInput } from '../bot/orders/orderFacts.js';
import { runningDeadlines } from '../knowledge/policy/deadlines.js';
import { refundReasonsFor, retentionOffer, routeRefund, type RefundRoute } from '../knowledge/policy/refund.js';
import { openRefundOf } from '../knowledge/policy/refundProgress.js';
import { explainRefund, listDeadlines } from '../templates/explain.js';
import { afterSalesMemory } from './afterSalesMemory.js';
import { EXCHANGE, type FlowOptions } from './exchangeDialog.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { OrderPickerDialog, PICK_ORDER } from './orderPicker.js';
import { REFUND_PROGRESS, type RefundProgressOptions } from './refundProgressDialog.js';

export const REFUND = 'refund';

/** How buyers type each refund reason, besides its label; and intents that mean it. */
const REASON_WORDS: Record<string, { phrases: string[]; intents?: Intent[] }> = {
  not_shipped_in_time: { phrases: ['发货太慢', '还没发', '不发货', '迟迟不发', '超时', '一直不发'], intents: ['urge_shipping'] },
  out_of_stock: { phrases: ['没货', '缺货', '断货', '没库存'] },
  no_longer_wanted: { phrases: ['不要了', '不想要', '不需要', '不买了', '拍错了', '买错了', '不想买了'] },
  not_received: { phrases: ['没收到', '没到', '没拿到', '丢件', '丢了', '收不到'], intents: ['not_received'] },
  dislike: { phrases: ['不喜欢', '不想要', '不要了', '不合心意', '不好看', '买错了', '不需要', '不想要了'] },
  wrong_size: { phrases: ['尺码', '小了', '大了', '太小', '太大', '不合身', '偏大', '偏小', '颜色', '色差', '尺寸', '穿不下'], intents: ['exchange_request', 'size_advice'] },
  quality: { phrases: ['质量', '坏了', '开线', '瑕疵', '起球', '掉色', '有问题', '质量差'], intents: ['quality_issue'] },
  not_as_described: { phrases: ['描述不符', '不一样', '货不对板', '和图片不一样', '跟图片不一样', '图片不符', '不符'] },
  wrong_or_missing: { phrases: ['发错', '漏发', '少发', '少了', '错了', '不是我买的'], intents: ['wrong_or_missing_item'] },
  damaged: { phrases: ['破损', '压坏', '碎了', '摔坏', '烂了', '破了'] },
  needs_repair: { phrases: ['维修', '修', '修一下', '要修'] },
};

/** "Still a refund, thanks", typed. */
const STILL_REFUND = ['退', '退货', '退款', '还是退', '要退', '退了吧', '不换', '不要补偿', '就退'];

interface RefundState {
  /** Reasons the opening message named (ids only): one that fits the order's status is not asked again. */
  saidReasons: string[];
  trade: Trade;
  line: OrderLine;
  route: RefundRoute;
}

/**
 * Words that name no reason on their own: the refund request itself ("不想要了退款"), or the
 * order's state ("鞋子还没发": true of every unshipped order, late or not).
 */
const REQUEST_WORDS = ['不要了', '不想要', '不需要', '不买了', '不想买', '还没发'];

/** The reasons whose label or words (other than the request's own) appear in what the buyer wrote. */
export function reasonsNamedIn(text: string, reasons: { id: string; label: string }[]): string[] {
  const saysWhy = (words: string) => !REQUEST_WORDS.some((w) => words.includes(w)) && text.includes(words);
  return reasons.filter((r) => [r.label, ...(REASON_WORDS[r.id]?.phrases ?? [])].some(saysWhy)).map((r) => r.id);
}

export class RefundDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(REFUND, deps);
    this.addDialog(new OrderPickerDialog(deps));
    this.waterfall('main', [
      ['order', (s) => this.pickOrder(s)],
      ['line', (s) => this.chooseLine(s)],
      ['reason', (s) => this.askReason(s)],
      ['route', (s) => this.route(s)],
      ['retained', (s) => this.retained(s)],
    ]);
  }

  private state(step: WaterfallStepContext): RefundState {
    return step.values as RefundState;
  }

  private pickOrder(step: WaterfallStepContext) {
    this.state(step).saidReasons = reasonsNamedIn(step.context.activity.text ?? '', this.deps.knowledge.refundReasons);
    return step.beginDialog(PICK_ORDER, {
      statuses: ['WAIT_BUYER_PAY', 'WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS', 'TRADE_FINISHED'],
      tid: (step.options as FlowOptions).tid,
    });
  }

  private async chooseLine(step: WaterfallStepContext) {
    const trade = step.result as Trade | undefined;
    if (!trade) return step.endDialog();
    await this.focus(step.context, trade.tid);
    if (trade.status === 'WAIT_BUYER_PAY') {
      await this.say(step.context, 'refund.unpaid');
      return step.endDialog();
    }
    this.state(step).trade = trade;
    return this.askWhichLine(step, trade);
  }

  private async askReason(step: WaterfallStepContext) {
    const state = this.state(step);
    state.line = state.trade.orders.find((o) => o.oid === (step.result as { value: string }).value)!;
    if (openRefundOf(state.trade.refunds, state.line.oid)) {
      await this.say(step.context, 'refund.alreadyRequested');
      return this.switchTo(step, REFUND_PROGRESS, { tid: state.trade.tid } satisfies RefundProgressOptions);
    }
    const reasons = refundReasonsFor(this.deps.knowledge, state.trade.status);
    const said = reasons.filter((r) => state.saidReasons.includes(r.id));
    if (said.length === 1) {
      await this.say(step.context, 'refund.reasonTaken', { status: state.trade.status, reason: said[0]!.label });
      return step.next({ value: said[0]!.id });
    }
    return this.ask(
      step,
      'refund.askReason',
      { status: state.trade.status },
      reasons.map((r) => ({ value: r.id, label: r.label, ...REASON_WORDS[r.id] })),
    );
  }

  private async route(step: WaterfallStepContext) {
    const state = this.state(step);
    const { trade, line } = state;
    const now = this.deps.clock();
    state.route = routeRefund(this.deps.knowledge, toRefundInput(trade, line, (step.result as { value: string }).value), now);
    if (!state.route.available) {
      await step.context.sendActivity(explainRefund(this.deps.templates, state.route));
      return step.endDialog();
    }
    const memory = await afterSalesMemory(this.deps, step.context);
    const retention = retentionOffer(this.deps.knowledge, state.route, toRefundInput(trade, line, state.route.reason!.id).signed, memory.retentionOffered === true, now);
    if (retention.offer) {
      // F5: before accepting a return for the buyer's own reasons, try to keep the sale (once).
      memory.retentionOffered = true;
      if (state.route.suggestExchange)
        return this.ask(step, 'refund.retainExchange', {}, [
          { value: 'exchange', label: '换个尺码/颜色', polarity: 'yes', phrases: ['换', '换货', '换一个', '换个', '换码'], intents: ['exchange_request'] },
          { value: 'refund', label: '还是退吧', polarity: 'no', phrases: STILL_REFUND },
        ]);
      return this.ask(step, 'refund.retainCompensation', {}, [
        { value: 'keep', label: '有补偿的话可以留下', polarity: 'yes', phrases: ['留下', '补偿', '可以留', '有补偿', '那留着'] },
        { value: 'refund', label: '还是退吧', polarity: 'no', phrases: STILL_REFUND },
      ]);
    }
    return step.next({ value: 'refund' });
  }

  private async retained(step: WaterfallStepContext) {
    const { trade, route } = this.state(step);
    const choice = (step.result as { value: string }).value;
    if (choice === 'exchange') return this.switchTo(step, EXCHANGE, { tid: trade.tid } satisfies FlowOptions);
    if (choice === 'keep')
      return this.escalate(step, { moneyDecision: true }, { tid: trade.tid, summary: this.render('case.retainWithCompensation', { reason: route.reason!.label }), ruleIds: route.ruleIds });
    await step.context.sendActivity(explainRefund(this.deps.templates, route));
    if (route.returnPostage !== 'none') await this.say(step.context, 'refund.returnAddress', { address: this.deps.knowledge.profile.returnAddress });
    await this.say(step.context, 'refund.howToApply', { kind: route.kind });
    const deadlines = runningDeadlines(this.deps.knowledge, toOrderFacts(trade), this.deps.clock());
    if (deadlines.length) await step.context.sendActivity(listDeadlines(this.deps.templates, deadlines));
    return step.endDialog();
  }
}
