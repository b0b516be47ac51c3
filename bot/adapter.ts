/**
 * The Bot Framework edge: CloudAdapter with Bot Framework authentication. With no
 * MicrosoftAppId configured it accepts unauthenticated local traffic (emulator, tests, the
 * terminal chat); with one it validates every incoming token as Bot Framework does.
 */
import { ActivityEventNames, ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

export function createAdapter(config: Config, logger: Logger, apologise: (context: TurnContext) => Promise<void>): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
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
