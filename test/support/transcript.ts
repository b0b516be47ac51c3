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
  /** Sends a buyer message from the shop page of an item (channelData.itemId, as the web chat page passes it). */
  sayOnPage(itemId: string, text: string): Promise<Reply[]>;
  /** Product cards (hero card titles) shown in reply to the last message. */
  readonly cards: string[];
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

/**
 * The moment transcripts run at: the demo orders are placed relative to it, and the promotions
 * (dated data) are those open then, so a transcript says the same whatever day the suite runs.
 */
export const TRANSCRIPT_NOW = new Date('2026-11-23T10:00:00+08:00');

/** One Kefu (in-memory state, demo orders, the clock at TRANSCRIPT_NOW) shared by the tests of a file. */
export function testKefu(): Promise<Kefu> {
  shared ??= createKefu(loadConfig({ LOG_LEVEL: 'silent' }), createLogger('silent'), { clock: () => TRANSCRIPT_NOW });
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
  let lastCards: string[] = [];
  const toReply = (a: Partial<Activity>): Reply => ({
    text: unescapeText(a.text ?? ''),
    buttons: (a.suggestedActions?.actions ?? []).map((x) => String(x.title)),
  });
  const receive = async (activity: string | Partial<Activity>) => {
    adapter.activeQueue.splice(0);
    await adapter.receiveActivity(activity);
    const messages = adapter.activeQueue.splice(0).filter((a) => a.type === 'message');
    lastCards = messages.flatMap((a) => a.attachments ?? []).map((card) => String((card.content as { title?: string }).title));
    lastReplies = messages.map(toReply);
    return lastReplies;
  };
  const self: Chat = {
    say: (text) => receive(text),
    sayOnPage: (itemId, text) => receive({ type: 'message', text, channelData: { itemId } }),
    get cards() {
      return lastCards;
    },
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
