/**
 * Transcript tests: the real Kefu pipeline (recognizer, MainDialog, flows, demo orders, policy,
 * templates) driven through botbuilder's TestAdapter, one conversation per buyer.
 */
import { randomUUID } from 'node:crypto';
import { TestAdapter, type Activity } from 'botbuilder';
import { createKefu, type Kefu } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { unescapeText } from '../../templates/escape.js';

export interface Reply {
  text: string;
  buttons: string[];
}

export interface Chat {
  /** Sends a buyer message; resolves with the bot's replies to it. */
  say(text: string): Promise<Reply[]>;
  /** All reply texts of the last say(), joined. */
  readonly last: string;
  /** Buttons offered by the last reply that had any. */
  readonly buttons: string[];
  /** Clicks the button whose label contains `part`. */
  click(part: string): Promise<Reply[]>;
  /** The buyer opens the chat window (conversationUpdate with the buyer joining). */
  join(): Promise<Reply[]>;
}

let shared: Promise<Kefu> | undefined;

/** One Kefu (in-memory state, demo orders) shared by the tests of a file. */
export function testKefu(): Promise<Kefu> {
  shared ??= createKefu(loadConfig({ LOG_LEVEL: 'silent' }), createLogger('silent'));
  return shared;
}

export async function chat(buyerId = 'tb_buyer_001'): Promise<Chat> {
  const kefu = await testKefu();
  const conversationId = `t-${randomUUID()}`;
  const adapter = new TestAdapter((context) => {
    // Each chat is its own buyer and conversation (TestAdapter's template has one fixed user).
    context.activity.from = { id: buyerId, name: buyerId };
    context.activity.conversation = { ...context.activity.conversation, id: conversationId };
    context.activity.locale = 'zh-CN';
    return kefu.bot.onTurn(context);
  });
  let lastReplies: Reply[] = [];
  const toReply = (a: Partial<Activity>): Reply => ({
    text: unescapeText(a.text ?? ''),
    buttons: (a.suggestedActions?.actions ?? []).map((x) => String(x.title)),
  });
  const receive = async (activity: string | Partial<Activity>) => {
    adapter.activeQueue.splice(0);
    await adapter.receiveActivity(activity);
    lastReplies = adapter.activeQueue.splice(0).filter((a) => a.type === 'message').map(toReply);
    return lastReplies;
  };
  const self: Chat = {
    say: (text) => receive(text),
    join: () => receive({ type: 'conversationUpdate', membersAdded: [{ id: buyerId, name: buyerId }], recipient: { id: 'kefu', name: 'kefu' } }),
    get last() {
      return lastReplies.map((r) => r.text).join('\n');
    },
    get buttons() {
      return [...lastReplies].reverse().find((r) => r.buttons.length)?.buttons ?? [];
    },
    async click(part) {
      const label = self.buttons.find((b) => b.includes(part));
      if (!label) throw new Error(`no button containing "${part}" among ${JSON.stringify(self.buttons)}; last: ${self.last}`);
      return self.say(label);
    },
  };
  return self;
}
