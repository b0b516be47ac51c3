/**
 * Logs every activity of a turn into the conversation log as it happens: the incoming one before
 * the bot runs, each outgoing one before it is sent. botbuilder's own TranscriptLoggerMiddleware
 * writes only at the end of the turn and does not wait for the store, which is too late and
 * unordered for a live stream (web chat, agent console).
 */
import { ActivityEventNames, ActivityTypes, RoleTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { ConversationLog } from './conversationLog.js';

/** What a person would see in a transcript: messages and the handoff event, not typing or traces. */
const LOGGED = new Set<string>([ActivityTypes.Message, ActivityTypes.Event]);
const worthLogging = (a: Partial<Activity>) => LOGGED.has(a.type ?? '') && a.name !== ActivityEventNames.ContinueConversation;

export class TranscriptMiddleware implements Middleware {
  constructor(private readonly log: ConversationLog) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const where = { channelId: context.activity.channelId, conversationId: context.activity.conversation.id };
    const incoming = context.activity;
    if (worthLogging(incoming)) await this.log.append(where, { ...incoming, from: { ...incoming.from, role: incoming.from.role ?? RoleTypes.User } });
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
