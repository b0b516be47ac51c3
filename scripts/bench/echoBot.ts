/**
 * The benchmark's baseline: the smallest Bot Framework bot there is, served like Kefu. botbuilder's
 * CloudAdapter (no app id: unauthenticated local traffic, as Kefu without MicrosoftAppId), a
 * ConversationState over MemoryStorage that counts the turns, and a reply with the buyer's text,
 * on express with a JSON body parser. Nothing else: no rate limits, no transcript, no lock.
 *
 * Run as its own process, like Kefu in the benchmark: `PORT=3979 tsx scripts/bench/echoBot.ts`.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage } from 'botbuilder';
import express from 'express';

const conversationState = new ConversationState(new MemoryStorage());
const turns = conversationState.createProperty<number>('turns');

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await turns.set(context, (await turns.get(context, 0)) + 1);
      await context.sendActivity(context.activity.text ?? '');
      await next();
    });
  }

  override async run(context: Parameters<ActivityHandler['run']>[0]): Promise<void> {
    await super.run(context);
    await conversationState.saveChanges(context);
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  process.stderr.write(`echo bot: turn failed: ${error.message}\n`);
  await context.sendActivity('error');
};
const bot = new EchoBot();

const app = express();
app.disable('x-powered-by');
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.post('/api/messages', express.json({ limit: '64kb' }), (req, res) => adapter.process(req, res, (context) => bot.run(context)));

const port = Number(process.env.PORT ?? 3979);
const server = app.listen(port, process.env.HOST ?? '127.0.0.1', () => process.stdout.write(`echo bot listening on ${port}\n`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
