/**
 * F2 售前 basics (`003` 售前客服流程): the buyer's pre-sales questions answered from the shop
 * profile — which courier, when it ships, days on the way, postage, price and coupons, size —
 * each of several in one message, in order (quickAnswers.ts). What only a person can answer
 * about the item itself is offered to a pre-sales agent. (Product cards are a later step.)
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { quickAnswer, type QuickQuestion } from './quickAnswers.js';
import { newConversationData } from './turnContext.js';

export const PRESALE = 'presale';

export interface PresaleOptions {
  /** The questions asked, in the order asked. */
  questions: QuickQuestion[];
}

export class PresaleDialog extends FlowDialog {
  constructor(deps: FlowDeps) {
    super(PRESALE, deps);
    this.waterfall('main', [
      ['answer', (s) => this.answer(s)],
      ['handOver', (s) => this.handOver(s)],
    ]);
  }

  private async answer(step: WaterfallStepContext) {
    const { questions } = step.options as PresaleOptions;
    const { itemInView } = await this.deps.conversationData.get(step.context, newConversationData());
    const sent = new Set<string>();
    for (const question of questions) {
      for (const answer of quickAnswer(this.deps, question, itemInView) ?? []) {
        if (sent.has(answer)) continue;
        sent.add(answer);
        await step.context.sendActivity(answer);
      }
    }
    if (!questions.some((q) => q.intent === 'product_question')) return step.endDialog();
    return this.askYesNo(step, 'presale.askHandoff', {}, { yes: '好的，帮我问问', no: '不用了' });
  }

  private async handOver(step: WaterfallStepContext) {
    if ((step.result as { value: string }).value === 'yes') return this.escalate(step, { askedForHuman: true }, { summary: this.render('case.presaleOther') });
    await this.say(step.context, 'common.glad');
    return step.endDialog();
  }
}
