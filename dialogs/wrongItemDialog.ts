/**
 * F11 发错货/漏发 (`002` 错发货, `003` 发错货处理流程): photos → offer to put it right (reship
 * the missing or right item within 3 working days at our cost, R6) → refused: return and refund
 * with a free courier pickup (R29) → still unhappy: what would they like? → a supervisor decides
 * (or, if judged excessive after negotiating, the agent reports to 小二).
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { Trade } from '../bot/orders/contract.js';
import { extractEntities } from '../bot/nlu/entities.js';
import { yuanToFen } from '../knowledge/policy/money.js';
import type { FlowOptions } from './exchangeDialog.js';
import { FlowDialog, type Choice } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { OrderPickerDialog, PICK_ORDER } from './orderPicker.js';

export const WRONG_ITEM = 'wrongItem';

/** "Send photos, then press": typed "发了"/"好了" or "等会儿"/"还没拍" work too. */
export const PHOTO_CHOICES: Choice[] = [
  { value: 'sent', label: '照片发好了', polarity: 'yes', phrases: ['发了', '发好了', '拍好了', '已发', '传了', '好了', '发过了', '拍了', '上传了'] },
  { value: 'later', label: '稍后再拍', polarity: 'no', phrases: ['稍后', '等会', '晚点', '等下', '待会', '没拍', '还没拍', '不方便', '回头', '明天'] },
];

interface WrongItemState {
  trade: Trade;
  kind: 'wrong' | 'missing';
}

export class WrongItemDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(WRONG_ITEM, deps);
    this.addDialog(new OrderPickerDialog(deps));
    this.waterfall('main', [
      ['order', (s) => s.beginDialog(PICK_ORDER, { statuses: ['WAIT_BUYER_CONFIRM_GOODS', 'TRADE_FINISHED'], tid: (s.options as FlowOptions).tid })],
      ['kind', (s) => this.askKind(s)],
      ['photos', (s) => this.askPhotos(s)],
      ['offer', (s) => this.offer(s)],
      ['answer', (s) => this.answer(s)],
      ['wish', (s) => this.wish(s)],
    ]);
  }

  private state(step: WaterfallStepContext): WrongItemState {
    return step.values as WrongItemState;
  }

  private async askKind(step: WaterfallStepContext) {
    const trade = step.result as Trade | undefined;
    if (!trade) return step.endDialog();
    await this.focus(step.context, trade.tid);
    this.state(step).trade = trade;
    return this.ask(step, 'wrongItem.askKind', {}, [
      { value: 'wrong', label: '发错了款式/颜色/尺码', phrases: ['发错', '错了', '不对', '发成', '颜色不对', '尺码不对', '款式不对', '不是我买的'] },
      { value: 'missing', label: '少发/漏发了', phrases: ['少发', '漏发', '少了', '缺', '没发', '少一件', '少一个', '少'] },
    ]);
  }

  private async askPhotos(step: WaterfallStepContext) {
    this.state(step).kind = (step.result as { value: 'wrong' | 'missing' }).value;
    return this.ask(step, 'wrongItem.askPhotos', {}, PHOTO_CHOICES);
  }

  private async offer(step: WaterfallStepContext) {
    const { kind } = this.state(step);
    const p = this.deps.knowledge.rules.params('R6', this.deps.clock());
    return this.ask(step, `wrongItem.offer.${kind}`, { workingDays: p.reshipWithinWorkingDays }, [
      { value: 'reship', label: kind === 'missing' ? '好的，给我补发' : '好的，给我换成对的', polarity: 'yes', phrases: ['补发', '补寄', '换成对的', '重新发', '寄过来'] },
      { value: 'return', label: '我要退货退款', phrases: ['退货', '退款', '退了', '不要了', '退'], intents: ['return_request', 'refund_request'] },
      { value: 'unhappy', label: '都不满意', phrases: ['不满意', '都不行', '不接受', '赔偿', '赔钱', '补偿', '投诉'] },
    ]);
  }

  private async answer(step: WaterfallStepContext) {
    const { trade, kind } = this.state(step);
    const choice = (step.result as { value: string }).value;
    const now = this.deps.clock();
    if (choice === 'reship') {
      await this.deps.cases.record(step.context, { kind: 'courier_follow_up', flow: this.id, tid: trade.tid, summary: this.render('case.reship', { missing: kind === 'missing' }), ruleIds: ['R6'] });
      await this.say(step.context, 'wrongItem.reshipping', { workingDays: this.deps.knowledge.rules.params('R6', now).reshipWithinWorkingDays, ruleIds: ['R6'] });
      return step.endDialog();
    }
    if (choice === 'return') {
      await this.say(step.context, 'wrongItem.returnWithPickup', { pickupYuan: this.deps.knowledge.rules.params('R29', now).buyerPaysYuan, ruleIds: ['R29', 'R4'] });
      return step.endDialog();
    }
    return this.askText(step, 'wrongItem.askWish', {}, { onTheSpot: false });
  }

  private async wish(step: WaterfallStepContext) {
    const { trade } = this.state(step);
    const wish = String(step.result);
    const amountYuan = extractEntities(wish, this.deps.clock()).amountYuan;
    return this.escalate(
      step,
      { reasonableDemandBeyondPolicy: true, ...(amountYuan !== undefined && { compensationRequested: yuanToFen(amountYuan) }) },
      { tid: trade.tid, summary: this.render('case.wrongItemUnresolved', { wish }), ruleIds: ['R6', 'R30'] },
    );
  }
}
