/**
 * "小满正在输入…" while a turn takes a moment (an order lookup): after `delayMs`, then every
 * `periodMs`, until the turn ends. Replaces botbuilder's ShowTypingMiddleware, whose timer could
 * fire after the turn had ended and touch the revoked TurnContext: the rejection ended the process.
 *
 * Typing goes only where a channel receives activities outside the HTTP response: never for
 * expectReplies (the replies travel in the response) and never without a serviceUrl. A failed
 * send is logged and the typing stops; nothing touches the context once the turn is over.
 */
import { ActivityTypes, DeliveryModes, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from './logger.js';

export class TypingIndicator implements Middleware {
  constructor(
    private readonly delayMs: number,
    private readonly periodMs: number,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.type !== ActivityTypes.Message || activity.deliveryMode === DeliveryModes.ExpectReplies || !activity.serviceUrl) return next();
    let turnOver = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = () => {
      if (turnOver) return;
      context
        .sendActivity({ type: ActivityTypes.Typing })
        .then(() => {
          if (!turnOver) timer = setTimeout(tick, this.periodMs);
        })
        .catch((err: Error) => this.logger.warn({ err: err.message, conversationId: activity.conversation.id }, 'typing indicator not delivered'));
    };
    timer = setTimeout(tick, this.delayMs);
    try {
      await next();
    } finally {
      turnOver = true;
      clearTimeout(timer);
    }
  }
}
