/**
 * MainDialog: greets, routes each message by intent to its flow, and handles context at any
 * step. A typed answer to the pending question goes to it (typedAnswers.ts); otherwise 算了
 * cancels, 转人工 hands over, another order number restarts the flow with it, a question that can
 * be answered on the spot is answered and the pending question asked again, and a clear change of
 * subject pauses the flow and starts the new one — when that one ends, the bot offers the way
 * back ("继续换货"). A message asking several things gets each answered, and at most one flow.
 * An order number alone shows the order and asks what the buyer needs; an item number alone asks
 * what they want to know. A message the recognizer is unsure of gets "which did you mean?" with
 * the likely topics as buttons; two in a row, and the bot offers a person.
 */
import { ActivityTypes, MessageFactory, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogContext, type DialogInstance, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Intent, Recognition } from '../bot/nlu/types.js';
import { escalationRung, type EscalationCase } from '../knowledge/policy/escalation.js';
import { AuthenticityDialog, AUTHENTICITY } from './authenticityDialog.js';
import { hasMeasurements, looksLikeQuestion, splitClauses } from './clauses.js';
import { CompensationDialog } from './compensationDialog.js';
import { ComplaintDialog, COMPLAINT } from './complaintDialog.js';
import { ExchangeDialog, EXCHANGE, type FlowOptions } from './exchangeDialog.js';
import { resolveTyped, type FlowResult } from './flowDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { InvoiceDialog, INVOICE } from './invoiceDialog.js';
import { LogisticsDialog, LOGISTICS } from './logisticsDialog.js';
import { ModifyOrderDialog, MODIFY_ORDER, skuWishOf } from './modifyOrderDialog.js';
import { OrderLookupDialog, ORDER_LOOKUP } from './orderLookupDialog.js';
import { pauseFlow, stillPaused } from './pausedFlows.js';
import { PresaleDialog, PRESALE, type PresaleOptions } from './presaleDialog.js';
import { QualityDialog, QUALITY } from './qualityDialog.js';
import { namesOnlyTheItem, pageItemOf, productCard, viewItems } from './itemInView.js';
import { answerAll, answerableOnTheSpot, asksAboutReturns, itemFragment, mayBeAskedBeforeTheSale, presaleReading, recommendationAsked, type ItemsInView, type QuickQuestion } from './quickAnswers.js';
import { RefundDialog, REFUND } from './refundDialog.js';
import { RefundProgressDialog, REFUND_PROGRESS } from './refundProgressDialog.js';
import { ReviewDialog, REVIEW } from './reviewDialog.js';
import { getRecognition, newConversationData, traceDialog, type ConversationData, type Expecting, type PausedFlow } from './turnContext.js';
import { asksForPerson, asksToStop, compact, isResumeRequest, yesNo } from './typedAnswers.js';
import { UrgePaymentDialog, URGE_PAYMENT } from './urgePaymentDialog.js';
import { UrgeShippingDialog, URGE_SHIPPING } from './urgeShippingDialog.js';
import { WrongItemDialog, WRONG_ITEM } from './wrongItemDialog.js';
import { addedFaqAnswer } from '../bot/insights/faqOverlay.js';
import { noteUnplaced } from '../bot/insights/turnNotes.js';
import type { SatisfactionSurvey } from './satisfactionDialog.js';

export const MAIN_DIALOG = 'main';
const ROUTE = 'main.route';

/** Below this confidence the bot asks which topic was meant instead of guessing. */
export const CLARIFY_BELOW = 0.5;
/** Mid-flow, a message this sure of another topic switches to it. */
export const SWITCH_TOPIC_ABOVE = 0.8;
/** A clause of a longer message counts only when the recognizer is this sure of it. */
export const CLAUSE_SURE = 0.8;
/** At a free-text question, a question on another topic is answered first only when this sure. */
export const TEXT_INTERRUPTION_ABOVE = 0.9;
/** At a free-text question, the topics answered first (money and invoice words there are likelier answers). */
const TEXT_INTERRUPTIONS: readonly Intent[] = ['shipping_question', 'product_question', 'size_advice', 'authenticity'];
/** A problem with a received item comes before what the buyer wants done about it (nlu-labels rule 3). */
const ITEM_PROBLEMS: readonly Intent[] = ['wrong_or_missing_item', 'quality_issue', 'not_received'];

