/**
 * MainDialog: greets, routes each message by intent to its flow, and handles interruptions at
 * any step — 算了/cancel, 转人工, naming another order, or clearly changing the subject. A
 * message the recognizer is unsure of gets "which did you mean?" with the likely topics as
 * buttons; two in a row, and the bot offers a person.
 */
import { ActivityTypes, MessageFactory, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Intent, Recognition } from '../bot/nlu/types.js';
import { escalationRung, type EscalationCase } from '../knowledge/policy/escalation.js';
import { AuthenticityDialog, AUTHENTICITY } from './authenticityDialog.js';
import { CompensationDialog } from './compensationDialog.js';
import { ComplaintDialog, COMPLAINT } from './complaintDialog.js';
import { ExchangeDialog, EXCHANGE, type FlowOptions } from './exchangeDialog.js';
import type { FlowDeps } from './flowDeps.js';
import { InvoiceDialog, INVOICE } from './invoiceDialog.js';
import { LogisticsDialog, LOGISTICS } from './logisticsDialog.js';
import { ModifyOrderDialog, MODIFY_ORDER } from './modifyOrderDialog.js';
import { OrderPickerDialog } from './orderPicker.js';
import { PresaleDialog, PRESALE } from './presaleDialog.js';
import { QualityDialog, QUALITY } from './qualityDialog.js';
import { RefundDialog, REFUND } from './refundDialog.js';
import { ReviewDialog, REVIEW } from './reviewDialog.js';
import { getRecognition, newConversationData, traceDialog, type ConversationData } from './turnContext.js';
import { UrgePaymentDialog, URGE_PAYMENT } from './urgePaymentDialog.js';
import { UrgeShippingDialog, URGE_SHIPPING } from './urgeShippingDialog.js';
import { WrongItemDialog, WRONG_ITEM } from './wrongItemDialog.js';

export const MAIN_DIALOG = 'main';
const ROUTE = 'main.route';

/** Below this confidence the bot asks which topic was meant instead of guessing. */
export const CLARIFY_BELOW = 0.5;
/** Mid-flow, a message this sure of another topic switches to it. */
export const SWITCH_TOPIC_ABOVE = 0.8;

/** Which flow serves which intent (greeting, thanks, cancel, human and none are MainDialog's). */
export const ROUTES: Partial<Record<Intent, { dialog: string; options?: object }>> = {
  ask_payment_help: { dialog: URGE_PAYMENT },
  // Pre-sales: one flow for now (issue #14 split the old presale_question into four).
  product_question: { dialog: PRESALE },
  size_advice: { dialog: PRESALE },
  price_promotion: { dialog: PRESALE },
  shipping_question: { dialog: PRESALE },
  refund_request: { dialog: REFUND },
  return_request: { dialog: REFUND },
  refund_progress: { dialog: REFUND },
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
  ask_supervisor: { dialog: COMPLAINT },
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

export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: FlowDeps) {
    super(MAIN_DIALOG);
    for (const Flow of [
      OrderPickerDialog,
      UrgePaymentDialog,
      PresaleDialog,
      RefundDialog,
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

  /** Runs one turn: handle an interruption, continue the active flow, or route afresh. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor): Promise<void> {
    const dc = await this.dialogContext(context, dialogState);
    if (context.activity.type === ActivityTypes.ConversationUpdate) {
      if (this.someoneJoined(context)) await this.greet(context);
      return;
    }
    if (context.activity.type !== ActivityTypes.Message) return;
    const recognition = getRecognition(context);
    if (recognition?.entities.stopReminders) return this.stopReminders(dc);
    if (dc.activeDialog && recognition && (await this.interrupted(dc, recognition))) return;
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

  /** Ends whatever flow is running and, with a route, begins that one. */
  private async restart(dc: DialogContext, route?: RouteOptions): Promise<void> {
    const data = await this.deps.conversationData.get(dc.context, newConversationData());
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

  /** 算了, 转人工, another order, another topic: true when the message was handled as such. */
  private async interrupted(dc: DialogContext, recognition: Recognition): Promise<boolean> {
    const data = await this.deps.conversationData.get(dc.context, newConversationData());
    const text = (dc.context.activity.text ?? '').trim();
    const expecting = data.expecting;
    const answersButtons = expecting && 'choices' in expecting && (expecting.choices.includes(text) || /^\d+$/.test(text));
    if (answersButtons) return false;
    const sure = recognition.confidence >= CLARIFY_BELOW;
    const restart = (route?: RouteOptions) => this.restart(dc, route);

    if (sure && recognition.intent === 'cancel') {
      await restart();
      traceDialog(dc.context, 'main.cancelled');
      await dc.context.sendActivity(this.withButtons(this.deps.templates.render('common.cancelled'), MENU));
      return true;
    }
    if (sure && recognition.intent === 'human_agent') {
      const tid = recognition.entities.orderIds[0] ?? data.lastOrder?.tid;
      await restart();
      await this.handOff(dc.context, { askedForHuman: true }, this.deps.templates.render('case.askedForHuman'), tid);
      return true;
    }
    const namedOrder = recognition.entities.orderIds[0];
    if (namedOrder && data.focus?.tid && namedOrder !== data.focus.tid) {
      await restart({ dialog: data.focus.flow, options: { tid: namedOrder } satisfies FlowOptions });
      return true;
    }
    const route = ROUTES[recognition.intent];
    const choosing = expecting !== undefined && 'choices' in expecting;
    if (choosing && route && route.dialog !== data.focus?.flow && recognition.confidence >= SWITCH_TOPIC_ABOVE) {
      await restart({ dialog: route.dialog, options: this.flowOptions(recognition, route) });
      return true;
    }
    return false;
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
    const { orderIds, size, colour } = recognition.entities;
    return { ...route.options, tid: orderIds[0], size, colour };
  }

  private async route(step: WaterfallStepContext) {
    const context = step.context;
    const preset = step.options as RouteOptions | undefined;
    if (preset?.dialog) return step.beginDialog(preset.dialog, preset.options);
    const recognition = getRecognition(context);
    const data = await this.deps.conversationData.get(context, newConversationData());
    if (!recognition || recognition.intent === 'none' || recognition.confidence < CLARIFY_BELOW) return this.clarify(step, recognition, data);
    data.misunderstandings = 0;
    const route = ROUTES[recognition.intent];
    if (route) return step.beginDialog(route.dialog, this.flowOptions(recognition, route));
    switch (recognition.intent) {
      case 'greeting':
        await this.greet(context);
        return this.unpaidOrderFollowUp(step);
      case 'human_agent':
        await this.handOff(context, { askedForHuman: true }, this.deps.templates.render('case.askedForHuman'), recognition.entities.orderIds[0] ?? data.lastOrder?.tid);
        return step.endDialog();
      case 'thanks':
        traceDialog(context, 'main.thanks');
        await context.sendActivity(this.deps.templates.render('common.youAreWelcome'));
        return step.endDialog();
      default:
        traceDialog(context, 'main.menu');
        await context.sendActivity(this.withButtons(this.deps.templates.render('menu.prompt'), MENU));
        return step.endDialog();
    }
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
    data.misunderstandings += 1;
    traceDialog(context, 'main.clarify');
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

  private async afterFlow(step: WaterfallStepContext) {
    const data = await this.deps.conversationData.get(step.context, newConversationData());
    data.focus = undefined;
    data.expecting = undefined;
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
