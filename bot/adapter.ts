/**
 * The Bot Framework edge: CloudAdapter with Bot Framework authentication. With no
 * MicrosoftAppId configured it accepts unauthenticated local traffic (emulator, tests, the
 * terminal chat); with one it validates every incoming token as Bot Framework does.
 *
 * Outbound calls (replies, typing, proactive messages) go only to allowed serviceUrls and give up
 * after OUTBOUND_TIMEOUT_MS (guardedAuthentication.ts). A buyer's turn that fails gets one
 * apology. One that fails because the store is unavailable or the conversation is busy gets
 * none: it is refused (503) so the channel sends the message again, and nothing acknowledged is
 * lost.
 */
import {
  ActivityEventNames,
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { isStoreUnavailable } from './state/unavailable.js';
import type { Config } from './config.js';
import { GuardedAuthentication } from './guardedAuthentication.js';
import type { Logger } from './logger.js';

export class KefuAdapter extends CloudAdapter {
  /** Runs one incoming activity; throws AuthenticationError, or what the store threw when it is unavailable. */
  run(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export interface AdapterOptions {
  /** Where the bot may send: ALLOWED_SERVICE_URLS and the web chat's own connector. */
  serviceUrlAllowed: (serviceUrl: string) => boolean;
  outboundTimeoutMs: number;
}

export function createAdapter(
  config: Config,
  options: AdapterOptions,
  logger: Logger,
  apologise: (context: TurnContext) => Promise<void>,
): KefuAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new KefuAdapter(new GuardedAuthentication(auth, options.serviceUrlAllowed, options.outboundTimeoutMs));
  adapter.onTurnError = async (context, error) => {
    // Not processed: the caller answers 503 and the channel retries; an apology would be a lie.
    if (isStoreUnavailable(error)) throw error;
    // A turn the shop started (reminder, agent reply): its caller retries or reports the failure;
    // the buyer, who asked nothing, gets no apology.
    if (context.activity.name === ActivityEventNames.ContinueConversation) throw error;
    logger.error({ err: error, conversationId: context.activity.conversation?.id }, 'turn failed');
    await apologise(context).catch((err) => logger.error({ err }, 'could not send the apology'));
  };
  adapter.use(async (context, next) => {
    // A proactive turn (reminder, agent reply) answers no message of the buyer's: the replyToId
    // the SDK puts on it names the continuation event, and Web Chat would wait for that activity.
    const { type, name } = context.activity;
    if (type === ActivityTypes.Event && name === ActivityEventNames.ContinueConversation)
      context.onSendActivities((_ctx, activities, sendNext) => {
        activities.forEach((activity) => delete activity.replyToId);
        return sendNext();
      });
    await next();
  });
  return adapter;
}
