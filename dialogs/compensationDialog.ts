/**
 * F13 补偿 (`003` 补偿流程): the goods can still be used, so the shop offers compensation: ask
 * what the buyer has in mind, then an agent settles it — or a supervisor, above the shop
 * profile's agent limit. Finance pays and the case is recorded by the person who settles it.
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { extractEntities } from '../bot/nlu/entities.js';
import { yuanToFen } from '../knowledge/policy/money.js';
import type { FlowOptions } from './exchangeDialog.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';

export const COMPENSATION = 'compensation';

export interface CompensationOptions extends FlowOptions {
  /** The item with a minor defect the compensation is for (F12 → F13), for the agent. */
  title: string;
}

export class CompensationDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(COMPENSATION, deps);
    this.waterfall('main', [
      ['amount', (s) => this.askText(s, 'compensation.askAmount', {}, { onTheSpot: false })],
      ['settle', (s) => this.settle(s)],
    ]);
  }

  private async settle(step: WaterfallStepContext) {
    const { tid, title } = step.options as CompensationOptions;
    const answer = String(step.result);
    const amountYuan = extractEntities(answer, this.deps.clock()).amountYuan;
    const facts = amountYuan === undefined ? { moneyDecision: true } : { compensationRequested: yuanToFen(amountYuan) };
    const summary = this.render('case.compensation', { title, amountYuan: amountYuan ?? false });
    return this.escalate(step, facts, { tid, summary });
  }
}
