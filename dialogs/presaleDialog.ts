/**
 * F2 售前 (`003` 售前客服流程): the buyer's pre-sales questions answered from the shop's data —
 * courier, ship time, days to a province, postage (shop profile), 满减/coupons/gifts
 * (promotions.yaml), size (the item's chart), the item itself (FAQ, catalogue) — each of several in
 * one message, in order (presaleAnswers.ts). What the data does not say is never guessed: the
 * answer says we will ask, and a pre-sales agent is offered. (Product cards are a later step.)
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { noteUnplaced } from '../bot/insights/turnNotes.js';
import { FlowDialog } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { answerAll, type QuickQuestion } from './quickAnswers.js';
import { newConversationData } from './turnContext.js';

export const PRESALE = 'presale';

/** The question as the case summary quotes it (the agent reads the rest in the transcript). */
const CASE_QUESTION_CHARS = 100;

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
    const view = await this.deps.conversationData.get(step.context, newConversationData());
    const { sentences, handOff } = await answerAll(this.deps, questions, view, this.deps.clock());
    for (const sentence of sentences) await step.context.sendActivity(sentence);
    // What the shop's data does not answer is offered to a pre-sales agent (never guessed).
    if (!handOff) return step.endDialog();
    noteUnplaced(step.context, 'no_knowledge');
    return this.askYesNo(step, 'presale.askHandoff', {}, { yes: '好的，帮我问问', no: '不用了' });
  }

  /** What the pre-sales agent needs: the question asked and the item it is about. */
  private async caseSummary(step: WaterfallStepContext): Promise<string> {
    const { questions } = step.options as PresaleOptions;
    const { itemInView } = await this.deps.conversationData.get(step.context, newConversationData());
    const question = questions.map((q) => q.text).join(' ');
    return this.render('case.presaleOther', {
      question: question.length > CASE_QUESTION_CHARS ? `${question.slice(0, CASE_QUESTION_CHARS)}…` : question,
      item: itemInView ? (this.deps.knowledge.catalogue.get(itemInView)?.name ?? itemInView) : false,
    });
  }

  private async handOver(step: WaterfallStepContext) {
    if ((step.result as { value: string }).value === 'yes') return this.escalate(step, { askedForHuman: true }, { summary: await this.caseSummary(step) });
    await this.say(step.context, 'common.glad');
    return step.endDialog();
  }
}
