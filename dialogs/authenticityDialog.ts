/**
 * F14 假货 (`000` Q4, `001` 三.b): confidence, genuine channels, an invoice, the platform's
 * guarantees (R21: 正品保障, 假一赔三), and an appraisal whose cost the shop bears if the goods
 * prove fake (refund in full).
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { FlowOptions } from './exchangeDialog.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { INVOICE } from './invoiceDialog.js';

export const AUTHENTICITY = 'authenticity';

export class AuthenticityDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(AUTHENTICITY, deps);
    this.waterfall('main', [
      ['assure', (s) => this.assure(s)],
      ['next', (s) => this.next(s)],
    ]);
  }

  private assure(step: WaterfallStepContext) {
    // Only the programmes this shop takes part in (R21 lists what exists, not what it offers).
    const services = this.deps.knowledge.profile.programmes.map((p) => p.name);
    return this.ask(step, 'authenticity.assure', { services, ruleIds: ['R21'] }, [
      { value: 'appraisal', label: '我想去鉴定', phrases: ['鉴定', '去鉴定', '验货', '检测', '验一下'] },
      { value: 'invoice', label: '开张发票', phrases: ['发票', '开票', '开发票'], intents: ['invoice'] },
      { value: 'fine', label: '放心了', polarity: 'yes', phrases: ['放心', '知道了', '相信', '信了', '那就好'] },
    ]);
  }

  private async next(step: WaterfallStepContext) {
    const choice = (step.result as { value: string }).value;
    if (choice === 'invoice') return this.switchTo(step, INVOICE, { tid: (step.options as FlowOptions).tid } satisfies FlowOptions);
    if (choice === 'fine') {
      await this.say(step.context, 'common.glad');
      return step.endDialog();
    }
    await this.say(step.context, 'authenticity.appraisal');
    return this.escalate(step, { moneyDecision: true }, { tid: (step.options as FlowOptions).tid, summary: this.render('case.authenticity'), ruleIds: ['R21'] });
  }
}
