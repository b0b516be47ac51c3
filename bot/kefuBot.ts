/**
 * One turn, end to end: take the conversation's turn lock, load its state, recognize the
 * message, let MainDialog answer, save the state, release the lock, and log one line.
 */
import { performance } from 'node:perf_hooks';
import { ActivityTypes, TurnContext, type BotState, type StatePropertyAccessor } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MainDialog, RouteOptions } from '../dialogs/mainDialog.js';
import { URGE_PAYMENT } from '../dialogs/urgePaymentDialog.js';
import { getRecognition, newConversationData, setRecognition, traceDialog, tracedDialog, type ConversationData } from '../dialogs/turnContext.js';
import type { Logger } from './logger.js';
import type { Recognizer } from './nlu/types.js';
import type { HandoffStore } from './handoff/handoffStore.js';
import type { ConversationInsights } from './insights/conversationInsights.js';
import { unplacedReason } from './insights/turnNotes.js';
import type { Metrics } from './metrics.js';
import type { BuyerContacts } from './proactive/buyerContacts.js';
import { conversationStateName } from './state/redisKeys.js';
import type { TurnLock } from './state/turnLock.js';

export interface KefuBotDeps {
  conversationState: BotState;
  userState: BotState;
  conversationData: StatePropertyAccessor<ConversationData>;
  mainDialog: MainDialog;
  recognizer: Recognizer;
  lock: TurnLock;
  contacts: BuyerContacts;
  handoffs: HandoffStore;
  metrics: Metrics;
  logger: Logger;
  /** A turn still running after this fails (the buyer gets the apology) and frees the conversation. */
  turnDeadlineMs: number;
  /** The shop's insights (outcomes, unanswered questions); absent in dialog tests. */
  insights?: ConversationInsights;
}

export class TurnDeadlineError extends Error {
  override name = 'TurnDeadlineError';
}

/** What a turn the shop starts (a reminder, a follow-up) may do in the buyer's conversation. */
export interface ProactiveTurn {
  context: TurnContext;
  data: ConversationData;
  startFlow(route: RouteOptions): Promise<void>;
}

export class KefuBot {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(private readonly deps: KefuBotDeps) {
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
  }

  onTurn(context: TurnContext): Promise<void> {
    return this.exclusive(context, () => this.takeTurn(context));
  }

  /**
   * A turn the shop starts, in the conversation of `context` (from continueConversation): same
   * lock and state as the buyer's own turns, so the two never overwrite each other.
   */
  proactiveTurn<T>(context: TurnContext, act: (turn: ProactiveTurn) => Promise<T>): Promise<T> {
    return this.exclusive(context, async () => {
      const { conversationState, conversationData, mainDialog } = this.deps;
      await conversationState.load(context, true);
      const data = await conversationData.get(context, newConversationData());
      const result = await act({ context, data, startFlow: (route) => mainDialog.startFlow(context, this.dialogState, route) });
      await conversationState.saveChanges(context);
      // A 催付 reminder opened F1 on an order: the conversation now counts toward 催付 conversion.
      if (tracedDialog(context)?.startsWith(`${URGE_PAYMENT}.`) && data.focus?.tid)
        await this.deps.insights?.onReminder({ channelId: context.activity.channelId, conversationId: context.activity.conversation.id }, data.focus.tid);
      return result;
    });
  }

  private async exclusive<T>(context: TurnContext, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const { activity } = context;
    const lockName = conversationStateName(activity.channelId, activity.conversation.id);
    this.inFlight++;
    try {
      return await this.deps.lock.runExclusive(lockName, () => this.withinDeadline(work));
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
      const recognition = getRecognition(context);
      this.deps.logger.info(
        {
          conversationId: activity.conversation.id,
          activityType: activity.type,
          intent: recognition?.intent,
          confidence: recognition && Math.round(recognition.confidence * 100) / 100,
          dialog: tracedDialog(context),
          latencyMs: Math.round((performance.now() - started) * 10) / 10,
        },
        'turn',
      );
    }
  }

  /**
   * The turn's outcome, or TurnDeadlineError once the deadline passes. A turn past its deadline
   * runs on unobserved (its writes lose to newer ones by eTag); its failure is only logged.
   */
  private withinDeadline<T>(work: () => Promise<T>): Promise<T> {
    const { turnDeadlineMs, logger } = this.deps;
    const running = work();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        running.catch((err: Error) => logger.warn({ err: err.message }, 'turn failed after its deadline'));
        reject(new TurnDeadlineError(`the turn took longer than ${turnDeadlineMs} ms`));
      }, turnDeadlineMs);
    });
    return Promise.race([running, deadline]).finally(() => clearTimeout(timer));
  }

  /** Resolves once no turn is running (used by graceful shutdown). */
  whenIdle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }

  private async takeTurn(context: TurnContext): Promise<void> {
    const { conversationState, userState, recognizer, mainDialog, conversationData } = this.deps;
    const { activity } = context;
    // Reads that do not depend on each other go out together (one round trip on the turn's path).
    // Force a fresh state read: the previous holder of the lock may have changed the state.
    const [, , withAgent] = await Promise.all([
      conversationState.load(context, true),
      userState.load(context, true),
      this.deps.handoffs.active({ channelId: activity.channelId, conversationId: activity.conversation.id }),
    ]);
    const data = await conversationData.get(context, newConversationData());
    data.turns += 1;
    if (data.turns === 1) this.deps.metrics.conversations.inc();
    // Handed to a person: the bot keeps quiet; the message is in the transcript the agent reads.
    if (withAgent) {
      traceDialog(context, 'handoff.withAgent');
      await Promise.all([conversationState.saveChanges(context), userState.saveChanges(context), this.noteTurn(context, data)]);
      return;
    }
    let savingReference: Promise<void> | undefined;
    if (activity.type === ActivityTypes.Message && typeof activity.text === 'string') {
      setRecognition(context, recognizer.recognize(activity.text, new Date()));
      // Where to reach this buyer later (reminders, agent replies); only channels that can be called back. Written while the dialog runs.
      if (activity.serviceUrl) {
        savingReference = this.deps.contacts.saveReference(activity.from.id, TurnContext.getConversationReference(activity));
        // Awaited below; this only keeps a failure before then from counting as unhandled.
        savingReference.catch(() => undefined);
      }
    }
    await mainDialog.run(context, this.dialogState);
    await Promise.all([conversationState.saveChanges(context), userState.saveChanges(context), savingReference, this.noteTurn(context, data)]);
  }

  /** What the shop's insights keep of a buyer's message: intent, flow and step; its text only when the bot could not place it (masked there). */
  private async noteTurn(context: TurnContext, data: ConversationData): Promise<void> {
    const { activity } = context;
    if (!this.deps.insights || activity.type !== ActivityTypes.Message) return;
    const stack = (await this.dialogState.get(context))?.dialogStack ?? [];
    // MainDialog's own stack (a ComponentDialog keeps it under `dialogs`): its route, then the flow under way.
    const flow = (stack[0]?.state as { dialogs?: DialogState } | undefined)?.dialogs?.dialogStack[1]?.id ?? data.focus?.flow;
    const facts = { intent: getRecognition(context)?.intent, step: tracedDialog(context), flow, inFlow: stack.length > 0, unplaced: unplacedReason(context) };
    await this.deps.insights.onTurn({ channelId: activity.channelId, conversationId: activity.conversation.id }, facts, activity.text);
  }
}
