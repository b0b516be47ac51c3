/**
 * A Direct Line 3.0–compatible endpoint inside Kefu, so Bot Framework Web Chat (through its own
 * botframework-directlinejs client) talks to this bot with no cloud service. It implements the
 * part of the protocol that client uses: start or resume a conversation, post activities, read
 * them by watermark (polling) or as a WebSocket stream, refresh the token.
 *
 * Identity: a conversation starts only with a buyer token signed by the shop (signedToken.ts);
 * every later call carries Kefu's conversation token. The buyer id and conversation id always
 * come from the token, never from the activity the browser sends.
 *
 * Replies: activities are processed in-process through the CloudAdapter. The conversation's
 * serviceUrl points at this server's loopback connector route (guarded by a secret path
 * segment), so proactive messages (reminders, agent replies) use the ordinary
 * continueConversation path; every activity reaches browsers from the conversation log.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ActivityTypes, RoleTypes, type Activity, type TurnContext } from 'botbuilder';
import express, { Router, type Request, type Response } from 'express';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { KefuAdapter } from '../adapter.js';
import { bearerToken } from '../http/bearer.js';
import { sendError } from '../http/errors.js';
import { boundedJson, locale, messageText } from '../http/inputLimits.js';
import { limitBy, withinLimit, type RateLimits } from '../http/rateLimits.js';
import { isLoopbackHost } from '../http/serviceUrls.js';
import type { Logger } from '../logger.js';
import type { ConversationLog } from '../transcripts/conversationLog.js';
import { BuyerClaims, ConversationClaims, signToken, verifyToken } from './signedToken.js';

export const WEBCHAT_CHANNEL = 'webchat';
/** How long a conversation token lives; the client refreshes it well before (every 15 minutes). */
const CONVERSATION_TOKEN_SECONDS = 3600;

/** The secret path under which this process's web chat connector takes the bot's replies. */
const connectorKeyOf = (secret: string) => createHmac('sha256', secret).update('connector').digest('base64url');

/**
 * Whether a serviceUrl is this web chat's own connector (on loopback, under its secret path): the
 * one destination the bot may always send to, whatever ALLOWED_SERVICE_URLS says.
 */
export function isWebchatConnector(secret: string): (serviceUrl: string) => boolean {
  const path = `/directline/connector/${connectorKeyOf(secret)}`;
  return (serviceUrl) => {
    const url = URL.canParse(serviceUrl) ? new URL(serviceUrl) : undefined;
    return !!url && url.protocol === 'http:' && isLoopbackHost(url.hostname) && url.pathname.replace(/\/$/, '') === path;
  };
}

export interface DirectLineDeps {
  adapter: KefuAdapter;
  onTurn: (context: TurnContext) => Promise<void>;
  log: ConversationLog;
  secret: string;
  botName: string;
  maxMessageChars: number;
  /** What the bot says in the chat to a message over the length limit. */
  tooLongReply: string;
  rateLimits: RateLimits;
  logger: Logger;
  clock: () => Date;
}

/** What Web Chat posts; anything else it sends along is dropped, never stored. */
const postedActivity = (maxMessageChars: number) =>
  z.object({
    type: z.enum([ActivityTypes.Message, ActivityTypes.Typing]),
    text: messageText(maxMessageChars).optional(),
    locale: locale.optional(),
    value: boundedJson.optional(),
    // Web Chat matches the echo of a sent message by this id; the shop page passes the item in view.
    channelData: z.object({ clientActivityID: z.string().max(128).optional(), itemId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional() }).optional(),
  });

export interface DirectLine {
  router: Router;
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Closes open streams (the clients reconnect to another process, or after a restart). */
  close(): void;
}

