/**
 * One turn, end to end: take the conversation's turn lock, load its state, recognize the
 * message, let MainDialog answer, save the state, release the lock, and log one line.
 */
import { performance } from 'node:perf_hooks';
import { ActivityTypes, type BotState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MainDialog } from '../dialogs/mainDialog.js';
import { getRecognition, newConversationData, setRecognition, tracedDialog, type ConversationData } from '../dialogs/turnContext.js';
import type { Logger } from './logger.js';
import type { Recognizer } from './nlu/types.js';
import { conversationStateName } from './state/redisKeys.js';
import type { TurnLock } from './state/turnLock.js';

export interface KefuBotDeps {
  conversationState: BotState;
  userState: BotState;
  conversationData: StatePropertyAccessor<ConversationData>;
  mainDialog: MainDialog;
  recognizer: Recognizer;
  lock: TurnLock;
  logger: Logger;
}

export class KefuBot {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(private readonly deps: KefuBotDeps) {
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
  }

  async onTurn(context: TurnContext): Promise<void> {
    const started = performance.now();
    const { activity } = context;
    const lockName = conversationStateName(activity.channelId, activity.conversation.id);
    this.inFlight++;
    try {
      await this.deps.lock.runExclusive(lockName, () => this.takeTurn(context));
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

  /** Resolves once no turn is running (used by graceful shutdown). */
  whenIdle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }

  private async takeTurn(context: TurnContext): Promise<void> {
    const { conversationState, userState, recognizer, mainDialog, conversationData } = this.deps;
    // Force a fresh read: the previous holder of the lock may have changed the state.
    await Promise.all([conversationState.load(context, true), userState.load(context, true)]);
    const data = await conversationData.get(context, newConversationData());
    data.turns += 1;
    if (context.activity.type === ActivityTypes.Message && typeof context.activity.text === 'string') {
      setRecognition(context, recognizer.recognize(context.activity.text, new Date()));
    }
    await mainDialog.run(context, this.dialogState);
    await Promise.all([conversationState.saveChanges(context), userState.saveChanges(context)]);
  }
}
