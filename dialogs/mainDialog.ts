/**
 * MainDialog: greets, shows the menu and routes each message by intent. A message the
 * recognizer is unsure of gets a "which did you mean?" with the likely topics as buttons.
 */
import { ActivityTypes, MessageFactory, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Intent } from '../bot/nlu/types.js';
import { escalationRung } from '../knowledge/policy/escalation.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { Templates } from '../templates/templates.js';
import { getRecognition, newConversationData, traceDialog, type ConversationData } from './turnContext.js';

export const MAIN_DIALOG = 'main';
const ROUTE = 'main.route';

/** Below this confidence the bot asks which topic was meant instead of guessing. */
export const CLARIFY_BELOW = 0.5;

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

export interface MainDialogDeps {
  templates: Templates;
  knowledge: KnowledgeBase;
  conversationData: StatePropertyAccessor<ConversationData>;
}

export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: MainDialogDeps) {
    super(MAIN_DIALOG);
    this.addDialog(new WaterfallDialog(ROUTE, [(step) => this.route(step)]));
    this.initialDialogId = ROUTE;
  }

  /** Runs one turn: continue the active dialog, or start routing afresh. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor): Promise<void> {
    const set = new DialogSet(dialogState);
    set.add(this);
    const dc = await set.createContext(context);
    if (context.activity.type === ActivityTypes.ConversationUpdate) {
      if (this.someoneJoined(context)) await this.greet(context);
      return;
    }
    if (context.activity.type !== ActivityTypes.Message) return;
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
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

  private async route(step: WaterfallStepContext) {
    const context = step.context;
    const recognition = getRecognition(context);
    const data = await this.deps.conversationData.get(context, newConversationData());
    if (!recognition || recognition.intent === 'greeting') {
      data.misunderstandings = 0;
      await this.greet(context);
      return step.endDialog();
    }
    if (recognition.intent === 'none' || recognition.confidence < CLARIFY_BELOW) {
      data.misunderstandings += 1;
      traceDialog(context, 'main.clarify');
      // Two misunderstandings in a row put the case on the agent rung of the ladder.
      if (escalationRung(this.deps.knowledge, { misunderstandings: data.misunderstandings }).rung !== 'bot') {
        await context.sendActivity(this.withButtons(this.deps.templates.render('menu.offerHuman'), MENU));
        return step.endDialog();
      }
      const likely = recognition.ranking.filter((r) => r.intent !== 'none').slice(0, 3);
      const buttons = MENU.filter((m) => likely.some((l) => l.intent === m.intent));
      await context.sendActivity(this.withButtons(this.deps.templates.render('menu.clarify'), buttons.length ? buttons : MENU));
      return step.endDialog();
    }
    data.misunderstandings = 0;
    traceDialog(context, 'main.menu');
    await context.sendActivity(this.withButtons(this.deps.templates.render('menu.prompt'), MENU));
    return step.endDialog();
  }

  private withButtons(text: string, buttons: { label: string }[]) {
    const titles = buttons.map((b) => this.deps.templates.label('menu', b.label));
    return MessageFactory.suggestedActions(titles, text);
  }
}
