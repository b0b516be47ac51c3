/**
 * F9 开票 (`003` 开票流程): record the kind, title and tax id with the order and amount; the
 * invoice is issued after the buyer confirms receipt and finance sends it. Rule R28.
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { Trade } from '../bot/orders/contract.js';
import { parseYuan } from '../knowledge/policy/money.js';
import type { FlowOptions } from './exchangeDialog.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { OrderPickerDialog, PICK_ORDER } from './orderPicker.js';

export const INVOICE = 'invoice';

/** How buyers type an invoice kind: 普票/电子发票, 专票/增票. */
function invoiceKindWords(kind: string): string[] {
  if (kind.includes('专用')) return ['专票', '专用发票', '增票', '增值税专票', '专用'];
  if (kind.includes('普通')) return ['普票', '普通发票', '电子发票', '电子票', '普通', '个人'];
  return [];
}

interface InvoiceState {
  trade: Trade;
  kind: string;
  title: string;
}

export class InvoiceDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(INVOICE, deps);
    this.addDialog(new OrderPickerDialog(deps));
    this.waterfall('main', [
      ['order', (s) => s.beginDialog(PICK_ORDER, { statuses: ['WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS', 'TRADE_FINISHED'], tid: (s.options as FlowOptions).tid })],
      ['kind', (s) => this.askKind(s)],
      ['title', (s) => this.askTitle(s)],
      ['taxId', (s) => this.askTaxId(s)],
      ['record', (s) => this.record(s)],
    ]);
  }

  private state(step: WaterfallStepContext): InvoiceState {
    return step.values as InvoiceState;
  }

  private async askKind(step: WaterfallStepContext) {
    const trade = step.result as Trade | undefined;
    if (!trade) return step.endDialog();
    await this.focus(step.context, trade.tid);
    this.state(step).trade = trade;
    return this.ask(
      step,
      'invoice.askKind',
      {},
      this.deps.knowledge.profile.invoice.kinds.map((k) => ({ value: k, label: k, phrases: invoiceKindWords(k) })),
    );
  }

  private async askTitle(step: WaterfallStepContext) {
    this.state(step).kind = (step.result as { value: string }).value;
    return this.askText(step, 'invoice.askTitle');
  }

  private async askTaxId(step: WaterfallStepContext) {
    this.state(step).title = String(step.result).trim();
    return this.askText(step, 'invoice.askTaxId');
  }

  private async record(step: WaterfallStepContext) {
    const { trade, kind, title } = this.state(step);
    const taxId = String(step.result).trim();
    const amount = parseYuan(trade.payment);
    await this.deps.cases.record(step.context, {
      kind: 'invoice',
      flow: this.id,
      tid: trade.tid,
      summary: this.render('case.invoice', { kind }),
      ruleIds: ['R28'],
      details: { kind, title, taxId, amount: trade.payment },
    });
    await this.say(step.context, 'invoice.recorded', {
      kind,
      title,
      amount,
      finished: trade.status === 'TRADE_FINISHED',
      workingDays: this.deps.knowledge.profile.invoice.issuedWithinWorkingDays,
    });
    return step.endDialog();
  }
}
