/**
 * Base of every flow dialog: prompts with buttons or free text, rendering from templates,
 * escalation through the handoff hook, and the polite answers to order-service failures.
 * A buyer may type instead of pressing a button: the choice prompt resolves typed answers
 * (typedAnswers.ts: 可以/不用了, 第二个, 黑色的, 大衣那单, an order id), and text that is not an
 * answer gets the question again in words with its options listed — after two tries, with the
 * offer of a person. Interruptions (算了, 转人工, another order, another topic, a question
 * answered on the spot) are handled once, in MainDialog.
 */
import { MessageFactory, type Activity, type Attachment, type TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
  ComponentDialog,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type FoundChoice,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidatorContext,
  type WaterfallStep,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Trade } from '../bot/orders/contract.js';
import { OrderNotFoundError } from '../bot/orders/errors.js';
import { skuName } from '../bot/orders/skus.js';
import { escalationRung, type EscalationCase } from '../knowledge/policy/escalation.js';
import type { RuleId } from '../knowledge/schema.js';
import type { FlowDeps } from './flowDeps.js';
import { getRecognition, newConversationData, traceDialog } from './turnContext.js';
import { resolveAnswer, type AnswerOption, type Question, type Resolution } from './typedAnswers.js';

/** An option of a question: its button, and the words that name it when typed. */
export type Choice = AnswerOption;

/** What a flow's step gets back from a prompt that ended in a handoff. */
export interface FlowResult {
  handedOff?: boolean;
  /** Another flow takes over (MainDialog begins it at its own level). */
  switchTo?: { dialog: string; options?: object };
}

const CHOICE_PROMPT = 'choice';
const TEXT_PROMPT = 'text';

/** The pending question's options against this turn's message and what the recognizer made of it. */
export function resolveTyped(context: TurnContext, question: Question): Resolution {
  const recognition = getRecognition(context);
  return resolveAnswer(question, {
    text: context.activity.text ?? '',
    orderIds: recognition?.entities.orderIds,
    intent: recognition?.intent,
    confidence: recognition?.confidence,
  });
}

/** A ChoicePrompt that understands typed answers (the question travels in `validations`). */
class TypedChoicePrompt extends ChoicePrompt {
  protected override async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<FoundChoice>> {
    const question = options.validations as Question;
    const resolution = resolveTyped(context, question);
    const synonym = context.activity.text ?? '';
    if (resolution.status === 'picked')
      return { succeeded: true, value: { value: resolution.value, index: question.options.findIndex((o) => o.value === resolution.value), score: 1, synonym } };
    // An order id not among the options: the order picker checks it is the buyer's.
    if (resolution.status === 'order') return { succeeded: true, value: { value: resolution.tid, index: -1, score: 1, synonym } };
    return { succeeded: false };
  }
}

/** A waterfall step with a name, so traces and coverage can say which step ran. */
export type NamedStep = [name: string, step: WaterfallStep];

export abstract class FlowDialog extends ComponentDialog {
  private started = false;

