/**
 * F8 订单修改 (`003` 订单修改流程): by print and ship state — not printed: we edit it directly;
 * printed: the print is voided and the order re-audited; shipped: the courier intercepts and
 * returns it, or the address is changed with the courier. The change itself is recorded for
 * the agents, who make it in the ERP.
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { Trade } from '../bot/orders/contract.js';
import type { FlowOptions } from './exchangeDialog.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { OrderPickerDialog, PICK_ORDER } from './orderPicker.js';

export const MODIFY_ORDER = 'modifyOrder';

/** Where the order is, as F8 branches on it. */
export const MODIFICATION_STAGES = ['unpaid', 'not_printed', 'printed', 'shipped'] as const;

export function modificationStage(trade: Trade): (typeof MODIFICATION_STAGES)[number] {
  if (trade.status === 'WAIT_BUYER_PAY') return 'unpaid';
  if (trade.status === 'WAIT_SELLER_SEND_GOODS') return trade.printed ? 'printed' : 'not_printed';
  return 'shipped';
}

export class ModifyOrderDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(MODIFY_ORDER, deps);
    this.addDialog(new OrderPickerDialog(deps));
    this.waterfall('main', [
      [
        'order',
        (s) => s.beginDialog(PICK_ORDER, { statuses: ['WAIT_BUYER_PAY', 'WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS'], tid: (s.options as FlowOptions).tid }),
      ],
      ['what', (s) => this.askWhat(s)],
      ['record', (s) => this.record(s)],
    ]);
  }

  private async askWhat(step: WaterfallStepContext) {
    const trade = step.result as Trade | undefined;
    if (!trade) return step.endDialog();
    await this.focus(step.context, trade.tid);
    (step.values as { trade: Trade }).trade = trade;
    return this.askText(step, `modify.${modificationStage(trade)}`, {}, { onTheSpot: false });
  }

  private async record(step: WaterfallStepContext) {
    const { trade } = step.values as { trade: Trade };
    const stage = modificationStage(trade);
    await this.deps.cases.record(step.context, {
      kind: 'order_change',
      flow: this.id,
      tid: trade.tid,
      summary: this.render('case.orderChange', { stage }),
      details: { request: String(step.result) },
    });
    await this.say(step.context, 'modify.recorded', { stage });
    return step.endDialog();
  }
}
