/**
 * A stand-in for a channel's connector: the serviceUrl a conversation came from. Proactive
 * messages (continueConversation) and agent replies are POSTed here, and tests read them back.
 */
import type { Server } from 'node:http';
import type { Activity } from 'botbuilder';
import express from 'express';

export interface ChannelSink {
  url: string;
  received: { conversationId: string; activity: Partial<Activity> }[];
  /** Resolves once `count` activities arrived in the conversation (rejects after timeoutMs). */
  waitFor(conversationId: string, count?: number, timeoutMs?: number): Promise<Partial<Activity>[]>;
  close(): Promise<void>;
}

export async function startChannelSink(): Promise<ChannelSink> {
  const received: ChannelSink['received'] = [];
  const app = express();
  app.use(express.json());
  app.post('/v3/conversations/:conversationId/activities{/:replyTo}', (req, res) => {
    received.push({ conversationId: req.params.conversationId, activity: req.body as Partial<Activity> });
    res.json({ id: `sink-${received.length}` });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const inConversation = (id: string) => received.filter((r) => r.conversationId === id).map((r) => r.activity);
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async waitFor(conversationId, count = 1, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (inConversation(conversationId).length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} activities in ${conversationId}, got ${inConversation(conversationId).length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return inConversation(conversationId);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