export function directLine(deps: DirectLineDeps): DirectLine {
  const { log, secret, clock } = deps;
  const connectorKey = connectorKeyOf(secret);
  const wss = new WebSocketServer({ noServer: true });

  const conversationToken = (claims: Omit<ConversationClaims, 'exp'>) =>
    signToken(secret, 'conversation', { ...claims, exp: Math.floor(clock().getTime() / 1000) + CONVERSATION_TOKEN_SECONDS });

  const started = (req: Request, claims: Omit<ConversationClaims, 'exp'>) => {
    const token = conversationToken(claims);
    const wsOrigin = `${req.protocol === 'https' ? 'wss' : 'ws'}://${req.get('host')}`;
    return {
      conversationId: claims.conversationId,
      token,
      expires_in: CONVERSATION_TOKEN_SECONDS,
      streamUrl: `${wsOrigin}/directline/conversations/${encodeURIComponent(claims.conversationId)}/stream?t=${encodeURIComponent(token)}`,
    };
  };

  /** The conversation token's claims, which must name the conversation in the path. */
  const conversationOf = (req: Request, res: Response): ConversationClaims | undefined => {
    const token = bearerToken(req.get('authorization'));
    const claims = token && verifyToken(secret, 'conversation', ConversationClaims, token, clock());
    if (!claims || (req.params.id !== undefined && claims.conversationId !== req.params.id)) {
      sendError(res, 403, 'forbidden', 'a valid conversation token is required');
      return undefined;
    }
    return claims;
  };

  /** Runs one activity from the browser through the bot, as a Direct Line channel would post it. */
  const process = async (req: Request, claims: Omit<ConversationClaims, 'exp'>, activity: Partial<Activity>) => {
    const full = {
      ...activity,
      channelId: WEBCHAT_CHANNEL,
      serviceUrl: `http://127.0.0.1:${req.socket.localPort}/directline/connector/${connectorKey}`,
      conversation: { id: claims.conversationId },
      from: { id: claims.buyerId, name: claims.buyerId, role: RoleTypes.User },
      recipient: { id: 'kefu', name: deps.botName, role: RoleTypes.Bot },
      timestamp: new Date(),
    } as Activity;
    await deps.adapter.run('', full, deps.onTurn);
  };

  const PostedActivity = postedActivity(deps.maxMessageChars);
  const router = Router();
  router.use(limitBy(deps.rateLimits.address, (req) => req.ip));
  router.use(express.json({ limit: '64kb' }));

  router.post('/conversations', async (req, res) => {
    const token = bearerToken(req.get('authorization'));
    const buyer = token && verifyToken(secret, 'buyer', BuyerClaims, token, clock());
    if (!buyer) return sendError(res, 403, 'forbidden', 'a buyer token signed by the shop is required');
    if (!(await withinLimit(deps.rateLimits.buyerConversations, buyer.buyerId, res))) return;
    const claims = { buyerId: buyer.buyerId, conversationId: `wc-${randomUUID()}` };
    // Like Direct Line: the bot hears that the buyer joined (and greets them).
    await process(req, claims, { type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: buyer.buyerId, name: buyer.buyerId }] });
    res.status(201).json(started(req, claims));
  });

  router.get('/conversations/:id', (req, res) => {
    const claims = conversationOf(req, res);
    if (claims) res.json(started(req, claims));
  });

  router.post('/tokens/refresh', (req, res) => {
    const claims = conversationOf(req, res);
    if (claims) res.json({ conversationId: claims.conversationId, token: conversationToken(claims), expires_in: CONVERSATION_TOKEN_SECONDS });
  });

  router.get('/conversations/:id/activities', async (req, res) => {
    const claims = conversationOf(req, res);
    if (!claims) return;
    const since = Number(req.query.watermark) || 0;
    const { activities, watermark } = await log.since({ channelId: WEBCHAT_CHANNEL, conversationId: claims.conversationId }, since);
    res.json({ activities, watermark: String(watermark) });
  });

  router.post('/conversations/:id/activities', async (req, res) => {
    const claims = conversationOf(req, res);
    if (!claims) return;
    const parsed = PostedActivity.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const tooLong = issue.code === 'too_big';
      // The page shows the message as not sent; the bot says why, in the chat.
      if (tooLong)
        await log.append(
          { channelId: WEBCHAT_CHANNEL, conversationId: claims.conversationId },
          { type: ActivityTypes.Message, text: deps.tooLongReply, from: { id: 'kefu', name: deps.botName, role: RoleTypes.Bot } },
        );
      return sendError(res, tooLong ? 413 : 400, tooLong ? 'message_too_long' : 'invalid_activity', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const id = randomUUID();
    if (parsed.data.type !== ActivityTypes.Message) return res.json({ id });
    if (!(await withinLimit(deps.rateLimits.buyerMessages, `${WEBCHAT_CHANNEL}:${claims.buyerId}`, res))) return;
    // Answered only once the turn ran: a failure (503 when the store is down) means "send it again".
    await process(req, claims, { ...parsed.data, id } as Partial<Activity>);
    res.json({ id });
  });

  /** Where the bot's connector client sends replies and proactive messages for this channel. */
  router.post(`/connector/:key/v3/conversations/:conversationId/activities{/:replyTo}`, async (req, res) => {
    if (req.params.key !== connectorKey) return sendError(res, 404, 'not_found', 'no such endpoint');
    const activity = req.body as Partial<Activity>;
    // Messages and events are in the log already (TranscriptMiddleware); typing is only announced.
    if (activity.type === ActivityTypes.Typing) await log.announce({ channelId: WEBCHAT_CHANNEL, conversationId: req.params.conversationId }, activity);
    res.json({ id: activity.id ?? randomUUID() });
  });

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/directline\/conversations\/([^/]+)\/stream$/.exec(url.pathname);
    const claims = match && verifyToken(secret, 'conversation', ConversationClaims, url.searchParams.get('t') ?? '', clock());
    if (!match || !claims || claims.conversationId !== decodeURIComponent(match[1]!)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => stream(ws, claims.conversationId, Number(url.searchParams.get('watermark')) || 0));
  };

  /** Sends what the client has not seen, then every new activity as it is appended. */
  const stream = (ws: WebSocket, conversationId: string, from: number) => {
    const where = { channelId: WEBCHAT_CHANNEL, conversationId };
    let sent = from;
    let queue = Promise.resolve();
    // A failed read (Redis away) is logged and left for the next append or the client's
    // reconnect: the queue itself never stays rejected.
    const catchUp = () =>
      (queue = queue
        .then(async () => {
          const { activities, watermark } = await log.since(where, sent);
          if (activities.length && ws.readyState === ws.OPEN) ws.send(JSON.stringify({ activities, watermark: String(watermark) }));
          sent = watermark;
        })
        .catch((err: Error) => deps.logger.warn({ err: err.message, conversationId }, 'web chat stream could not read the log')));
    const unsubscribe = log.onAppend((appended) => {
      if (appended.conversationId !== conversationId || appended.channelId !== WEBCHAT_CHANNEL) return;
      if (appended.transient) ws.send(JSON.stringify({ activities: [appended.activity] }));
      else if (appended.watermark > sent) void catchUp();
    });
    void catchUp();
    // Direct Line keeps streams alive with empty messages; so do we (proxies drop idle sockets).
    const keepAlive = setInterval(() => ws.readyState === ws.OPEN && ws.send(''), 25_000);
    ws.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
    ws.on('error', (err) => deps.logger.warn({ err: err.message }, 'web chat stream error'));
  };

  return { router, upgrade, close: () => wss.clients.forEach((ws) => ws.terminate()) };
}
