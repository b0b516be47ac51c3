/**
 * F2 售前 basics (`003` 售前客服流程): shipping time and courier from the shop profile, size
 * help, and anything else to a pre-sales agent.
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';

export const PRESALE = 'presale';

export class PresaleDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(PRESALE, deps);
    this.waterfall('main', [
      [
        'topic',
        (s) =>
          this.ask(s, 'presale.askTopic', {}, [
            { value: 'shipping_time', label: '多久发货' },
            { value: 'courier', label: '发什么快递' },
            { value: 'size', label: '尺码怎么选' },
            { value: 'other', label: '其他问题' },
          ]),
      ],
      ['answer', (s) => this.answer(s)],
    ]);
  }

  private async answer(step: WaterfallStepContext) {
    const topic = (step.result as { value: string }).value;
    const { shipping } = this.deps.knowledge.profile;
    if (topic === 'other') return this.escalate(step, { askedForHuman: true }, { summary: this.render('case.presaleOther') });
    await this.say(step.context, `presale.${topic}`, { promiseHours: shipping.promiseHours, defaultCourier: shipping.defaultCourier, extraCouriers: shipping.extraCouriers });
    return step.endDialog();
  }
}
