/**
 * Base of every flow dialog: prompts with buttons or free text, rendering from templates,
 * escalation through the handoff hook, and the polite answers to order-service failures.
 * Interruptions (算了, 转人工, another order, another topic) are handled once, in MainDialog.
 */
import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
  ComponentDialog,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStep,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Trade } from '../bot/orders/contract.js';
import { OrderNotFoundError } from '../bot/orders/errors.js';
import { skuName } from '../bot/orders/skus.js';
import { escalationRung, type EscalationCase } from '../knowledge/policy/escalation.js';
import type { RuleId } from '../knowledge/schema.js';
import type { FlowDeps } from './flowDeps.js';
import { newConversationData, traceDialog } from './turnContext.js';

export interface Choice {
  value: string;
  label: string;
}

const CHOICE_PROMPT = 'choice';
const TEXT_PROMPT = 'text';

/** A waterfall step with a name, so traces and coverage can say which step ran. */
export type NamedStep = [name: string, step: WaterfallStep];

export abstract class FlowDialog extends ComponentDialog {
  private started = false;

  constructor(
    id: string,
    protected readonly deps: FlowDeps,
  ) {
    super(id);
    const choice = new ChoicePrompt(CHOICE_PROMPT, undefined, 'zh-cn');
    choice.style = ListStyle.suggestedAction;
    choice.recognizerOptions = { recognizeNumbers: true, recognizeOrdinals: false, noValue: true };
    this.addDialog(choice);
    this.addDialog(new TextPrompt(TEXT_PROMPT));
  }

  /** Adds the flow's waterfall; the first one added is where the flow starts. */
  protected waterfall(name: string, steps: NamedStep[]): void {
    const id = `${this.id}.${name}`;
    this.addDialog(
      new WaterfallDialog(
        id,
        steps.map(([stepName, step]) => async (s: WaterfallStepContext) => {
          traceDialog(s.context, `${id}.${stepName}`);
          return step(s);
        }),
      ),
    );
    // ComponentDialog starts with the first dialog added (here a prompt) unless told otherwise.
    if (!this.started) this.initialDialogId = id;
    this.started = true;
  }

  protected render(key: string, data: object = {}): string {
    return this.deps.templates.render(key, data);
  }

  protected async say(context: TurnContext, key: string, data: object = {}): Promise<void> {
    await context.sendActivity(this.render(key, data));
  }

  /** Asks a question answered by a button (or its number); cards, if any, show as a carousel. */
  protected async ask(step: WaterfallStepContext, key: string, data: object, choices: Choice[], cards: Attachment[] = []): Promise<DialogTurnResult> {
    const conversation = await this.deps.conversationData.get(step.context, newConversationData());
    conversation.expecting = { choices: choices.map((c) => c.label) };
    const prompt = cards.length ? MessageFactory.carousel(cards, this.render(key, data)) : MessageFactory.text(this.render(key, data));
    return step.prompt(CHOICE_PROMPT, {
      prompt,
      retryPrompt: MessageFactory.text(this.render('common.pickButton')),
      choices: choices.map((c) => ({ value: c.value, action: { type: 'imBack', title: c.label, value: c.label }, synonyms: [c.label] })),
      style: ListStyle.suggestedAction,
    });
  }

  /** Asks for free text. */
  protected async askText(step: WaterfallStepContext, key: string, data: object = {}): Promise<DialogTurnResult> {
    const conversation = await this.deps.conversationData.get(step.context, newConversationData());
    conversation.expecting = { text: true };
    return step.prompt(TEXT_PROMPT, { prompt: MessageFactory.text(this.render(key, data)) });
  }

  /** Yes/no as two buttons; the answer arrives as step.result.value === 'yes' | 'no'. */
  protected askYesNo(step: WaterfallStepContext, key: string, data: object = {}, labels = { yes: '是的', no: '不是' }): Promise<DialogTurnResult> {
    return this.ask(step, key, data, [
      { value: 'yes', label: labels.yes },
      { value: 'no', label: labels.no },
    ]);
  }

  /** Which line of a multi-line order; a single line is taken without asking. Result: {value: oid}. */
  protected askWhichLine(step: WaterfallStepContext, trade: Trade): Promise<DialogTurnResult> {
    if (trade.orders.length === 1) return step.next({ value: trade.orders[0]!.oid });
    return this.ask(
      step,
      'order.whichItem',
      {},
      trade.orders.map((o) => ({ value: o.oid, label: `${o.title}（${skuName(o.skuProperties)}）` })),
    );
  }

  /** Remembers which order the flow is about (MainDialog uses it to notice an order switch). */
  protected async focus(context: TurnContext, tid?: string): Promise<void> {
    const conversation = await this.deps.conversationData.get(context, newConversationData());
    conversation.focus = { flow: this.id, tid };
    if (tid) conversation.lastOrder = { flow: this.id, tid };
  }

  /** Climbs the escalation ladder for these facts and hands over; ends the flow. */
  protected async escalate(
    step: WaterfallStepContext,
    facts: EscalationCase,
    request: { summary: string; tid?: string; ruleIds?: RuleId[] },
  ): Promise<DialogTurnResult> {
    const decision = escalationRung(this.deps.knowledge, facts);
    const rung = decision.rung === 'bot' ? { ...decision, rung: 'agent' as const } : decision;
    await this.deps.handoff.handOff(step.context, { decision: rung, flow: this.id, tid: request.tid, summary: request.summary, ruleIds: request.ruleIds ?? [] });
    return step.endDialog();
  }

  /** Order lookups that fail: not found (or not the buyer's) vs. the order system being down. */
  protected async orderFailure(step: WaterfallStepContext, error: unknown): Promise<DialogTurnResult> {
    if (error instanceof OrderNotFoundError) {
      await this.say(step.context, 'order.notFound');
      return step.endDialog();
    }
    await step.context.sendActivity(MessageFactory.suggestedActions([this.deps.templates.label('menu', 'human')], this.render('order.unavailable')));
    return step.endDialog();
  }

  /** The buyer of this conversation (the channel's user id; signed identities come with web chat). */
  protected buyerOf(step: WaterfallStepContext): string {
    return step.context.activity.from.id;
  }
}