/** Which flow serves which intent (greeting, thanks, cancel, human, order numbers and none are MainDialog's). */
export const ROUTES: Partial<Record<Intent, { dialog: string; options?: object }>> = {
  ask_payment_help: { dialog: URGE_PAYMENT },
  // Pre-sales: one flow, which answers each question from the shop profile.
  product_question: { dialog: PRESALE },
  size_advice: { dialog: PRESALE },
  price_promotion: { dialog: PRESALE },
  shipping_question: { dialog: PRESALE },
  refund_request: { dialog: REFUND },
  return_request: { dialog: REFUND },
  refund_progress: { dialog: REFUND_PROGRESS },
  exchange_request: { dialog: EXCHANGE },
  urge_shipping: { dialog: URGE_SHIPPING },
  modify_order: { dialog: MODIFY_ORDER },
  invoice: { dialog: INVOICE },
  logistics_query: { dialog: LOGISTICS },
  not_received: { dialog: LOGISTICS, options: { problem: 'not_received' } },
  wrong_or_missing_item: { dialog: WRONG_ITEM },
  quality_issue: { dialog: QUALITY },
  authenticity: { dialog: AUTHENTICITY },
  complaint_or_escalate: { dialog: COMPLAINT },
  ask_supervisor: { dialog: COMPLAINT, options: { supervisor: true } },
  review_feedback: { dialog: REVIEW },
};

/** The menu's buttons, as intents; their labels come from labels.yaml (group "menu"). */
const MENU: { label: string; intent: Intent }[] = [
  { label: 'refund', intent: 'refund_request' },
  { label: 'exchange', intent: 'exchange_request' },
  { label: 'urge_shipping', intent: 'urge_shipping' },
  { label: 'logistics', intent: 'logistics_query' },
  { label: 'quality', intent: 'quality_issue' },
  { label: 'invoice', intent: 'invoice' },
  { label: 'modify_order', intent: 'modify_order' },
  { label: 'human', intent: 'human_agent' },
];

export interface RouteOptions {
  dialog: string;
  options?: object;
}

/** What one message asks: questions to answer on the spot, and at most one flow to start. */
interface Plan {
  answers: QuickQuestion[];
  flow?: Recognition;
}

