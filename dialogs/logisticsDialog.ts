/**
 * F10 物流查件 (`000` Q3, `002` 快递超区, `003` 物流查件流程): the parcel's tracking, then the
 * problem — not delivered upstairs (we arrange it with the courier); slow (beyond the normal
 * time? explain and compensate : expected time, never an absolute promise, R30); out of the
 * courier's area (contact the courier, switch or reship); signed but not received (check for a
 * stand-in signature, else 未收到货 with R17's 72 h and a person to follow up). A parcel with no
 * courier scan for longer than the normal transit time has stalled, whatever the buyer asked:
 * we chase the courier, and 仅退款 while in transit is theirs to choose (F4).
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { Logistics, Trade } from '../bot/orders/contract.js';
import { parcelProgress } from '../knowledge/policy/parcel.js';
import { DAY } from '../knowledge/policy/time.js';
import type { FlowOptions } from './exchangeDialog.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { OrderPickerDialog, PICK_ORDER } from './orderPicker.js';
import { URGE_SHIPPING } from './urgeShippingDialog.js';

export const LOGISTICS = 'logistics';

export interface LogisticsOptions extends FlowOptions {
  /** Skip asking: the buyer already said the parcel shows signed but never arrived. */
  problem?: 'not_received';
}

interface LogisticsState {
  trade: Trade;
  logistics: Logistics;
}

export class LogisticsDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(LOGISTICS, deps);
    this.addDialog(new OrderPickerDialog(deps));
    this.waterfall('main', [
      [
        'order',
        (s) => s.beginDialog(PICK_ORDER, { statuses: ['WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS', 'TRADE_FINISHED'], tid: (s.options as FlowOptions).tid }),
      ],
      ['tracking', (s) => this.tracking(s)],
      ['problem', (s) => this.problem(s)],
      ['standIn', (s) => this.afterStandInCheck(s)],
    ]);
  }

  private state(step: WaterfallStepContext): LogisticsState {
    return step.values as LogisticsState;
  }

  private async tracking(step: WaterfallStepContext) {
    const trade = step.result as Trade | undefined;
    if (!trade) return step.endDialog();
    await this.focus(step.context, trade.tid);
    if (trade.status === 'WAIT_SELLER_SEND_GOODS') {
      await this.say(step.context, 'logistics.notShipped');
      return this.switchTo(step, URGE_SHIPPING, { tid: trade.tid } satisfies FlowOptions);
    }
    const state = this.state(step);
    state.trade = trade;
    try {
      state.logistics = await this.deps.orders.getLogistics(this.buyerOf(step), trade.tid);
    } catch (error) {
      return this.orderFailure(step, error);
    }
    const latest = state.logistics.events.at(-1);
    await this.say(step.context, 'logistics.summary', { company: state.logistics.company, trackingNo: state.logistics.trackingNo, latest: latest ?? false });
    if ((step.options as LogisticsOptions).problem === 'not_received') return step.next({ value: 'not_received' });
    return this.ask(step, 'logistics.askProblem', {}, [
      { value: 'not_upstairs', label: '快递不送上门', phrases: ['不送上门', '不送货', '不上门', '放驿站', '放快递柜', '丢驿站', '送上楼', '不送', '不送上楼'] },
      { value: 'slow', label: '物流太慢', phrases: ['太慢', '慢', '好慢', '还没到', '怎么还没到', '没动', '不动', '卡住', '不更新'], intents: ['logistics_query'] },
      { value: 'out_of_area', label: '显示超区/派送不了', phrases: ['超区', '派送不了', '送不了', '不派送', '派不了', '到不了'] },
      { value: 'not_received', label: '显示签收但没收到', phrases: ['签收', '没收到', '被签收', '显示签收', '被人拿了'], intents: ['not_received'] },
      { value: 'fine', label: '没问题了', polarity: 'no', phrases: ['没事', '好了', '知道了', '没问题', '看到了', '行了'] },
    ]);
  }

  private async problem(step: WaterfallStepContext) {
    const { trade, logistics } = this.state(step);
    const problem = (step.result as { value: string }).value;
    const courier = (summary: string) => this.deps.cases.record(step.context, { kind: 'courier_follow_up', flow: this.id, tid: trade.tid, summary });
    const lastScanAt = new Date(logistics.events.at(-1)?.time ?? trade.consignTime!);
    const parcel = parcelProgress(this.deps.knowledge, { lastScanAt, signed: trade.signTime !== undefined }, this.deps.clock());
    if (parcel.stalled && (problem === 'slow' || problem === 'not_received')) {
      await courier(this.render('case.stalledParcel', { days: parcel.daysSinceLastScan }));
      await this.say(step.context, 'logistics.stalled', { days: parcel.daysSinceLastScan, normalDays: parcel.normalTransitDays, ruleIds: parcel.ruleIds });
      return step.endDialog();
    }
    switch (problem) {
      case 'not_upstairs':
        await courier('快递不送货上门，请联系快递安排送货并跟进');
        await this.say(step.context, 'logistics.notUpstairs');
        return step.endDialog();
      case 'out_of_area':
        await courier('快递显示超区/无法派送，请联系快递，必要时换快递或补发');
        await this.say(step.context, 'logistics.outOfArea');
        return step.endDialog();
      case 'slow':
        return this.slow(step);
      case 'not_received':
        if (!trade.signTime) {
          await this.say(step.context, 'logistics.notYetDelivered');
          return step.endDialog();
        }
        return this.askYesNo(
          step,
          'logistics.checkStandIn',
          {},
          { yes: '找到了', no: '都问过了，还是没有' },
          { yes: ['找着了', '拿到了', '收到了', '在驿站', '家人收了', '找到', '在快递柜'], no: ['没找到', '都问了', '问过了', '找不到', '没人收', '没有人代收', '还是没有', '都没有'] },
        );
      default:
        await this.say(step.context, 'common.glad');
        return step.endDialog();
    }
  }

  /** "Beyond the normal time" = on the way longer than the shop's normal transit days. */
  private async slow(step: WaterfallStepContext) {
    const { trade } = this.state(step);
    const normalDays = this.deps.knowledge.profile.shipping.normalTransitDays;
    const daysOnTheWay = Math.floor((this.deps.clock().getTime() - Date.parse(trade.consignTime!)) / DAY);
    if (daysOnTheWay <= normalDays) {
      await this.say(step.context, 'logistics.slowWithin', { normalDays, daysOnTheWay });
      return step.endDialog();
    }
    await this.say(step.context, 'logistics.slowBeyond', { normalDays, daysOnTheWay });
    return this.escalate(step, { moneyDecision: true }, { tid: trade.tid, summary: this.render('case.slowDelivery', { daysOnTheWay }), ruleIds: ['R30'] });
  }

  private async afterStandInCheck(step: WaterfallStepContext) {
    const { trade } = this.state(step);
    if ((step.result as { value: string }).value === 'yes') {
      await this.say(step.context, 'common.glad');
      return step.endDialog();
    }
    const p = this.deps.knowledge.rules.params('R17', this.deps.clock());
    await this.say(step.context, 'logistics.notReceived', { responseHours: p.sellerResponseHours, windowDays: p.windowDaysAfterFinished, ruleIds: ['R17'] });
    // A refund without the goods is a money decision for a person (ladder: agent).
    return this.escalate(step, { moneyDecision: true }, { tid: trade.tid, summary: this.render('case.signedNotReceived'), ruleIds: ['R17'] });
  }
}
