/**
 * F7 催发货 (`003` 催发货流程): more than 72 h since payment? yes → apologise, the shop's gift,
 * R15 compensation where it applies, push the warehouse, log the reason, tell the supervisor;
 * no → when it will ship. An order already shipped gets its tracking instead. Rules R15, R16.
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { Trade } from '../bot/orders/contract.js';
import { toShipmentInput } from '../bot/orders/orderFacts.js';
import { shipmentStatus } from '../knowledge/policy/shipment.js';
import { explainShipment } from '../templates/explain.js';
import type { FlowOptions } from './exchangeDialog.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { OrderPickerDialog, PICK_ORDER } from './orderPicker.js';

export const URGE_SHIPPING = 'urgeShipping';

export class UrgeShippingDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(URGE_SHIPPING, deps);
    this.addDialog(new OrderPickerDialog(deps));
    this.waterfall('main', [
      ['order', (s) => s.beginDialog(PICK_ORDER, { statuses: ['WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS'], tid: (s.options as FlowOptions).tid })],
      ['check', (s) => this.check(s)],
    ]);
  }

  private async check(step: WaterfallStepContext) {
    const trade = step.result as Trade | undefined;
    if (!trade) return step.endDialog();
    await this.focus(step.context, trade.tid);
    if (trade.status !== 'WAIT_SELLER_SEND_GOODS') {
      try {
        const logistics = await this.deps.orders.getLogistics(this.buyerOf(step), trade.tid);
        await this.say(step.context, 'shipping.alreadyShipped', { company: logistics.company, trackingNo: logistics.trackingNo, shippedAt: trade.consignTime! });
      } catch (error) {
        return this.orderFailure(step, error);
      }
      return step.endDialog();
    }
    const now = this.deps.clock();
    // WAIT_SELLER_SEND_GOODS: paid, so the input is there.
    const status = shipmentStatus(this.deps.knowledge, toShipmentInput(trade)!, now);
    await step.context.sendActivity(explainShipment(this.deps.templates, status, this.deps.knowledge.profile));
    if (status.overdue)
      await this.deps.cases.record(step.context, {
        kind: 'supervisor_notice',
        flow: this.id,
        tid: trade.tid,
        summary: this.render('case.overdueShipment', { hoursSincePaid: status.hoursSincePaid }),
        ruleIds: status.ruleIds,
      });
    return step.endDialog();
  }
}
