/**
 * Logs every activity of a turn into the conversation log as it happens: the incoming one before
 * the bot runs, each outgoing one before it is sent. botbuilder's own TranscriptLoggerMiddleware
 * writes only at the end of the turn and does not wait for the store, which is too late and
 * unordered for a live stream (web chat, agent console).
 */
import { ActivityTypes, RoleTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { ConversationLog } from './conversationLog.js';

/** What a person would see of the bot's side: messages and the handoff event, not typing or traces. */
const LOGGED = new Set<string>([ActivityTypes.Message, ActivityTypes.Event]);
const worthLogging = (a: Partial<Activity>) => LOGGED.has(a.type ?? '');

/**
 * A buyer's activity as the log keeps it: what they said and pressed, as role user. Everything
 * else the channel sent (markers such as channelData.kefuAgent, claimed roles, attachments) stays
 * out, so nothing a buyer sends can pass for the shop or an agent in the console or web chat.
 */
function asBuyerSaid(incoming: Activity): Partial<Activity> {
  const { type, id, text, value, locale, timestamp, channelData } = incoming;
  const clientActivityID = (channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
  return {
    type,
    id,
    text,
    value,
    locale,
    timestamp,
    from: { id: incoming.from.id, name: incoming.from.name ?? incoming.from.id, role: RoleTypes.User },
    ...(typeof clientActivityID === 'string' && { channelData: { clientActivityID } }),
  };
}

export class TranscriptMiddleware implements Middleware {
  constructor(private readonly log: ConversationLog) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const where = { channelId: context.activity.channelId, conversationId: context.activity.conversation.id };
    const incoming = context.activity;
    if (incoming.type === ActivityTypes.Message) await this.log.append(where, asBuyerSaid(incoming));
    context.onSendActivities(async (_ctx, activities, sendNext) => {
      for (const [i, activity] of activities.entries()) {
        if (!worthLogging(activity)) continue;
        const stored = await this.log.append(where, { ...activity, from: { id: '', name: '', ...activity.from, role: RoleTypes.Bot } });
        activities[i] = { ...activity, id: stored.id };
      }
      return sendNext();
    });
    await next();
  }
}
