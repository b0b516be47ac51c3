/**
 * F2 售前 (`003` 售前客服流程): the buyer's pre-sales questions answered from the shop's data —
 * courier, ship time, days to a province, postage (shop profile), 满减/coupons/gifts
 * (promotions.yaml), size (the item's chart), the item itself (FAQ, catalogue) — each of several in
 * one message, in order (presaleAnswers.ts). What the data does not say is never guessed: the
 * answer says we will ask, and a pre-sales agent is offered. (Product cards are a later step.)
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { answerQuestion, type QuickQuestion } from './quickAnswers.js';
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
    const now = this.deps.clock();
    let unanswered = false;
    for (const question of questions) {
      const answer = answerQuestion(this.deps, question, itemInView, now);
      if (answer?.handOff) unanswered = true;
      for (const sentence of answer?.sentences ?? []) {
        if (sent.has(sentence)) continue;
        sent.add(sentence);
        await step.context.sendActivity(sentence);
      }
    }
    // What the shop's data does not answer is offered to a pre-sales agent (never guessed).
    if (!unanswered) return step.endDialog();
    return this.askYesNo(step, 'presale.askHandoff', {}, { yes: '好的，帮我问问', no: '不用了' });
  }

  private async handOver(step: WaterfallStepContext) {
    if ((step.result as { value: string }).value === 'yes') return this.escalate(step, { askedForHuman: true }, { summary: this.render('case.presaleOther') });
    await this.say(step.context, 'common.glad');
    return step.endDialog();
  }
}