  constructor(
    id: string,
    protected readonly deps: FlowDeps,
  ) {
    super(id);
    const choice = new TypedChoicePrompt(CHOICE_PROMPT, (prompt) => this.validate(prompt), 'zh-cn');
    choice.style = ListStyle.suggestedAction;
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

  /**
   * Hands the conversation to another flow: this one ends and MainDialog begins that one at its own
   * level. (Begun from inside this flow it would sit in this flow's stack, where a question asked
   * again after an interruption cannot find it.)
   */
  protected switchTo(step: WaterfallStepContext, dialog: string, options: object = {}) {
    return step.endDialog({ switchTo: { dialog, options } } satisfies FlowResult);
  }

  protected render(key: string, data: object = {}): string {
    return this.deps.templates.render(key, data);
  }

  protected async say(context: TurnContext, key: string, data: object = {}): Promise<void> {
    await context.sendActivity(this.render(key, data));
  }

  /**
   * Asks a question answered by a button, its number, or typed words that name one option;
   * cards, if any, show as a carousel. `kind: 'order'` also accepts any order id of the buyer.
   */
  protected async ask(
    step: WaterfallStepContext,
    key: string,
    data: object,
    choices: Choice[],
    extras: { cards?: Attachment[]; kind?: Question['kind'] } = {},
  ): Promise<DialogTurnResult> {
    const conversation = await this.deps.conversationData.get(step.context, newConversationData());
    const question: Question = { kind: extras.kind ?? 'choice', options: choices };
    conversation.expecting = question;
    const text = this.render(key, data);
    const prompt = extras.cards?.length ? MessageFactory.carousel(extras.cards, text) : MessageFactory.text(text);
    return step.prompt(CHOICE_PROMPT, {
      prompt,
      choices: choices.map((c) => ({ value: c.value, action: { type: 'imBack', title: c.label, value: c.label }, synonyms: [c.label] })),
      style: ListStyle.suggestedAction,
      validations: question,
    });
  }

  /**
   * Typed text that answers none of the options: never just "press a button" — the question
   * again in words with its options listed (the buttons stay as a shortcut), or, when several
   * options fit, which of those; from the second try on, with the offer of a person.
   */
  private async validate(prompt: PromptValidatorContext<FoundChoice>): Promise<boolean> {
    if (prompt.recognized.succeeded) return true;
    const question = prompt.options.validations as Question;
    const resolution = resolveTyped(prompt.context, question);
    traceDialog(prompt.context, `${this.id}.reask`);
    if (resolution.status === 'ambiguous') {
      const labels = question.options.filter((o) => resolution.values.includes(o.value)).map((o) => o.label);
      await prompt.context.sendActivity(MessageFactory.suggestedActions(labels, this.render('context.ambiguous', { labels })));
      return false;
    }
    const labels = question.options.map((o) => o.label);
    const offerPerson = escalationRung(this.deps.knowledge, { misunderstandings: prompt.attemptCount }).rung !== 'bot';
    const asked = (prompt.options.prompt as Partial<Activity>).text ?? '';
    const lead = offerPerson ? this.render('context.stillNotAnAnswer') : this.render('context.notAnAnswer');
    const text = [lead, asked, this.render('context.options', { labels })].join('\n');
    const buttons = offerPerson ? [...labels, this.deps.templates.label('menu', 'human')] : labels;
    await prompt.context.sendActivity(MessageFactory.suggestedActions(buttons, text));
    return false;
  }

  /**
   * Asks for free text. `onTheSpot`: a clear question on another topic ("发什么快递") is answered
   * first and this asked again; off for questions that want the buyer's own account of things.
   */
  protected async askText(step: WaterfallStepContext, key: string, data: object = {}, { onTheSpot = true } = {}): Promise<DialogTurnResult> {
    const conversation = await this.deps.conversationData.get(step.context, newConversationData());
    conversation.expecting = { kind: 'text', onTheSpot };
    return step.prompt(TEXT_PROMPT, { prompt: MessageFactory.text(this.render(key, data)) });
  }

  /** Yes/no as two buttons; typed 可以/好的/嗯嗯 or 不用了/不是 work too. Result: step.result.value === 'yes' | 'no'. */
  protected askYesNo(
    step: WaterfallStepContext,
    key: string,
    data: object = {},
    labels = { yes: '是的', no: '不是' },
    phrases: { yes?: string[]; no?: string[] } = {},
  ): Promise<DialogTurnResult> {
    return this.ask(step, key, data, [
      { value: 'yes', label: labels.yes, polarity: 'yes', phrases: phrases.yes },
      { value: 'no', label: labels.no, polarity: 'no', phrases: phrases.no },
    ]);
  }

  /** Which line of a multi-line order; a single line is taken without asking. Result: {value: oid}. */
  protected askWhichLine(step: WaterfallStepContext, trade: Trade): Promise<DialogTurnResult> {
    if (trade.orders.length === 1) return step.next({ value: trade.orders[0]!.oid });
    return this.ask(
      step,
      'order.whichItem',
      {},
      trade.orders.map((o) => ({ value: o.oid, label: `${o.title}（${skuName(o.skuProperties)}）`, phrases: [o.title, ...Object.values(o.skuProperties)] })),
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
    return step.endDialog({ handedOff: true } satisfies FlowResult);
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
