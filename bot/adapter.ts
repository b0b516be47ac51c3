/**
 * The Bot Framework edge: CloudAdapter with Bot Framework authentication. With no
 * MicrosoftAppId configured it accepts unauthenticated local traffic (emulator, tests, the
 * terminal chat); with one it validates every incoming token as Bot Framework does.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
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
  return adapter;
}
