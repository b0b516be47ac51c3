/**
 * F12 产品质量问题 (`003` 产品质量问题处理流程, `001` 三.c): photos → does it affect use?
 * yes → repair (parts sent for the buyer to fit, repair promised within the profile's days of
 * 交易成功), return and refund at our cost, or a new one; no → F13 compensation. Rules R4, R21.
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { OrderLine, Trade } from '../bot/orders/contract.js';
import { toRefundInput } from '../bot/orders/orderFacts.js';
import { routeRefund } from '../knowledge/policy/refund.js';
import { explainRefund } from '../templates/explain.js';
import { COMPENSATION, type CompensationOptions } from './compensationDialog.js';
import type { FlowOptions } from './exchangeDialog.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { OrderPickerDialog, PICK_ORDER } from './orderPicker.js';
import { PHOTO_CHOICES } from './wrongItemDialog.js';

export const QUALITY = 'quality';

interface QualityState {
  trade: Trade;
  line: OrderLine;
}

export class QualityDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(QUALITY, deps);
    this.addDialog(new OrderPickerDialog(deps));
    this.waterfall('main', [
      ['order', (s) => s.beginDialog(PICK_ORDER, { statuses: ['WAIT_BUYER_CONFIRM_GOODS', 'TRADE_FINISHED'], tid: (s.options as FlowOptions).tid })],
      ['line', (s) => this.chooseLine(s)],
      ['photos', (s) => this.askPhotos(s)],
      ['affectsUse', (s) => this.askAffectsUse(s)],
      ['remedy', (s) => this.askRemedy(s)],
      ['done', (s) => this.done(s)],
    ]);
  }

  private state(step: WaterfallStepContext): QualityState {
    return step.values as QualityState;
  }

  private async chooseLine(step: WaterfallStepContext) {
    const trade = step.result as Trade | undefined;
    if (!trade) return step.endDialog();
    await this.focus(step.context, trade.tid);
    this.state(step).trade = trade;
    return this.askWhichLine(step, trade);
  }

  private async askPhotos(step: WaterfallStepContext) {
    const state = this.state(step);
    state.line = state.trade.orders.find((o) => o.oid === (step.result as { value: string }).value)!;
    return this.ask(step, 'quality.askPhotos', { title: state.line.title }, PHOTO_CHOICES);
  }

  private askAffectsUse(step: WaterfallStepContext) {
    return this.askYesNo(
      step,
      'quality.askAffectsUse',
      {},
      { yes: '影响使用', no: '不影响，有点小瑕疵' },
      { yes: ['影响', '没法用', '用不了', '不能用', '坏了', '穿不了', '很影响'], no: ['不影响', '能用', '还能用', '小问题', '小瑕疵', '不太影响', '凑合'] },
    );
  }

  private async askRemedy(step: WaterfallStepContext) {
    const { trade, line } = this.state(step);
    if ((step.result as { value: string }).value === 'no')
      return this.switchTo(step, COMPENSATION, { tid: trade.tid, title: line.title } satisfies CompensationOptions);
    return this.ask(step, 'quality.askRemedy', {}, [
      { value: 'repair', label: '维修/补寄配件', phrases: ['维修', '修', '修一下', '配件', '补寄', '补配件'] },
      { value: 'return', label: '退货退款', phrases: ['退货', '退款', '退了', '不要了', '退'], intents: ['return_request', 'refund_request'] },
      { value: 'replace', label: '换个新的', phrases: ['换新', '换一个', '新的', '重新发', '换'], intents: ['exchange_request'] },
    ]);
  }

  private async done(step: WaterfallStepContext) {
    const { trade, line } = this.state(step);
    const remedy = (step.result as { value: string }).value;
    const now = this.deps.clock();
    if (remedy === 'return') {
      const route = routeRefund(this.deps.knowledge, toRefundInput(trade, line, 'quality'), now);
      await step.context.sendActivity(explainRefund(this.deps.templates, route));
      if (route.available) await this.say(step.context, 'refund.returnAddress', { address: this.deps.knowledge.profile.returnAddress });
      return step.endDialog();
    }
    await this.deps.cases.record(step.context, {
      kind: 'courier_follow_up',
      flow: this.id,
      tid: trade.tid,
      summary: this.render('case.qualityRemedy', { repair: remedy === 'repair', title: line.title }),
      ruleIds: ['R21'],
    });
    await this.say(step.context, `quality.${remedy}`, { repairDays: this.deps.knowledge.profile.repairPromiseDays, address: this.deps.knowledge.profile.returnAddress });
    return step.endDialog();
  }
}
