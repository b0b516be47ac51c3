/**
 * 满意度: three buttons (满意 / 一般 / 不满意; typed "还行", "不太满意" work too), asked once the
 * bot has helped and the buyer says thanks or bye, and when an agent gives the conversation back.
 * Not a dialog on the stack: the question waits in the conversation's insights session, so any
 * other message simply lets it go and is answered as usual.
 */
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { Agent } from '../bot/agents/agentAuth.js';
import { HandoffDesk, type DeskRefusal, type HandoffDeskDeps } from '../bot/handoff/handoffDesk.js';
import type { ConversationInsights } from '../bot/insights/conversationInsights.js';
import { RATING_LABELS, RATINGS, ratingOf } from '../bot/insights/satisfaction.js';
import type { Templates } from '../templates/templates.js';
import { traceDialog } from './turnContext.js';

const keyOf = (context: TurnContext) => ({ channelId: context.activity.channelId, conversationId: context.activity.conversation.id });

export class SatisfactionSurvey {
  constructor(private readonly deps: { insights: ConversationInsights; templates: Templates }) {}

  /** After the buyer's thanks: asks when something was done for them, once per conversation. */
  async afterThanks(context: TurnContext): Promise<void> {
    if (await this.deps.insights.mayAskRating(keyOf(context))) await this.ask(context);
  }

  async ask(context: TurnContext): Promise<void> {
    traceDialog(context, 'satisfaction.ask');
    const labels = RATINGS.map((r) => RATING_LABELS[r]);
    await context.sendActivity(MessageFactory.suggestedActions(labels, this.deps.templates.render('satisfaction.ask')));
    await this.deps.insights.ratingAsked(keyOf(context));
  }

  /** True when the message was the rating asked for (and the buyer is thanked). */
  async answered(context: TurnContext): Promise<boolean> {
    const where = keyOf(context);
    if (!(await this.deps.insights.awaitingRating(where))) return false;
    const rating = ratingOf(context.activity.text ?? '');
    await this.deps.insights.rated(where, rating);
    if (!rating) return false;
    traceDialog(context, 'satisfaction.rated');
    await context.sendActivity(this.deps.templates.render('satisfaction.thanks', { low: rating === 1 }));
    return true;
  }
}

/** The handoff desk, asking the buyer for a rating when an agent gives the conversation back to the bot. */
export class SurveyingDesk extends HandoffDesk {
  constructor(private readonly surveyDeps: HandoffDeskDeps & { survey: SatisfactionSurvey }) {
    super(surveyDeps);
  }

  override async giveBack(id: string, agent: Agent): Promise<{ ok: true } | { ok: false; reason: DeskRefusal }> {
    const result = await super.giveBack(id, agent);
    const handoff = result.ok ? await this.surveyDeps.store.get(id) : undefined;
    // Channels without a serviceUrl (the terminal chat) hear nothing outside their own turns.
    if (handoff?.reference.serviceUrl) {
      const { adapter, appId, survey } = this.surveyDeps;
      await adapter.continueConversationAsync(appId, handoff.reference, (context) => survey.ask(context));
    }
    return result;
  }
}