export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: FlowDeps & { survey?: SatisfactionSurvey }) {
    super(MAIN_DIALOG);
    for (const Flow of [
      OrderLookupDialog,
      UrgePaymentDialog,
      PresaleDialog,
      RefundDialog,
      RefundProgressDialog,
      ExchangeDialog,
      UrgeShippingDialog,
      ModifyOrderDialog,
      InvoiceDialog,
      LogisticsDialog,
      WrongItemDialog,
      QualityDialog,
      CompensationDialog,
      AuthenticityDialog,
      ComplaintDialog,
      ReviewDialog,
    ])
      this.addDialog(new Flow(deps));
    this.addDialog(new WaterfallDialog(ROUTE, [(step) => this.route(step), (step) => this.afterFlow(step)]));
    this.initialDialogId = ROUTE;
  }

  /** Runs one turn: go back to a paused flow, handle an interruption, continue the active flow, or route afresh. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor): Promise<void> {
    const dc = await this.dialogContext(context, dialogState);
    if (context.activity.type === ActivityTypes.ConversationUpdate) {
      if (this.someoneJoined(context)) await this.greet(context);
      return;
    }
    if (context.activity.type !== ActivityTypes.Message) return;
    if (await this.deps.survey?.answered(context)) return;
    const recognition = getRecognition(context);
    if (recognition?.entities.stopReminders) return this.stopReminders(dc);
    const data = await this.data(context);
    const newItem = viewItems(data, this.deps.knowledge, pageItemOf(context.activity), recognition);
    if (newItem) await this.showItem(context, newItem);
    const wayBackOffered = data.wayBackOffered === true;
    data.wayBackOffered = undefined;
    data.paused = stillPaused(data.paused, this.deps.clock());
    if (data.paused && (await this.wayBack(dc, data.paused, wayBackOffered))) return;
    if (dc.activeDialog && recognition && (await this.interrupted(dc, recognition, data))) return;
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  /** Starts a flow the shop initiates (a 催付 reminder), replacing whatever was in progress. */
  async startFlow(context: TurnContext, dialogState: StatePropertyAccessor, route: RouteOptions): Promise<void> {
    const dc = await this.dialogContext(context, dialogState);
    await this.restart(dc, route);
  }

  private async dialogContext(context: TurnContext, dialogState: StatePropertyAccessor): Promise<DialogContext> {
    const set = new DialogSet(dialogState);
    set.add(this);
    return set.createContext(context);
  }

  private data(context: TurnContext): Promise<ConversationData> {
    return this.deps.conversationData.get(context, newConversationData());
  }

  /** Ends whatever flow is running and, with a route, begins that one. A paused flow stays paused. */
  private async restart(dc: DialogContext, route?: RouteOptions): Promise<void> {
    const data = await this.data(dc.context);
    await dc.cancelAllDialogs();
    data.focus = undefined;
    data.expecting = undefined;
    if (route) await dc.beginDialog(this.id, route);
  }

  /** "别再提醒了": no more 催付 reminders for this buyer, whatever else was going on. */
  private async stopReminders(dc: DialogContext): Promise<void> {
    traceDialog(dc.context, 'main.stopReminders');
    await this.deps.optOuts.optOut(dc.context.activity.from.id);
    await this.restart(dc);
    await dc.context.sendActivity(this.deps.templates.render('payment.optedOut'));
  }

  /**
   * The way back to a paused flow: "继续换货", "继续", "回到刚才" at any time, or a plain yes to
   * the offer just made (a plain no forgets it). True when the message was that.
   */
  private async wayBack(dc: DialogContext, paused: PausedFlow, offered: boolean): Promise<boolean> {
    const text = dc.context.activity.text ?? '';
    const answer = offered && !dc.activeDialog ? yesNo(text) : undefined;
    const label = this.deps.templates.label('resume', paused.flow);
    const name = this.deps.templates.label('flowName', paused.flow);
    if (answer === 'yes' || compact(text) === compact(label) || isResumeRequest(text, [name, ...name.split('/')])) {
      await this.resume(dc, paused);
      return true;
    }
    if (answer === 'no') {
      traceDialog(dc.context, 'main.wayBackDeclined');
      (await this.data(dc.context)).paused = undefined;
      await dc.context.sendActivity(this.deps.templates.render('context.wayBackDeclined'));
      return true;
    }
    return false;
  }

  /** Sets the running flow aside, with the question it was asking, to resume later. */
  private pause(dc: DialogContext, data: ConversationData): void {
    const flow = dc.child?.activeDialog?.id;
    if (!flow || flow === PRESALE) return;
    pauseFlow(data, flow, dc.stack, this.deps.clock());
  }

  /** Puts the paused flow back as it was and asks its question again. */
  private async resume(dc: DialogContext, paused: PausedFlow): Promise<void> {
    const data = await this.data(dc.context);
    await dc.cancelAllDialogs();
    dc.stack.push(...(paused.stack as DialogInstance[]));
    data.paused = undefined;
    data.expecting = paused.expecting;
    data.focus = { flow: paused.flow, tid: paused.tid };
    traceDialog(dc.context, 'main.resumed');
    await dc.context.sendActivity(this.deps.templates.render('context.resuming', { name: this.deps.templates.label('flowName', paused.flow) }));
    await dc.repromptDialog();
  }

  /** The way back, offered when a flow that interrupted another ends. */
  private async offerWayBack(context: TurnContext, data: ConversationData): Promise<void> {
    const { templates } = this.deps;
    const flow = data.paused!.flow;
    data.wayBackOffered = true;
    traceDialog(context, 'main.wayBackOffered');
    await context.sendActivity(
      MessageFactory.suggestedActions([templates.label('resume', flow), '不用了'], templates.render('context.wayBack', { name: templates.label('flowName', flow) })),
    );
  }

  /** 算了, 转人工, another order, a question answered on the spot, another topic: true when handled as such. */
  private async interrupted(dc: DialogContext, recognition: Recognition, data: ConversationData): Promise<boolean> {
    const expecting = data.expecting;
    const namedOrder = recognition.entities.orderIds[0];
    const otherOrder = namedOrder !== undefined && data.focus?.tid !== undefined && namedOrder !== data.focus.tid;
    if (expecting && expecting.kind !== 'text' && !otherOrder) {
      const status = resolveTyped(dc.context, expecting).status;
      if (status === 'picked' || status === 'order') return false;
    }
    const sure = recognition.confidence >= CLARIFY_BELOW;
    const restart = (route?: RouteOptions) => this.restart(dc, route);
    // At a free-text question the words must say so: "不需要" (no tax id) is an answer, and the
    // invoice title "个人" is not "a person, please".
    const freeText = expecting?.kind === 'text';

    if (sure && recognition.intent === 'cancel' && (!freeText || asksToStop(recognition.text))) {
      await restart();
      traceDialog(dc.context, 'main.cancelled');
      await this.sendCancelled(dc.context, data);
      return true;
    }
    if (sure && recognition.intent === 'human_agent' && (!freeText || asksForPerson(recognition.text))) {
      const tid = recognition.entities.orderIds[0] ?? data.lastOrder?.tid;
      await restart();
      await this.handOff(dc.context, { askedForHuman: true }, this.deps.templates.render('case.askedForHuman'), tid);
      return true;
    }
    const route = ROUTES[recognition.intent];
    const current = dc.child?.activeDialog?.id;
    // Another flow, clearly: at a choice, or with an order number ("<order id> 怎么还不发货").
    // Questions answered on the spot ("能开发票吗", "是正品吗") do not switch.
    const switching =
      route !== undefined && route.dialog !== PRESALE && route.dialog !== current && recognition.confidence >= SWITCH_TOPIC_ABOVE && !answerableOnTheSpot(recognition);
    if (switching && (namedOrder || (expecting !== undefined && expecting.kind !== 'text'))) {
      this.pause(dc, data);
      traceDialog(dc.context, 'main.switched');
      await restart({ dialog: route.dialog, options: this.flowOptions(recognition, route) });
      return true;
    }
    if (otherOrder) {
      await restart({ dialog: data.focus!.flow, options: { tid: namedOrder } satisfies FlowOptions });
      return true;
    }
    // Another question while a pre-sales agent is offered: the offer lapses and the message is taken afresh.
    if (current === PRESALE && sure && recognition.intent !== 'none') {
      traceDialog(dc.context, 'main.offerLapsed');
      await restart();
      await dc.beginDialog(this.id);
      return true;
    }
    return expecting !== undefined && this.answerOnTheSpot(dc, recognition, expecting, data);
  }

  private async sendCancelled(context: TurnContext, data: ConversationData): Promise<void> {
    const { templates } = this.deps;
    const buttons = MENU.map((m) => templates.label('menu', m.label));
    // The way back as the first button (typed "继续换货" or "继续" too); no question is asked, so a plain 好的 is no answer to it.
    if (data.paused) buttons.unshift(templates.label('resume', data.paused.flow));
    await context.sendActivity(MessageFactory.suggestedActions(buttons, templates.render('common.cancelled')));
  }

  /**
   * A question on another topic asked at a pending question ("发什么快递" while choosing a size):
   * answered, then the pending question asked again. At a free-text question only a clear
   * question, and only where that question allows it (a title, a tax id; not "what happened?").
   */
  private async answerOnTheSpot(dc: DialogContext, recognition: Recognition, expecting: Expecting, data: ConversationData): Promise<boolean> {
    if (expecting.kind === 'text') {
      const clear = recognition.confidence >= TEXT_INTERRUPTION_ABOVE && looksLikeQuestion(recognition.text);
      if (!expecting.onTheSpot || !clear || !TEXT_INTERRUPTIONS.includes(recognition.intent)) return false;
    }
    const { answers } = this.plan(recognition);
    if (answers.length === 0) return false;
    traceDialog(dc.context, 'main.answeredOnTheSpot');
    await this.sendAnswers(dc.context, answers, data);
    await dc.context.sendActivity(this.deps.templates.render('context.backToQuestion'));
    await dc.repromptDialog();
    return true;
  }

  private async sendAnswers(context: TurnContext, questions: QuickQuestion[], view: ItemsInView): Promise<void> {
    const { sentences } = await answerAll(this.deps, questions, view, this.deps.clock());
    for (const sentence of sentences) await context.sendActivity(sentence);
  }

  /**
   * Splits a message into clauses and recognizes each: the questions to answer on the spot, in
   * order, and the one flow to start — the message's own intent if it is a flow, else a clause's,
   * a problem with a received item first.
   */
  private plan(recognition: Recognition): Plan {
    const clauses = splitClauses(recognition.text);
    const now = this.deps.clock();
    const parts = clauses.length > 1 ? clauses.map((c) => this.deps.recognizer.recognize(c, now)).filter((p) => p.confidence >= CLAUSE_SURE) : [];
    const isFlow = (r: Recognition) => {
      const route = ROUTES[r.intent];
      return route !== undefined && route.dialog !== PRESALE && !answerableOnTheSpot(r);
    };
    const wholeSure = recognition.confidence >= CLARIFY_BELOW;
    const wholeFlow = wholeSure && isFlow(recognition);
    const flowParts = parts.filter(isFlow);
    const flow = wholeFlow ? recognition : (flowParts.find((p) => ITEM_PROBLEMS.includes(p.intent)) ?? flowParts[0]);
    const asked = parts
      .filter((p) => answerableOnTheSpot(p) && p.intent !== 'greeting' && p.intent !== 'thanks')
      // Beside a request, only what is clearly asked: "衣服小了 能换吗" asks no size question.
      .filter((p) => !flow || looksLikeQuestion(p.text));
    // Clauses on one topic are one question ("我不知道穿L还是XL 175cm 70kg"); shipping keeps each topic asked.
    const answers: QuickQuestion[] = [];
    for (const p of asked) {
      const same = answers.find((a) => a.intent === p.intent);
      if (same) same.text = `${same.text} ${p.text}`;
      else answers.push({ intent: p.intent, text: p.text });
    }
    if (answers.length === 0 && wholeSure && answerableOnTheSpot(recognition)) answers.push({ intent: recognition.intent, text: recognition.text });
    // Measurements split over clauses ("我170 65kg") belong to the size question whole.
    for (const answer of answers) if (answer.intent === 'size_advice' && hasMeasurements(recognition.text)) answer.text = recognition.text;
    return { answers, flow };
  }

  private someoneJoined(context: TurnContext): boolean {
    const botId = context.activity.recipient?.id;
    return (context.activity.membersAdded ?? []).some((m) => m.id !== botId);
  }

  private async greet(context: TurnContext): Promise<void> {
    traceDialog(context, 'main.greeting');
    const { templates, knowledge } = this.deps;
    await context.sendActivity(this.withButtons(templates.render('menu.greeting', { shopName: knowledge.profile.shop.name }), MENU));
  }

  private flowOptions(recognition: Recognition, route: { options?: object }): FlowOptions {
    return { ...route.options, tid: recognition.entities.orderIds[0], ...skuWishOf(recognition.entities) };
  }

  private async route(step: WaterfallStepContext) {
    const context = step.context;
    const preset = step.options as RouteOptions | undefined;
    if (preset?.dialog) return step.beginDialog(preset.dialog, preset.options);
    const recognition = getRecognition(context);
    const data = await this.data(context);
    if (!recognition) return this.clarify(step, recognition, data);
    const { orderIds, itemIds, phones } = recognition.entities;
    const sure = recognition.intent !== 'none' && recognition.confidence >= CLARIFY_BELOW;
    // A number alone (or with words that say nothing clear): an order, an item, a phone number.
    if (recognition.intent === 'order_number' || !sure) {
      if (orderIds[0]) return this.lookUpOrder(step, orderIds[0], data);
      // An item id with a question about it ("<id> 多重的") is answered below, like any question about the item in view.
      if (itemIds[0] && recognition.intent === 'order_number' && !itemFragment(recognition, itemIds[0])) return this.itemInView(step, itemIds[0], data);
      if (phones[0] && recognition.text.replace(/\D/g, '') === phones[0]) return this.phoneNumber(step, data);
    }
    // A fragment while an item is in view ("能烘干嘛", "750的拿3个"): a question about that item.
    // Only an item's name ("T恤", after "which one?"): it is in view now; what about it?
    if (!sure && data.itemInView && namesOnlyTheItem(this.deps.knowledge, recognition.text, data.itemInView)) return this.itemInView(step, data.itemInView, data);
    const aboutItem = sure && recognition.intent !== 'order_number' ? undefined : (itemFragment(recognition, data.itemInView) ?? recommendationAsked(recognition));
    if (aboutItem) return step.beginDialog(PRESALE, { questions: [aboutItem] } satisfies PresaleOptions);
    const plan = this.plan(recognition);
    const several = plan.answers.length > 1 || (plan.answers.length === 1 && (plan.flow !== undefined || plan.answers[0]!.intent !== recognition.intent));
    if (several) return this.answerSeveral(step, plan, recognition, data);
    if (!sure) return this.clarify(step, recognition, data);
    data.misunderstandings = 0;
    // "这个能七天无理由吗", "多久发货", "开胶了管不管" about an item the buyer has not bought: asked before the sale.
    if (mayBeAskedBeforeTheSale(recognition) && (await this.notBoughtYet(context, recognition, data)))
      return step.beginDialog(PRESALE, { questions: [presaleReading(recognition)] } satisfies PresaleOptions);
    const route = ROUTES[recognition.intent];
    if (route?.dialog === PRESALE) return step.beginDialog(PRESALE, { questions: [{ intent: recognition.intent, text: recognition.text }] } satisfies PresaleOptions);
    if (route) return step.beginDialog(route.dialog, this.flowOptions(recognition, route));
    switch (recognition.intent) {
      case 'greeting':
        await this.greet(context);
        return this.unpaidOrderFollowUp(step);
      case 'human_agent':
        await this.handOff(context, { askedForHuman: true }, this.deps.templates.render('case.askedForHuman'), orderIds[0] ?? data.lastOrder?.tid);
        return step.endDialog();
      case 'thanks':
        traceDialog(context, 'main.thanks');
        await context.sendActivity(this.deps.templates.render('common.youAreWelcome'));
        await this.deps.survey?.afterThanks(context);
        return step.endDialog();
      case 'order_number':
        // A number that is neither an order nor an item (a phone number with words, a short number).
        return this.clarify(step, recognition, data);
      default:
        // 算了 with nothing under way: the menu, and whatever was paused is let go.
        traceDialog(context, 'main.menu');
        data.paused = undefined;
        await context.sendActivity(this.withButtons(this.deps.templates.render('menu.prompt'), MENU));
        return step.endDialog();
    }
  }

  /** Several things in one message: each question answered in order, then the one flow, if any. */
  private async answerSeveral(step: WaterfallStepContext, plan: Plan, recognition: Recognition, data: ConversationData) {
    data.misunderstandings = 0;
    traceDialog(step.context, 'main.several');
    if (!plan.flow) return step.beginDialog(PRESALE, { questions: plan.answers } satisfies PresaleOptions);
    // "鞋带是白色的吗 能换黑鞋带吗" about an item not bought: the after-sales part is asked before the sale too.
    if (mayBeAskedBeforeTheSale(plan.flow) && (await this.notBoughtYet(step.context, plan.flow, data)))
      return step.beginDialog(PRESALE, { questions: [...plan.answers, presaleReading(plan.flow)] } satisfies PresaleOptions);
    await this.sendAnswers(step.context, plan.answers, data);
    const route = ROUTES[plan.flow.intent]!;
    return step.beginDialog(route.dialog, this.flowOptions({ ...plan.flow, entities: recognition.entities }, route));
  }

  /** An order number alone: show the order and ask what the buyer needs about it. */
  private lookUpOrder(step: WaterfallStepContext, tid: string, data: ConversationData) {
    data.misunderstandings = 0;
    return step.beginDialog(ORDER_LOOKUP, { tid } satisfies FlowOptions);
  }

  /**
   * Whether an after-sales question is about an item the buyer has not bought: the item named in
   * it, or the one in view when the buyer has no order at all (with orders, "快递怎么还没到" is
   * about them). Return questions keep the item in view as their subject whatever else was bought.
   */
  private async notBoughtYet(context: TurnContext, recognition: Recognition, data: ConversationData): Promise<boolean> {
    const itemId = this.deps.knowledge.catalogue.itemMeant(recognition.text, data.itemInView);
    if (itemId === undefined) return false;
    const named = recognition.entities.itemIds.includes(itemId) || this.deps.knowledge.catalogue.mentionedIn(recognition.text).some((e) => e.itemId === itemId);
    try {
      const trades = await this.deps.orders.listTrades(context.activity.from.id);
      if (trades.some((t) => t.orders.some((o) => o.itemId === itemId))) return false;
      return named || trades.length === 0 || asksAboutReturns(recognition);
    } catch {
      // The order system is down: a return question gets the item's terms (nothing read is guessed);
      // anything else goes to its flow, which says the orders cannot be read now.
      return asksAboutReturns(recognition);
    }
  }

  /** An item comes into view: its product card, when the order system knows it. */
  private async showItem(context: TurnContext, itemId: string): Promise<void> {
    const item = await this.deps.orders.getItem(itemId).catch(() => undefined);
    if (item) await context.sendActivity(MessageFactory.attachment(productCard(this.deps.templates, item)));
  }

  /** An item number alone: the item is now in view; ask what the buyer wants to know about it. */
  private async itemInView(step: WaterfallStepContext, itemId: string, data: ConversationData) {
    data.misunderstandings = 0;
    traceDialog(step.context, 'main.itemInView');
    await step.context.sendActivity(this.deps.templates.render('presale.itemInView', { itemId, name: this.deps.knowledge.catalogue.get(itemId)?.name ?? false }));
    return step.endDialog();
  }

  /** A phone number alone is never taken as an order: say so, and where the order number is. */
  private async phoneNumber(step: WaterfallStepContext, data: ConversationData) {
    data.misunderstandings = 0;
    traceDialog(step.context, 'main.phoneNumber');
    await step.context.sendActivity(this.deps.templates.render('order.phoneNotOrder'));
    return step.endDialog();
  }

  /** F1 starts when a buyer with an unpaid order chats: after the greeting, ask about it. */
  private async unpaidOrderFollowUp(step: WaterfallStepContext) {
    const trades = await this.deps.orders.listTrades(step.context.activity.from.id).catch(() => []);
    const unpaid = trades.find((t) => t.status === 'WAIT_BUYER_PAY');
    if (!unpaid) return step.endDialog();
    return step.beginDialog(URGE_PAYMENT, { tid: unpaid.tid } satisfies FlowOptions);
  }

  private async clarify(step: WaterfallStepContext, recognition: Recognition | undefined, data: ConversationData) {
    const context = step.context;
    const added = recognition && addedFaqAnswer(this.deps.knowledge, recognition.text);
    if (added) return this.answerFromAddedFaq(step, added, data);
    data.misunderstandings += 1;
    traceDialog(context, 'main.clarify');
    noteUnplaced(context, 'not_understood');
    // Two misunderstandings in a row put the case on the agent rung of the ladder.
    if (escalationRung(this.deps.knowledge, { misunderstandings: data.misunderstandings }).rung !== 'bot') {
      await context.sendActivity(this.withButtons(this.deps.templates.render('menu.offerHuman'), MENU));
      return step.endDialog();
    }
    const likely = (recognition?.ranking ?? []).filter((r) => r.intent !== 'none').slice(0, 3);
    const buttons = MENU.filter((m) => likely.some((l) => l.intent === m.intent));
    await context.sendActivity(this.withButtons(this.deps.templates.render('menu.clarify'), buttons.length ? buttons : MENU));
    return step.endDialog();
  }

  /** A message not understood that an FAQ answer added from /insights covers: that answer. */
  private async answerFromAddedFaq(step: WaterfallStepContext, answer: string, data: ConversationData) {
    data.misunderstandings = 0;
    traceDialog(step.context, 'main.addedFaq');
    await step.context.sendActivity(answer);
    return step.endDialog();
  }

  /** A flow ended: forget its question, and if it had interrupted another, offer the way back. */
  private async afterFlow(step: WaterfallStepContext) {
    const data = await this.data(step.context);
    data.focus = undefined;
    data.expecting = undefined;
    const next = (step.result as FlowResult | undefined)?.switchTo;
    if (next) return step.replaceDialog(ROUTE, next satisfies RouteOptions);
    const handedOff = (step.result as FlowResult | undefined)?.handedOff === true;
    if (data.paused && !handedOff) await this.offerWayBack(step.context, data);
    return step.endDialog(step.result);
  }

  /** `tid`: the order the buyer named or was last talking about, for the agent's order panel. */
  private async handOff(context: TurnContext, facts: EscalationCase, summary: string, tid?: string): Promise<void> {
    traceDialog(context, 'main.handoff');
    const decision = escalationRung(this.deps.knowledge, facts);
    await this.deps.handoff.handOff(context, { decision, flow: MAIN_DIALOG, summary, tid, ruleIds: [] });
  }

  private withButtons(text: string, buttons: { label: string }[]) {
    const titles = buttons.map((b) => this.deps.templates.label('menu', b.label));
    return MessageFactory.suggestedActions(titles, text);
  }
}
